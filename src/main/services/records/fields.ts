/**
 * What each record field is called in Chinese: bulk-entry row errors ("第 3 行 排查日期：…") and
 * the 操作日志's change lines name fields by these words.
 */
import type { RecordKind } from '../../../shared/records';

const COMMON: Record<string, string> = {
  gridId: '网格',
  workerId: '网格员',
  householdId: '住户',
  notes: '备注',
};

const BY_KIND: Record<RecordKind, Record<string, string>> = {
  disputes: {
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
    steps: '调处经过',
  },
  reports: {
    date: '报告日期',
    time: '报告时间',
    type: '信息类别',
    summary: '信息内容',
    handling: '处置情况',
    reportedTo: '报送对象',
    result: '办理结果',
    important: '重要信息',
  },
  publicity: {
    date: '宣传日期',
    datePrecision: '日期精度',
    topic: '宣传主题',
    form: '宣传形式',
    households: '覆盖户数',
    people: '覆盖人数',
    materials: '发放资料份数',
  },
  services: { date: '服务日期', kind: '服务类别', content: '服务内容', result: '办理结果' },
  visits: {
    date: '走访日期',
    households: '走访户数',
    problemTypes: '发现问题',
    solved: '当场解决数',
    reported: '上报数',
  },
  trainings: {
    gridId: '组织单位',
    date: '培训日期',
    kind: '类别',
    audience: '培训对象',
    place: '地点',
    content: '培训内容',
    trainer: '授课人',
    expected: '应到人数',
    attendees: '签到名单',
    attended: '实到人数',
  },
  wechatGroups: { name: '群名称', owner: '群主', members: '群成员数', households: '覆盖户数' },
};

/** Every field of a kind with its Chinese name. */
export function fieldLabels(kind: RecordKind): Record<string, string> {
  return { ...COMMON, ...BY_KIND[kind] };
}

/** A field's Chinese name; an unknown one keeps its own name rather than vanishing. */
export function fieldLabel(kind: RecordKind, field: string): string {
  return fieldLabels(kind)[field] ?? field;
}
