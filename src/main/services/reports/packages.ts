/** Submission packages (报送包): written by a township, inspected and merged by the county. */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { SavedFile } from '../../../shared/imports';
import type { MergeResult, PackageInfo, ReportFigures } from '../../../shared/reports';
import type { DbOrTrx } from '../../db/schema';
import { AppError } from '../../errors';
import { writeAtomically } from '../../files/atomic';
import { countyFigures } from './packages-merge';
import {
  checksumOf,
  isNewerVersion,
  PACKAGE_FORMAT,
  PACKAGE_FORMAT_VERSION,
  packageFileSchema,
  type PackageBody,
  type PackageFile,
} from './packages-format';
import { writeReportWorkbook } from './workbook';

/** Far above any township's package (a few hundred KB); a bigger file is something else. */
const MAX_PACKAGE_BYTES = 50 * 1024 * 1024;

/**
 * The township a package speaks for: its 区划代码 when the figures do not carry it (grid codes repeat
 * across townships' databases), and refused when the database holds several townships and none was
 * chosen (the figures would mix their villages under the first one's name).
 */
export async function townshipIdentity(db: DbOrTrx, figures: ReportFigures): Promise<ReportFigures> {
  const townships = await db.selectFrom('grids').select(['code', 'division_code']).where('level', '=', 1).execute();
  if (figures.grid === null && townships.length > 1) {
    throw new AppError(
      'VALIDATION',
      `数据库中有 ${townships.length} 个乡镇，报送包只能包含一个乡镇：请选择要导出的乡镇（命令行用 --grid 乡镇编码）`,
    );
  }
  if (figures.township.divisionCode) return figures;
  const own = townships.find((t) => t.code === figures.township.code);
  return { ...figures, township: { ...figures.township, divisionCode: own?.division_code ?? null } };
}

export async function writePackage(figures: ReportFigures, out: string, version: string): Promise<SavedFile> {
  if (figures.grid !== null && figures.grid.code !== figures.township.code) {
    // The county merges whole townships: a village's figures would be counted as a township's.
    throw new AppError('VALIDATION', `报送包须包含全乡镇的数据，不能只导出“${figures.grid.name}”；请不要选择网格`);
  }
  const body: PackageBody = {
    format: PACKAGE_FORMAT,
    formatVersion: PACKAGE_FORMAT_VERSION,
    griddeskVersion: version,
    township: { name: figures.township.name, code: figures.township.divisionCode || figures.township.code },
    from: figures.from,
    to: figures.to,
    exportedAt: new Date().toISOString(),
    figures,
  };
  const file: PackageFile = { ...body, checksum: checksumOf(body) };
  return writeAtomically(out, async (tmp) => {
    await fs.writeFile(tmp, JSON.stringify(file), 'utf8');
    return { file: out, rows: figures.rows.length };
  });
}

interface Loaded {
  info: PackageInfo;
  /** Set when the file is a sound package (its own problems aside from period and duplicates). */
  pkg: PackageFile | null;
}

const blank = (file: string, problem: string): Loaded => ({
  info: { file, township: '', code: '', from: '', to: '', version: '', exportedAt: '', problem },
  pkg: null,
});

async function readText(file: string, name: string): Promise<string | Loaded> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return blank(file, `“${name}”不是文件，不是报送包`);
    if (stat.size > MAX_PACKAGE_BYTES) return blank(file, `“${name}”不是报送包（文件过大）`);
    return await fs.readFile(file, 'utf8');
  } catch (e) {
    return blank(file, `无法读取“${name}”（${(e as NodeJS.ErrnoException).code ?? '读取失败'}）`);
  }
}

