import { useState, type ReactNode } from 'react';
import { Anchor, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { DISPUTE_CATEGORIES, SETTLED_LEVELS, type RecordKind, type RecordStats } from '@shared/records';
import { useApiQuery } from '@renderer/lib/query';
import { GridSelect } from '@renderer/components/GridSelect';
import { NO_RECORD_FILTERS, today, type RecordFilters } from './model';

const SCOPE_LEVELS = [1, 2, 3, 4] as const;

/** A per-mille rate as the county report prints it: 87.5%. */
export function percent(perMille: number | null): string {
  return perMille === null ? '—' : `${(perMille / 10).toFixed(1)}%`;
}

/** A part of a whole as a percentage, for the shares the county report asks. */
function share(part: number, whole: number): string {
  return whole === 0 ? '—' : percent(Math.round((part * 1000) / whole));
}

type Open = (kind: RecordKind, filters: RecordFilters) => void;

interface Scope {
  from: string;
  to: string;
  gridId: number | null;
}

/** One figure; clicking it opens the records it counts. */
function Figure({
  label,
  value,
  hint,
  onClick,
  testId,
}: {
  label: string;
  value: ReactNode;
  hint?: string;
  onClick?: () => void;
  testId?: string;
}) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      {onClick ? (
        <Anchor component="button" type="button" fz="xl" fw={700} onClick={onClick} data-testid={testId} ta="left">
          {value}
        </Anchor>
      ) : (
        <Text fz="xl" fw={700} data-testid={testId}>
          {value}
        </Text>
      )}
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Stack>
  );
}

function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="sm">
      <Title order={5} mb="xs">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function DisputeCard({ d, open }: { d: RecordStats['disputes']; open(extra: Partial<RecordFilters>): void }) {
  const success = { status: '调解成功' };
  return (
    <Card title="矛盾纠纷">
      <SimpleGrid cols={5} spacing="sm">
        <Figure label="排查发现" value={d.found} onClick={() => open({})} testId="stat-disputes-found" />
        <Figure label="调处中（未办结）" value={d.inProgress} onClick={() => open({ status: 'open' })} />
        <Figure
          label="已办结"
          value={d.handled}
          hint="调解成功、不成、移交"
          onClick={() => open({ status: 'closed' })}
        />
        <Figure label="调解成功" value={d.success} onClick={() => open(success)} />
        <Figure label="调处率" value={percent(d.handledRate)} hint="已办结 ÷ 排查发现" testId="stat-handled-rate" />
        <Figure label="成功率" value={percent(d.successRate)} hint="调解成功 ÷ 已办结" testId="stat-success-rate" />
        <Figure
          label="超期未办结"
          value={
            <Text span c={d.overdue ? 'red' : undefined} fz="xl" fw={700}>
              {d.overdue}
            </Text>
          }
          onClick={() => open({ overdue: true })}
          testId="stat-overdue"
        />
        <Figure
          label="小事不出网格"
          value={d.withinGrid}
          hint={`化解在户级网格，占调解成功 ${share(d.withinGrid, d.success)}`}
          onClick={() => open({ ...success, settledLevel: '户级网格' })}
          testId="stat-within-grid"
        />
        <Figure
          label="大事不出村"
          value={d.withinVillage}
          hint={`化解在户级网格、村民小组或村，占调解成功 ${share(d.withinVillage, d.success)}`}
        />
      </SimpleGrid>
      <SimpleGrid cols={2} mt="sm" spacing="sm">
        <CountTable
          title="按纠纷类别"
          rows={DISPUTE_CATEGORIES.map((c) => [c, d.byCategory[c] ?? 0] as const)}
          onClick={(c) => open({ category: c })}
        />
        <CountTable
          title="按化解层级"
          rows={SETTLED_LEVELS.map((l) => [l, d.bySettledLevel[l] ?? 0] as const)}
          onClick={(l) => open({ settledLevel: l as RecordFilters['settledLevel'] })}
        />
      </SimpleGrid>
    </Card>
  );
}

