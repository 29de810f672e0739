/**
 * What each table is called in Chinese, and how its rows go when a row they refer to is
 * deleted where the app differs from the schema's ON DELETE. Deletion previews and refusals
 * (db/references.ts) read the foreign keys from SQLite and their wording from here: a new
 * table adds one line, nothing else. Order is the order previews list tables in.
 */
export interface TableLabel {
  /** What the rows are, e.g. 住户. */
  label: string;
  /** Counter word for a number of rows: 58 户住户, 4 条网格员任职记录. */
  unit: string;
  /**
   * Rows that are part of the row they refer to (tags, images): they go with it without being
   * listed or asked about.
   */
  partOf?: true;
  /**
   * Tables whose deletion takes these rows along once the clerk confirms, although the schema
   * says RESTRICT: the frozen migrations restrict so that no stray delete can orphan them.
   */
  deletedWith?: readonly string[];
}

/** One line per table. Tests add lines at run time, as a new table adds one here. */
export const TABLE_LABELS: Record<string, TableLabel> = {
  grids: { label: '网格', unit: '个', deletedWith: ['grids'] },
  grid_qr: { label: '网格微信群二维码', unit: '张', partOf: true },
  households: { label: '住户', unit: '户', deletedWith: ['grids'] },
  household_tags: { label: '住户标签', unit: '个', partOf: true },
  workers: { label: '网格员', unit: '名' },
  worker_tags: { label: '网格员身份标签', unit: '个', partOf: true },
  assignments: { label: '网格员任职记录', unit: '条', deletedWith: ['grids'] },
  disputes: { label: '矛盾纠纷记录', unit: '条' },
  dispute_steps: { label: '纠纷调处经过', unit: '条', partOf: true },
  info_reports: { label: '信息报告', unit: '条' },
  publicity: { label: '政策宣传记录', unit: '条' },
  services: { label: '便民服务记录', unit: '条' },
  visits: { label: '走访记录', unit: '条' },
  trainings: { label: '培训例会记录', unit: '条' },
  training_attendees: { label: '培训签到', unit: '人次' },
  wechat_groups: { label: '网格微信群', unit: '个', deletedWith: ['grids'] },
  welfare_posts: { label: '公益岗位记录', unit: '条' },
  eval_schemes: { label: '考核方案', unit: '个' },
  eval_sheets: { label: '考核评分表', unit: '张' },
  eval_lines: { label: '考核评分', unit: '条' },
  eval_scores: { label: '考核评分项', unit: '项', partOf: true },
  recommendations: { label: '推优记录', unit: '条' },
  recommendation_steps: { label: '推优环节', unit: '个', partOf: true },
  subsidy_rules: { label: '补贴标准', unit: '条' },
  collective_shares: { label: '集体收入切块', unit: '笔' },
  payout_batches: { label: '补贴发放批次', unit: '批' },
  payout_lines: { label: '补贴发放明细', unit: '条' },
  settings: { label: '设置', unit: '项' },
  import_mappings: { label: '导入列对应关系', unit: '条' },
  audit_log: { label: '操作日志', unit: '条' },
};

export function isRegistered(table: string): boolean {
  return Object.hasOwn(TABLE_LABELS, table);
}

/** A table's label; an unregistered table still gets a readable one naming the table. */
export function tableLabel(table: string): TableLabel {
  return isRegistered(table) ? TABLE_LABELS[table]! : { label: `其他数据（表 ${table}）`, unit: '条' };
}

/** Sort key: registered tables in registry order, then the rest by name. */
export function tableOrder(a: string, b: string): number {
  const order = Object.keys(TABLE_LABELS);
  const ia = order.indexOf(a);
  const ib = order.indexOf(b);
  if (ia >= 0 && ib >= 0) return ia - ib;
  if (ia >= 0 || ib >= 0) return ia >= 0 ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