/** Reads one file and checks what it can alone: format, damage, checksum, version. */
async function loadPackage(file: string, version: string): Promise<Loaded> {
  const name = path.basename(file);
  const text = await readText(file, name);
  if (typeof text !== 'string') return text;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return blank(
      file,
      text.includes(PACKAGE_FORMAT)
        ? `报送包“${name}”已损坏（内容不完整或格式错误），请让该乡镇重新导出`
        : `“${name}”不是报送包（报送包由网格工作台“导出报送包”生成，扩展名为 .gdpkg）`,
    );
  }
  if ((json as { format?: unknown } | null)?.format !== PACKAGE_FORMAT) {
    return blank(file, `“${name}”不是报送包（报送包由网格工作台“导出报送包”生成，扩展名为 .gdpkg）`);
  }
  const parsed = packageFileSchema.safeParse(json);
  if (!parsed.success) return blank(file, `报送包“${name}”已损坏（缺少或错误的内容），请让该乡镇重新导出`);
  const pkg = json as PackageFile;
  const info: PackageInfo = {
    file,
    township: pkg.township.name,
    code: pkg.township.code,
    from: pkg.from,
    to: pkg.to,
    version: pkg.griddeskVersion,
    exportedAt: pkg.exportedAt,
    problem: null,
  };
  const { checksum, ...body } = pkg;
  if (checksumOf(body) !== checksum) {
    info.problem = `报送包“${name}”（${info.township}）已被修改，校验不符：导出后被改动过，请让该乡镇重新导出`;
  } else if (pkg.formatVersion > PACKAGE_FORMAT_VERSION || isNewerVersion(pkg.griddeskVersion, version)) {
    info.problem = `报送包“${name}”（${info.township}）由较新版本的网格工作台（${pkg.griddeskVersion}）导出，本机为 ${version}，请先升级网格工作台`;
  }
  return { info, pkg: info.problem ? null : pkg };
}

/** Refusals that need the other packages: another period than the first, a township twice. */
function crossCheck(loaded: Loaded[]): void {
  const first = loaded.find((l) => l.pkg)?.info;
  const seen = new Map<string, PackageInfo>();
  for (const { info, pkg } of loaded) {
    if (!pkg || !first) continue;
    const name = path.basename(info.file);
    if (info.from !== first.from || info.to !== first.to) {
      info.problem = `报送包“${name}”（${info.township}）的期间为 ${info.from} 至 ${info.to}，与“${path.basename(first.file)}”的 ${first.from} 至 ${first.to} 不同，不能一起汇总`;
      continue;
    }
    const key = info.code || info.township;
    const earlier = seen.get(key);
    if (earlier) {
      info.problem = `报送包“${name}”与“${path.basename(earlier.file)}”是同一乡镇（${info.township}）同一期间的报送包，请只保留一个`;
    } else seen.set(key, info);
  }
}

async function loadAll(files: string[], version: string): Promise<Loaded[]> {
  const loaded: Loaded[] = [];
  for (const file of files) loaded.push(await loadPackage(file, version));
  crossCheck(loaded);
  return loaded;
}

export async function inspectPackages(files: string[], version: string): Promise<PackageInfo[]> {
  return (await loadAll(files, version)).map((l) => l.info);
}

export async function mergePackages(
  files: string[],
  options: { perVillage: boolean; out: string; version: string; expected?: string[] },
): Promise<MergeResult> {
  const loaded = await loadAll(files, options.version);
  const problems = loaded.map((l) => l.info.problem).filter((p): p is string => p !== null);
  if (problems.length) {
    throw new AppError(
      'VALIDATION',
      `有 ${problems.length} 个报送包不能汇总，没有生成县级报表：\n${problems.join('\n')}`,
    );
  }
  const packages = loaded.map((l) => l.pkg!);
  const figures = countyFigures(packages, options.perVillage);
  const saved = await writeReportWorkbook(figures, options.out);
  const codes = new Set(packages.map((p) => p.township.code));
  return {
    ...saved,
    townships: [...packages].sort((a, b) => a.township.code.localeCompare(b.township.code)).map((p) => p.township.name),
    missing: [...new Set(options.expected ?? [])].filter((c) => !codes.has(c)),
  };
}
