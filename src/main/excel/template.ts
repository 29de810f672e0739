/** The import template: the importer's own columns, drop-downs, text-formatted IDs, instructions. */
import ExcelJS from 'exceljs';
import { writeAtomically } from '../files/atomic';
import { GENDERS, POLITICAL_STATUSES, ROLES } from '../../shared/people';
import { HOUSEHOLD_COLUMNS, WORKER_COLUMNS } from './export';
import { BORDER, writeHead, type Column } from './workbook';

const ROWS = 2000;

function listValidation(ws: ExcelJS.Worksheet, columns: Column[], header: string, values: readonly string[]): void {
  const index = columns.findIndex((c) => c.header === header);
  if (index < 0) return;
  const letter = ws.getColumn(index + 1).letter;
  // Excel limits an inline list to 255 characters.
  // exceljs supports range validations at run time; its typings lack them.
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } })
    .dataValidations;
  validations.add(`${letter}4:${letter}${ROWS + 3}`, {
    type: 'list',
    allowBlank: true,
    formulae: [`"${values.join(',')}"`],
    showErrorMessage: true,
    errorTitle: '请从下拉列表中选择',
    error: `${header}只能填写：${values.join('、')}`,
  });
}

function sheet(wb: ExcelJS.Workbook, name: string, title: string, columns: Column[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 3 }] });
  writeHead(ws, title, '填报单位（盖章）：　　　　　　　　填报日期：　　年　　月　　日', columns);
  for (let r = 4; r <= 23; r++) {
    const row = ws.getRow(r);
    columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.border = BORDER;
      if (c.text) cell.numFmt = '@';
    });
  }
  return ws;
}

export async function writeTemplate(out: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '网格工作台';
  const workers = sheet(wb, '网格员花名册', 'XX镇网格员花名册', WORKER_COLUMNS);
  listValidation(workers, WORKER_COLUMNS, '性别', GENDERS);
  listValidation(workers, WORKER_COLUMNS, '政治面貌', POLITICAL_STATUSES.slice(0, 6).concat(['无党派人士', '群众']));
  listValidation(workers, WORKER_COLUMNS, '级别', ['一级', '二级', '三级', '四级']);
  listValidation(workers, WORKER_COLUMNS, '网格角色', ROLES);
  sheet(wb, '住户花名册', 'XX镇住户花名册', HOUSEHOLD_COLUMNS);

  const help = wb.addWorksheet('填写说明');
  help.columns = [{ width: 100 }];
  const lines = [
    '填写说明',
    '1. 每个工作表第 3 行是表头，请不要修改表头文字；可以增加其他列，导入时会忽略。',
    '2. “身份证号”列已设为文本格式，请直接填写 18 位身份证号。如果身份证号显示成 6.10327E+17，说明被存成了数字，后几位已丢失，必须重新填写。',
    '3. 一人担任多个网格的网格员（如组长兼户级网格员）时，每个网格填一行，身份证号相同。',
    '4. “级别”填 一级（镇）、二级（村/社区）、三级（村民小组）、四级（户级网格）；“网格编码”按本镇编码规则填写，如 11010101。',
    '5. 日期可写成 2021-03-01、2021年3月 或 2021.03。',
    '6. 人员类别、户类别可填多个，用顿号分隔，如：老党员、村民代表。',
    '7. 表格末尾的“合计”行和“制表人、审核人”签字行不会被当作人员导入。',
    '8. 导入前会先检查全部内容：有错误时列出工作表、行号、列名和原因，不会导入任何数据。',
  ];
  lines.forEach((text, i) => {
    const row = help.addRow([text]);
    row.font = { name: 'SimSun', size: i === 0 ? 14 : 11, bold: i === 0 };
    row.alignment = { wrapText: true, vertical: 'middle' };
  });
  await writeAtomically(out, (file) => wb.xlsx.writeFile(file));
}
