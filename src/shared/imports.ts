import { z } from 'zod';
import { pathSchema, read, write } from './contract';
import { vacanciesSchema } from './people';
import { RECORD_KINDS, RECORD_LABELS, type RecordKind } from './records';

export const ROSTER_KINDS = ['workers', 'households'] as const;
export type RosterKind = (typeof ROSTER_KINDS)[number];
export const ROSTER_KIND_LABELS: Record<RosterKind, string> = { workers: '网格员花名册', households: '住户花名册' };

export const WORKER_FIELDS = [
  'township',
  'village',
  'group',
  'level',
  'gridCode',
  'gridName',
  'name',
  'gender',
  'idNumber',
  'phone',
  'politicalStatus',
  'education',
  'tags',
  'title',
  'role',
  'startDate',
  'notes',
] as const;

export const HOUSEHOLD_FIELDS = [
  'township',
  'village',
  'group',
  'gridCode',
  'gridName',
  'headName',
  'idNumber',
  'phone',
  'address',
  'doorNumber',
  'members',
  'tags',
  'notes',
] as const;

export type Field = (typeof WORKER_FIELDS)[number] | (typeof HOUSEHOLD_FIELDS)[number];

/** Every kind of sheet the import recognises: the two rosters, then one ledger (台账) per record kind. */
export const SHEET_KINDS = [...ROSTER_KINDS, ...RECORD_KINDS] as const;
export type SheetKind = (typeof SHEET_KINDS)[number];
export const SHEET_KIND_LABELS: Record<SheetKind, string> = {
  ...ROSTER_KIND_LABELS,
  ...(Object.fromEntries(RECORD_KINDS.map((k) => [k, `${RECORD_LABELS[k]}台账`])) as Record<RecordKind, string>),
};

const PLACE_FIELDS = ['township', 'village', 'group', 'gridCode', 'gridName'] as const;

/** Each ledger's columns, in the order the column mapping lists them (the place columns first). */
export const LEDGER_FIELDS: Record<RecordKind, readonly string[]> = {
  disputes: [
    ...PLACE_FIELDS,
    'foundDate',
    'place',
    'category',
    'scale',
    'parties',
    'people',
    'summary',
    'status',
    'settledLevel',
    'settleDate',
    'difficulty',
    'deadline',
    'worker',
    'steps',
    'notes',
  ],
  reports: [
    ...PLACE_FIELDS,
    'date',
    'time',
    'type',
    'summary',
    'handling',
    'reportedTo',
    'result',
    'important',
    'worker',
  ],
  publicity: [...PLACE_FIELDS, 'date', 'topic', 'form', 'households', 'people', 'materials', 'notes'],
  services: [...PLACE_FIELDS, 'date', 'kind', 'content', 'result', 'worker', 'household'],
  visits: [
    ...PLACE_FIELDS,
    'date',
    'worker',
    'households',
    'problemSafety',
    'problemDispute',
    'problemLivelihood',
    'problemEnvironment',
    'problemOther',
    'solved',
    'reported',
    'notes',
  ],
  trainings: [...PLACE_FIELDS, 'date', 'kind', 'audience', 'place', 'content', 'trainer', 'expected', 'attended'],
  wechatGroups: [...PLACE_FIELDS, 'name', 'owner', 'members', 'households', 'notes'],
};

const PLACE_LABELS = {
  township: '镇',
  village: '村（社区）',
  group: '村民小组',
  gridCode: '网格编码',
  gridName: '网格名称',
};

