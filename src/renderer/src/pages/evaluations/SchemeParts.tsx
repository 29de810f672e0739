import { ActionIcon, Button, Group, NumberInput, Select, Table, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { EVAL_METRIC_LABELS, EVAL_METRICS, GRADES, type EvalMetric, type SchemeView } from '@shared/evaluations';
import { PointsInput } from '@renderer/components/PointsInput';
import { nextKey, pts, type SchemeDraft } from './model';

type Form = UseFormReturnType<SchemeDraft>;

const METRIC_OPTIONS = EVAL_METRICS.map((m) => ({ value: m, label: EVAL_METRIC_LABELS[m] }));

/** Sum of a list's weights, shown live beside the list: it has to reach 100. */
export function WeightSum({
  sum,
  label = '权重合计',
  testId = 'weight-sum',
}: {
  sum: number;
  label?: string;
  testId?: string;
}) {
  return (
    <Text size="sm" c={sum === 100 ? 'teal.7' : 'red.7'} fw={600} data-testid={testId}>
      {label} {sum} %{sum === 100 ? '' : '（应为 100 %）'}
    </Text>
  );
}

function points(form: Form, path: string, label: string, props: { w?: number } = {}) {
  const value = form.getValues() as unknown;
  const x10 = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], value) as number | null;
  return (
    <PointsInput
      aria-label={label}
      size="xs"
      value={x10}
      onChange={(v) => form.setFieldValue(path, v as never)}
      error={form.errors[path]}
      {...props}
    />
  );
}

