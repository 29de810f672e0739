import { useEffect, useMemo, useState } from 'react';
import {
  Button,
  Card,
  Checkbox,
  Group,
  Input,
  Progress,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPrinter } from '@tabler/icons-react';
import type { ApiEvents, HandlerInput } from '@shared/api';
import { call } from '@renderer/lib/api';
import { saveThenOpen } from '@renderer/lib/files';
import { useApiQuery } from '@renderer/lib/query';
import { GridSelect } from '@renderer/components/GridSelect';
import { PrintCheck } from './PrintCheck';

const BOARD_LEVELS = [1, 2] as const;
const CARD_LEVELS = [1, 2, 3, 4] as const;

type Kind = 'signboard' | 'cards';
type Paper = 'A4' | 'A3' | 'A2';
type CardSize = '90x54' | '85.6x54';

interface Options {
  kind: Kind;
  gridId: number | null;
  paper: Paper;
  size: CardSize;
  perSheet: string;
  back: boolean;
}

type CheckInput = HandlerInput<'print/check'>;

function checkInput(o: Options, gridId: number): CheckInput {
  return o.kind === 'cards'
    ? { kind: 'cards', gridId, size: o.size, perSheet: Number(o.perSheet), back: o.back }
    : { kind: 'signboard', gridId, paper: o.paper };
}

/** Never sent: the check's key while nothing is selected (the query is disabled then). */
const NOTHING: CheckInput = { kind: 'signboard', gridId: 0, paper: 'A3' };

/**
 * The check (and its preview PDF) for what is selected, run once per change: the selection is
 * keyed as a string, so only a real change (after the clerk pauses) starts a new check. The
 * previous result stays on screen, marked pending, until the new one arrives.
 */
function usePrintCheck(options: Options) {
  const key = options.gridId === null ? null : JSON.stringify(checkInput(options, options.gridId));
  const [settledKey] = useDebouncedValue(key, 250);
  const input = useMemo(() => (settledKey === null ? null : (JSON.parse(settledKey) as CheckInput)), [settledKey]);
  const check = useApiQuery('print/check', input ?? NOTHING, {
    enabled: input !== null,
    silent: true,
    // Any write marks every query stale (lib/api.ts), so a kept result is never out of date.
    staleTime: Infinity,
    gcTime: 60_000,
    // Signboard and card previews differ in shape: only a check of the same kind stands in.
    placeholderData: (previous, query) => (query?.queryKey[1].kind === options.kind ? previous : undefined),
  });
  const current = key !== null && key === settledKey && !check.isPlaceholderData;
  const settled = current && !check.isFetching;
  return {
    result: key === null ? null : (check.data ?? null),
    error: settled ? (check.error?.message ?? null) : null,
    /** The result shown is the one for the selection now. */
    ready: settled && check.isSuccess,
    pending: key !== null && !settled,
  };
}

/** Saves the signboards or cards where the clerk chooses; the file is offered to open. */
function printTo(o: Options, gridId: number, gridName: string) {
  const errorTitle = '打印文件未生成';
  const describe = (r: { pages: number }) => `已生成 ${r.pages} 页`;
  return o.kind === 'cards'
    ? saveThenOpen(
        'print/cards',
        { gridId, size: o.size, perSheet: Number(o.perSheet), back: o.back },
        { title: '保存联系卡', defaultName: `${gridName}网格员联系卡.pdf`, describe, errorTitle },
      )
    : saveThenOpen(
        'print/signboard',
        { gridId, paper: o.paper },
        { title: '保存公示牌', defaultName: `${gridName}网格员公示牌.pdf`, describe, errorTitle },
      );
}

function usePrintProgress() {
  const [progress, setProgress] = useState<ApiEvents['progress'] | null>(null);
  useEffect(() => window.api.on('progress', (p) => (p.task === 'print' ? setProgress(p) : undefined)), []);
  return [progress, setProgress] as const;
}

