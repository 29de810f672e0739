/**
 * Records: what grid workers do. Seven kinds, each tied to a grid and, where there is one, the
 * worker who did it. The lists of categories, statuses and levels are the county report's and the
 * 人民调解 statistics' own words (../shared/DOMAIN.md); services, the importer and the screens all
 * validate through the schemas here.
 */
import { z } from 'zod';
import { read, write } from './contract';
import { normalizeName, normalizeText } from './text';

export const RECORD_KINDS = [
  'disputes',
  'reports',
  'publicity',
  'services',
  'visits',
  'trainings',
  'wechatGroups',
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export const RECORD_LABELS: Record<RecordKind, string> = {
  disputes: '矛盾纠纷',
  reports: '信息报告',
  publicity: '政策宣传',
  services: '便民服务',
  visits: '走访',
  trainings: '培训例会',
  wechatGroups: '微信群',
};

export const DISPUTE_CATEGORIES = [
  '婚姻家庭',
  '邻里',
  '房屋宅基地',
  '合同',
  '生产经营',
  '损害赔偿',
  '山林土地',
  '征地拆迁',
  '环境污染',
  '劳动争议',
  '拖欠农民工工资',
  '医疗',
  '道路交通事故',
  '物业',
  '消费',
  '其他',
] as const;
export const DISPUTE_SCALES = ['一般', '较大', '重大'] as const;
/** 排查中 → 调处中 → one of the three outcomes. */
export const DISPUTE_STATUSES = ['排查中', '调处中', '调解成功', '调解不成', '移交处理'] as const;
export const OPEN_DISPUTE_STATUSES = ['排查中', '调处中'] as const;
/** Where a dispute was settled: the measure of 小事不出网格、大事不出村. */
export const SETTLED_LEVELS = ['户级网格', '村民小组', '村', '镇', '移交'] as const;
export const DIFFICULTIES = ['简单', '一般', '重大'] as const;
export const REPORT_TYPES = ['安全隐患', '消防', '防汛', '治安', '涉稳信息', '其他'] as const;
export const PUBLICITY_FORMS = ['入户', '集中', '微信群'] as const;
/** The starting list; the clerk edits it in Settings. */
export const DEFAULT_PUBLICITY_TOPICS = [
  '防范网络诈骗',
  '低保年审',
  '宅基地腾退',
  '平安建设',
  '防火',
  '秸秆禁烧',
  '乡村振兴',
] as const;
export const SERVICE_KINDS = ['代办', '照料', '帮扶', '其他'] as const;
export const VISIT_PROBLEM_TYPES = ['安全隐患', '矛盾纠纷', '民生诉求', '环境卫生', '其他'] as const;
export const TRAINING_KINDS = ['培训', '例会'] as const;

const date = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${label}格式应为 2026-03-05` })
    .refine(
      (v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
      {
        error: `${label}不是有效日期`,
      },
    );
const optionalDate = (label: string) => date(label).nullable().default(null);
const text = (max: number, label: string) =>
  z
    .string()
    .transform(normalizeText)
    .pipe(z.string().max(max, { error: `${label}不能超过 ${max} 个字` }))
    .default('');
const required = (max: number, label: string) =>
  z
    .string({ error: `请填写${label}` })
    .transform(normalizeText)
    .pipe(
      z
        .string()
        .min(1, { error: `请填写${label}` })
        .max(max, { error: `${label}不能超过 ${max} 个字` }),
    );
const count = (label: string) =>
  z
    .number({ error: `${label}应为整数` })
    .int({ error: `${label}应为整数` })
    .min(0, { error: `${label}不能为负数` })
    .max(100_000, { error: `${label}不能超过 100000` });
const id = z.number().int().positive();
const gridId = z.number({ error: '请选择网格' }).int().positive();
const workerId = id.nullable().default(null);
const personName = (label: string) =>
  z
    .string()
    .transform(normalizeName)
    .pipe(z.string().max(20, { error: `${label}不能超过 20 个字` }))
    .default('');

export const disputeStepSchema = z.object({
  date: date('调处日期'),
  handler: required(40, '调处人'),
  action: required(500, '调处经过'),
});

export const disputeFieldsSchema = z
  .object({
    gridId,
    workerId,
    foundDate: date('排查日期'),
    place: text(100, '发生地点'),
    category: z.enum(DISPUTE_CATEGORIES, { error: `纠纷类别应为：${DISPUTE_CATEGORIES.join('、')}` }),
    scale: z.enum(DISPUTE_SCALES, { error: '纠纷规模应为：一般、较大、重大' }).default('一般'),
    parties: required(200, '当事人'),
    people: count('涉及人数').nullable().default(null),
    summary: text(1000, '纠纷简要情况'),
    status: z.enum(DISPUTE_STATUSES, { error: `办理状态应为：${DISPUTE_STATUSES.join('、')}` }).default('排查中'),
    settledLevel: z
      .enum(SETTLED_LEVELS, { error: `化解层级应为：${SETTLED_LEVELS.join('、')}` })
      .nullable()
      .default(null),
    settleDate: optionalDate('化解日期'),
    difficulty: z.enum(DIFFICULTIES, { error: '难易程度应为：简单、一般、重大' }).nullable().default(null),
    deadline: optionalDate('化解时限'),
    notes: text(500, '备注'),
    steps: z.array(disputeStepSchema).max(100).default([]),
  })
  .superRefine((v, ctx) => {
    const closed = !(OPEN_DISPUTE_STATUSES as readonly string[]).includes(v.status);
    if (closed && !v.settleDate)
      ctx.addIssue({ code: 'custom', path: ['settleDate'], message: `状态为“${v.status}”时请填写化解日期` });
    if (v.status === '调解成功' && !v.settledLevel) {
      ctx.addIssue({ code: 'custom', path: ['settledLevel'], message: '调解成功的纠纷请填写化解层级' });
    }
    if (v.settleDate && v.settleDate < v.foundDate) {
      ctx.addIssue({ code: 'custom', path: ['settleDate'], message: '化解日期不能早于排查日期' });
    }
    if (v.deadline && v.deadline < v.foundDate) {
      ctx.addIssue({ code: 'custom', path: ['deadline'], message: '化解时限不能早于排查日期' });
    }
  });

export const reportFieldsSchema = z.object({
  gridId,
  workerId,
  date: date('报告日期'),
  time: z
    .string()
    .regex(/^(|([01]\d|2[0-3]):[0-5]\d)$/, { error: '时间格式应为 14:30' })
    .default(''),
  type: z.enum(REPORT_TYPES, { error: `信息类别应为：${REPORT_TYPES.join('、')}` }),
  summary: required(1000, '信息内容'),
  handling: text(500, '处置情况'),
  reportedTo: text(100, '报送对象'),
  result: text(500, '办理结果'),
  important: z.boolean().default(false),
});

export const publicityFieldsSchema = z.object({
  gridId,
  date: date('宣传日期'),
  /** 'month' when only the month is known; `date` is then its first day. */
  datePrecision: z.enum(['day', 'month']).default('day'),
  topic: required(40, '宣传主题'),
  form: z.enum(PUBLICITY_FORMS, { error: '宣传形式应为：入户、集中、微信群' }),
  households: count('覆盖户数').default(0),
  people: count('覆盖人数').default(0),
  materials: count('发放资料份数').default(0),
  notes: text(500, '备注'),
});

export const serviceFieldsSchema = z.object({
  gridId,
  workerId,
  householdId: id.nullable().default(null),
  date: date('服务日期'),
  kind: z.enum(SERVICE_KINDS, { error: '服务类别应为：代办、照料、帮扶、其他' }),
  content: required(500, '服务内容'),
  result: text(200, '办理结果'),
});

export const visitFieldsSchema = z
  .object({
    gridId,
    workerId,
    date: date('走访日期'),
    households: count('走访户数').default(0),
    problemTypes: z.partialRecord(z.enum(VISIT_PROBLEM_TYPES), count('发现问题数')).default({}),
    solved: count('当场解决数').default(0),
    reported: count('上报数').default(0),
    notes: text(500, '备注'),
  })
  .superRefine((v, ctx) => {
    const problems = Object.values(v.problemTypes).reduce((a, b) => a + (b ?? 0), 0);
    if (v.solved + v.reported > problems) {
      ctx.addIssue({
        code: 'custom',
        path: ['solved'],
        message: `当场解决数与上报数之和（${v.solved + v.reported}）不能多于发现问题数（${problems}）`,
      });
    }
  });

export const trainingFieldsSchema = z
  .object({
    gridId,
    date: date('培训日期'),
    kind: z.enum(TRAINING_KINDS).default('培训'),
    audience: text(100, '培训对象'),
    place: text(100, '地点'),
    content: required(500, '培训内容'),
    trainer: text(40, '授课人'),
    expected: count('应到人数').nullable().default(null),
    /** Ticked from the roster; when empty, `attended` is the number the ledger gave. */
    attendees: z.array(id).max(2000).default([]),
    attended: count('实到人数').default(0),
  })
  .superRefine((v, ctx) => {
    if (v.attendees.length > 0 && v.attended !== 0 && v.attended !== v.attendees.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['attended'],
        message: `实到人数（${v.attended}）与签到名单（${v.attendees.length} 人）不符`,
      });
    }
  });

export const wechatGroupFieldsSchema = z.object({
  gridId,
  name: required(60, '群名称'),
  owner: personName('群主'),
  members: count('群成员数').default(0),
  households: count('覆盖户数').default(0),
  notes: text(500, '备注'),
});

/** Each kind's fields, by kind: what forms, the bulk grid and the importer validate against. */
export const RECORD_SCHEMAS = {
  disputes: disputeFieldsSchema,
  reports: reportFieldsSchema,
  publicity: publicityFieldsSchema,
  services: serviceFieldsSchema,
  visits: visitFieldsSchema,
  trainings: trainingFieldsSchema,
  wechatGroups: wechatGroupFieldsSchema,
} as const satisfies Record<RecordKind, z.ZodType>;

export type RecordFields<K extends RecordKind> = z.output<(typeof RECORD_SCHEMAS)[K]>;
export type RecordInput<K extends RecordKind> = z.input<(typeof RECORD_SCHEMAS)[K]>;
export type DisputeFields = RecordFields<'disputes'>;

// ——— Views and endpoints ———

/** One record as screens show it: its fields as entered, and its grid, worker and household named. */
export interface RecordView<K extends RecordKind = RecordKind> {
  kind: K;
  id: number;
  fields: RecordFields<K>;
  /** The grid named from its village down (大坪村 / 一组 / 第1网格) and its code. */
  gridLabel: string;
  gridCode: string;
  workerName: string | null;
  householdName: string | null;
  /** The record's own date (a dispute's found date, a visit's date…): what periods count by. */
  date: string;
  /** One line for lists and timelines. */
  summary: string;
  /** A dispute's status; null for other kinds. */
  status: string | null;
  /** An open dispute past its deadline. */
  overdue: boolean;
  createdAt: string;
  updatedAt: string;
}

const kindSchema = z.enum(RECORD_KINDS, { error: '记录类别不正确' });
const period = {
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '起始日期格式应为 2026-01-01' })
    .nullable()
    .default(null),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '截止日期格式应为 2026-12-31' })
    .nullable()
    .default(null),
};

export const recordListSchema = z.object({
  kind: kindSchema,
  ...period,
  /** The whole subtree of this grid. */
  gridId: z.number().int().positive().nullable().default(null),
  workerId: z.number().int().positive().nullable().default(null),
  /** Disputes: statuses; 'open' means 排查中 or 调处中. */
  status: z.array(z.enum(DISPUTE_STATUSES)).max(5).default([]),
  category: z.string().max(20).default(''),
  settledLevel: z.enum(SETTLED_LEVELS).nullable().default(null),
  overdue: z.boolean().default(false),
  /** Reports: only 重要信息. */
  important: z.boolean().default(false),
  /** Reports' type, services' kind, publicity's topic or form. */
  type: z.string().max(40).default(''),
  text: z.string().trim().max(40).default(''),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(50),
});
export type RecordListInput = z.input<typeof recordListSchema>;

const withKind = <K extends RecordKind, S extends (typeof RECORD_SCHEMAS)[K]>(kind: K, fields: S) =>
  z.object({ kind: z.literal(kind), fields });

/** One record of any kind: its kind, then that kind's fields. */
export const recordCreateSchema = z.discriminatedUnion('kind', [
  withKind('disputes', disputeFieldsSchema),
  withKind('reports', reportFieldsSchema),
  withKind('publicity', publicityFieldsSchema),
  withKind('services', serviceFieldsSchema),
  withKind('visits', visitFieldsSchema),
  withKind('trainings', trainingFieldsSchema),
  withKind('wechatGroups', wechatGroupFieldsSchema),
]);
export const recordUpdateSchema = z.intersection(recordCreateSchema, z.object({ id: z.number().int().positive() }));
export const recordIdSchema = z.object({ kind: kindSchema, id: z.number().int().positive() });

/** Month-end entry: many rows of one kind, all saved or none. */
export const recordBulkSchema = z.object({
  kind: kindSchema,
  /** Validated per row by the kind's schema in the service, so each error names its row. */
  rows: z.array(z.record(z.string(), z.unknown())).min(1, { error: '没有要保存的记录' }).max(2000),
});

/** A row the bulk entry refused: its 1-based row number, the field and the message. */
export interface RecordRowError {
  row: number;
  field: string;
  message: string;
}

export const timelineSchema = z
  .object({
    gridId: z.number().int().positive().nullable().default(null),
    workerId: z.number().int().positive().nullable().default(null),
    ...period,
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .refine((v) => v.gridId !== null || v.workerId !== null, { error: '请选择网格或网格员' });

export const recordStatsSchema = z.object({
  ...period,
  gridId: z.number().int().positive().nullable().default(null),
});

/** The figures of the county report, for a period and a grid subtree: every one a count over records. */
export interface RecordStats {
  from: string | null;
  to: string | null;
  grid: string | null;
  disputes: {
    found: number;
    inProgress: number;
    /** Closed: 调解成功 + 调解不成 + 移交处理. */
    handled: number;
    success: number;
    /** handled / found and success / handled, in per mille (integers): counties define them differently. */
    handledRate: number | null;
    successRate: number | null;
    overdue: number;
    byCategory: Record<string, number>;
    bySettledLevel: Record<(typeof SETTLED_LEVELS)[number], number>;
    /** Successes settled within the household grid, and within the village (grid + group + village). */
    withinGrid: number;
    withinVillage: number;
  };
  reports: { total: number; important: number };
  publicity: { items: number; households: number; people: number };
  services: number;
  visits: { logs: number; households: number };
  trainings: { sessions: number; attendance: number };
  wechat: { groups: number; gridsWithout: number };
}

export const recordsApi = {
  'records/list': read(recordListSchema).returns<{ total: number; rows: RecordView[] }>(),
  'records/get': read(recordIdSchema).returns<RecordView>(),
  'records/create': write(recordCreateSchema, '新增记录').returns<RecordView>(),
  'records/update': write(recordUpdateSchema, '修改记录').returns<RecordView>(),
  'records/delete': write(recordIdSchema, '删除记录').returns<{ deleted: number }>(),
  'records/bulkCreate': write(recordBulkSchema, '批量录入记录').returns<{ created: number; ids: number[] }>(),
  'records/timeline': read(timelineSchema).returns<RecordView[]>(),
  'records/stats': read(recordStatsSchema).returns<RecordStats>(),
  /** The household grids (level 4) under a grid that have no WeChat group yet, in code order. */
  'records/gridsWithoutGroup': read(z.object({ gridId: z.number({ error: '请选择网格' }).int().positive() })).returns<
    { id: number; code: string; label: string }[]
  >(),
};