/** 考核项目: name, full marks, weight, the record count that pre-fills it and the count for full marks. */
export function CriteriaTable({ form }: { form: Form }) {
  const criteria = form.values.definition.criteria;
  const add = () =>
    form.insertListItem('definition.criteria', {
      key: nextKey(
        'c',
        criteria.map((c) => c.key),
      ),
      name: '',
      fullX10: 100,
      weight: 0,
      metric: null,
      target: null,
    });
  return (
    <Table withTableBorder verticalSpacing={4} data-testid="criteria-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>考核项目</Table.Th>
          <Table.Th w={80}>满分</Table.Th>
          <Table.Th w={80}>权重 %</Table.Th>
          <Table.Th w={190}>依据（按记录预填）</Table.Th>
          <Table.Th w={110}>满分所需数量</Table.Th>
          <Table.Th w={40} />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {criteria.map((c, i) => (
          <Table.Tr key={c.key}>
            <Table.Td>
              <TextInput
                size="xs"
                aria-label={`第 ${i + 1} 项名称`}
                {...form.getInputProps(`definition.criteria.${i}.name`)}
              />
            </Table.Td>
            <Table.Td>{points(form, `definition.criteria.${i}.fullX10`, `第 ${i + 1} 项满分`)}</Table.Td>
            <Table.Td>
              <NumberInput
                size="xs"
                aria-label={`第 ${i + 1} 项权重`}
                allowDecimal={false}
                allowNegative={false}
                hideControls
                {...form.getInputProps(`definition.criteria.${i}.weight`)}
                onChange={(v) => {
                  form.setFieldValue(`definition.criteria.${i}.weight`, typeof v === 'number' ? v : 0);
                  // The sum's message was about the old weights.
                  form.clearFieldError('definition.criteria');
                }}
              />
            </Table.Td>
            <Table.Td>
              <Select
                size="xs"
                aria-label={`第 ${i + 1} 项依据`}
                placeholder="评分人打分"
                clearable
                allowDeselect={false}
                data={METRIC_OPTIONS}
                value={c.metric}
                onChange={(m) => {
                  form.setFieldValue(`definition.criteria.${i}.metric`, m as EvalMetric | null);
                  if (!m) form.setFieldValue(`definition.criteria.${i}.target`, null);
                }}
                error={form.errors[`definition.criteria.${i}.metric`]}
              />
            </Table.Td>
            <Table.Td>
              <NumberInput
                size="xs"
                aria-label={`第 ${i + 1} 项满分所需数量`}
                disabled={!c.metric}
                allowDecimal={false}
                allowNegative={false}
                hideControls
                value={c.target ?? ''}
                onChange={(v) =>
                  form.setFieldValue(`definition.criteria.${i}.target`, typeof v === 'number' ? v : null)
                }
                error={form.errors[`definition.criteria.${i}.target`]}
              />
            </Table.Td>
            <Table.Td>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={`删除第 ${i + 1} 项`}
                disabled={criteria.length === 1 && form.values.definition.combine.length === 0}
                onClick={() => form.removeListItem('definition.criteria', i)}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
      <Table.Caption style={{ captionSide: 'bottom' }}>
        <Group justify="space-between">
          <Button size="compact-sm" variant="light" leftSection={<IconPlus size={14} />} onClick={add}>
            添加考核项目
          </Button>
          {criteria.length === 0 ? (
            <Text size="sm" c="dimmed">
              不设考核项目：只合成下面其他方案的结果
            </Text>
          ) : (
            <WeightSum sum={criteria.reduce((a, c) => a + (Number(c.weight) || 0), 0)} />
          )}
        </Group>
      </Table.Caption>
    </Table>
  );
}

/** 加分 / 扣分 items: points per counted unit (or given by hand), never beyond the cap. */
export function AdjustItemsTable({ form, list }: { form: Form; list: 'bonus' | 'deductions' }) {
  const items = form.values.definition[list];
  const word = list === 'bonus' ? '加分' : '扣分';
  const path = `definition.${list}`;
  const add = () =>
    form.insertListItem(path, {
      key: nextKey(
        list === 'bonus' ? 'b' : 'd',
        items.map((c) => c.key),
      ),
      name: '',
      metric: null,
      perUnitX10: 10,
      capX10: 50,
    });
  return (
    <Table withTableBorder verticalSpacing={4} data-testid={`${list}-table`}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{word}项目</Table.Th>
          <Table.Th w={190}>依据</Table.Th>
          <Table.Th w={90}>每项分值</Table.Th>
          <Table.Th w={90}>上限</Table.Th>
          <Table.Th w={40} />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((item, i) => (
          <Table.Tr key={item.key}>
            <Table.Td>
              <TextInput
                size="xs"
                aria-label={`${word}第 ${i + 1} 项名称`}
                {...form.getInputProps(`${path}.${i}.name`)}
              />
            </Table.Td>
            <Table.Td>
              <Select
                size="xs"
                aria-label={`${word}第 ${i + 1} 项依据`}
                placeholder="评分人填写"
                clearable
                allowDeselect={false}
                data={METRIC_OPTIONS}
                value={item.metric}
                onChange={(m) => form.setFieldValue(`${path}.${i}.metric`, m as never)}
              />
            </Table.Td>
            <Table.Td>{points(form, `${path}.${i}.perUnitX10`, `${word}第 ${i + 1} 项每项分值`)}</Table.Td>
            <Table.Td>{points(form, `${path}.${i}.capX10`, `${word}第 ${i + 1} 项上限`)}</Table.Td>
            <Table.Td>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={`删除${word}第 ${i + 1} 项`}
                onClick={() => form.removeListItem(path, i)}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
      <Table.Caption style={{ captionSide: 'bottom', textAlign: 'left' }}>
        <Button size="compact-sm" variant="light" leftSection={<IconPlus size={14} />} onClick={add}>
          添加{word}项目
        </Button>
      </Table.Caption>
    </Table>
  );
}

/** 等次: the lowest total of each grade; 不合格 is whatever is below 基本合格. */
export function GradeBands({ form }: { form: Form }) {
  const bands = form.values.definition.grades;
  return (
    <Group gap="md" align="flex-start" data-testid="grade-bands">
      {GRADES.slice(0, 3).map((g, i) => (
        <Group key={g} gap={6} wrap="nowrap">
          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
            {g} ≥
          </Text>
          {points(form, `definition.grades.${i}.minX10`, `${g}分数线`, { w: 76 })}
        </Group>
      ))}
      <Text size="sm" pt={4}>
        不合格 &lt; {pts(bands[2]?.minX10 ?? 0)}
      </Text>
      {[0, 1, 2, 3]
        .map((i) => form.errors[`definition.grades.${i}`])
        .concat(form.errors['definition.grades'])
        .filter(Boolean)
        .map((e) => (
          <Text key={String(e)} size="sm" c="red" role="alert">
            {String(e)}
          </Text>
        ))}
    </Group>
  );
}

/** A year result weighing other schemes' approved results (半年 40 % + 年终 60 %). */
export function CombineTable({ form, schemes, selfId }: { form: Form; schemes: SchemeView[]; selfId: number | null }) {
  const combine = form.values.definition.combine;
  const options = schemes.filter((s) => s.id !== selfId).map((s) => ({ value: String(s.id), label: s.name }));
  return (
    <Table withTableBorder verticalSpacing={4} data-testid="combine-table">
      <Table.Tbody>
        {combine.map((c, i) => (
          <Table.Tr key={i}>
            <Table.Td>
              <Select
                size="xs"
                aria-label={`合成第 ${i + 1} 项方案`}
                data={options}
                value={String(c.schemeId)}
                onChange={(v) => v && form.setFieldValue(`definition.combine.${i}.schemeId`, Number(v))}
              />
            </Table.Td>
            <Table.Td w={110}>
              <NumberInput
                size="xs"
                aria-label={`合成第 ${i + 1} 项权重`}
                suffix=" %"
                allowDecimal={false}
                hideControls
                {...form.getInputProps(`definition.combine.${i}.weight`)}
                onChange={(v) => {
                  form.setFieldValue(`definition.combine.${i}.weight`, typeof v === 'number' ? v : 0);
                  form.clearFieldError('definition.combine');
                }}
              />
            </Table.Td>
            <Table.Td w={40}>
              <ActionIcon variant="subtle" color="red" onClick={() => form.removeListItem('definition.combine', i)}>
                <IconTrash size={16} />
              </ActionIcon>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
      <Table.Caption style={{ captionSide: 'bottom' }}>
        <Group justify="space-between">
          <Button
            size="compact-sm"
            variant="light"
            leftSection={<IconPlus size={14} />}
            disabled={options.length === 0 || combine.length >= 4}
            onClick={() =>
              form.insertListItem('definition.combine', { schemeId: Number(options[0]!.value), weight: 50 })
            }
          >
            加入其他方案的结果
          </Button>
          {combine.length > 0 && (
            <WeightSum
              label="合成权重合计"
              testId="combine-sum"
              sum={combine.reduce((a, c) => a + (Number(c.weight) || 0), 0)}
            />
          )}
        </Group>
      </Table.Caption>
    </Table>
  );
}
