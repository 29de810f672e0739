import { useEffect, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { DataTable } from 'mantine-datatable';
import { IconFileSpreadsheet, IconDownload, IconAlertTriangle, IconCheck } from '@tabler/icons-react';
import {
  FIELD_LABELS,
  HOUSEHOLD_FIELDS,
  ROSTER_KIND_LABELS,
  WORKER_FIELDS,
  type Counts,
  type Field,
  type ImportResult,
  type LayoutOverride,
  type RosterKind,
  type SheetSummary,
} from '@shared/imports';
import type { ApiEvents } from '@shared/api';
import { call, notifyError, notifySuccess } from '@renderer/lib/api';
import { useAppState } from '@renderer/lib/settings-context';
import { useNavigate } from '@renderer/lib/navigation';

const COUNT_LABELS: [keyof Counts, string][] = [
  ['grids', '网格'],
  ['workers', '网格员'],
  ['assignments', '任职'],
  ['households', '住户'],
];

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

export function ImportPage() {
  const { invalidate } = useAppState();
  const navigate = useNavigate();
  const [file, setFile] = useState<string | null>(null);
  const [overrides, setOverrides] = useState<Record<string, LayoutOverride>>({});
  const [result, setResult] = useState<ImportResult | null>(null);
  const [done, setDone] = useState<ImportResult | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [progress, setProgress] = useState<ApiEvents['progress'] | null>(null);

  useEffect(() => window.api.on('progress', (p) => (p.task === 'import' ? setProgress(p) : undefined)), []);

  const analyze = async (f: string, o: Record<string, LayoutOverride>) => {
    setBusy('正在检查…');
    setProgress(null);
    const r = await call('import/analyze', { file: f, overrides: o });
    setBusy(null);
    if (!r.ok) return notifyError(r.error);
    setResult(r.value);
  };

  const pick = async () => {
    const r = await call('import/pickFile', {});
    if (!r.ok) return notifyError(r.error);
    if (!r.value.file) return;
    setFile(r.value.file);
    setOverrides({});
    setDone(null);
    setSkipInvalid(false);
    await analyze(r.value.file, {});
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
    if (!r.ok) return notifyError(r.error);
    if (!r.value.committed) {
      setResult(r.value);
      return notifyError({ code: 'VALIDATION', message: `文件有 ${r.value.errors.length} 处错误，没有导入任何数据。` });
    }
    setDone(r.value);
    setResult(null);
    invalidate();
    notifySuccess('花名册已导入', '导入完成');
  };

  const saveErrors = async () => {
    if (!file) return;
    const r = await call('import/errorWorkbook', { file, overrides });
    if (!r.ok) return notifyError(r.error);
    if (r.value.file) {
      notifySuccess(`已保存错误清单（标出 ${r.value.rows} 行）：${r.value.file}`);
      void call('files/open', { file: r.value.file });
    }
  };

  const saveTemplate = async () => {
    const r = await call('import/template', {});
    if (!r.ok) return notifyError(r.error);
    if (r.value.file) {
      notifySuccess(`已保存导入模板：${r.value.file}`);
      void call('files/open', { file: r.value.file });
    }
  };

  const nothingToImport =
    result !== null &&
    Object.values(result.created).every((n) => n === 0) &&
    Object.values(result.updated).every((n) => n === 0);

  return (
    <Stack gap="md" maw={1200}>
      <Group justify="space-between">
        <Title order={2}>导入花名册</Title>
        <Button variant="default" leftSection={<IconDownload size={16} />} onClick={() => void saveTemplate()}>
          下载导入模板
        </Button>
      </Group>
      <Card withBorder>
        <Group justify="space-between">
          <Stack gap={2}>
            <Text fw={600}>{file ? baseName(file) : '选择各村报来的网格员或住户花名册'}</Text>
            <Text size="sm" c="dimmed">
              支持 Excel 工作簿（.xlsx）和 CSV
              文件。表头可以在前几行，列名可以不同，会自动识别；导入前先检查，有错误不会导入任何数据。
            </Text>
          </Stack>
          <Button
            leftSection={<IconFileSpreadsheet size={16} />}
            onClick={() => void pick()}
            loading={busy !== null && !result}
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

      {done && (
        <Alert color="teal" icon={<IconCheck />} title="导入完成" data-testid="import-done">
          <Text size="sm">
            新增：{COUNT_LABELS.map(([k, l]) => `${l} ${done.created[k]}`).join('，')}；更新：
            {COUNT_LABELS.map(([k, l]) => `${l} ${done.updated[k]}`).join('，')}。
            {done.errors.length > 0 && `另有 ${done.errors.length} 处错误的行未导入。`}
          </Text>
          <Group mt="sm">
            <Button size="xs" onClick={() => navigate('workers')}>
              查看网格员
            </Button>
            <Button size="xs" variant="default" onClick={() => navigate('households')}>
              查看住户
            </Button>
            <Button size="xs" variant="default" onClick={() => navigate('grids')}>
              查看网格
            </Button>
          </Group>
        </Alert>
      )}

      {result && (
        <>
          {result.sheets.map((s) => (
            <SheetCard key={s.sheet} sheet={s} onChange={(c) => changeSheet(s.sheet, c)} />
          ))}
          <Card withBorder>
            <Title order={4} mb="sm">
              检查结果（预览，尚未写入）
            </Title>
            <Table withTableBorder data-testid="import-summary" maw={640}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th />
                  {COUNT_LABELS.map(([, l]) => (
                    <Table.Th key={l}>{l}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(
                  [
                    ['新增', result.created],
                    ['更新', result.updated],
                    ['不变', result.unchanged],
                  ] as const
                ).map(([label, c]) => (
                  <Table.Tr key={label}>
                    <Table.Th>{label}</Table.Th>
                    {COUNT_LABELS.map(([k]) => (
                      <Table.Td key={k}>{c[k]}</Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
          {result.errors.length > 0 && (
            <Card withBorder>
              <Group justify="space-between" mb="sm">
                <Group gap="xs">
                  <IconAlertTriangle color="var(--mantine-color-red-6)" />
                  <Title order={4}>发现 {result.errors.length} 处错误</Title>
                </Group>
                <Button variant="light" color="red" onClick={() => void saveErrors()}>
                  导出错误清单（发回村里修改）
                </Button>
              </Group>
              <DataTable
                withTableBorder
                striped
                height={Math.min(420, 60 + result.errors.length * 36)}
                records={result.errors.map((e, i) => ({ ...e, id: i }))}
                data-testid="import-errors"
                columns={[
                  { accessor: 'sheet', title: '工作表', width: 120 },
                  { accessor: 'row', title: '行号', width: 70 },
                  { accessor: 'column', title: '列', width: 120 },
                  { accessor: 'message', title: '问题' },
                ]}
              />
            </Card>
          )}
          <Group>
            {result.errors.length > 0 && (
              <Checkbox
                label="只导入无误的行（有错误的行跳过）"
                checked={skipInvalid}
                onChange={(e) => setSkipInvalid(e.currentTarget.checked)}
              />
            )}
            <Button
              onClick={() => void commit()}
              disabled={nothingToImport || (result.errors.length > 0 && !skipInvalid)}
              loading={busy !== null}
            >
              确认导入
            </Button>
            {nothingToImport && result.errors.length === 0 && (
              <Text size="sm" c="dimmed">
                文件内容与现有数据相同，无需导入。
              </Text>
            )}
          </Group>
        </>
      )}
    </Stack>
  );
}

function SheetCard({ sheet, onChange }: { sheet: SheetSummary; onChange(c: LayoutOverride): void }) {
  const fields: readonly Field[] = sheet.kind === 'households' ? HOUSEHOLD_FIELDS : WORKER_FIELDS;
  const columnOptions = [
    { value: '', label: '（没有这一列）' },
    ...sheet.columns.map((c) => ({ value: String(c.index), label: `${c.letter} 列：${c.header}` })),
  ];
  return (
    <Card withBorder data-testid={`sheet-${sheet.sheet}`}>
      <Group justify="space-between" mb="sm">
        <Group gap="xs">
          <Title order={4}>工作表“{sheet.sheet}”</Title>
          {sheet.kind ? (
            <Badge variant="light">{ROSTER_KIND_LABELS[sheet.kind]}</Badge>
          ) : (
            <Badge color="gray" variant="light">
              未识别为花名册，已跳过
            </Badge>
          )}
          {sheet.remembered && (
            <Badge color="teal" variant="outline">
              已沿用上次的列对应
            </Badge>
          )}
        </Group>
        <Select
          aria-label={`${sheet.sheet} 的类型`}
          w={180}
          data={[
            { value: 'workers', label: '网格员花名册' },
            { value: 'households', label: '住户花名册' },
          ]}
          value={sheet.kind}
          placeholder="选择类型"
          onChange={(v) => v && onChange({ kind: v as RosterKind })}
          allowDeselect={false}
        />
      </Group>
      {sheet.headerRow !== null && (
        <>
          <Text size="sm" c="dimmed" mb="xs">
            表头在第 {sheet.headerRow} 行，{sheet.records} 条记录
            {sheet.skippedRows > 0 ? `，跳过合计、签字等 ${sheet.skippedRows} 行` : ''}。请核对列对应，不对的可以改。
          </Text>
          <SimpleGrid cols={{ base: 2, lg: 4 }} spacing="xs">
            {fields.map((f) => (
              <Select
                key={f}
                size="xs"
                label={FIELD_LABELS[f]}
                data={columnOptions}
                value={sheet.mapping[f] === undefined ? '' : String(sheet.mapping[f])}
                onChange={(v) => onChange({ mapping: { [f]: v ? Number(v) : null } })}
                allowDeselect={false}
                styles={
                  sheet.mapping[f] === undefined ? { input: { color: 'var(--mantine-color-dimmed)' } } : undefined
                }
              />
            ))}
          </SimpleGrid>
        </>
      )}
    </Card>
  );
}