/** Each ledger's columns as messages and the column mapping name them. */
export const LEDGER_FIELD_LABELS: Record<RecordKind, Readonly<Record<string, string>>> = {
  disputes: {
    ...PLACE_LABELS,
    foundDate: '排查日期',
    place: '发生地点',
    category: '纠纷类别',
    scale: '纠纷规模',
    parties: '当事人',
    people: '涉及人数',
    summary: '纠纷简要情况',
    status: '办理状态',
    settledLevel: '化解层级',
    settleDate: '化解日期',
    difficulty: '难易程度',
    deadline: '化解时限',
    worker: '排查网格员',
    steps: '调处经过',
    notes: '备注',
  },
  reports: {
    ...PLACE_LABELS,
    date: '报告日期',
    time: '报告时间',
    type: '信息类别',
    summary: '信息内容',
    handling: '处置情况',
    reportedTo: '报送对象',
    result: '办理结果',
    important: '重要信息',
    worker: '报告人',
  },
  publicity: {
    ...PLACE_LABELS,
    date: '宣传日期',
    topic: '宣传主题',
    form: '宣传形式',
    households: '覆盖户数',
    people: '覆盖人数',
    materials: '发放资料份数',
    notes: '备注',
  },
  services: {
    ...PLACE_LABELS,
    date: '服务日期',
    kind: '服务类别',
    content: '服务内容',
    result: '办理结果',
    worker: '服务网格员',
    household: '服务对象（户主）',
  },
  visits: {
    ...PLACE_LABELS,
    date: '走访日期',
    worker: '走访网格员',
    households: '走访户数',
    problemSafety: '安全隐患',
    problemDispute: '矛盾纠纷',
    problemLivelihood: '民生诉求',
    problemEnvironment: '环境卫生',
    problemOther: '其他问题',
    solved: '当场解决数',
    reported: '上报数',
    notes: '备注',
  },
  trainings: {
    ...PLACE_LABELS,
    date: '培训日期',
    kind: '类型',
    audience: '培训对象',
    place: '地点',
    content: '培训内容',
    trainer: '授课人',
    expected: '应到人数',
    attended: '实到人数',
  },
  wechatGroups: {
    ...PLACE_LABELS,
    name: '群名称',
    owner: '群主',
    members: '群成员数',
    households: '覆盖户数',
    notes: '备注',
  },
};

/** A kind of sheet's columns and their names: what the column mapping offers for it. */
export function sheetFields(kind: SheetKind): { fields: readonly string[]; labels: Readonly<Record<string, string>> } {
  if (kind === 'workers') return { fields: WORKER_FIELDS, labels: FIELD_LABELS };
  if (kind === 'households') return { fields: HOUSEHOLD_FIELDS, labels: FIELD_LABELS };
  return { fields: LEDGER_FIELDS[kind], labels: LEDGER_FIELD_LABELS[kind] };
}

const ALL_FIELDS = [
  ...new Set<string>([...WORKER_FIELDS, ...HOUSEHOLD_FIELDS, ...Object.values(LEDGER_FIELDS).flat()]),
] as [string, ...string[]];

export const FIELD_LABELS: Record<Field, string> = {
  township: '镇',
  village: '村（社区）',
  group: '村民小组',
  level: '网格级别',
  gridCode: '网格编码',
  gridName: '网格名称',
  name: '姓名',
  gender: '性别',
  idNumber: '身份证号',
  phone: '联系电话',
  politicalStatus: '政治面貌',
  education: '学历',
  tags: '人员类别',
  title: '担任职务',
  role: '网格角色',
  startDate: '任职日期',
  notes: '备注',
  headName: '户主姓名',
  address: '住址',
  doorNumber: '门牌号',
  members: '家庭人口',
};

export interface RowError {
  sheet: string;
  /** The spreadsheet's own row number (0 for a problem with the whole file). */
  row: number;
  /** The column's header as written in the file. */
  column: string;
  /** Whom the row is about (its 姓名 or 户主姓名 as written), '' when the row names nobody. */
  person: string;
  message: string;
}

// Bounds only: headers and messages quote cells, which may hold up to 32,767 characters.
export const rowErrorSchema = z.object({
  sheet: z.string().max(100_000),
  row: z.number().int().min(0),
  column: z.string().max(100_000),
  person: z.string().max(100_000).default(''),
  message: z.string().max(100_000),
});

/** A current holder the import would replace: their assignment ends, their history stays. */
export interface Replacement {
  /** The holder's name. */
  name: string;
  /** The grid, named from its village down. */
  grid: string;
  role: string;
  /** Who the roster gives the grid and role to. */
  by: string[];
}

/** Per kind: grids and the rosters', then each ledger's (wechatGroups only when the file has that ledger). */
export interface Counts extends Record<Exclude<RecordKind, 'wechatGroups'>, number> {
  wechatGroups?: number;
  grids: number;
  workers: number;
  assignments: number;
  households: number;
}

