import { useState } from 'react';
import {
  Alert,
  Autocomplete,
  Button,
  Checkbox,
  Group,
  Input,
  Modal,
  Radio,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import {
  AFTER_LAST_GRID,
  TITLES,
  type AfterLastGrid,
  type AssignmentView,
  type HolderInfo,
  type Role,
  type WorkerDetail,
  type WorkerState,
} from '@shared/people';
import { todayIso } from '@shared/dates';
import { notifyError, notifySuccess } from '@renderer/lib/api';
import { useApiMutation, useApiQuery } from '@renderer/lib/query';
import { GridSelect } from '@renderer/components/GridSelect';

const ALL_LEVELS = [1, 2, 3, 4] as const;

/** A worker as the modal names them. */
export interface WorkerRef {
  id: number;
  name: string;
  state?: WorkerState;
}

const AFTER_TEXT: Record<AfterLastGrid, string> = {
  待安排: '待安排（仍在岗，等待安排其他网格）',
  离任: '离任',
};

/** Asks what becomes of a worker whose last grid ends: 待安排 or 离任. Nothing is preselected. */
function AfterChoice({
  name,
  value,
  onChange,
  error,
}: {
  name: string;
  value: AfterLastGrid | null;
  onChange(v: AfterLastGrid): void;
  error?: string;
}) {
  return (
    <Radio.Group
      label={`这是“${name}”唯一的现任网格，结束后${name}：`}
      withAsterisk
      value={value}
      onChange={(v) => onChange(v as AfterLastGrid)}
      error={error}
    >
      <Group mt={6}>
        {AFTER_LAST_GRID.map((a) => (
          <Radio key={a} value={a} label={AFTER_TEXT[a]} />
        ))}
      </Group>
    </Radio.Group>
  );
}

/**
 * Names the grid's current holder before anyone replaces them, and asks: confirm the
 * replacement, and (when it is their last grid) whether they stay 待安排 or leave.
 */
function HolderNotice({
  holder,
  newcomer,
  role,
  confirmed,
  onConfirm,
  after,
  onAfter,
  errors,
}: {
  holder: HolderInfo;
  newcomer: string;
  role: Role;
  confirmed: boolean;
  onConfirm(v: boolean): void;
  after: AfterLastGrid | null;
  onAfter(v: AfterLastGrid): void;
  errors: Record<string, string>;
}) {
  const name = holder.workerName;
  return (
    <Alert color="orange" variant="light" title={`该网格已有现任${role}`} data-testid="current-holder">
      <Stack gap="xs">
        <Text size="sm">
          “{holder.gridLabel}”现由 <b>{name}</b> 担任{role}
          {holder.startDate ? `（自 ${holder.startDate} 起）` : ''}。确认后，{name}
          在该网格的任职将于任职日期结束（任职历史保留）。
        </Text>
        {holder.otherGrids.length > 0 ? (
          <Text size="sm">
            {name} 仍担任 {holder.otherGrids.join('、')}，状态不变。
          </Text>
        ) : (
          <AfterChoice name={name} value={after} onChange={onAfter} error={errors.holderAfter} />
        )}
        <Checkbox
          color="orange"
          label={`确认由“${newcomer || '所选网格员'}”接替“${name}”`}
          checked={confirmed}
          onChange={(e) => onConfirm(e.currentTarget.checked)}
          error={errors.confirm}
        />
      </Stack>
    </Alert>
  );
}

interface Terms {
  role: Role;
  title: string;
  startDate: string;
}

/** Role, title and start date of an appointment. */
function TermsFields({
  terms,
  onChange,
  error,
}: {
  terms: Terms;
  onChange(t: Partial<Terms>): void;
  error: Record<string, string>;
}) {
  return (
    <>
      <Input.Wrapper label="角色">
        <div>
          <SegmentedControl
            data={['网格员', '网格长']}
            value={terms.role}
            onChange={(v) => onChange({ role: v as Role })}
          />
        </div>
      </Input.Wrapper>
      <Autocomplete
        label="职务"
        data={[...TITLES]}
        value={terms.title}
        onChange={(title) => onChange({ title })}
        error={error.title}
      />
      <TextInput
        label="任职日期"
        type="date"
        value={terms.startDate}
        onChange={(e) => onChange({ startDate: e.currentTarget.value })}
        error={error.startDate}
      />
    </>
  );
}

/** What the clerk has not yet answered before the appointment can go ahead. */
function unanswered(
  gridId: number | null,
  replacing: HolderInfo | null,
  confirmed: boolean,
  after: AfterLastGrid | null,
): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!gridId) problems.gridId = '请选择网格';
  if (replacing && !confirmed) problems.confirm = `请确认由新任网格员接替“${replacing.workerName}”`;
  if (replacing && replacing.otherGrids.length === 0 && !after) problems.holderAfter = '请选择之后待安排还是离任';
  return problems;
}

interface AssignProps {
  worker: WorkerRef;
  /** Filled in beforehand (appointing from a vacancy or a grid page); the clerk may change them. */
  initial?: { gridId?: number; role?: Role };
  onClose(): void;
  onAssigned?(w: WorkerDetail): void;
}

