import { useEffect, useState } from 'react';
import { Button, Card, Checkbox, Group, Progress, Stack, Text } from '@mantine/core';
import { IconFileSpreadsheet, IconDownload } from '@tabler/icons-react';
import { sharedColumns, type ImportResult, type LayoutOverride, type RowError } from '@shared/imports';
import type { ApiEvents } from '@shared/api';
import { call, notifyError, notifySuccess } from '@renderer/lib/api';
import { chooseOpen, saveThenOpen } from '@renderer/lib/files';
import { PageHeader } from '@renderer/components/list/ListPage';
import { ConfirmImport } from './ConfirmImport';
import { ImportDone, ImportErrors, ImportFileError, ImportSummary } from './ImportResults';
import { SheetCard } from './SheetCard';

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

function saveTemplate() {
  return saveThenOpen(
    'import/template',
    {},
    { title: '保存导入模板', defaultName: '网格员及住户花名册导入模板.xlsx', describe: () => '已保存导入模板' },
  );
}

/** Saves the rows with errors; after a commit, exactly the rows it skipped (`skipped`). */
function saveErrors(file: string, overrides: Record<string, LayoutOverride>, skipped?: RowError[]) {
  const stem = baseName(file).replace(/\.[^.]+$/, '');
  return saveThenOpen(
    'import/errorWorkbook',
    { file, overrides, errors: skipped },
    {
      title: skipped ? '保存未导入的行' : '保存错误清单',
      defaultName: `${stem}-${skipped ? '未导入的行' : '错误清单'}.xlsx`,
      describe: (r) => `已保存${skipped ? '未导入的行' : '错误清单'}（标出 ${r.rows} 行）`,
    },
  );
}

/** Import progress as the main process reports it. */
function useImportProgress() {
  const [progress, setProgress] = useState<ApiEvents['progress'] | null>(null);
  useEffect(() => window.api.on('progress', (p) => (p.task === 'import' ? setProgress(p) : undefined)), []);
  return [progress, setProgress] as const;
}

// The check runs whenever the file or the mapping changes; it is an action the clerk starts
// (and may correct), so its result lives in this page's state rather than in the query cache.
function useImportFlow() {
  const [file, setFile] = useState<string | null>(null);
  const [overrides, setOverrides] = useState<Record<string, LayoutOverride>>({});
  const [result, setResult] = useState<ImportResult | null>(null);
  const [done, setDone] = useState<ImportResult | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [progress, setProgress] = useImportProgress();

  const analyze = async (f: string, o: Record<string, LayoutOverride>) => {
    setBusy('正在检查…');
    setProgress(null);
    const r = await call('import/analyze', { file: f, overrides: o });
    setBusy(null);
    if (!r.ok) return notifyError(r.error);
    setResult(r.value);
  };

  const pick = async () => {
    const f = await chooseOpen('roster');
    if (!f) return;
    setFile(f);
    setOverrides({});
    setDone(null);
    setResult(null);
    setSkipInvalid(false);
    await analyze(f, {});
  };

  const changeSheet = (sheet: string, change: LayoutOverride) => {
    const next = {
      ...overrides,
      [sheet]: { ...overrides[sheet], ...change, mapping: { ...overrides[sheet]?.mapping, ...change.mapping } },
    };
    if (change.kind) next[sheet] = { kind: change.kind };
    setOverrides(next);
    if (file) void analyze(file, next);
  };

  const commit = async () => {
    if (!file) return;
    setBusy('正在导入…');
    const r = await call('import/commit', { file, overrides, skipInvalid });
    setBusy(null);
    setProgress(null);
    setConfirming(false);
    if (!r.ok) return notifyError(r.error);
    if (!r.value.committed) {
      setResult(r.value);
      const message = r.value.fileError ?? `文件有 ${r.value.errors.length} 处错误，没有导入任何数据。`;
      return notifyError({ code: 'VALIDATION', message });
    }
    setDone(r.value);
    setResult(null);
    notifySuccess('花名册已导入', '导入完成');
  };

  return {
    file,
    overrides,
    result,
    done,
    skipInvalid,
    setSkipInvalid,
    confirming,
    setConfirming,
    busy,
    progress,
    pick,
    changeSheet,
    commit,
  };
}