export function PrintPage() {
  const [options, setOptions] = useState<Options>({
    kind: 'signboard',
    gridId: null,
    paper: 'A3',
    size: '90x54',
    perSheet: '10',
    back: false,
  });
  const set = (change: Partial<Options>) => setOptions((o) => ({ ...o, ...change }));
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = usePrintProgress();
  const { result, error, ready, pending } = usePrintCheck(options);
  const tree = useApiQuery('grids/tree', {}).data;

  const print = async () => {
    const { gridId } = options;
    if (!gridId) return;
    setBusy(true);
    setProgress(null);
    await printTo(options, gridId, tree?.find((g) => g.id === gridId)?.name ?? '');
    setBusy(false);
  };

  const blocked = !ready || !result || result.items === 0 || result.missing.length > 0;
  return (
    <Stack gap="md" maw={1200}>
      <Title order={2}>打印公示牌和联系卡</Title>
      <Group align="flex-start" gap="lg" wrap="nowrap">
        <Card withBorder w={420} style={{ flex: 'none' }}>
          <Stack>
            <PrintOptions options={options} set={set} />
            {pending && (
              <Text size="sm" c="dimmed">
                正在检查…
              </Text>
            )}
            {ready && result && (
              <Text size="sm" data-testid="print-count">
                {options.kind === 'signboard'
                  ? `共 ${result.items} 个村（社区）`
                  : `共 ${result.items} 户，约 ${Math.ceil(result.items / Number(options.perSheet))} 张 A4 纸`}
              </Text>
            )}
            <Button
              leftSection={<IconPrinter size={16} />}
              onClick={() => void print()}
              disabled={blocked}
              loading={busy}
            >
              生成 PDF…
            </Button>
            {busy && options.kind === 'cards' && <PrintProgress progress={progress} />}
          </Stack>
        </Card>
        <Stack style={{ flex: 1, minWidth: 0 }} data-testid="print-preview-panel">
          <PrintCheck
            check={result}
            error={error}
            pending={pending}
            previewWidth={options.kind === 'signboard' ? 720 : 480}
          />
          {!options.gridId && (
            <Text c="dimmed" size="sm">
              选择范围后，这里显示检查结果和第一页预览。
            </Text>
          )}
        </Stack>
      </Group>
    </Stack>
  );
}

function PrintOptions({ options, set }: { options: Options; set(change: Partial<Options>): void }) {
  const { kind } = options;
  return (
    <>
      <SegmentedControl
        data={[
          { value: 'signboard', label: '网格员公示牌（每村一张）' },
          { value: 'cards', label: '联系卡（每户一张）' },
        ]}
        value={kind}
        onChange={(v) => set({ kind: v as Kind, gridId: null })}
      />
      <GridSelect
        key={kind}
        label={kind === 'signboard' ? '村（社区）或镇' : '范围（镇、村、组或户级网格）'}
        description={kind === 'signboard' ? '选镇则全镇每村一张，合在一个文件里' : '该网格下全部住户，按网格编码排序'}
        levels={kind === 'signboard' ? BOARD_LEVELS : CARD_LEVELS}
        value={options.gridId}
        onChange={(gridId) => set({ gridId })}
      />
      {kind === 'signboard' ? (
        <Input.Wrapper label="纸张">
          <div>
            <SegmentedControl
              data={['A4', 'A3', 'A2']}
              value={options.paper}
              onChange={(v) => set({ paper: v as Paper })}
            />
          </div>
        </Input.Wrapper>
      ) : (
        <>
          <Select
            label="卡片尺寸"
            data={[
              { value: '90x54', label: '90 × 54 毫米（名片）' },
              { value: '85.6x54', label: '85.6 × 54 毫米（银行卡）' },
            ]}
            value={options.size}
            onChange={(v) => v && set({ size: v as CardSize })}
            allowDeselect={false}
          />
          <Select
            label="每张 A4 纸"
            data={['10', '8', '6']}
            value={options.perSheet}
            onChange={(v) => v && set({ perSheet: v })}
            allowDeselect={false}
          />
          <Checkbox
            label="印背面（四员职责，双面打印时对齐）"
            checked={options.back}
            onChange={(e) => set({ back: e.currentTarget.checked })}
          />
        </>
      )}
    </>
  );
}

function PrintProgress({ progress }: { progress: ApiEvents['progress'] | null }) {
  return (
    <Stack gap={4}>
      <Text size="xs">{progress?.message ?? '正在生成…'}</Text>
      <Progress
        value={progress && progress.total ? (progress.done / progress.total) * 100 : 5}
        animated
        aria-label="打印进度"
      />
      <Button size="xs" variant="light" color="gray" onClick={() => void call('print/cancel', {})}>
        取消
      </Button>
    </Stack>
  );
}
