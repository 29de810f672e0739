import { makeId } from './people';
import { writeWorkbook, type Cell } from './xlsx';

/** A township's 网格员 roster header, as the sample rosters write it. */
export const WORKER_ROSTER_HEADER = [
  '序号',
  '镇',
  '村',
  '组',
  '级别',
  '网格编码',
  '姓名',
  '性别',
  '身份证号',
  '联系电话',
  '政治面貌',
  '人员类别',
  '担任职务',
  '任职日期',
  '备注',
];

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = ['建国', '秀英', '志强', '桂兰', '明华', '红梅', '德胜', '玉珍', '春生', '海燕', '永福', '淑芬'];
const POLITICAL = ['中共党员', '群众', '共青团员', '群众'];
const TAGS = ['', '老党员', '致富能手、脱贫示范户', '', '新乡贤', '老干部、新乡贤', '', '两代表一委员'];

/** Villages of 温水镇: name, code, and household grids per villager group. */
const VILLAGES: [string, string, number[]][] = [
  ['许坪村', '1101', [6, 7, 6, 6]],
  ['陈沟村', '1102', [6, 6, 7]],
  ['郑家坡村', '1103', [6, 6, 6, 6]],
];
const GROUP_NAMES = '一二三四五六七八';

interface Person {
  name: string;
  gender: '男' | '女';
  id: string;
  phone: string;
  political: string;
  tags: string;
}

function person(n: number): Person {
  const gender = n % 3 === 0 ? '女' : '男';
  const birth = `19${60 + (n % 35)}-0${1 + (n % 9)}-1${n % 10}`;
  return {
    name: `${SURNAMES[n % SURNAMES.length]}${GIVEN[Math.floor(n / SURNAMES.length) % GIVEN.length]}`,
    gender,
    id: makeId(birth, n % 100, gender),
    phone: `139${String(10000000 + n * 7919).slice(-8)}`,
    political: POLITICAL[n % POLITICAL.length]!,
    tags: TAGS[n % TAGS.length]!,
  };
}

/**
 * A township's worker roster the way a township sends it: a merged title, a 填报单位 line, one
 * row per grid from the township down to 68 household grids. Every villager group's leader also
 * serves its first household grid (one person, two rows): 83 rows, 72 people.
 */
export async function writeTownshipRoster(file: string): Promise<{ rows: number; workers: number }> {
  const rows: Cell[][] = [];
  const ids = new Set<string>();
  let n = 0;
  const add = (p: Person, place: [string, string, string], level: string, code: string, title: string) => {
    ids.add(p.id);
    rows.push([
      rows.length + 1,
      ...place,
      level,
      code,
      p.name,
      p.gender,
      p.id,
      p.phone,
      p.political,
      p.tags,
      title,
      '2021-03-01',
      '',
    ]);
  };
  add(person(n++), ['温水镇', '', ''], '一级', '11', '镇党委书记');
  for (const [village, vcode, groups] of VILLAGES) {
    add(person(n++), ['温水镇', village, ''], '二级', vcode, '村党组织书记');
    groups.forEach((grids, gi) => {
      const group = `${GROUP_NAMES[gi]}组`;
      const gcode = `${vcode}${String(gi + 1).padStart(2, '0')}`;
      const leader = person(n++);
      add(leader, ['温水镇', village, group], '三级', gcode, '村民小组组长');
      for (let h = 1; h <= grids; h++) {
        const code = `${gcode}${String(h).padStart(2, '0')}`;
        add(h === 1 ? leader : person(n++), ['温水镇', village, group], '四级', code, '村民代表');
      }
    });
  }
  await writeWorkbook(file, [
    {
      name: '温水镇',
      preamble: [
        ['温水镇网格员花名册'],
        ['填报单位（盖章）：温水镇人民政府', '', '', '', '', '', '填报日期：2026年11月20日'],
      ],
      header: WORKER_ROSTER_HEADER,
      rows,
      textColumns: [5, 8, 9, 13],
    },
  ]);
  return { rows: rows.length, workers: ids.size };
}
