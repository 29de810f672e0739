import { useState } from 'react';
import { Alert, Anchor, Button, Checkbox, Group, List, Modal, Stack, Text } from '@mantine/core';
import type { DeleteEffect } from '@shared/deletion';
import { LEVEL_ORDINALS, type DeletePreview, type GridNode, type WorkerRef } from '@shared/grids';
import { call, notifyError, notifySuccess } from '@renderer/lib/api';
import { useNavigate } from '@renderer/lib/navigation';
import { useApiQuery } from '@renderer/lib/query';

interface Props {
  grid: GridNode | null;
  onClose(): void;
  onDeleted(grid: GridNode): void;
}

/**
 * Deletes a grid. Everything that would go with it is named first — grids per level,
 * households, whose assignment history goes and who is left without a grid, QR codes, later
 * records — with the ways to keep them, and the clerk must tick that they mean it.
 */
export function DeleteGridModal(props: Props) {
  return props.grid ? <DeleteGridConfirm key={props.grid.id} {...props} grid={props.grid} /> : null;
}

/** Anything besides the grid itself goes: the confirmation box is required. */
function takesMore(p: DeletePreview): boolean {
  return p.total > 1 || p.cascade.length > 0 || p.qrCodes > 0;
}

function DeleteGridConfirm({ grid, onClose, onDeleted }: Props & { grid: GridNode }) {
  const preview = useApiQuery('grids/deletePreview', { id: grid.id }, { keepOnWrite: true }).data ?? null;
  const [confirmed, setConfirmed] = useState(false);
  const [saving, setSaving] = useState(false);
  const cascade = preview !== null && takesMore(preview);
  const blocked = (preview?.blockers.length ?? 0) > 0;

  const submit = async () => {
    setSaving(true);
    const r = await call('grids/delete', { id: grid.id, cascade });
    setSaving(false);
    if (!r.ok) return notifyError(r.error);
    notifySuccess(`已删除“${grid.label}”${r.value.deleted > 1 ? `及其下 ${r.value.deleted - 1} 个网格` : ''}`);
    onDeleted(grid);
    onClose();
  };

  return (
    <Modal
      closeButtonProps={{ 'aria-label': '关闭' }}
      opened
      onClose={onClose}
      size="lg"
      title={<Text fw={600}>删除“{grid.label}”</Text>}
    >
      <Stack data-testid="delete-grid">
        {preview && blocked ? (
          <BlockersAlert preview={preview} />
        ) : preview && cascade ? (
          <>
            <CascadeAlert preview={preview} />
            <KeepHint preview={preview} onLeave={onClose} />
          </>
        ) : (
          <Text size="sm">
            确定删除 {grid.label}（编码 {grid.code}）吗？删除后不能撤销（可从备份恢复）。
          </Text>
        )}
        {preview && !blocked && preview.detached.length > 0 && (
          <Text size="sm" c="dimmed" data-testid="delete-detached">
            以下记录将保留，但不再关联到网格：{preview.detached.map((e) => e.text).join('、')}
          </Text>
        )}
        {cascade && !blocked && (
          <Checkbox
            color="red"
            label={confirmLabel(preview)}
            checked={confirmed}
            onChange={(e) => setConfirmed(e.currentTarget.checked)}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            取消
          </Button>
          <Button
            color="red"
            onClick={() => void submit()}
            loading={saving}
            disabled={!preview || blocked || (cascade && !confirmed)}
          >
            删除
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function confirmLabel(p: DeletePreview): string {
  const below = p.total - 1;
  if (below === 0) return '我已确认连同以上数据一并删除';
  const more = p.cascade.length > 0 || p.qrCodes > 0;
  return `我已确认连同以上 ${below} 个下级网格${more ? '及所列数据' : ''}一并删除`;
}

/** Records that refer to the grid or its subtree and must be kept: deletion is not offered. */
function BlockersAlert({ preview }: { preview: DeletePreview }) {
  return (
    <Alert color="red" variant="light" title="不能删除该网格" data-testid="delete-blockers">
      <Text size="sm">
        以下记录关联到{preview.total > 1 ? '该网格或其下级网格' : '该网格'}，必须保留。请先处理这些记录：
      </Text>
      <EffectList effects={preview.blockers} />
    </Alert>
  );
}

/** 张三、李四、王五（3 名); past 30 names, 张三、李四…等 120 名 (a township's deletion). */
function names(list: WorkerRef[], shown = 30): string {
  const head = list.slice(0, shown).map((w) => w.name);
  return list.length > shown ? `${head.join('、')}等 ${list.length} 名` : `${head.join('、')}（${list.length} 名）`;
}

/** The assignments line names whose history goes, and who will then hold no grid. */
function AssignmentsItem({ effect, preview }: { effect: DeleteEffect; preview: DeletePreview }) {
  const { affected, leftWithoutGrid } = preview.workers;
  return (
    <List.Item data-testid="delete-assignments">
      {effect.text}：{names(affected)}网格员在这些网格的任职历史
      {leftWithoutGrid.length > 0 && (
        <Text span inherit c="red.8" fw={500} data-testid="delete-left-without">
          {leftWithoutGrid.length === affected.length
            ? `；删除后他们都将没有任何网格（待安排）`
            : `；其中 ${names(leftWithoutGrid)}删除后将没有任何网格（待安排）`}
        </Text>
      )}
    </List.Item>
  );
}

/** What goes with the grid: its descendants per level, then other data per table. */
function CascadeAlert({ preview }: { preview: DeletePreview }) {
  return (
    <Alert
      color="red"
      variant="light"
      title={preview.total > 1 ? '该网格下还有下级网格和数据' : '该网格下还有数据'}
      data-testid="delete-cascade"
    >
      <Text size="sm">删除后，以下{preview.total > 1 ? '网格和数据' : '数据'}将一并删除，且不能撤销：</Text>
      <List size="sm" mt={4} spacing={2}>
        {preview.descendants.map((n, i) =>
          n > 0 ? <List.Item key={i}>{`${n} 个${LEVEL_ORDINALS[(i + 1) as 1 | 2 | 3 | 4]}`}</List.Item> : null,
        )}
        {preview.cascade.map((e) =>
          e.table === 'assignments' ? (
            <AssignmentsItem key={e.table} effect={e} preview={preview} />
          ) : (
            <List.Item key={e.table} data-testid={`delete-${e.table}`}>
              {e.text}
            </List.Item>
          ),
        )}
        {preview.qrCodes > 0 && <List.Item>{preview.qrCodes} 张网格微信群二维码</List.Item>}
      </List>
      {preview.workers.affected.length > 0 && (
        <Text size="xs" c="dimmed" mt={6}>
          网格员本人（身份信息、照片、在其他网格的任职）保留。
        </Text>
      )}
    </Alert>
  );
}

/** The ways to keep what the clerk entered: move it elsewhere or end it first, then delete. */
function KeepHint({ preview, onLeave }: { preview: DeletePreview; onLeave(): void }) {
  const navigate = useNavigate();
  const go = (page: 'households' | 'workers') => {
    onLeave();
    navigate(page);
  };
  if (preview.households === 0 && preview.workers.affected.length === 0 && preview.total === 1) return null;
  return (
    <Stack gap={4} data-testid="delete-keep-hint">
      <Text size="sm" fw={500}>
        如需保留：
      </Text>
      <List size="sm" spacing={2}>
        {preview.households > 0 && (
          <List.Item>
            住户：先到
            <Anchor component="button" size="sm" onClick={() => go('households')}>
              住户页面调整住户网格
            </Anchor>
            （勾选住户 → 移动到其他户级网格）
          </List.Item>
        )}
        {preview.workers.affected.length > 0 && (
          <List.Item>
            网格员：任职历史随网格一并删除，要保留就不删除网格、改用“移动”；要让他们离任或改任，先到
            <Anchor component="button" size="sm" onClick={() => go('workers')}>
              网格员页面
            </Anchor>
            结束任职（可选离任或待安排）
          </List.Item>
        )}
        {preview.total > 1 && <List.Item>下级网格：可用“移动”把它们移到其他上级网格下，再删除本网格</List.Item>}
      </List>
    </Stack>
  );
}

function EffectList({ effects }: { effects: DeleteEffect[] }) {
  return (
    <List size="sm" mt={4}>
      {effects.map((e) => (
        <List.Item key={e.table}>{e.text}</List.Item>
      ))}
    </List>
  );
}
