import { Alert, List, Stack, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { PrintCheckResult } from '@shared/print';
import { PdfPreview } from '@renderer/components/PdfPreview';

/** The check's findings (missing glyphs block printing, warnings do not) and the first page. */
export function PrintCheck({
  check,
  error,
  previewWidth,
}: {
  check: PrintCheckResult | null;
  error: string | null;
  /** The widest the preview may be, in CSS pixels. */
  previewWidth: number;
}) {
  // On a 1366-wide screen the column is narrower than an A3 preview: shrink it to fit.
  const { ref, width } = useElementSize();
  const fitted = Math.min(previewWidth, Math.floor(width));
  return (
    <Stack ref={ref}>
      {error && <Alert color="red">{error}</Alert>}
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
      {check?.preview && fitted > 0 && (
        <Stack gap={4}>
          <Text size="sm" c="dimmed">
            第一页预览
          </Text>
          <PdfPreview data={check.preview} width={fitted} />
        </Stack>
      )}
    </Stack>
  );
}
