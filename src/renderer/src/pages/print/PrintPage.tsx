import { useEffect, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  Progress,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Title,
  Input,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPrinter, IconAlertTriangle } from '@tabler/icons-react';
import type { ApiEvents } from '@shared/api';
import type { PrintCheckResult } from '@shared/print';
import { call, notifyError, notifySuccess } from '@renderer/lib/api';
import { useAppState } from '@renderer/lib/settings-context';
import { GridSelect } from '@renderer/components/GridSelect';
import { PdfPreview } from '@renderer/components/PdfPreview';

const BOARD_LEVELS = [1, 2] as const;
const CARD_LEVELS = [1, 2, 3, 4] as const;

type Kind = 'signboard' | 'cards';

export function PrintPage() {
  const { dataVersion } = useAppState();
  const [kind, setKind] = useState<Kind>('signboard');
  const [gridId, setGridId] = useState<number | null>(null);
  const [paper, setPaper] = useState<'A4' | 'A3' | 'A2'>('A3');
  const [size, setSize] = useState<'90x54' | '85.6x54'>('90x54');
  const [perSheet, setPerSheet] = useState('10');
  const [back, setBack] = useState(false);
  const [check, setCheck] = useState<PrintCheckResult | null>(null);
  const [checkError, setCheckError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<ApiEvents['progress'] | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [request] = useDebouncedValue({ kind, gridId, paper, size, perSheet: Number(perSheet), back }, 200);

  useEffect(() => window.api.on('progress', (p) => (p.task === 'print' ? setProgress(p) : undefined)), []);

  useEffect(() => {
    if (request.gridId === null) return;
    let live = true;
    const input =
      request.kind === 'cards'
        ? {
            kind: 'cards' as const,
            gridId: request.gridId,
            size: request.size,
            perSheet: request.perSheet,
            back: request.back,
          }
        : { kind: 'signboard' as const, gridId: request.gridId, paper: request.paper };
    void call('print/check', input).then((r) => {
      if (!live) return;
      if (r.ok) {
        setCheck(r.value);
        setCheckError(null);
      } else {
        setCheck(null);
        setCheckError(r.error.message);
      }
    });
    return () => {
      live = false;
    };
  }, [request, dataVersion]);

  const print = async () => {
    if (!gridId) return;
    setBusy(true);
    setProgress(null);
    setSaved(null);
    const r =
      kind === 'cards'
        ? await call('print/cards', { gridId, size, perSheet: Number(perSheet), back })
        : await call('print/signboard', { gridId, paper });
    setBusy(false);
    if (!r.ok) {
      if (r.error.code !== 'CANCELLED') notifyError(r.error, '打印文件未生成');
      return;
    }
    if (!r.value.file) return;
    setSaved(r.value.file);
    notifySuccess(`已生成 ${r.value.pages} 页：${r.value.file}`, '打印文件已保存');
  };

  const blocked = !check || check.items === 0 || check.missing.length > 0;
  return (
    <Stack gap="md" maw={1200}>
      <Title order={2}>打印公示牌和联系卡</Title>
      <Group align="flex-start" gap="lg" wrap="nowrap">
        <Card withBorder w={420} style={{ flex: 'none' }}>
          <Stack>
            <SegmentedControl
              data={[
                { value: 'signboard', label: '网格员公示牌（每村一张）' },
                { value: 'cards', label: '联系卡（每户一张）' },
              ]}
              value={kind}
              onChange={(v) => {
                setKind(v as Kind);
                setGridId(null);
                setSaved(null);
                setCheck(null);
                setCheckError(null);
              }}
            />
            <GridSelect
              key={kind}
              label={kind === 'signboard' ? '村（社区）或镇' : '范围（镇、村、组或户级网格）'}
              description={
                kind === 'signboard' ? '选镇则全镇每村一张，合在一个文件里' : '该网格下全部住户，按网格编码排序'
              }
              levels={kind === 'signboard' ? BOARD_LEVELS : CARD_LEVELS}
              value={gridId}
              onChange={(id) => {
                setGridId(id);
                setSaved(null);
              }}
            />
            {kind === 'signboard' ? (
              <Input.Wrapper label="纸张">
                <div>
                  <SegmentedControl
                    data={['A4', 'A3', 'A2']}
                    value={paper}
                    onChange={(v) => setPaper(v as 'A4' | 'A3' | 'A2')}
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
                  value={size}
                  onChange={(v) => v && setSize(v as '90x54' | '85.6x54')}
                  allowDeselect={false}
                />
                <Select
                  label="每张 A4 纸"
                  data={['10', '8', '6']}
                  value={perSheet}
                  onChange={(v) => v && setPerSheet(v)}
                  allowDeselect={false}
                />
                <Checkbox
                  label="印背面（四员职责，双面打印时对齐）"
                  checked={back}
                  onChange={(e) => setBack(e.currentTarget.checked)}
                />
              </>
            )}
            {check && (
              <Text size="sm" data-testid="print-count">
                {kind === 'signboard'
                  ? `共 ${check.items} 个村（社区）`
                  : `共 ${check.items} 户，约 ${Math.ceil(check.items / Number(perSheet))} 张 A4 纸`}
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
            {busy && kind === 'cards' && (
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
            )}
            {saved && (
              <Alert color="teal" title="已保存" data-testid="print-saved">
                <Text size="sm" style={{ wordBreak: 'break-all' }}>
                  {saved}
                </Text>
                <Button size="xs" mt="xs" onClick={() => void call('files/open', { file: saved })}>
                  打开
                </Button>
              </Alert>
            )}
          </Stack>
        </Card>
        <Stack style={{ flex: 1, minWidth: 0 }}>
          {checkError && <Alert color="red">{checkError}</Alert>}
          {check && check.missing.length > 0 && (
            <Alert
              color="red"
              icon={<IconAlertTriangle />}
              title="字体中缺少以下文字，打印会缺字，请先修改"
              data-testid="print-missing"
            >
              <List size="sm">
                {check.missing.slice(0, 20).map((m, i) => (
                  <List.Item key={i}>
                    “{m.char}”：{m.where}
                  </List.Item>
                ))}
              </List>
            </Alert>
          )}
          {check && check.warnings.length > 0 && (
            <Alert color="orange" title={`请注意（${check.warnings.length} 条）`} data-testid="print-warnings">
              <List size="sm">
                {check.warnings.slice(0, 12).map((w, i) => (
                  <List.Item key={i}>{w}</List.Item>
                ))}
              </List>
              {check.warnings.length > 12 && <Text size="sm">……另有 {check.warnings.length - 12} 条</Text>}
            </Alert>
          )}
          {check?.preview && (
            <Stack gap={4}>
              <Text size="sm" c="dimmed">
                第一页预览
              </Text>
              <PdfPreview data={check.preview} width={kind === 'signboard' ? 720 : 480} />
            </Stack>
          )}
          {!gridId && (
            <Text c="dimmed" size="sm">
              选择范围后，这里显示检查结果和第一页预览。
            </Text>
          )}
        </Stack>
      </Group>
    </Stack>
  );
}
