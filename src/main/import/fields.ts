/**
 * Header vocabulary shared by every kind of sheet: the columns that place a row in the grid
 * tree and the person columns rosters and ledgers have in common. Each kind (kinds/<kind>.ts)
 * adds its own columns' names.
 */

/** Header names villages actually use, per field. */
export type Synonyms = Readonly<Record<string, readonly string[]>>;

/** The columns that say where a row sits: 镇/村/组, grid code, name and level. */
export const GRID_SYNONYMS = {
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
} as const satisfies Synonyms;

/** Columns rosters of people and of households both have. */
export const COMMON_SYNONYMS = {
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
  notes: ['备注', '说明'],
} as const satisfies Synonyms;

/** Header text as compared: no spaces, no asterisks, no trailing notes in brackets, half-width. */
export function normalizeHeader(h: string): string {
  return h
    .replace(/[\s\u3000*＊]/g, '')
    .replace(/[（(](必填|选填|可选|可不填|格式[^）)]*|如[^）)]*)[）)]$/u, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）');
}

/** Normalised header → field, for one kind's synonyms (the first field listed wins a shared name). */
export function headerLookup(synonyms: Synonyms): Map<string, string> {
  const lookup = new Map<string, string>();
  for (const [field, names] of Object.entries(synonyms)) {
    for (const n of names) {
      const key = normalizeHeader(n);
      if (!lookup.has(key)) lookup.set(key, field);
    }
  }
  return lookup;
}

/** A kind's synonyms for exactly its fields, from the shared vocabulary and its own. */
export function synonymsFor(fields: readonly string[], own: Synonyms): Synonyms {
  const all: Synonyms = { ...GRID_SYNONYMS, ...COMMON_SYNONYMS, ...own };
  return Object.fromEntries(
    fields.map((f) => {
      const names = all[f];
      if (!names) throw new Error(`No header names for field ${f}`);
      return [f, names];
    }),
  );
}