/** Names and counts in columns; only the non-zero ones, so the card stays short. */
function CountTable({
  title,
  rows,
  onClick,
}: {
  title: string;
  rows: readonly (readonly [string, number])[];
  onClick(name: string): void;
}) {
  const shown = rows.filter(([, n]) => n > 0);
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {title}
      </Text>
      {shown.length === 0 ? (
        <Text size="sm" c="dimmed">
          无
        </Text>
      ) : (
        <SimpleGrid cols={shown.length > 6 ? 2 : 1} spacing="lg" verticalSpacing={4} maw={shown.length > 6 ? 520 : 260}>
          {shown.map(([name, n]) => (
            <Group key={name} justify="space-between" wrap="nowrap" gap="xs">
              <Text size="sm">{name}</Text>
              <Anchor component="button" type="button" fz="sm" onClick={() => onClick(name)}>
                {n}
              </Anchor>
            </Group>
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}

function OtherCards({ s, open }: { s: RecordStats; open(kind: RecordKind, extra?: Partial<RecordFilters>): void }) {
  return (
    <SimpleGrid cols={3} spacing="sm">
      <Card title="信息报告">
        <Group grow>
          <Figure label="报告总数" value={s.reports.total} onClick={() => open('reports')} />
          <Figure label="重要信息" value={s.reports.important} onClick={() => open('reports', { important: true })} />
        </Group>
      </Card>
      <Card title="政策宣传">
        <Group grow>
          <Figure label="宣传次数" value={s.publicity.items} onClick={() => open('publicity')} />
          <Figure label="覆盖户数" value={s.publicity.households} onClick={() => open('publicity')} />
          <Figure label="覆盖人数" value={s.publicity.people} onClick={() => open('publicity')} />
        </Group>
      </Card>
      <Card title="便民服务">
        <Figure label="服务件数" value={s.services} onClick={() => open('services')} />
      </Card>
      <Card title="走访">
        <Group grow>
          <Figure label="走访记录" value={s.visits.logs} onClick={() => open('visits')} testId="stat-visits-logs" />
          <Figure
            label="走访户数"
            value={s.visits.households}
            onClick={() => open('visits')}
            testId="stat-visits-households"
          />
        </Group>
      </Card>
      <Card title="培训例会">
        <Group grow>
          <Figure label="场次" value={s.trainings.sessions} onClick={() => open('trainings')} />
          <Figure label="参训人次" value={s.trainings.attendance} onClick={() => open('trainings')} />
        </Group>
      </Card>
      <Card title="微信群">
        <Group grow>
          <Figure label="群数" value={s.wechat.groups} onClick={() => open('wechatGroups')} />
          <Figure label="没有微信群的户级网格" value={s.wechat.gridsWithout} />
        </Group>
      </Card>
    </SimpleGrid>
  );
}

/** Period and grid subtree → every figure of the county report, each opening its records. */
export function RecordStatsPanel({ onOpen }: { onOpen: Open }) {
  const [scope, setScope] = useState<Scope>({ from: `${today().slice(0, 4)}-01-01`, to: today(), gridId: null });
  const stats = useApiQuery('records/stats', { from: scope.from || null, to: scope.to || null, gridId: scope.gridId });
  const open = (kind: RecordKind, extra: Partial<RecordFilters> = {}) =>
    onOpen(kind, { ...NO_RECORD_FILTERS, from: scope.from, to: scope.to, gridId: scope.gridId, ...extra });
  const s = stats.data;
  return (
    <Stack gap="sm" data-testid="record-stats">
      <Group gap="xs" align="flex-end">
        <TextInput
          type="date"
          label="起始日期"
          w={150}
          value={scope.from}
          onChange={(e) => setScope({ ...scope, from: e.currentTarget.value })}
        />
        <TextInput
          type="date"
          label="截止日期"
          w={150}
          value={scope.to}
          onChange={(e) => setScope({ ...scope, to: e.currentTarget.value })}
        />
        <GridSelect
          label="范围"
          levels={SCOPE_LEVELS}
          placeholder="全镇"
          value={scope.gridId}
          onChange={(gridId) => setScope({ ...scope, gridId })}
          w={360}
        />
      </Group>
      {!s ? (
        <Text c="dimmed">{stats.isError ? '统计未能加载' : '正在统计…'}</Text>
      ) : (
        <>
          <DisputeCard d={s.disputes} open={(extra) => open('disputes', extra)} />
          <OtherCards s={s} open={open} />
        </>
      )}
    </Stack>
  );
}
