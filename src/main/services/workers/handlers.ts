import { workersApi, type WorkerDetail } from '../../../shared/people';
import { FIELD_LABELS } from '../../../shared/imports';
import { defineHandlers } from '../../ipc/define';
import { describeChanges } from '../audit/audit';
import { readInputFile } from '../files/read';
import * as workers from './workers';
import { listVacancies } from './vacancies';

const WORKER_LABELS = {
  name: FIELD_LABELS.name,
  gender: FIELD_LABELS.gender,
  idNumber: FIELD_LABELS.idNumber,
  phone: FIELD_LABELS.phone,
  politicalStatus: FIELD_LABELS.politicalStatus,
  education: FIELD_LABELS.education,
  tags: FIELD_LABELS.tags,
  status: '状态',
  notes: FIELD_LABELS.notes,
};

const asRecord = (w: WorkerDetail) => ({ ...w }) as Record<string, unknown>;

export const workersHandlers = defineHandlers(workersApi, {
  'grids/assignments': ({ db }, { id }) => workers.gridAssignments(db, id),
  'grids/vacancies': ({ db }, input) => listVacancies(db, input),
  'workers/list': ({ db }, input) => workers.listWorkers(db, input),
  'workers/get': ({ db }, { id }) => workers.getWorker(db, id),
  'workers/create': async ({ db, audit }, input) => {
    const w = await workers.createWorker(db, input);
    audit.record({ entity: '网格员', entityId: w.id, summary: `${w.name}，电话 ${w.phone}，身份证号 ${w.idNumber}` });
    return w;
  },
  'workers/update': async ({ db, audit }, input) => {
    const before = await workers.getWorker(db, input.id);
    const w = await workers.updateWorker(db, input);
    audit.record({
      entity: '网格员',
      entityId: w.id,
      summary: `${before.name}：${describeChanges(asRecord(before), asRecord(w), WORKER_LABELS)}`,
    });
    return w;
  },
  'assignments/create': async ({ db, audit }, input) => {
    const w = await workers.assignWorker(db, input);
    const a = w.assignments.find((x) => x.gridId === input.gridId && x.endDate === null);
    audit.record({
      entity: '网格员',
      entityId: w.id,
      summary: `${w.name} 任 ${a?.gridName ?? `网格 ${input.gridId}`}${input.role}${input.startDate ? `，自 ${input.startDate}` : ''}`,
    });
    return w;
  },
  'assignments/end': async ({ db, audit }, input) => {
    const w = await workers.endAssignment(db, input);
    const a = w.assignments.find((x) => x.id === input.id);
    audit.record({
      entity: '网格员',
      entityId: w.id,
      summary: `${w.name} 结束 ${a?.gridName ?? ''}的任职${a?.endDate ? `（${a.endDate}）` : ''}`,
    });
    return w;
  },
  'workers/photo': ({ db }, { id }) => workers.getPhoto(db, id),
  'workers/setPhoto': async ({ db, audit }, { id, file }) => {
    audit.record({ entity: '网格员', entityId: id, summary: '上传了照片' });
    return workers.setPhoto(db, id, await readInputFile(file, '照片文件'));
  },
  'workers/clearPhoto': async ({ db, audit }, { id }) => {
    audit.record({ entity: '网格员', entityId: id, summary: '删除了照片' });
    return workers.clearPhoto(db, id);
  },
});
