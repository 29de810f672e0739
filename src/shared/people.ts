import { z } from 'zod';
import { pathSchema, read, write } from './contract';
import type { DeleteEffect } from './deletion';
import { idInfo, idProblem } from './idcard';
import { normalizeIdNumber, normalizeName, normalizePhone, normalizeText, phoneProblem } from './text';

export const GENDERS = ['男', '女'] as const;
export const POLITICAL_STATUSES = [
  '中共党员',
  '中共预备党员',
  '共青团员',
  '民革党员',
  '民盟盟员',
  '民建会员',
  '民进会员',
  '农工党党员',
  '致公党党员',
  '九三学社社员',
  '台盟盟员',
  '无党派人士',
  '群众',
] as const;
export const EDUCATIONS = ['小学', '初中', '高中', '中专', '大专', '本科', '研究生'] as const;
export const WORKER_TAGS = [
  '老党员',
  '老干部',
  '两代表一委员',
  '新乡贤',
  '脱贫示范户',
  '致富能手',
  '村民代表',
] as const;
export const HOUSEHOLD_TAGS = [
  '脱贫户',
  '监测户',
  '低保户',
  '特困户',
  '独居老人',
  '留守儿童',
  '留守老人',
  '残疾人家庭',
  '军属',
] as const;
/** What is stored: a worker is in post (在岗) or has left (离任). */
export const WORKER_STATUSES = ['在岗', '离任'] as const;
/**
 * What screens show: 在岗 with no current grid is 待安排, so a worker whose every assignment
 * ended (replaced, the grid deleted) is never quietly 在岗.
 */
export const WORKER_STATES = ['在岗', '待安排', '离任'] as const;
/** What becomes of a worker whose last current grid ends: kept in post without a grid, or gone. */
export const AFTER_LAST_GRID = ['待安排', '离任'] as const;
export const ROLES = ['网格员', '网格长'] as const;
export const TITLES = [
  '镇党委书记',
  '分管政法领导',
  '村（社区）党组织书记',
  '村民小组组长',
  '村民代表',
  '网格员',
] as const;

export type Gender = (typeof GENDERS)[number];
export type WorkerStatus = (typeof WORKER_STATUSES)[number];
export type WorkerState = (typeof WORKER_STATES)[number];
export type AfterLastGrid = (typeof AFTER_LAST_GRID)[number];

/** The state a screen shows for a stored status and whether the worker holds a grid now. */
export function workerState(status: WorkerStatus, holdsGrid: boolean): WorkerState {
  if (status === '离任') return '离任';
  return holdsGrid ? '在岗' : '待安排';
}
export type Role = (typeof ROLES)[number];

/** Household grids are meant to hold 15–20 households. */
export const HOUSEHOLDS_PER_GRID = { min: 15, max: 20 } as const;

const trimmed = (max: number, label: string) =>
  z
    .string()
    .transform(normalizeText)
    .pipe(z.string().max(max, { error: `${label}不能超过 ${max} 个字` }));

export const personNameSchema = z
  .string({ error: '请填写姓名' })
  .transform(normalizeName)
  .pipe(
    z
      .string()
      .min(1, { error: '请填写姓名' })
      .max(20, { error: '姓名不能超过 20 个字' })
      .regex(/^[\p{Script=Han}A-Za-z·]+$/u, { error: '姓名只能包含汉字、字母和“·”' }),
  );

