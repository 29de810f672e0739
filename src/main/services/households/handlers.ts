import { FIELD_LABELS } from '../../../shared/imports';
import { householdsApi, type HouseholdView } from '../../../shared/people';
import { defineHandlers } from '../../ipc/define';
import { describeChanges } from '../audit/audit';
import { gridPath } from '../grids/queries';
import * as households from './households';

const HOUSEHOLD_LABELS = {
  headName: FIELD_LABELS.headName,
  idNumber: FIELD_LABELS.idNumber,
  phone: FIELD_LABELS.phone,
  address: FIELD_LABELS.address,
  doorNumber: FIELD_LABELS.doorNumber,
  members: FIELD_LABELS.members,
  tags: '住户类别',
  notes: FIELD_LABELS.notes,
  gridLabel: '所属网格',
};

const asRecord = (h: HouseholdView) => ({ ...h }) as Record<string, unknown>;

export const householdsHandlers = defineHandlers(householdsApi, {
  'households/list': ({ db }, input) => households.listHouseholds(db, input),
  'households/get': ({ db }, { id }) => households.getHousehold(db, id),
  'households/create': async ({ db, audit }, input) => {
    const h = await households.createHousehold(db, input);
    audit.record({ entity: '住户', entityId: h.id, summary: `户主 ${h.headName}（${h.gridLabel}）` });
    return h;
  },
  'households/update': async ({ db, audit }, input) => {
    const before = await households.getHousehold(db, input.id);
    const h = await households.updateHousehold(db, input);
    audit.record({
      entity: '住户',
      entityId: h.id,
      summary: `户主 ${before.headName}：${describeChanges(asRecord(before), asRecord(h), HOUSEHOLD_LABELS)}`,
    });
    return h;
  },
  'households/delete': async ({ db, audit }, { id }) => {
    const before = await households.getHousehold(db, id);
    const r = await households.deleteHousehold(db, id);
    audit.record({ entity: '住户', entityId: id, summary: `户主 ${before.headName}（${before.gridLabel}）` });
    return r;
  },
  'households/move': async ({ db, audit }, input) => {
    const r = await households.moveHouseholds(db, input);
    const grid = await gridPath(db, input.gridId);
    audit.record({
      entity: '住户',
      summary: `${r.moved} 户移入 ${grid.label}（编码 ${grid.grid.code}）`,
      counts: { 住户: r.moved },
    });
    return r;
  },
});
