/** The county submission workbook (报送报表) from the figures: which figure goes in which column. */
import { todayChinese } from '../../../shared/dates';
import type { SavedFile } from '../../../shared/imports';
import {
  AGE_BANDS,
  EDUCATION_GROUPS,
  GRADE_KEYS,
  rates,
  type ReportFigures,
  type VillageFigures,
} from '../../../shared/reports';
import { MECHANISMS, MECHANISM_LABELS } from '../../../shared/subsidies';
import { writeReportBook, type ReportColumn, type ReportSheet } from '../../excel/report-workbook';

type Col = ReportColumn<VillageFigures>;
const count = (header: string, value: (r: VillageFigures) => number, group?: string, width?: number): Col => ({
  header,
  group,
  width,
  kind: 'count',
  value,
});

const QUARTERS = ['一', '二', '三', '四'];

/** 2026年第三季度, 2026年上半年, 2026年9月, 2026年, or 2026年1月5日至2026年3月2日. */
export function periodLabel(from: string, to: string): string {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number, number];
  const monthEnd = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
  const wholeMonths = fd === 1 && Number(to.slice(8)) === monthEnd(ty, tm) && fy === ty;
  if (wholeMonths) {
    if (fm === 1 && tm === 12) return `${fy}年`;
    if (fm === tm) return `${fy}年${fm}月`;
    if (tm - fm === 2 && fm % 3 === 1) return `${fy}年第${QUARTERS[(fm - 1) / 3]}季度`;
    if (fm === 1 && tm === 6) return `${fy}年上半年`;
    if (fm === 7 && tm === 12) return `${fy}年下半年`;
  }
  const cn = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8))}日`;
  return `${cn(from)}至${cn(to)}`;
}

function tagKeys(f: ReportFigures): string[] {
  return Object.keys(f.total.tags).sort((a, b) => a.localeCompare(b, 'zh'));
}

/** The six sheets, in the order and with the names the county asks for. */
export function reportSheets(f: ReportFigures): ReportSheet<VillageFigures>[] {
  const rate = (header: string, key: 'handledRate' | 'successOfHandled'): Col => ({
    header,
    group: '矛盾纠纷',
    kind: 'rate',
    value: (r) => rates(r)[key],
  });
  return [
    {
      name: '网格划分统计',
      units: '单位：个、户',
      columns: [
        count('村民小组数', (r) => r.groups),
        count('户级网格数', (r) => r.householdGrids),
        count('户数', (r) => r.households),
        count('不在15–20户的网格数', (r) => r.gridsOutsideRule, undefined, 14),
        count('微信群数', (r) => r.wechatGroups),
      ],
    },
    {
      name: '网格员队伍',
      units: '单位：人',
      columns: [
        count('合计', (r) => r.workers, '网格员'),
        count('网格长（三级）', (r) => r.workersLevel3, '网格员', 12),
        count('网格员（四级）', (r) => r.workersLevel4, '网格员', 12),
        count('党员', (r) => r.partyMembers),
        ...AGE_BANDS.map((b) => count(b, (r) => r.ageBands[b], '年龄')),
        ...EDUCATION_GROUPS.map((e) => count(e, (r) => r.education[e], '文化程度')),
        ...tagKeys(f).map((t) => count(t, (r) => r.tags[t] ?? 0, '身份标签', 12)),
      ],
    },
    {
      name: '工作开展',
      units: '单位：条、户、件、次，率为百分比',
      columns: [
        count('宣传条数', (r) => r.publicityItems, '政策宣传'),
        count('覆盖户数', (r) => r.publicityHouseholds, '政策宣传'),
        count('报告数', (r) => r.reports, '信息报告'),
        count('其中重要', (r) => r.importantReports, '信息报告'),
        count('排查数', (r) => r.disputesFound, '矛盾纠纷'),
        count('调处数', (r) => r.disputesHandled, '矛盾纠纷'),
        count('成功数', (r) => r.disputesSuccess, '矛盾纠纷'),
        rate('调处率', 'handledRate'),
        rate('成功率', 'successOfHandled'),
        count('便民服务', (r) => r.services),
        count('走访次数', (r) => r.visits, '走访'),
        count('走访户数', (r) => r.visitHouseholds, '走访'),
      ],
    },
    {
      name: '培训',
      units: '单位：场、人次',
      columns: [count('培训场次', (r) => r.trainings), count('参训人次', (r) => r.trainingAttendance)],
    },
    {
      name: '激励表彰',
      units: '单位：人',
      columns: [
        ...GRADE_KEYS.map((g) => count(g, (r) => r.grades[g], '考核等次')),
        count('推荐人次', (r) => r.recommendations),
        count('表彰人次', (r) => r.awards),
      ],
    },
    {
      name: '补贴发放',
      units: '单位：元',
      columns: [
        ...MECHANISMS.map((m): Col => ({
          header: MECHANISM_LABELS[m],
          group: '按机制',
          width: 14,
          kind: 'money',
          value: (r) => r.subsidies[m],
        })),
        { header: '合计', width: 14, kind: 'money', value: (r) => r.subsidyTotal },
      ],
    },
  ];
}

/** Writes the six sheets; `figures` may be a township's (rows = villages) or the county's (rows = townships). */
export async function writeReportWorkbook(figures: ReportFigures, out: string): Promise<SavedFile> {
  const unit = figures.unitName ?? figures.township.name;
  const scope = figures.grid && figures.grid.code !== figures.township.code ? figures.grid.name : '';
  const head = {
    title: `${unit}${scope}${periodLabel(figures.from, figures.to)}网格化服务管理工作报表`,
    unit,
    date: todayChinese(),
    rowHeader: figures.rowKind === 'township' ? '乡镇' : '村（社区）',
  };
  const r = await writeReportBook(out, head, reportSheets(figures), figures.rows, figures.total);
  return { file: out, rows: r.rows };
}