/** The appointment's answers so far, the grid's holder, and the call that appoints. */
function useAppointment({ worker, initial, onClose, onAssigned }: AssignProps) {
  const [gridId, setGridId] = useState<number | null>(initial?.gridId ?? null);
  const [terms, setTerms] = useState<Terms>({ role: initial?.role ?? '网格员', title: '', startDate: todayIso() });
  const [confirmed, setConfirmed] = useState(false);
  const [after, setAfter] = useState<AfterLastGrid | null>(null);
  const [error, setError] = useState<Record<string, string>>({});
  const holderQuery = useApiQuery(
    'assignments/holder',
    { gridId: gridId ?? 0, role: terms.role },
    { enabled: gridId !== null },
  );
  const holder = gridId !== null ? (holderQuery.data ?? null) : null;
  const replacing = holder !== null && holder.workerId !== worker.id ? holder : null;
  const assign = useApiMutation('assignments/create');

  const submit = async () => {
    const problems = unanswered(gridId, replacing, confirmed, after);
    if (Object.keys(problems).length > 0 || !gridId) return setError(problems);
    const replace = replacing ? { holderId: replacing.workerId, holderAfter: after ?? '待安排' } : null;
    const r = await assign.mutateAsync({
      workerId: worker.id,
      gridId,
      role: terms.role,
      title: terms.title,
      startDate: terms.startDate || null,
      replace,
    });
    if (!r.ok) {
      if (r.error.fields) setError(r.error.fields);
      else notifyError(r.error);
      // The holder may have changed since the modal asked: ask again about who holds it now.
      void holderQuery.refetch();
      setConfirmed(false);
      return;
    }
    notifySuccess(`“${worker.name}”已任职${replacing ? `，接替“${replacing.workerName}”` : ''}`);
    onAssigned?.(r.value);
    onClose();
  };
  const pickGrid = (id: number | null) => {
    setGridId(id);
    setConfirmed(false);
    setAfter(null);
  };
  const changeTerms = (t: Partial<Terms>) => {
    setTerms({ ...terms, ...t });
    // Another role has another holder: confirm again.
    if (t.role) setConfirmed(false);
  };
  return {
    gridId,
    pickGrid,
    terms,
    changeTerms,
    confirmed,
    setConfirmed,
    after,
    setAfter,
    error,
    holder,
    replacing,
    submit,
    pending: assign.isPending,
  };
}

/** Appoints a worker to a grid; an occupied grid's holder is named and replaced only when confirmed. */
export function AssignModal(props: AssignProps) {
  const { worker, onClose } = props;
  const a = useAppointment(props);
  const { gridId, terms, error, holder, replacing } = a;
  const role = terms.role;
  return (
    <Modal
      closeButtonProps={{ 'aria-label': '关闭' }}
      opened
      onClose={onClose}
      title={<Text fw={600}>为“{worker.name}”新增任职</Text>}
      size="lg"
    >
      <Stack>
        <GridSelect
          label="网格"
          withAsterisk
          levels={ALL_LEVELS}
          value={gridId}
          onChange={a.pickGrid}
          error={error.gridId}
          comboboxProps={{ withinPortal: true }}
        />
        <TermsFields terms={terms} onChange={a.changeTerms} error={error} />
        {holder && holder.workerId === worker.id && (
          <Text size="sm" c="red">
            “{worker.name}”已经是该网格的{role}。
          </Text>
        )}
        {replacing && (
          <HolderNotice
            holder={replacing}
            newcomer={worker.name}
            role={role}
            confirmed={a.confirmed}
            onConfirm={a.setConfirmed}
            after={a.after}
            onAfter={a.setAfter}
            errors={error}
          />
        )}
        {worker.state === '离任' && (
          <Text size="sm" c="dimmed">
            “{worker.name}”目前为离任，任职后状态改为在岗。
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            取消
          </Button>
          <Button onClick={() => void a.submit()} loading={a.pending}>
            {replacing ? '确认替换并任职' : '确认任职'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Ends an assignment on a date (the history keeps it); the worker's last grid asks what follows. */
export function EndModal({
  assignment,
  isLast,
  onClose,
}: {
  assignment: AssignmentView;
  /** The worker holds no other grid now. */
  isLast: boolean;
  onClose(): void;
}) {
  const [endDate, setEndDate] = useState(todayIso());
  const [after, setAfter] = useState<AfterLastGrid | null>(null);
  const [error, setError] = useState<Record<string, string>>({});
  const end = useApiMutation('assignments/end');
  const submit = async () => {
    if (isLast && !after) return setError({ after: '请选择结束后待安排还是离任' });
    const r = await end.mutateAsync({ id: assignment.id, endDate: endDate || null, after: after ?? '待安排' });
    if (!r.ok) {
      if (r.error.fields) setError(r.error.fields);
      else notifyError(r.error);
      return;
    }
    notifySuccess(
      `已结束“${assignment.workerName}”在“${assignment.gridLabel}”的任职${after === '离任' ? '，已离任' : ''}`,
    );
    onClose();
  };
  return (
    <Modal
      closeButtonProps={{ 'aria-label': '关闭' }}
      opened
      onClose={onClose}
      title={
        <Text fw={600}>
          结束任职：{assignment.gridLabel}（{assignment.role}）
        </Text>
      }
    >
      <Stack>
        <TextInput
          label="结束日期"
          type="date"
          value={endDate}
          onChange={(e) => setEndDate(e.currentTarget.value)}
          error={error.endDate}
        />
        {isLast && <AfterChoice name={assignment.workerName} value={after} onChange={setAfter} error={error.after} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            取消
          </Button>
          <Button color="orange" onClick={() => void submit()} loading={end.isPending}>
            确认结束任职
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
