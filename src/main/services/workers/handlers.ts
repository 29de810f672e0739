import { workersApi, type WorkerDetail } from '../../../shared/people';
import { FIELD_LABELS } from '../../../shared/imports';
import { maskAccount } from '../../../shared/subsidies';
import { defineHandlers } from '../../ipc/define';
import { describeChanges } from '../audit/audit';
import { readInputFile } from '../files/read';
import * as assignments from './assignments';
import * as deletion from './deletion';
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
  bankAccount: '银行账号',
};

// The 操作日志 shows a bank account as the lists do: its last four digits only.
const asRecord = (w: WorkerDetail) =>
  ({ ...w, bankAccount: maskAccount(w.bankAccount ?? '') }) as Record<string, unknown>;

/** 郭书科、李民宝 — or the first ten and a count, for a bulk action's log entry. */
function nameList(names: string[]): string {
  return names.length <= 10 ? names.join('、') : `${names.slice(0, 10).join('、')}等 ${names.length} 人`;
}

export const workersHandlers = defineHandlers(workersApi, {
  'grids/assignments': ({ db }, { id }) => assignments.gridAssignments(db, id),
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
  'workers/deletePreview': ({ db }, { id }) => deletion.workerDeletePreview(db, id),
  'workers/delete': async ({ db, audit }, input) => {
    const { deleted, preview } = await deletion.deleteWorker(db, input);
    const taken = deletion.describeTaken(preview);
    audit.record({
      entity: '网格员',
      entityId: input.id,
      summary: `${preview.worker.name}${taken ? `（连同 ${taken}）` : ''}`,
    });
    return { deleted };
  },
  'workers/leave': async ({ db, audit }, input) => {
    const r = await assignments.leaveWorkers(db, input);
    audit.record({
      entity: '网格员',
      entityId: input.ids.length === 1 ? input.ids[0]! : null,
      summary: `${nameList(r.names)} 离任（${r.endDate}），结束 ${r.ended} 项任职`,
      counts: { 网格员: r.workers, 任职: r.ended },
    });
    return { workers: r.workers, ended: r.ended };
  },
  'workers/cardScope': ({ db }, { ids }) => assignments.cardScope(db, ids),
  'assignments/holder': ({ db }, input) => assignments.currentHolder(db, input),
  'assignments/create': async ({ db, audit }, input) => {
    const { worker: w, label, replaced } = await assignments.assignWorker(db, input);
    const replacing = replaced.map((r) => `，接替${r.name}${r.left ? `（${r.name}离任）` : ''}`).join('');
    audit.record({
      entity: '网格员',
      entityId: w.id,
      summary: `${w.name} 任 ${label}${input.role}${input.startDate ? `，自 ${input.startDate}` : ''}${replacing}`,
    });
    return w;
  },
  'assignments/end': async ({ db, audit }, input) => {
    const w = await assignments.endAssignment(db, input);
    const a = w.assignments.find((x) => x.id === input.id);
    const left = input.after === '离任' ? '，离任' : '';
    audit.record({
      entity: '网格员',
      entityId: w.id,
      summary: `${w.name} 结束 ${a?.gridLabel ?? ''}的任职${a?.endDate ? `（${a.endDate}）` : ''}${left}`,
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
