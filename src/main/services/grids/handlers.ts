import { gridsApi, LEVEL_ORDINALS, type GridNode } from '../../../shared/grids';
import { defineHandlers } from '../../ipc/define';
import { readInputFile } from '../files/read';
import { describeChanges } from '../audit/audit';
import * as grids from './grids';
import { deleteGrid, deletePreview, describePreview } from './deletion';
import { gridByCode } from './queries';
import { clearGridQr, getGridQr, setGridQr } from './qr';

const GRID_LABELS = { name: '名称', code: '编码', kind: '类型', divisionCode: '统计用区划代码', parentId: '上级网格' };

function gridLine(g: GridNode): string {
  return `${g.label}（${LEVEL_ORDINALS[g.level]}，编码 ${g.code}）`;
}

export const gridsHandlers = defineHandlers(gridsApi, {
  'grids/tree': ({ db }, input) => grids.listTree(db, input),
  'grids/treeRows': ({ db }) => grids.listTreeRows(db),
  'grids/get': ({ db }, { id }) => grids.getGrid(db, id),
  'grids/byCode': async ({ db }, { code }) => grids.getGrid(db, (await gridByCode(db, code)).id),
  'grids/create': async ({ db, audit }, input) => {
    const grid = await grids.createGrid(db, input);
    audit.record({ entity: '网格', entityId: grid.id, summary: gridLine(grid) });
    return grid;
  },
  'grids/update': async ({ db, audit }, input) => {
    const before = await grids.getGrid(db, input.id);
    const grid = await grids.updateGrid(db, input);
    audit.record({
      entity: '网格',
      entityId: grid.id,
      summary: `${gridLine(before)}：${describeChanges({ ...before }, { ...grid }, GRID_LABELS)}`,
    });
    return grid;
  },
  'grids/move': async ({ db, audit }, input) => {
    const before = await grids.getGrid(db, input.id);
    const parent = await grids.getGrid(db, input.parentId);
    const grid = await grids.moveGrid(db, input);
    audit.record({
      entity: '网格',
      entityId: grid.id,
      summary: `${gridLine(before)} 移到 ${parent.label} 下，现编码 ${grid.code}`,
    });
    return grid;
  },
  'grids/deletePreview': ({ db }, { id }) => deletePreview(db, id),
  'grids/delete': async ({ db, audit }, input) => {
    const preview = await deletePreview(db, input.id);
    const r = await deleteGrid(db, input);
    audit.record({
      entity: '网格',
      entityId: input.id,
      summary: `${preview.grid.label}（编码 ${preview.grid.code}）：${describePreview(preview)}`,
      counts: { 网格: r.deleted },
    });
    return r;
  },
  'grids/suggestCode': async ({ db }, { parentId }) => ({ code: await grids.suggestCode(db, parentId) }),
  'grids/qr': ({ db }, { id }) => getGridQr(db, id),
  'grids/setQr': async ({ db, audit }, { id, file }) => {
    audit.record({ entity: '网格', entityId: id, summary: '上传了微信群二维码' });
    return setGridQr(db, id, await readInputFile(file, '二维码图片'));
  },
  'grids/clearQr': async ({ db, audit }, { id }) => {
    audit.record({ entity: '网格', entityId: id, summary: '删除了微信群二维码' });
    return clearGridQr(db, id);
  },
});
