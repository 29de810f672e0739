/** The county's figures from townships' packages: one row per township (or per village) and a 合计. */
import type { ReportFigures, VillageFigures } from '../../../shared/reports';
import { sumFigures } from './figures';
import type { PackageFile } from './packages-format';

export const COUNTY_NAME = '县级汇总';

/** Every township's villages (and its own level) as county rows named "乡镇 / 村". */
function villageRows(pkg: PackageFile): VillageFigures[] {
  // The township's own row is already named after it (“温水镇本级”).
  return pkg.figures.rows.map((row) =>
    row.villageId === null ? row : { ...row, name: `${pkg.township.name} / ${row.name}` },
  );
}

/**
 * The county's figures: rows are the townships' 合计 (or, per village, every township's rows) in
 * division-code order; the county 合计 is the sum of the townships' 合计 either way.
 */
export function countyFigures(packages: readonly PackageFile[], perVillage: boolean): ReportFigures {
  const sorted = [...packages].sort((a, b) => a.township.code.localeCompare(b.township.code));
  const first = sorted[0]!;
  const townshipRows = sorted.map((p) => ({ ...p.figures.total, code: p.township.code, name: p.township.name }));
  return {
    township: { name: COUNTY_NAME, code: commonPrefix(sorted.map((p) => p.township.code)) },
    unitName: COUNTY_NAME,
    rowKind: perVillage ? 'village' : 'township',
    from: first.from,
    to: first.to,
    grid: null,
    rows: perVillage ? sorted.flatMap(villageRows) : townshipRows,
    total: sumFigures(townshipRows),
  };
}

/** The county's division code is what its townships' codes share (6 digits for real codes). */
function commonPrefix(codes: string[]): string {
  let prefix = codes[0] ?? '';
  for (const c of codes) while (!c.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}
