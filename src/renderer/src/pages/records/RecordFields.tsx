import {
  ActionIcon,
  Autocomplete,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import {
  DIFFICULTIES,
  DISPUTE_CATEGORIES,
  DISPUTE_SCALES,
  DISPUTE_STATUSES,
  PUBLICITY_FORMS,
  REPORT_TYPES,
  SERVICE_KINDS,
  SETTLED_LEVELS,
  TRAINING_KINDS,
  VISIT_PROBLEM_TYPES,
  type RecordKind,
} from '@shared/records';
import { useAppState } from '@renderer/lib/settings-context';
import { AttendeePicker } from './pickers';
import { today } from './model';

export type Values = Record<string, unknown>;
export type Form = UseFormReturnType<Values>;

/** Fields whose empty input means "not given": the schema's default or its "请填写" applies. */
const BLANK_IS_MISSING = new Set([
  'foundDate',
  'settleDate',
  'deadline',
  'date',
  'people',
  'households',
  'materials',
  'members',
  'expected',
  'attended',
  'solved',
  'reported',
]);

/** The form's values as the kind's schema takes them. */
export function toFields(values: Values): Values {
  const out: Values = {};
  for (const [k, v] of Object.entries(values)) out[k] = v === '' && BLANK_IS_MISSING.has(k) ? undefined : v;
  if (Array.isArray(values.steps))
    out.steps = (values.steps as Values[]).map((s) => ({ ...s, date: s.date === '' ? undefined : s.date }));
  if (values.problemTypes && typeof values.problemTypes === 'object')
    out.problemTypes = Object.fromEntries(
      Object.entries(values.problemTypes as Values).filter(([, n]) => n !== '' && n !== null && n !== undefined),
    );
  // Ticked attendees are the count; the number alone is for ledgers without a sign-in list.
  if (Array.isArray(values.attendees) && values.attendees.length > 0) out.attended = values.attendees.length;
  return out;
}

/** A new record's starting values: today's date, the grid the clerk came from. */
export function blankValues(kind: RecordKind, gridId: number | null): Values {
  const day = today();
  const base = { gridId };
  switch (kind) {
    case 'disputes':
      return {
        ...base,
        workerId: null,
        foundDate: day,
        place: '',
        category: null,
        scale: '一般',
        parties: '',
        people: '',
        summary: '',
        status: '排查中',
        settledLevel: null,
        settleDate: '',
        difficulty: null,
        deadline: '',
        notes: '',
        steps: [],
      };
    case 'reports':
      return {
        ...base,
        workerId: null,
        date: day,
        time: '',
        type: null,
        summary: '',
        handling: '',
        reportedTo: '',
        result: '',
        important: false,
      };
    case 'publicity':
      return {
        ...base,
        date: day,
        datePrecision: 'day',
        topic: '',
        form: null,
        households: '',
        people: '',
        materials: '',
        notes: '',
      };
    case 'services':
      return { ...base, workerId: null, householdId: null, date: day, kind: null, content: '', result: '' };
    case 'visits':
      return {
        ...base,
        workerId: null,
        date: day,
        households: '',
        problemTypes: {},
        solved: '',
        reported: '',
        notes: '',
      };
    case 'trainings':
      return {
        ...base,
        date: day,
        kind: '培训',
        audience: '',
        place: '',
        content: '',
        trainer: '',
        expected: '',
        attendees: [],
        attended: '',
      };
    case 'wechatGroups':
      return { ...base, name: '', owner: '', members: '', households: '', notes: '' };
  }
}

/** The stored fields as form values (nulls of optional dates and counts shown empty). */
export function editValues(fields: object): Values {
  const v: Values = { ...(fields as Values) };
  for (const k of BLANK_IS_MISSING) if (k in v && v[k] === null) v[k] = '';
  return v;
}

const date = (form: Form, key: string, label: string, required = false) => (
  <TextInput type="date" label={label} withAsterisk={required} {...form.getInputProps(key)} />
);
const num = (form: Form, key: string, label: string) => (
  <NumberInput label={label} min={0} allowDecimal={false} {...form.getInputProps(key)} />
);
const pick = (form: Form, key: string, label: string, data: readonly string[], required = false) => (
  <Select
    label={label}
    withAsterisk={required}
    data={[...data]}
    searchable
    clearable={!required}
    comboboxProps={{ withinPortal: true }}
    {...form.getInputProps(key)}
  />
);

function DisputeSteps({ form }: { form: Form }) {
  const steps = (form.values.steps as Values[] | undefined) ?? [];
  return (
    <Stack gap={6}>
      <Group justify="space-between">
        <Text size="sm" fw={500}>
          调处经过（{steps.length} 次）
        </Text>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} />}
          onClick={() => form.insertListItem('steps', { date: today(), handler: '', action: '' })}
        >
          添加一次调处
        </Button>
      </Group>
      {steps.map((_, i) => (
        <Paper key={i} withBorder p="xs" data-testid="dispute-step">
          <Group align="flex-start" gap="xs" wrap="nowrap">
            <TextInput type="date" aria-label="调处日期" w={150} {...form.getInputProps(`steps.${i}.date`)} />
            <TextInput placeholder="调处人" aria-label="调处人" w={110} {...form.getInputProps(`steps.${i}.handler`)} />
            <Textarea
              placeholder="调处经过"
              aria-label="调处经过"
              autosize
              minRows={1}
              style={{ flex: 1 }}
              {...form.getInputProps(`steps.${i}.action`)}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`删除第 ${i + 1} 次调处`}
              onClick={() => form.removeListItem('steps', i)}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}

function DisputeFields({ form }: { form: Form }) {
  return (
    <>
      <SimpleGrid cols={3}>
        {date(form, 'foundDate', '排查日期', true)}
        {pick(form, 'category', '纠纷类别', DISPUTE_CATEGORIES, true)}
        {pick(form, 'scale', '纠纷规模', DISPUTE_SCALES, true)}
      </SimpleGrid>
      <SimpleGrid cols={2}>
        <TextInput label="当事人" withAsterisk {...form.getInputProps('parties')} />
        <TextInput label="发生地点" {...form.getInputProps('place')} />
      </SimpleGrid>
      <Textarea label="纠纷简要情况" autosize minRows={2} {...form.getInputProps('summary')} />
      <SimpleGrid cols={3}>
        {num(form, 'people', '涉及人数')}
        {pick(form, 'difficulty', '难易程度', DIFFICULTIES)}
        {date(form, 'deadline', '化解时限')}
        {pick(form, 'status', '办理状态', DISPUTE_STATUSES, true)}
        {pick(form, 'settledLevel', '化解层级', SETTLED_LEVELS)}
        {date(form, 'settleDate', '化解日期')}
      </SimpleGrid>
      <DisputeSteps form={form} />
      <Textarea label="备注" autosize minRows={1} {...form.getInputProps('notes')} />
    </>
  );
}

function ReportFields({ form }: { form: Form }) {
  return (
    <>
      <SimpleGrid cols={3}>
        {date(form, 'date', '报告日期', true)}
        <TextInput type="time" label="时间" {...form.getInputProps('time')} />
        {pick(form, 'type', '信息类别', REPORT_TYPES, true)}
      </SimpleGrid>
      <Textarea label="信息内容" withAsterisk autosize minRows={2} {...form.getInputProps('summary')} />
      <SimpleGrid cols={2}>
        <TextInput label="处置情况" {...form.getInputProps('handling')} />
        <TextInput label="报送对象" {...form.getInputProps('reportedTo')} />
      </SimpleGrid>
      <TextInput label="办理结果" {...form.getInputProps('result')} />
      <Checkbox label="重要信息" {...form.getInputProps('important', { type: 'checkbox' })} />
    </>
  );
}

function PublicityFields({ form }: { form: Form }) {
  const topics = useAppState().settings.publicityTopics;
  return (
    <>
      <SimpleGrid cols={3}>
        {date(form, 'date', '宣传日期', true)}
        <Autocomplete
          label="宣传主题"
          withAsterisk
          data={[...topics]}
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps('topic')}
        />
        {pick(form, 'form', '宣传形式', PUBLICITY_FORMS, true)}
      </SimpleGrid>
      <SimpleGrid cols={3}>
        {num(form, 'households', '覆盖户数')}
        {num(form, 'people', '覆盖人数')}
        {num(form, 'materials', '发放资料份数')}
      </SimpleGrid>
      <Textarea label="备注" autosize minRows={1} {...form.getInputProps('notes')} />
    </>
  );
}

function ServiceFields({ form }: { form: Form }) {
  return (
    <>
      <SimpleGrid cols={2}>
        {date(form, 'date', '服务日期', true)}
        {pick(form, 'kind', '服务类别', SERVICE_KINDS, true)}
      </SimpleGrid>
      <Textarea label="服务内容" withAsterisk autosize minRows={2} {...form.getInputProps('content')} />
      <TextInput label="办理结果" {...form.getInputProps('result')} />
    </>
  );
}

function VisitFields({ form }: { form: Form }) {
  return (
    <>
      <SimpleGrid cols={2}>
        {date(form, 'date', '走访日期', true)}
        {num(form, 'households', '走访户数')}
      </SimpleGrid>
      <Text size="sm" fw={500}>
        发现问题数
      </Text>
      <SimpleGrid cols={5}>{VISIT_PROBLEM_TYPES.map((t) => num(form, `problemTypes.${t}`, t))}</SimpleGrid>
      <SimpleGrid cols={2}>
        {num(form, 'solved', '当场解决数')}
        {num(form, 'reported', '上报数')}
      </SimpleGrid>
      <Textarea label="备注" autosize minRows={1} {...form.getInputProps('notes')} />
    </>
  );
}

function TrainingFields({ form }: { form: Form }) {
  const attendees = (form.values.attendees as number[] | undefined) ?? [];
  return (
    <>
      <SimpleGrid cols={3}>
        {date(form, 'date', '培训日期', true)}
        {pick(form, 'kind', '类型', TRAINING_KINDS, true)}
        <TextInput label="授课人" {...form.getInputProps('trainer')} />
      </SimpleGrid>
      <Textarea label="培训内容" withAsterisk autosize minRows={2} {...form.getInputProps('content')} />
      <SimpleGrid cols={2}>
        <TextInput label="培训对象" {...form.getInputProps('audience')} />
        <TextInput label="地点" {...form.getInputProps('place')} />
      </SimpleGrid>
      <AttendeePicker
        gridId={(form.values.gridId as number | null) ?? null}
        value={attendees}
        onChange={(ids) => form.setFieldValue('attendees', ids)}
        error={form.errors.attendees as string | undefined}
      />
      <SimpleGrid cols={2}>
        {num(form, 'expected', '应到人数')}
        <NumberInput
          label="实到人数"
          description={attendees.length ? '按签到名单计' : '未勾选签到人员时填写'}
          min={0}
          allowDecimal={false}
          disabled={attendees.length > 0}
          {...form.getInputProps('attended')}
          value={attendees.length ? attendees.length : (form.values.attended as number | string)}
        />
      </SimpleGrid>
    </>
  );
}

function WechatFields({ form }: { form: Form }) {
  return (
    <>
      <SimpleGrid cols={2}>
        <TextInput label="群名称" withAsterisk {...form.getInputProps('name')} />
        <TextInput label="群主" {...form.getInputProps('owner')} />
        {num(form, 'members', '群成员数')}
        {num(form, 'households', '覆盖户数')}
      </SimpleGrid>
      <Textarea label="备注" autosize minRows={1} {...form.getInputProps('notes')} />
    </>
  );
}

/** The fields particular to one kind (the grid, worker and household pickers are the form's). */
export function KindFields({ kind, form }: { kind: RecordKind; form: Form }) {
  switch (kind) {
    case 'disputes':
      return <DisputeFields form={form} />;
    case 'reports':
      return <ReportFields form={form} />;
    case 'publicity':
      return <PublicityFields form={form} />;
    case 'services':
      return <ServiceFields form={form} />;
    case 'visits':
      return <VisitFields form={form} />;
    case 'trainings':
      return <TrainingFields form={form} />;
    case 'wechatGroups':
      return <WechatFields form={form} />;
  }
}
