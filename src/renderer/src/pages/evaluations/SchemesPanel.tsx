import { useState } from 'react';
import { Badge, Button, Group, Stack, Switch, Text } from '@mantine/core';
import { DataTable } from 'mantine-datatable';
import { IconArchive, IconChartBar, IconFilePlus, IconPencil, IconTemplate } from '@tabler/icons-react';
import { EVAL_PERIOD_LABELS, type SchemeView } from '@shared/evaluations';
import { notifyError, notifySuccess } from '@renderer/lib/api';
import { useApiMutation, useApiQuery } from '@renderer/lib/query';
import { CombinedModal } from './CombinedModal';
import { ConfirmModal } from '@renderer/components/ConfirmModal';
import { SchemeEditorDrawer, draftOf, type SchemeTarget } from './SchemeEditor';
import { blankScheme, templateScheme } from './model';

const levelsText = (levels: number[]) => levels.map((l) => (l === 3 ? '三级' : '四级')).join('、');

/** 考核方案: the township's schemes; an edit never changes sheets already scored with one. */
export function SchemesPanel() {
  const schemes = useApiQuery('evaluations/schemes/list', {});
  const [editing, setEditing] = useState<SchemeTarget>(null);
  const [archiving, setArchiving] = useState<SchemeView | null>(null);
  const [combined, setCombined] = useState<SchemeView | null>(null);
  const [showArchived, setShowArchived] = useState(false);
  const rows = (schemes.data ?? []).filter((s) => showArchived || !s.archived);
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Switch
          label="显示已停用的方案"
          checked={showArchived}
          onChange={(e) => setShowArchived(e.currentTarget.checked)}
        />
        <Group gap="xs">
          <Button
            variant="default"
            leftSection={<IconFilePlus size={16} />}
            onClick={() => setEditing({ id: null, draft: blankScheme() })}
          >
            空白方案
          </Button>
          <Button
            leftSection={<IconTemplate size={16} />}
            onClick={() => setEditing({ id: null, draft: templateScheme() })}
          >
            按模板新建方案
          </Button>
        </Group>
      </Group>
      <DataTable<SchemeView>
        withTableBorder
        striped
        highlightOnHover
        minHeight={160}
        height="calc(100dvh - 250px)"
        fetching={schemes.isFetching}
        records={rows}
        noRecordsText="还没有考核方案：点“按模板新建方案”从常用的考核项目开始"
        data-testid="scheme-table"
        columns={[
          {
            accessor: 'name',
            title: '方案名称',
            render: (s) => (
              <Group gap={6}>
                <Text size="sm">{s.name}</Text>
                {s.archived && (
                  <Badge color="gray" variant="outline" size="sm">
                    已停用
                  </Badge>
                )}
              </Group>
            ),
          },
          { accessor: 'period', title: '周期', width: 70, render: (s) => EVAL_PERIOD_LABELS[s.period] },
          {
            accessor: 'criteria',
            title: '考核项目',
            render: (s) => (
              <Text size="xs" c="dimmed" lineClamp={1}>
                {s.definition.criteria.map((c) => `${c.name} ${c.weight}%`).join('、')}
              </Text>
            ),
          },
          { accessor: 'levels', title: '考核对象', width: 100, render: (s) => levelsText(s.definition.levels) },
          { accessor: 'sheets', title: '评分表', width: 70, textAlign: 'right' },
          {
            accessor: 'actions',
            title: '',
            width: 250,
            render: (s) => (
              <Group gap={4} wrap="nowrap">
                {s.definition.combine.length > 0 && (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    leftSection={<IconChartBar size={14} />}
                    onClick={() => setCombined(s)}
                  >
                    综合结果
                  </Button>
                )}
                <Button
                  size="compact-xs"
                  variant="subtle"
                  leftSection={<IconPencil size={14} />}
                  onClick={() => setEditing({ id: s.id, draft: draftOf(s) })}
                >
                  修改
                </Button>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color={s.archived ? 'blue' : 'red'}
                  leftSection={<IconArchive size={14} />}
                  onClick={() => setArchiving(s)}
                >
                  {s.archived ? '恢复使用' : '停用'}
                </Button>
              </Group>
            ),
          },
        ]}
      />
      <SchemeEditorDrawer target={editing} onClose={() => setEditing(null)} />
      {archiving && <ArchiveModal scheme={archiving} onClose={() => setArchiving(null)} />}
      {combined && <CombinedModal scheme={combined} onClose={() => setCombined(null)} />}
    </Stack>
  );
}

function ArchiveModal({ scheme, onClose }: { scheme: SchemeView; onClose(): void }) {
  const archive = useApiMutation('evaluations/schemes/archive');
  const to = !scheme.archived;
  const confirm = async () => {
    const r = await archive.mutateAsync({ id: scheme.id, archived: to });
    if (!r.ok) return notifyError(r.error, to ? '停用未完成' : '恢复未完成');
    notifySuccess(to ? `已停用“${scheme.name}”` : `已恢复使用“${scheme.name}”`);
    onClose();
  };
  return (
    <ConfirmModal
      title={to ? '停用这个考核方案？' : '恢复使用这个考核方案？'}
      confirm={to ? '停用' : '恢复使用'}
      color={to ? 'red' : 'blue'}
      loading={archive.isPending}
      onConfirm={() => void confirm()}
      onClose={onClose}
    >
      <Text size="sm">
        {to
          ? `停用后“${scheme.name}”不能再新建评分表；已有的 ${scheme.sheets} 张评分表和审定结果不受影响。`
          : `“${scheme.name}”将重新出现在新建评分表的方案列表中。`}
      </Text>
    </ConfirmModal>
  );
}