export function ImportPage() {
  const flow = useImportFlow();
  const { file, overrides, result, done, busy } = flow;
  return (
    <Stack gap="md" maw={1200}>
      <PageHeader title="导入花名册">
        <Button variant="default" leftSection={<IconDownload size={16} />} onClick={() => void saveTemplate()}>
          下载导入模板
        </Button>
      </PageHeader>
      <FileCard
        file={file}
        busy={busy}
        progress={flow.progress}
        picking={busy !== null && !result}
        onPick={flow.pick}
      />
      {done && file && <Committed done={done} onSave={() => void saveErrors(file, overrides, done.errors)} />}
      {result?.fileError && <ImportFileError message={result.fileError} />}
      {result && !result.fileError && file && <Preview flow={flow} result={result} file={file} />}
    </Stack>
  );
}

/** The check's result: each sheet's mapping, the counts, the errors, and the way to commit. */
function Preview({
  flow,
  result,
  file,
}: {
  flow: ReturnType<typeof useImportFlow>;
  result: ImportResult;
  file: string;
}) {
  const busy = flow.busy !== null;
  return (
    <>
      {result.sheets.map((s) => (
        <SheetCard key={s.sheet} sheet={s} onChange={(c) => flow.changeSheet(s.sheet, c)} />
      ))}
      <ImportSummary result={result} />
      {result.errors.length > 0 && (
        <ImportErrors errors={result.errors} onSave={() => void saveErrors(file, flow.overrides)} />
      )}
      <CommitBar
        result={result}
        skipInvalid={flow.skipInvalid}
        onSkipInvalid={flow.setSkipInvalid}
        busy={busy}
        onCommit={() => flow.setConfirming(true)}
      />
      {flow.confirming && (
        <ConfirmImport
          result={result}
          fileName={baseName(file)}
          busy={busy}
          onCancel={() => flow.setConfirming(false)}
          onConfirm={() => void flow.commit()}
        />
      )}
    </>
  );
}

/** After a commit: what it did, and the rows it skipped, still there to be sent back. */
function Committed({ done, onSave }: { done: ImportResult; onSave(): void }) {
  return (
    <>
      <ImportDone done={done} />
      {done.errors.length > 0 && <ImportErrors errors={done.errors} onSave={onSave} committed />}
    </>
  );
}

function FileCard(props: {
  file: string | null;
  busy: string | null;
  progress: ApiEvents['progress'] | null;
  picking: boolean;
  onPick(): Promise<void>;
}) {
  const { file, busy, progress } = props;
  return (
    <Card withBorder>
      <Group justify="space-between">
        <Stack gap={2}>
          <Text fw={600}>{file ? baseName(file) : '选择各村报来的网格员或住户花名册、矛盾纠纷等台账'}</Text>
          <Text size="sm" c="dimmed">
            支持 Excel 工作簿（.xlsx）和 CSV
            文件。表头可以在前几行，列名可以不同，会自动识别；导入前先检查，有错误不会导入任何数据。
          </Text>
        </Stack>
        <Button
          leftSection={<IconFileSpreadsheet size={16} />}
          onClick={() => void props.onPick()}
          loading={props.picking}
        >
          {file ? '换一个文件' : '选择文件'}
        </Button>
      </Group>
      {busy && (
        <Stack gap={4} mt="md">
          <Text size="sm">{progress?.message ?? busy}</Text>
          <Progress
            value={progress && progress.total ? (progress.done / progress.total) * 100 : 100}
            animated
            striped
            aria-label="导入进度"
          />
        </Stack>
      )}
    </Card>
  );
}

function CommitBar(props: {
  result: ImportResult;
  skipInvalid: boolean;
  onSkipInvalid(v: boolean): void;
  busy: boolean;
  onCommit(): void;
}) {
  const { result } = props;
  const hasErrors = result.errors.length > 0;
  const nothingToImport =
    Object.values(result.created).every((n) => n === 0) && Object.values(result.updated).every((n) => n === 0);
  const conflicted = result.sheets.some((s) => sharedColumns(s.mapping).length > 0);
  return (
    <Group>
      {hasErrors && !conflicted && (
        <Checkbox
          label="只导入无误的行（有错误的行跳过）"
          checked={props.skipInvalid}
          onChange={(e) => props.onSkipInvalid(e.currentTarget.checked)}
        />
      )}
      <Button
        onClick={props.onCommit}
        disabled={conflicted || nothingToImport || (hasErrors && !props.skipInvalid)}
        loading={props.busy}
      >
        确认导入
      </Button>
      {conflicted && (
        <Text size="sm" c="red.7">
          有一列同时对应了两个字段，请先改正列对应。
        </Text>
      )}
      {nothingToImport && !hasErrors && (
        <Text size="sm" c="dimmed">
          文件内容与现有数据相同，无需导入。
        </Text>
      )}
    </Group>
  );
}
