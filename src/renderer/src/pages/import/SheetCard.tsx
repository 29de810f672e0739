import { Alert, Badge, Card, Group, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import {
  SHEET_KINDS,
  SHEET_KIND_LABELS,
  sharedColumns,
  sheetFields,
  type LayoutOverride,
  type SheetKind,
  type SheetSummary,
} from '@shared/imports';

/** Columns chosen for two fields or more: the import is refused until the clerk picks one. */
function MappingConflicts({
  sheet,
  fields,
  labels,
}: {
  sheet: SheetSummary;
  fields: readonly string[];
  labels: Readonly<Record<string, string>>;
}) {
  const conflicts = sharedColumns(sheet.mapping);
  if (conflicts.length === 0) return null;
  return (
    <Alert color="red" icon={<IconAlertTriangle size={18} />} mb="sm" data-testid="mapping-conflict">
      <Stack gap={2}>
        {conflicts.map(({ index, fields: shared }) => {
          const col = sheet.columns.find((c) => c.index === index);
          const names = [...shared]
            .sort((a, b) => fields.indexOf(a) - fields.indexOf(b))
            .map((f) => `“${labels[f] ?? f}”`)
            .join('和');
          return (
            <Text size="sm" key={index}>
              {col ? `${col.letter} 列“${col.header}”` : `第 ${index + 1} 列`}同时对应了{names}
              ：一列只能对应一个字段，请改正后再导入。
            </Text>
          );
        })}
      </Stack>
    </Alert>
  );
}

/** One sheet of the file: what it was recognised as, and its column mapping (which the clerk may correct). */
export function SheetCard({ sheet, onChange }: { sheet: SheetSummary; onChange(c: LayoutOverride): void }) {
  const { fields, labels } = sheetFields(sheet.kind ?? 'workers');
  const conflicted = new Set(sharedColumns(sheet.mapping).flatMap((c) => c.fields));
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
            <Badge variant="light">{SHEET_KIND_LABELS[sheet.kind]}</Badge>
          ) : (
            <Badge color="gray" variant="light">
              未识别为花名册或台账，已跳过
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
          data={SHEET_KINDS.map((k) => ({ value: k, label: SHEET_KIND_LABELS[k] }))}
          value={sheet.kind}
          placeholder="选择类型"
          onChange={(v) => v && onChange({ kind: v as SheetKind })}
          allowDeselect={false}
        />
      </Group>
      {sheet.headerRow !== null && (
        <>
          <Text size="sm" c="dimmed" mb="xs">
            {conflicted.size > 0
              ? `表头在第 ${sheet.headerRow} 行。列对应改正后才会读取这张表的记录。`
              : `表头在第 ${sheet.headerRow} 行，${sheet.records} 条记录` +
                (sheet.skippedRows > 0 ? `，跳过合计、签字等 ${sheet.skippedRows} 行` : '') +
                '。请核对列对应，不对的可以改。'}
          </Text>
          <MappingConflicts sheet={sheet} fields={fields} labels={labels} />
          <SimpleGrid cols={{ base: 2, lg: 4 }} spacing="xs">
            {fields.map((f) => (
              <Select
                key={f}
                size="xs"
                label={labels[f] ?? f}
                data={columnOptions}
                value={sheet.mapping[f] === undefined ? '' : String(sheet.mapping[f])}
                onChange={(v) => onChange({ mapping: { [f]: v ? Number(v) : null } })}
                allowDeselect={false}
                error={conflicted.has(f)}
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
