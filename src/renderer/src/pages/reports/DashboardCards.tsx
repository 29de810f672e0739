import type { ReactNode } from 'react';
import { Anchor, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { rates, type Dashboard } from '@shared/reports';
import { useNavigate } from '@renderer/lib/navigation';
import type { OpenRecords } from './open-records';
import { percent, share, yuan } from './period-model';

/** One figure; clicking it opens what it counts. */
export function Figure({
  label,
  value,
  hint,
  onClick,
  testId,
}: {
  label: string;
  value: ReactNode;
  hint?: string;
  onClick(): void;
  testId?: string;
}) {
  return (
    <Paper withBorder p="xs">
      <Stack gap={0}>
        <Text size="xs" c="dimmed" truncate>
          {label}
        </Text>
        <Anchor component="button" type="button" fz="lg" fw={700} ta="left" onClick={onClick} data-testid={testId}>
          {value}
        </Anchor>
        {hint && (
          <Text size="xs" c="dimmed" truncate title={hint}>
            {hint}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/** The top cards: the report's 合计 row and the health counts, each opening its records or screen. */
export function DashboardCards({ d, openRecords }: { d: Dashboard; openRecords: OpenRecords }) {
  const go = useNavigate();
  const t = d.figures.total;
  const r = rates(t);
  const villages = d.figures.rows.filter((row) => row.villageId !== null).length;
  const vacancies = d.health.find((h) => h.key === 'vacancies')?.count ?? 0;
  const without = d.health.find((h) => h.key === 'gridsWithoutWechat')?.count ?? 0;
  return (
    <SimpleGrid cols={{ base: 4, md: 6 }} spacing="xs">
      <Figure
        label="网格（村/组/户级）"
        value={`${villages} / ${t.groups} / ${t.householdGrids}`}
        onClick={() => go('grids')}
        testId="card-grids"
      />
      <Figure label="户数" value={t.households} onClick={() => go('households')} testId="card-households" />
      <Figure
        label="网格员"
        value={t.workers}
        hint={`党员 ${t.partyMembers} 人，占 ${share(t.partyMembers, t.workers)}`}
        onClick={() => go('workers')}
        testId="card-workers"
      />
      <Figure label="空缺网格" value={vacancies} onClick={() => go('workers')} testId="card-vacancies" />
      <Figure
        label="微信群覆盖"
        value={share(t.householdGrids - without, t.householdGrids)}
        hint={`${t.wechatGroups} 个群，${without} 个户级网格未建`}
        onClick={() => openRecords('wechatGroups', { from: '', to: '' })}
      />
      <Figure
        label="补贴发放（元）"
        value={yuan(t.subsidyTotal)}
        hint="已审定、已发放批次"
        onClick={() => go('subsidies')}
        testId="card-subsidies"
      />
      <Figure
        label="矛盾纠纷排查"
        value={t.disputesFound}
        onClick={() => openRecords('disputes')}
        testId="card-disputes-found"
      />
      <Figure
        label="调处数 / 调处率"
        value={`${t.disputesHandled} / ${percent(r.handledRate)}`}
        hint="调处率 = 调处数 ÷ 排查数"
        onClick={() => openRecords('disputes', { status: 'closed' })}
        testId="card-disputes-handled"
      />
      <Figure
        label="成功数 / 成功率"
        value={`${t.disputesSuccess} / ${percent(r.successOfFound)}`}
        hint={`成功率① = 成功 ÷ 排查数；② = 成功 ÷ 调处数：${percent(r.successOfHandled)}`}
        onClick={() => openRecords('disputes', { status: '调解成功' })}
        testId="card-disputes-success"
      />
      <Figure
        label="信息报告（重要）"
        value={`${t.reports}（${t.importantReports}）`}
        onClick={() => openRecords('reports')}
        testId="card-reports"
      />
      <Figure label="便民服务" value={t.services} onClick={() => openRecords('services')} testId="card-services" />
      <Figure
        label="走访（户次）"
        value={`${t.visits}（${t.visitHouseholds}）`}
        onClick={() => openRecords('visits')}
        testId="card-visits"
      />
      <Figure
        label="政策宣传（户）"
        value={`${t.publicityItems}（${t.publicityHouseholds}）`}
        onClick={() => openRecords('publicity')}
        testId="card-publicity"
      />
      <Figure
        label="培训（人次）"
        value={`${t.trainings}（${t.trainingAttendance}）`}
        onClick={() => openRecords('trainings')}
        testId="card-trainings"
      />
      <Figure label="推荐 / 表彰" value={`${t.recommendations} / ${t.awards}`} onClick={() => go('recommendations')} />
      <Figure
        label="考核优秀 / 合格"
        value={`${t.grades['优秀']} / ${t.grades['合格']}`}
        hint={`基本合格 ${t.grades['基本合格']}，不合格 ${t.grades['不合格']}`}
        onClick={() => go('evaluations')}
      />
    </SimpleGrid>
  );
}