export const idNumberSchema = z
  .string({ error: '请填写身份证号' })
  .transform(normalizeIdNumber)
  .superRefine((v, ctx) => {
    if (v === '') {
      ctx.addIssue({ code: 'custom', message: '请填写身份证号' });
      return;
    }
    const problem = idProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const phoneSchema = z
  .string({ error: '请填写联系电话' })
  .transform(normalizePhone)
  .superRefine((v, ctx) => {
    if (v === '') {
      ctx.addIssue({ code: 'custom', message: '请填写联系电话' });
      return;
    }
    const problem = phoneProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const optionalPhone = z
  .string()
  .transform(normalizePhone)
  .superRefine((v, ctx) => {
    const problem = v === '' ? null : phoneProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const tagList = z.array(z.string().trim().min(1).max(20)).max(20).default([]);

const workerBase = z.object({
  name: personNameSchema,
  gender: z.enum(GENDERS, { error: '请选择性别' }),
  idNumber: idNumberSchema,
  phone: phoneSchema,
  politicalStatus: z.string().trim().max(20).default('群众'),
  education: trimmed(20, '学历').default(''),
  tags: tagList,
  status: z.enum(WORKER_STATUSES).default('在岗'),
  notes: trimmed(200, '备注').default(''),
  /** 补贴发放的银行账号 (digits; spaces and dashes as typed are dropped). Left out: unchanged. */
  bankAccount: z
    .string()
    .transform((v) => v.replace(/[\s-]/g, ''))
    .refine((v) => v === '' || /^\d{12,30}$/.test(v), { error: '银行账号应为 12 到 30 位数字' })
    .optional(),
});

function genderMatchesId(v: { idNumber: string; gender: Gender }, ctx: z.RefinementCtx): void {
  if (idProblem(v.idNumber) === null && idInfo(v.idNumber).gender !== v.gender) {
    ctx.addIssue({
      code: 'custom',
      path: ['gender'],
      message: `性别与身份证号不符（身份证号显示为${idInfo(v.idNumber).gender}）`,
    });
  }
}

export const workerFieldsSchema = workerBase.superRefine(genderMatchesId);
/** An edit leaves the status alone unless it names one (离任 and back are actions of their own). */
export const workerUpdateSchema = workerBase
  .extend({ id: z.number().int().positive(), status: z.enum(WORKER_STATUSES).optional() })
  .superRefine(genderMatchesId);
export type WorkerFields = z.output<typeof workerFieldsSchema>;
export type WorkerFieldsInput = z.input<typeof workerFieldsSchema>;

export const householdFieldsSchema = z.object({
  gridId: z.number({ error: '请选择所属户级网格' }).int().positive(),
  headName: personNameSchema,
  idNumber: z
    .string()
    .transform(normalizeIdNumber)
    .superRefine((v, ctx) => {
      const problem = v === '' ? null : idProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .default(''),
  phone: optionalPhone.default(''),
  address: trimmed(100, '住址').default(''),
  doorNumber: trimmed(20, '门牌号').default(''),
  members: z
    .number({ error: '家庭人口应为数字' })
    .int({ error: '家庭人口应为整数' })
    .min(1, { error: '家庭人口至少 1 人' })
    .max(50, { error: '家庭人口不能超过 50 人' })
    .nullable()
    .default(null),
  tags: tagList,
  notes: trimmed(200, '备注').default(''),
});
export type HouseholdFields = z.output<typeof householdFieldsSchema>;

export const dateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 2026-11-27' })
  .nullable()
  .default(null);

export const assignmentFieldsSchema = z.object({
  workerId: z.number().int().positive(),
  gridId: z.number({ error: '请选择网格' }).int().positive(),
  role: z.enum(ROLES).default('网格员'),
  title: trimmed(30, '职务').default(''),
  startDate: dateSchema,
  /**
   * The grid's current holder of that role, as the clerk confirmed replacing them: without it an
   * occupied grid is refused, and it must name the holder now (a stale screen replaces no one).
   */
  replace: z
    .object({
      holderId: z.number().int().positive(),
      /** Used when the grid was the holder's last one. */
      holderAfter: z.enum(AFTER_LAST_GRID, { error: '请选择被替换的网格员之后待安排还是离任' }),
    })
    .nullable()
    .default(null),
});

export const holderQuerySchema = z.object({
  gridId: z.number().int().positive(),
  role: z.enum(ROLES).default('网格员'),
});

/** Who holds a grid in a role now, as the assignment modal names them before replacing. */
export interface HolderInfo {
  assignmentId: number;
  workerId: number;
  workerName: string;
  startDate: string | null;
  gridLabel: string;
  /** The holder's other current grids, labelled with role: none means this is their last one. */
  otherGrids: string[];
}

export interface WorkerSummary {
  id: number;
  name: string;
  gender: Gender;
  /** Masked: 610121********123X. */
  idMasked: string;
  /** Masked: ************5678; '' when none. */
  bankMasked: string;
  phone: string;
  politicalStatus: string;
  tags: string[];
  state: WorkerState;
  /** Current assignments. */
  grids: {
    gridId: number;
    gridName: string;
    /** 许坪村 / 一组: how screens name the grid. */
    gridLabel: string;
    gridCode: string;
    level: number;
    role: Role;
    title: string;
  }[];
}

export interface AssignmentView {
  id: number;
  workerId: number;
  workerName: string;
  gridId: number;
  gridName: string;
  /** 许坪村 / 一组 / 第1网格: how screens name the grid. */
  gridLabel: string;
  gridCode: string;
  level: number;
  role: Role;
  title: string;
  startDate: string | null;
  endDate: string | null;
}

export interface WorkerDetail extends WorkerFields {
  id: number;
  birthDate: string;
  state: WorkerState;
  assignments: AssignmentView[];
}

export interface HouseholdView extends HouseholdFields {
  id: number;
  idMasked: string;
  gridName: string;
  /** 许坪村 / 一组 / 第1网格: how screens name the grid. */
  gridLabel: string;
  gridCode: string;
}

const nullableId = z.number().int().positive().nullable().default(null);
const page = {
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(50),
};

export const workerListSchema = z.object({
  gridId: nullableId,
  level: z.number().int().min(1).max(4).nullable().default(null),
  tag: z.string().trim().max(20).default(''),
  politicalStatus: z.string().trim().max(20).default(''),
  status: z.union([z.enum(WORKER_STATES), z.literal('')]).default(''),
  search: z.string().max(40).default(''),
  ...page,
});

export const householdListSchema = z.object({
  gridId: nullableId,
  tag: z.string().trim().max(20).default(''),
  search: z.string().max(40).default(''),
  ...page,
});

export const householdUpdateSchema = householdFieldsSchema.extend({ id: z.number().int().positive() });

export const householdMoveSchema = z.object({
  ids: z.array(z.number().int().positive()).min(1, { error: '请选择要移动的住户' }).max(5000),
  gridId: z.number({ error: '请选择新的户级网格' }).int().positive(),
});

export const assignmentEndSchema = z.object({
  id: z.number().int().positive(),
  endDate: dateSchema,
  /** Used when it is the worker's last current grid. */
  after: z.enum(AFTER_LAST_GRID).default('待安排'),
});

const workerIdsSchema = z
  .array(z.number().int().positive())
  .min(1, { error: '请先勾选网格员' })
  .max(1000, { error: '一次最多选择 1000 名网格员' });

export const workersLeaveSchema = z.object({ ids: workerIdsSchema, endDate: dateSchema });

/** What a worker's deletion takes along, named before the clerk confirms. */
export interface WorkerDeletePreview {
  worker: { id: number; name: string };
  /** Grids the worker holds now, which fall vacant: 许坪村 / 一组（网格长）. */
  current: string[];
  photo: boolean;
  /** Their assignments (current and past) and whatever else goes with them, per table. */
  cascade: DeleteEffect[];
  /** Records that refer to the worker and must be kept: while any exist, deletion is refused. */
  blockers: DeleteEffect[];
  detached: DeleteEffect[];
}

/** The households on the selected workers' current grids, for their contact cards. */
export interface WorkerCardScope {
  /** A grid of theirs (the print endpoint's root), null when none holds a grid. */
  gridId: number | null;
  householdIds: number[];
  grids: string[];
  /** Selected workers holding no grid now. */
  withoutGrid: string[];
}

export const vacanciesSchema = z.object({
  gridId: nullableId,
  level: z.number().int().min(1).max(4).nullable().default(null),
});

/** A grid with no current worker (待配备), and who held it last. */
export interface Vacancy {
  id: number;
  name: string;
  /** The grid named from its village down (田家河村 / 十四组 / 第1网格). */
  label: string;
  code: string;
  level: number;
  /** Households directly in the grid (household grids hold them). */
  households: number;
  /** The worker whose assignment here ended last, if anyone ever held the grid. */
  lastHolder: { workerId: number; name: string; endDate: string } | null;
}

const recordIdSchema = z.object({ id: z.number({ error: '缺少编号' }).int().positive() });
const workerDeleteSchema = recordIdSchema.extend({ confirm: z.boolean().default(false) });
export const photoSetSchema = recordIdSchema.extend({ file: pathSchema });

/** The workers domain's endpoints (workers, their assignments and photos). */
export const workersApi = {
  'grids/assignments': read(recordIdSchema).returns<AssignmentView[]>(),
  'grids/vacancies': read(vacanciesSchema).returns<Vacancy[]>(),
  'workers/list': read(workerListSchema).returns<{ total: number; rows: WorkerSummary[] }>(),
  'workers/get': read(recordIdSchema).returns<WorkerDetail>(),
  'workers/create': write(workerFieldsSchema, '新增网格员').returns<WorkerDetail>(),
  'workers/update': write(workerUpdateSchema, '修改网格员').returns<WorkerDetail>(),
  'workers/deletePreview': read(recordIdSchema).returns<WorkerDeletePreview>(),
  'workers/delete': write(workerDeleteSchema, '删除网格员').returns<{ deleted: number }>(),
  'workers/leave': write(workersLeaveSchema, '网格员离任').returns<{ workers: number; ended: number }>(),
  'workers/cardScope': read(z.object({ ids: workerIdsSchema })).returns<WorkerCardScope>(),
  'assignments/holder': read(holderQuerySchema).returns<HolderInfo | null>(),
  'assignments/create': write(assignmentFieldsSchema, '任命网格员').returns<WorkerDetail>(),
  'assignments/end': write(assignmentEndSchema, '结束任职').returns<WorkerDetail>(),
  'workers/photo': read(recordIdSchema).returns<{ photo: string | null }>(),
  'workers/setPhoto': write(photoSetSchema, '上传网格员照片', { files: { file: 'read' } }).returns<{
    photo: string | null;
  }>(),
  'workers/clearPhoto': write(recordIdSchema, '删除网格员照片').returns<{ photo: string | null }>(),
};

/** The households domain's endpoints. */
export const householdsApi = {
  'households/list': read(householdListSchema).returns<{ total: number; rows: HouseholdView[] }>(),
  'households/get': read(recordIdSchema).returns<HouseholdView>(),
  'households/create': write(householdFieldsSchema, '新增住户').returns<HouseholdView>(),
  'households/update': write(householdUpdateSchema, '修改住户').returns<HouseholdView>(),
  'households/delete': write(recordIdSchema, '删除住户').returns<{ deleted: number }>(),
  'households/move': write(householdMoveSchema, '调整住户网格').returns<{ moved: number }>(),
};
