/** The columns a roster may have, with the header names villages actually use. */

import { FIELD_LABELS, HOUSEHOLD_FIELDS, WORKER_FIELDS, type Field, type RosterKind } from '../../shared/imports';

export { FIELD_LABELS, HOUSEHOLD_FIELDS, WORKER_FIELDS, type Field, type RosterKind };

/** Header synonyms, compared after removing spaces, brackets' notes and asterisks. */
const SYNONYMS: Record<Field, string[]> = {
  township: [
    '镇',
    '乡镇',
    '镇（街道）',
    '乡镇（街道）',
    '街道',
    '所属镇',
    '所属乡镇',
    '镇名称',
    '乡镇名称',
    '一级网格',
  ],
  village: ['村', '村（社区）', '村社区', '社区', '村名', '所属村', '所属村（社区）', '村名称', '村（居）', '二级网格'],
  group: ['组', '村民小组', '小组', '所属组', '组别', '村民组', '三级网格'],
  level: ['级别', '网格级别', '网格层级', '层级', '网格等级', '等级'],
  gridCode: ['网格编码', '网格编号', '网格代码', '编码', '网格号', '户级网格编码', '所属网格编码'],
  gridName: ['网格名称', '网格名', '户级网格', '所属网格', '户级网格名称', '四级网格'],
  name: ['姓名', '网格员姓名', '网格员', '名字', '人员姓名'],
  gender: ['性别'],
  idNumber: [
    '身份证号',
    '身份证号码',
    '公民身份号码',
    '身份证',
    '身份号码',
    '证件号码',
    '户主身份证号',
    '户主身份证号码',
  ],
  phone: ['联系电话', '手机号码', '手机号', '电话', '联系方式', '手机', '电话号码', '户主电话', '联系手机'],
  politicalStatus: ['政治面貌'],
  education: ['学历', '文化程度'],
  tags: [
    '人员类别',
    '身份类别',
    '人员身份',
    '身份标签',
    '类别',
    '户类别',
    '户类型',
    '家庭类别',
    '户属性',
    '标签',
    '特殊人群',
  ],
  title: ['担任职务', '职务', '现任职务', '职务（职位）'],
  role: ['角色', '网格角色', '网格职责'],
  startDate: ['任职日期', '任职时间', '上岗时间', '任职起始日期', '担任时间', '任职起始时间', '聘任时间'],
  notes: ['备注', '说明'],
  headName: ['户主姓名', '户主', '户主名', '户主名字'],
  address: ['住址', '家庭住址', '地址', '居住地址', '现住址'],
  doorNumber: ['门牌号', '门牌', '门牌号码'],
  members: ['家庭人口', '人口数', '家庭人数', '人数', '家庭成员数', '在册人口'],
};

export function fieldsOf(kind: RosterKind): readonly Field[] {
  return kind === 'workers' ? WORKER_FIELDS : HOUSEHOLD_FIELDS;
}

/** Header text as compared: no spaces, no asterisks, no trailing notes in brackets, half-width. */
export function normalizeHeader(h: string): string {
  return h
    .replace(/[\s\u3000*＊]/g, '')
    .replace(/[（(](必填|选填|可选|可不填|格式[^）)]*|如[^）)]*)[）)]$/u, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）');
}

const LOOKUP = new Map<string, Field[]>();
for (const [field, names] of Object.entries(SYNONYMS) as [Field, string[]][]) {
  for (const n of names) {
    const key = normalizeHeader(n);
    LOOKUP.set(key, [...(LOOKUP.get(key) ?? []), field]);
  }
}

/** The field a header names, for a roster kind (null when unknown). */
export function fieldForHeader(header: string, kind: RosterKind): Field | null {
  const fields = LOOKUP.get(normalizeHeader(header)) ?? [];
  const allowed = fieldsOf(kind);
  return fields.find((f) => allowed.includes(f)) ?? null;
}

/** Fields a sheet must have for each kind. */
export const REQUIRED: Record<RosterKind, Field[]> = {
  workers: ['name', 'idNumber'],
  households: ['headName'],
};
