import { Badge, Card, Group, Select, SimpleGrid, Text, Title } from '@mantine/core';
import {
  FIELD_LABELS,
  HOUSEHOLD_FIELDS,
  ROSTER_KIND_LABELS,
  WORKER_FIELDS,
  type Field,
  type LayoutOverride,
  type RosterKind,
  type SheetSummary,
} from '@shared/imports';

/** One sheet of the file: what it was recognised as, and its column mapping (which the clerk may correct). */
export function SheetCard({ sheet, onChange }: { sheet: SheetSummary; onChange(c: LayoutOverride): void }) {
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