/** Where a sheet's header is and which column holds which field. */
export interface SheetLayout {
  sheet: string;
  /** null: the sheet is neither a roster nor a ledger (instructions, blank…) and is skipped. */
  kind: SheetKind | null;
  /** Spreadsheet row number of the header, or null. */
  headerRow: number | null;
  columns: { index: number; letter: string; header: string }[];
  /** Field → column index (a roster's Field, or a ledger's field: see LEDGER_FIELDS). */
  mapping: Partial<Record<string, number>>;
  /** Identifies this header layout, to remember a clerk's corrected mapping. */
  signature: string;
}

export interface SheetSummary extends SheetLayout {
  /** Data rows read (with or without errors). */
  records: number;
  skippedRows: number;
  remembered: boolean;
}

export interface ImportResult {
  ok: boolean;
  committed: boolean;
  /** The whole file could not be read (not xlsx, damaged, no roster in it): this says why; nothing else holds. */
  fileError: string | null;
  created: Counts;
  updated: Counts;
  unchanged: Counts;
  errors: RowError[];
  sheets: SheetSummary[];
  /** Current holders the roster gives their grid and role to someone else. */
  replaced: Replacement[];
}

/** Columns a mapping gives to more than one field: an import with one is refused. */
export function sharedColumns<F extends string>(mapping: Partial<Record<F, number>>): { index: number; fields: F[] }[] {
  const byColumn = new Map<number, F[]>();
  for (const [field, index] of Object.entries(mapping) as [F, number | undefined][]) {
    if (index === undefined) continue;
    byColumn.set(index, [...(byColumn.get(index) ?? []), field]);
  }
  return [...byColumn]
    .filter(([, fields]) => fields.length > 1)
    .map(([index, fields]) => ({ index, fields }))
    .sort((a, b) => a.index - b.index);
}

export const layoutOverrideSchema = z.object({
  kind: z.enum(SHEET_KINDS).optional(),
  mapping: z.partialRecord(z.enum(ALL_FIELDS), z.number().int().min(0).max(500).nullable()).optional(),
});
export type LayoutOverride = z.infer<typeof layoutOverrideSchema>;

export const importRequestSchema = z.object({
  file: pathSchema,
  kind: z.enum(SHEET_KINDS).optional(),
  overrides: z.record(z.string().max(100), layoutOverrideSchema).default({}),
  skipInvalid: z.boolean().default(false),
});
export type ImportRequest = z.input<typeof importRequestSchema>;

export const exportRequestSchema = z.object({
  perVillage: z.boolean().default(true),
  gridId: z.number().int().positive().nullable().default(null),
});

/** A file written where the clerk (or the CLI's --out) chose. */
export interface SavedFile {
  file: string;
  rows: number;
}

const out = { out: pathSchema };
const readsFile = { files: { file: 'read' as const } };

/** The imports domain's endpoints: rosters in, and the files that help fill them. */
export const importsApi = {
  'import/analyze': read(importRequestSchema, readsFile).returns<ImportResult>(),
  'import/commit': write(importRequestSchema, '导入花名册', readsFile).returns<ImportResult>(),
  // `errors`: the rows a commit skipped, marked as it reported them (the file is not checked again).
  'import/errorWorkbook': read(
    importRequestSchema.extend({ ...out, errors: z.array(rowErrorSchema).max(5_000_000).optional() }),
    {
      files: { file: 'read', out: 'write' },
    },
  ).returns<SavedFile>(),
  'import/template': read(z.object(out), { files: { out: 'write' } }).returns<SavedFile>(),
};

/** The exports domain's endpoints: rosters out to Excel. */
export const contactsExportSchema = z.object({
  gridId: z.number({ error: '请选择村（社区）' }).int().positive(),
});

export const exportsApi = {
  'export/workers': read(exportRequestSchema.extend(out), { files: { out: 'write' } }).returns<SavedFile>(),
  'export/households': read(exportRequestSchema.extend(out), { files: { out: 'write' } }).returns<SavedFile>(),
  /** 待配备网格, with the vacancy panel's scope and level. */
  'export/vacancies': read(vacanciesSchema.extend(out), { files: { out: 'write' } }).returns<SavedFile>(),
  /** A village's (or any grid's) 通讯录: its current workers with phones in full, no ID numbers. */
  'export/contacts': read(contactsExportSchema.extend(out), { files: { out: 'write' } }).returns<SavedFile>(),
};
