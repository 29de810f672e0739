import { useState } from 'react';
import { Button, Group, Modal, SegmentedControl, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { splitFen } from '@shared/money';
import { SPLIT_LABELS, SPLITS, type ShareView } from '@shared/subsidies';
import { notifyError, notifySuccess } from '@renderer/lib/api';
import { useApiMutation, useApiQuery } from '@renderer/lib/query';
import { GridSelect } from '@renderer/components/GridSelect';
import { MoneyInput } from '@renderer/components/MoneyInput';
import { yuan } from './model';

const VILLAGE = [2] as const;
type Split = (typeof SPLITS)[number];

interface Values {
  villageId: number | null;
  periodStart: string;
  periodEnd: string;
  amountFen: number | null;
  split: Split;
  manual: Record<string, number | null>;
  notes: string;
}

function initial(share: ShareView | null): Values {
  const year = new Date().getFullYear();
  return share
    ? { ...share, manual: { ...share.manual } }
    : {
        villageId: null,
        periodStart: `${year}-01-01`,
        periodEnd: `${year}-06-30`,
        amountFen: null,
        split: 'equal',
        manual: {},
        notes: '',
      };
}

/** 手工分配: the village's workers, each with an amount; what is left to give shows as it is typed. */
function ManualSplit({ values, set, error }: { values: Values; set(manual: Values['manual']): void; error?: string }) {
  const workers = useApiQuery(
    'workers/list',
    { gridId: values.villageId, status: '在岗', limit: 500 },
    { enabled: values.villageId !== null },
  ).data?.rows;
  if (values.villageId === null)
    return (
      <Text size="sm" c="dimmed">
        选择村（社区）后按网格员填写金额
      </Text>
    );
  const given = Object.values(values.manual).reduce<number>((a, b) => a + (b ?? 0), 0);
  const left = (values.amountFen ?? 0) - given;
  const even = () => {
    const ids = (workers ?? []).map((w) => String(w.id));
    const parts = splitFen(
      values.amountFen ?? 0,
      ids.map(() => 1),
    );
    set(Object.fromEntries(ids.map((id, i) => [id, parts[i]!])));
  };
  return (
    <Stack gap={6}>
      <Group justify="space-between">
        <Text size="sm" fw={500}>
          手工分配（{workers?.length ?? 0} 人）
        </Text>
        <Group gap="xs">
          <Text size="sm" c={left === 0 ? 'teal' : 'red'} data-testid="share-remainder">
            {left === 0 ? '已分完' : left > 0 ? `尚余 ${yuan(left)}` : `超出 ${yuan(-left)}`}
          </Text>
          <Button size="compact-xs" variant="light" onClick={even}>
            平均填入
          </Button>
        </Group>
      </Group>
      <SimpleGrid cols={3} spacing="xs" mah={220} style={{ overflowY: 'auto' }}>
        {(workers ?? []).map((w) => (
          <MoneyInput
            key={w.id}
            size="xs"
            label={w.name}
            value={values.manual[String(w.id)] ?? null}
            onChange={(fen) => set({ ...values.manual, [String(w.id)]: fen })}
          />
        ))}
      </SimpleGrid>
      {error && (
        <Text size="sm" c="red">
          {error}
        </Text>
      )}
    </Stack>
  );
}

function toInput(v: Values, id: number | null) {
  const manual =
    v.split === 'manual'
      ? Object.fromEntries(Object.entries(v.manual).filter((e): e is [string, number] => e[1] !== null && e[1] > 0))
      : {};
  return { ...v, id, manual, villageId: v.villageId as number, amountFen: v.amountFen as number };
}

export function ShareFormModal({ share, onClose }: { share: ShareView | null; onClose(): void }) {
  const save = useApiMutation('subsidies/shares/save');
  const [values, setValues] = useState(() => initial(share));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set =
    <K extends keyof Values>(k: K) =>
    (v: Values[K]) =>
      setValues((x) => ({ ...x, [k]: v }));
  const submit = async () => {
    if (values.amountFen === null) return setErrors({ amountFen: '请填写切块金额' });
    const r = await save.mutateAsync(toInput(values, share?.id ?? null));
    if (!r.ok) {
      if (r.error.fields) setErrors(r.error.fields);
      else notifyError(r.error, '切块未保存');
      return;
    }
    notifySuccess(`已保存${r.value.villageName}的集体收入切块 ${yuan(r.value.amountFen)}`);
    onClose();
  };
  const manualError = Object.entries(errors).find(([k]) => k.startsWith('manual'))?.[1];
  return (
    <Modal
      opened
      onClose={onClose}
      centered
      size={640}
      title={<Text fw={600}>{share ? '修改集体收入切块' : '新增集体收入切块'}</Text>}
      closeButtonProps={{ 'aria-label': '关闭' }}
    >
      <Stack gap="sm">
        <GridSelect
          label="村（社区）"
          withAsterisk
          levels={VILLAGE}
          value={values.villageId}
          onChange={set('villageId')}
          error={errors.villageId}
        />
        <SimpleGrid cols={3}>
          <TextInput
            type="date"
            label="起始日期"
            withAsterisk
            value={values.periodStart}
            onChange={(e) => set('periodStart')(e.currentTarget.value)}
            error={errors.periodStart}
          />
          <TextInput
            type="date"
            label="截止日期"
            withAsterisk
            value={values.periodEnd}
            onChange={(e) => set('periodEnd')(e.currentTarget.value)}
            error={errors.periodEnd}
          />
          <MoneyInput
            label="切块金额"
            withAsterisk
            value={values.amountFen}
            onChange={set('amountFen')}
            error={errors.amountFen}
          />
        </SimpleGrid>
        <SegmentedControl
          data={SPLITS.map((s) => ({ value: s, label: SPLIT_LABELS[s] }))}
          value={values.split}
          onChange={(v) => set('split')(v as Split)}
          aria-label="分配方式"
        />
        {values.split === 'equal' && (
          <Text size="sm" c="dimmed">
            由该村的网格员平均分配。
          </Text>
        )}
        {values.split === 'score' && (
          <Text size="sm" c="dimmed">
            按期间内已审定的考核得分比例分配。
          </Text>
        )}
        {values.split === 'manual' && <ManualSplit values={values} set={set('manual')} error={manualError} />}
        <TextInput
          label="备注"
          value={values.notes}
          onChange={(e) => set('notes')(e.currentTarget.value)}
          error={errors.notes}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            取消
          </Button>
          <Button loading={save.isPending} onClick={() => void submit()}>
            保存
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
