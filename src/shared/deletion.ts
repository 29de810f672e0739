/** Rows of one table that a deletion takes along, leaves unlinked or is stopped by. */
export interface DeleteEffect {
  /** The table's name: a stable key for tests and test ids. */
  table: string;
  count: number;
  /** Counted and labelled for the clerk: "58 户住户", "3 条其他数据（表 fake_records）". */
  text: string;
}
