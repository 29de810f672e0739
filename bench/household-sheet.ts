/**
 * Writes a deterministic one-sheet household roster of a large county: 20 townships × 25
 * villages × 4 groups × 5 household grids × 50 households = 500,000 rows, each with a valid ID
 * number, in the columns villages use, with a title row above the header — the file a county
 * sends when it lists every household on one sheet.
 */
import ExcelJS from 'exceljs';
import { idCheckChar } from '../src/shared/idcard';
import { HOUSEHOLD_HEADER } from './county-workbook';

const HEADER = HOUSEHOLD_HEADER;
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧';
const GIVEN = '建国秀英志强桂兰明华红梅德胜玉珍春生海燕永福淑芬金凤长林小平';
const TOWNS = '温水石门回龙柳林清河桃园马坊新集白杨金川龙泉双河青山红岩平安高桥三合太平永兴长乐';
const NUMERALS = '一二三四五六七八九十';
const TAGS = ['', '', '', '低保户', '', '独居老人', '', '脱贫户', '', '', '残疾人家庭', '', '军属'];

export interface HouseholdSheetFile {
  rows: number;
  grids: number;
}

const two = (n: number) => String(n).padStart(2, '0');

function idNumber(n: number): string {
  const birth = new Date(Date.UTC(1940, 0, 1) + Math.floor(n / 200) * 86400000);
  const date = `${birth.getUTCFullYear()}${two(birth.getUTCMonth() + 1)}${two(birth.getUTCDate())}`;
  const gender = Math.floor(n / 100) % 2 === 0 ? 1 : 2;
  const base = `610327${date}${two(n % 100)}${gender}`;
  return base + idCheckChar(base);
}

export async function writeHouseholdSheet(file: string, perGrid = 50): Promise<HouseholdSheetFile> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('全县住户');
  ws.addRow(['全县住户花名册']).commit();
  ws.addRow(HEADER).commit();
  let n = 0;
  let grids = 0;
  for (let t = 0; t < 20; t++) {
    const town = `${TOWNS.slice(t * 2, t * 2 + 2)}镇`;
    for (let v = 0; v < 25; v++) {
      const village = `${town.slice(0, 2)}${NUMERALS[v % 10]}${v >= 10 ? NUMERALS[Math.floor(v / 10) - 1] : ''}村`;
      for (let g = 0; g < 4; g++) {
        const group = `${NUMERALS[g]}组`;
        for (let h = 0; h < 5; h++) {
          const code = `${two(t + 1)}${two(v + 1)}${two(g + 1)}${two(h + 1)}`;
          grids += 1;
          for (let k = 0; k < perGrid; k++) {
            n += 1;
            const name = `${SURNAMES[n % SURNAMES.length]}${GIVEN.slice((n * 7) % 30, ((n * 7) % 30) + 2)}`;
            ws.addRow([
              n,
              town,
              village,
              group,
              code,
              `${group}第${h + 1}网格`,
              name,
              idNumber(n),
              `139${String(10_000_000 + ((n * 7919) % 90_000_000)).slice(-8)}`,
              `${village}${group}`,
              `${k + 1}号`,
              1 + (n % 6),
              TAGS[n % TAGS.length],
            ]).commit();
          }
        }
      }
    }
  }
  ws.commit();
  await wb.commit();
  return { rows: n, grids };
}
