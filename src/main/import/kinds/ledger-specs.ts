/**
 * Each ledger's header names (as villages write them), the columns that tell it from the other
 * sheets, and how a row's cells become the input its record schema (shared/records.ts) checks.
 */
import { LEDGER_FIELDS } from '../../../shared/imports';
import type { RecordKind } from '../../../shared/records';
import { synonymsFor, type Synonyms } from '../fields';
import type { RowReader } from '../row-reader';
import { ledgerCount, ledgerDate, ledgerText, ledgerTime, ledgerYes } from './ledger-cells';

export interface LedgerSpec {
  kind: RecordKind;
  synonyms: Synonyms;
  /** A header row is this ledger when it names all of these. */
  required: readonly string[];
  /** The column naming whom the row is about, for its errors. */
  person?: string;
  /** The row names a worker (column `worker`) or a household (column `household`, by its head). */
  worker: boolean;
  household: boolean;
  /** The schema's input from a row, without gridId, workerId and householdId. */
  read(r: RowReader): Record<string, unknown>;
}

const WORKER = ['网格员', '网格员姓名', '责任网格员', '经办网格员'];

const dateOf = (r: RowReader, field: string) => ledgerDate(r, field)?.date;

const disputes: LedgerSpec = {
  kind: 'disputes',
  synonyms: {
    foundDate: ['排查日期', '排查时间', '发现日期', '发现时间', '登记日期', '受理日期', '日期'],
    place: ['发生地点', '发生地', '地点', '纠纷地点'],
    category: ['纠纷类别', '纠纷类型', '矛盾类别', '矛盾纠纷类别', '类别', '类型'],
    scale: ['纠纷规模', '规模', '纠纷等级'],
    parties: ['当事人', '当事人姓名', '双方当事人', '涉及当事人', '当事人双方'],
    people: ['涉及人数', '涉及人员数', '人数'],
    summary: ['纠纷简要情况', '简要情况', '纠纷内容', '主要内容', '基本情况', '纠纷事由', '事由'],
    status: ['办理状态', '调处状态', '状态', '化解情况', '办理情况'],
    settledLevel: ['化解层级', '调处层级', '化解级别', '化解单位'],
    settleDate: ['化解日期', '办结日期', '结案日期', '化解时间', '调结日期'],
    difficulty: ['难易程度', '难度'],
    deadline: ['化解时限', '办结时限', '时限'],
    worker: ['排查网格员', '排查人', '登记人', ...WORKER],
    steps: ['调处经过', '调处情况', '化解过程', '处理经过', '调处过程'],
    notes: ['备注', '说明'],
  },
  required: ['parties', 'category'],
  person: 'parties',
  worker: true,
  household: false,
  read: (r) => ({
    foundDate: dateOf(r, 'foundDate'),
    place: ledgerText(r, 'place'),
    category: ledgerText(r, 'category'),
    scale: ledgerText(r, 'scale'),
    parties: ledgerText(r, 'parties'),
    people: ledgerCount(r, 'people'),
    summary: ledgerText(r, 'summary'),
    status: ledgerText(r, 'status'),
    settledLevel: ledgerText(r, 'settledLevel'),
    settleDate: dateOf(r, 'settleDate'),
    difficulty: ledgerText(r, 'difficulty'),
    deadline: dateOf(r, 'deadline'),
    notes: ledgerText(r, 'notes'),
  }),
};

const reports: LedgerSpec = {
  kind: 'reports',
  synonyms: {
    date: ['报告日期', '报送日期', '上报日期', '报告时间', '日期'],
    time: ['时间', '上报时间', '报送时间', '具体时间'],
    type: ['信息类别', '信息类型', '类别', '类型'],
    summary: ['信息内容', '报告内容', '事件简要', '简要情况', '主要内容', '内容'],
    handling: ['处置情况', '处置措施', '处理情况'],
    reportedTo: ['报送对象', '报送单位', '上报对象', '上报单位'],
    result: ['办理结果', '结果', '处理结果'],
    important: ['重要信息', '是否重要', '是否重要信息', '重要'],
    worker: ['报告人', '报送人', '信息员', '上报人', ...WORKER],
  },
  required: ['type', 'summary', 'date'],
  person: 'worker',
  worker: true,
  household: false,
  read: (r) => ({
    date: dateOf(r, 'date'),
    time: ledgerTime(r, 'time'),
    type: ledgerText(r, 'type'),
    summary: ledgerText(r, 'summary'),
    handling: ledgerText(r, 'handling'),
    reportedTo: ledgerText(r, 'reportedTo'),
    result: ledgerText(r, 'result'),
    important: ledgerYes(r, 'important'),
  }),
};

const publicity: LedgerSpec = {
  kind: 'publicity',
  synonyms: {
    date: ['宣传日期', '宣传时间', '活动日期', '活动时间', '日期', '时间'],
    topic: ['宣传主题', '主题', '宣传内容', '宣传专题'],
    form: ['宣传形式', '形式', '宣传方式', '方式'],
    households: ['覆盖户数', '入户数', '宣传户数', '户数'],
    people: ['覆盖人数', '受众人数', '参与人数', '受教育人数', '人数'],
    materials: ['发放资料份数', '发放资料', '资料份数', '发放宣传资料'],
    notes: ['备注', '说明'],
  },
  required: ['topic', 'form'],
  worker: false,
  household: false,
  read: (r) => {
    const d = ledgerDate(r, 'date', true);
    return {
      date: d?.date,
      datePrecision: d?.precision,
      topic: ledgerText(r, 'topic'),
      form: ledgerText(r, 'form'),
      households: ledgerCount(r, 'households'),
      people: ledgerCount(r, 'people'),
      materials: ledgerCount(r, 'materials'),
      notes: ledgerText(r, 'notes'),
    };
  },
};

