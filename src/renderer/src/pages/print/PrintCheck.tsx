import { Alert, Anchor, List, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { PrintCheckResult } from '@shared/print';
import { PdfPreview } from '@renderer/components/PdfPreview';
import { useNavigate } from '@renderer/lib/navigation';

/**
 * The check's findings (missing glyphs block printing, warnings do not) and the first page.
 * While a newer check is on its way (`pending`) the previous one stays, dimmed, under a loader.
 */
export function PrintCheck({
  check,
  error,
  pending,
  previewWidth,
}: {
  check: PrintCheckResult | null;
  error: string | null;
  pending: boolean;
  /** The resolution the preview is drawn at (CSS pixels); it shrinks to fit the panel. */
  previewWidth: number;
}) {
  const expectPreview = pending || Boolean(check?.preview);
  return (
    <Stack data-testid="print-check" data-pending={pending || undefined}>
      {error && !pending && <Alert color="red">{error}</Alert>}
      <Stack style={{ opacity: pending ? 0.6 : 1 }}>
        {check && check.missing.length > 0 && <MissingGlyphs missing={check.missing} />}
        {check && check.settingsWarnings.length > 0 && <SettingsWarnings warnings={check.settingsWarnings} />}
        {check && check.warnings.length > 0 && <Warnings warnings={check.warnings} />}
      </Stack>
      {expectPreview && (
        <Stack gap={4}>
          <Text size="sm" c="dimmed">
            第一页预览
          </Text>
          <PdfPreview data={check?.preview ?? null} width={previewWidth} pending={pending} />
        </Stack>
      )}
    </Stack>
  );
}

function MissingGlyphs({ missing }: { missing: PrintCheckResult['missing'] }) {
  return (
    <Alert
      color="red"
      icon={<IconAlertTriangle />}
      title="字体中缺少以下文字，打印会缺字，请先修改"
      data-testid="print-missing"
    >
      <List size="sm">
        {missing.slice(0, 20).map((m, i) => (
          <List.Item key={i}>
            “{m.char}”：{m.where}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

/** Phones from Settings that print as “—” or look wrong, with the way to fix them. */
function SettingsWarnings({ warnings }: { warnings: string[] }) {
  const navigate = useNavigate();
  return (
    <Alert color="orange" title="系统设置中的电话" data-testid="print-settings-warnings">
      <List size="sm">
        {warnings.map((w) => (
          <List.Item key={w}>{w}</List.Item>
        ))}
      </List>
      <Anchor component="button" type="button" size="sm" mt="xs" onClick={() => navigate('settings')}>
        去系统设置填写电话
      </Anchor>
    </Alert>
  );
}

function Warnings({ warnings }: { warnings: string[] }) {
  return (
    <Alert color="orange" title={`请注意（${warnings.length} 条）`} data-testid="print-warnings">
      <List size="sm">
        {warnings.slice(0, 12).map((w, i) => (
          <List.Item key={i}>{w}</List.Item>
        ))}
      </List>
      {warnings.length > 12 && <Text size="sm">……另有 {warnings.length - 12} 条</Text>}
    </Alert>
  );
}