const services: LedgerSpec = {
  kind: 'services',
  synonyms: {
    date: ['服务日期', '服务时间', '办理日期', '日期', '时间'],
    kind: ['服务类别', '服务类型', '类别', '类型'],
    content: ['服务内容', '服务事项', '办理事项', '代办事项', '内容'],
    result: ['办理结果', '服务结果', '结果', '办理情况'],
    worker: ['服务网格员', '服务人', '代办人', ...WORKER],
    household: ['服务对象', '户主', '户主姓名', '服务户', '服务对象姓名'],
  },
  required: ['kind', 'content'],
  person: 'household',
  worker: true,
  household: true,
  read: (r) => ({
    date: dateOf(r, 'date'),
    kind: ledgerText(r, 'kind'),
    content: ledgerText(r, 'content'),
    result: ledgerText(r, 'result'),
  }),
};

/** The visit log's problem columns → the schema's problem types. */
export const VISIT_PROBLEM_FIELDS = {
  problemSafety: '安全隐患',
  problemDispute: '矛盾纠纷',
  problemLivelihood: '民生诉求',
  problemEnvironment: '环境卫生',
  problemOther: '其他',
} as const;

const visits: LedgerSpec = {
  kind: 'visits',
  synonyms: {
    date: ['走访日期', '走访时间', '日期', '时间'],
    worker: ['走访网格员', '走访人', '走访人员', ...WORKER],
    households: ['走访户数', '入户数', '户数', '走访户'],
    problemSafety: ['安全隐患', '发现安全隐患', '安全隐患数'],
    problemDispute: ['矛盾纠纷', '发现矛盾纠纷', '矛盾纠纷数'],
    problemLivelihood: ['民生诉求', '群众诉求', '民生诉求数'],
    problemEnvironment: ['环境卫生', '环境卫生问题'],
    problemOther: ['其他问题', '其他'],
    solved: ['当场解决数', '当场解决', '已解决', '解决数'],
    reported: ['上报数', '上报', '上报问题数', '上报数量'],
    notes: ['备注', '说明'],
  },
  required: ['worker', 'households', 'date'],
  person: 'worker',
  worker: true,
  household: false,
  read: (r) => {
    const problemTypes: Record<string, number> = {};
    for (const [field, type] of Object.entries(VISIT_PROBLEM_FIELDS)) {
      const n = ledgerCount(r, field);
      if (n) problemTypes[type] = n;
    }
    return {
      date: dateOf(r, 'date'),
      households: ledgerCount(r, 'households'),
      problemTypes,
      solved: ledgerCount(r, 'solved'),
      reported: ledgerCount(r, 'reported'),
      notes: ledgerText(r, 'notes'),
    };
  },
};

/** 培训 or 例会 (the schema's list has no message of its own); 培训会 and 例会 as villages write them. */
function trainingKind(r: RowReader): string | undefined {
  const t = ledgerText(r, 'kind')?.replace(/会$|班$/, '');
  if (t === undefined) return undefined;
  const kind = t === '培训' ? '培训' : t === '例' ? '例会' : null;
  if (!kind) r.fail('kind', `${r.label('kind')}应为：培训、例会（这一格是“${r.text('kind')}”）`);
  return kind ?? undefined;
}

const trainings: LedgerSpec = {
  kind: 'trainings',
  synonyms: {
    date: ['培训日期', '会议日期', '培训时间', '会议时间', '日期', '时间'],
    kind: ['类型', '培训类型', '会议类型', '形式'],
    audience: ['培训对象', '参加对象', '参会对象', '参训对象', '对象'],
    place: ['地点', '培训地点', '会议地点'],
    content: ['培训内容', '会议内容', '会议主题', '培训主题', '主要内容', '内容'],
    trainer: ['授课人', '主讲人', '主持人', '培训人'],
    expected: ['应到人数', '应到', '应参加人数'],
    attended: ['实到人数', '实到', '参训人数', '参会人数', '参加人数'],
  },
  required: ['content', 'attended'],
  worker: false,
  household: false,
  read: (r) => ({
    date: dateOf(r, 'date'),
    kind: trainingKind(r),
    audience: ledgerText(r, 'audience'),
    place: ledgerText(r, 'place'),
    content: ledgerText(r, 'content'),
    trainer: ledgerText(r, 'trainer'),
    expected: ledgerCount(r, 'expected'),
    attended: ledgerCount(r, 'attended'),
  }),
};

const wechatGroups: LedgerSpec = {
  kind: 'wechatGroups',
  synonyms: {
    name: ['群名称', '微信群名称', '群名', '微信群名', '微信群'],
    owner: ['群主', '群主姓名', '管理员'],
    members: ['群成员数', '成员数', '群人数', '入群人数', '群成员'],
    households: ['覆盖户数', '入群户数', '户数'],
    notes: ['备注', '说明'],
  },
  required: ['name'],
  person: 'owner',
  worker: false,
  household: false,
  read: (r) => ({
    name: ledgerText(r, 'name'),
    owner: ledgerText(r, 'owner'),
    members: ledgerCount(r, 'members'),
    households: ledgerCount(r, 'households'),
    notes: ledgerText(r, 'notes'),
  }),
};

export const LEDGER_SPECS: readonly LedgerSpec[] = [
  disputes,
  reports,
  publicity,
  services,
  visits,
  trainings,
  wechatGroups,
].map((s) => ({ ...s, synonyms: synonymsFor(LEDGER_FIELDS[s.kind], s.synonyms) }));
