/**
 * The grid tree as an import sees it: the grids in the database plus those the import will
 * create. Every kind finds its rows' grids here, from a grid code or the 镇/村/组/网格 names,
 * building missing grids and keeping the roster's codes.
 */
import type { GridLevel } from '../../shared/grids';
import type { CodeScheme } from '../../shared/settings';
import { codeShape, nextFreeCode } from '../services/grids/codes';
import { siblingNameMessage } from '../services/grids/names';
import type { GridOutline } from '../services/grids/rows';
import type { GridPath } from './row-reader';

/** A grid already in the database (id > 0) or one the import creates (id < 0). */
export type GridRef = GridOutline;

export interface PlannedGrid extends GridRef {
  kind: string | null;
}

/** Reports a problem with a row against one of its columns. */
type Fail = (field: string, message: string) => void;

const LEVEL_NAME_FIELD = { 1: 'township', 2: 'village', 3: 'group', 4: 'gridName' } as const;
const LEVEL_LABEL = { 1: '镇', 2: '村（社区）', 3: '村民小组', 4: '户级网格' } as const;

export class GridIndex {
  private byCode = new Map<string, GridRef>();
  private byId = new Map<number, GridRef>();
  private byParentName = new Map<string, GridRef>();
  private childCodes = new Map<string, string[]>();
  private nextTemp = -1;
  readonly created: PlannedGrid[] = [];
  readonly renamed = new Map<number, string>();

  constructor(
    rows: GridRef[],
    private readonly scheme: CodeScheme,
  ) {
    for (const r of rows) this.add(r);
  }

  private add(g: GridRef): void {
    this.byCode.set(g.code, g);
    this.byId.set(g.id, g);
    const key = `${g.parentId ?? 'root'}|${g.name}`;
    if (!this.byParentName.has(key)) this.byParentName.set(key, g);
    const pk = String(g.parentId ?? 'root');
    const list = this.childCodes.get(pk);
    if (list) list.push(g.code);
    else this.childCodes.set(pk, [g.code]);
  }

  /** A grid and its ancestors' ids. */
  lineage(id: number): number[] {
    const out: number[] = [];
    for (let g = this.byId.get(id); g; g = g.parentId === null ? undefined : this.byId.get(g.parentId)) out.push(g.id);
    return out;
  }

  code(code: string): GridRef | undefined {
    return this.byCode.get(code);
  }

  child(parentId: number | null, name: string): GridRef | undefined {
    return this.byParentName.get(`${parentId ?? 'root'}|${name}`);
  }

  /**
   * Refuses a name a sibling already has, or one an earlier row renames a sibling to (the grid
   * service refuses the same, in the same words): false when refused.
   */
  nameFree(parentId: number | null, name: string, exceptId: number | null, fail: (message: string) => void): boolean {
    const clash = this.child(parentId, name);
    const renamedTo = [...this.renamed].some(
      ([id, n]) => n === name && id !== exceptId && this.byId.get(id)?.parentId === parentId,
    );
    if ((!clash || clash.id === exceptId) && !renamedTo) return true;
    const parent = parentId === null ? null : (this.byId.get(parentId)?.name ?? '');
    fail(siblingNameMessage(name, parent));
    return false;
  }

  get(id: number): GridRef | undefined {
    return this.byId.get(id);
  }

  /** A grid named from its village down (大坪村 / 一组 / 第1网格), as messages name it. */
  label(id: number): string {
    const names = this.lineage(id)
      .map((g) => this.byId.get(g)!)
      .filter((g) => g.level > 1 || g.parentId === null)
      .reverse();
    const below = names.filter((g) => g.level > 1);
    return (below.length ? below : names).map((g) => g.name).join(' / ');
  }

  /** Every grid under `id` (not itself), for a name a ledger gives without the levels between. */
  private descendantsNamed(id: number, name: string): GridRef[] {
    return [...this.byId.values()].filter((g) => g.name === name && g.id !== id && this.lineage(g.id).includes(id));
  }

  /**
   * The existing grid a ledger row names — by its code, else by its names from the township
   * down — never created: a ledger records work done in grids the rosters set up. A name
   * missing or shared by two grids is reported, not guessed.
   */
  findGrid(path: GridPath, fail: Fail): GridRef | null {
    if (path.gridCode) {
      const g = this.code(path.gridCode);
      if (!g) fail('gridCode', `找不到网格编码为 ${path.gridCode} 的网格`);
      return g ?? null;
    }
    const steps = ledgerNames(path);
    if (!steps.length) {
      fail('gridCode', '没有填写所属网格（网格编码，或村、组、网格名称）');
      return null;
    }
    let at: GridRef | undefined = path.township ? this.child(null, path.township) : this.soleTownship();
    if (!at) {
      fail('township', path.township ? `找不到名为“${path.township}”的镇` : '请填写所属镇或网格编码');
      return null;
    }
    for (const { field, name } of steps) {
      const next: GridRef | undefined = this.child(at.id, name) ?? this.onlyBelow(at, name, field, fail);
      if (!next) return null;
      at = next;
    }
    return at;
  }

  private onlyBelow(at: GridRef, name: string, field: string, fail: Fail): GridRef | undefined {
    const found = this.descendantsNamed(at.id, name);
    if (found.length === 1) return found[0];
    if (found.length === 0) fail(field, `“${this.label(at.id)}”之下没有名为“${name}”的网格`);
    else {
      const where = found.map((g) => this.label(g.id)).join('、');
      fail(
        field,
        `“${this.label(at.id)}”之下有 ${found.length} 个名为“${name}”的网格（${where}），请写明所属村民小组或网格编码`,
      );
    }
    return undefined;
  }

  /** The only township, when there is exactly one (a township office's own database). */
  soleTownship(): GridRef | undefined {
    const roots = [...this.byId.values()].filter((g) => g.parentId === null);
    return roots.length === 1 ? roots[0] : undefined;
  }

  /** Creates a grid, keeping the roster's code when it is free, else the next free code. */
  create(parent: GridRef | null, level: GridLevel, name: string, wanted: string | null): GridRef | null {
    let code = wanted && !this.byCode.has(wanted) ? wanted : null;
    if (!code) {
      const shape = codeShape(level, parent?.code ?? null, this.scheme);
      code = nextFreeCode(shape, this.childCodes.get(String(parent?.id ?? 'root')) ?? []);
      while (code && this.byCode.has(code)) {
        code = nextFreeCode(shape, [...(this.childCodes.get(String(parent?.id ?? 'root')) ?? []), code]);
      }
    }
    if (!code) return null;
    const g: PlannedGrid = {
      id: this.nextTemp--,
      parentId: parent?.id ?? null,
      level,
      name,
      code,
      kind: level === 2 ? (name.endsWith('社区') ? '社区' : '村') : null,
    };
    this.add(g);
    this.created.push(g);
    return g;
  }

  /** The parent's code implied by a child's code under the scheme (roster codes usually extend their parent's). */
  parentCodeOf(code: string, childLevel: GridLevel): string | null {
    const digits = this.scheme.digits[childLevel - 1] ?? 2;
    return code.length > digits ? code.slice(0, code.length - digits) : null;
  }

  /** The level a code's length implies under the scheme, if any. */
  levelOfCode(code: string): GridLevel | null {
    let len = this.scheme.prefix.length;
    for (let l = 1; l <= 4; l++) {
      len += this.scheme.digits[l - 1] ?? 2;
      if (code.length === len) return l as GridLevel;
    }
    return null;
  }

  /** The grid a row names: by its code when the code is known, else by the names along its path. */
  gridForRow(path: GridPath, level: GridLevel | null, fail: Fail): GridRef | null {
    if (path.gridCode) {
      const existing = this.code(path.gridCode);
      if (existing) return this.checkCoded(existing, path, level, fail);
    }
    const lvl = level ?? (path.gridCode ? this.levelOfCode(path.gridCode) : null) ?? inferLevel(path);
    if (lvl === null) {
      fail('level', '无法判断网格级别，请填写“级别”列（一级、二级、三级、四级）');
      return null;
    }
    return resolveGrid(this, path, lvl, path.gridCode || null, fail);
  }

  /** A known code: its level must match the row's; a differing name along the path is a rename. */
  private checkCoded(existing: GridRef, path: GridPath, level: GridLevel | null, fail: Fail): GridRef | null {
    if (level !== null && existing.level !== level) {
      fail(
        'gridCode',
        `网格编码 ${path.gridCode} 已属于“${existing.name}”（${LEVEL_LABEL[existing.level]}），与本行的级别“${level}级”不符`,
      );
      return null;
    }
    const ownName = path[LEVEL_NAME_FIELD[existing.level]];
    if (ownName && ownName !== existing.name && existing.level < 4) {
      // Rows name grids along their path; a differing name under the same code is a rename.
      const field = LEVEL_NAME_FIELD[existing.level];
      if (!this.nameFree(existing.parentId, ownName, existing.id, (m) => fail(field, m))) return null;
      if (existing.id > 0) this.renamed.set(existing.id, ownName);
    }
    return existing;
  }
}

/** The names a ledger row gives below the township; a 所属网格 cell may hold a whole path (大坪村 / 一组 / 第1网格). */
function ledgerNames(path: GridPath): { field: string; name: string }[] {
  const steps: { field: string; name: string }[] = [];
  if (path.village) steps.push({ field: 'village', name: path.village });
  if (path.group) steps.push({ field: 'group', name: path.group });
  if (path.gridName) {
    const parts = path.gridName.split(/\s*[/／]\s*/).filter(Boolean);
    for (const name of parts) if (!steps.some((s) => s.name === name)) steps.push({ field: 'gridName', name });
  }
  return steps;
}

function inferLevel(path: GridPath): GridLevel | null {
  if (path.gridName) return 4;
  if (path.group) return 3;
  if (path.village) return 2;
  if (path.township) return 1;
  return null;
}

/**
 * Finds or creates the grid at `level` for a row. `hint` is a code the grid probably has
 * (the row's own code, or one derived from a child's).
 */
function resolveGrid(
  index: GridIndex,
  path: GridPath,
  level: GridLevel,
  hint: string | null,
  fail: Fail,
): GridRef | null {
  if (hint) {
    const byCode = index.code(hint);
    if (byCode && byCode.level === level) return byCode;
  }
  const name = path[LEVEL_NAME_FIELD[level]];
  let parent: GridRef | null = null;
  if (level > 1) {
    const parentHint = hint ? index.parentCodeOf(hint, level) : null;
    parent = resolveGrid(index, path, (level - 1) as GridLevel, parentHint, fail);
    if (!parent) return null;
  }
  if (name) {
    const existing = index.child(parent?.id ?? null, name);
    if (existing) return existing;
  } else if (level === 1) {
    // Village rosters often leave out the township: in a one-township database it is that one.
    const sole = index.soleTownship();
    if (sole) return sole;
  }
  const ownName = name || generatedName(level, hint, parent);
  if (!ownName) {
    fail(LEVEL_NAME_FIELD[level], `缺少${LEVEL_LABEL[level]}名称，无法确定或建立该网格`);
    return null;
  }
  // A name made up from a code may be one a sibling already has.
  if (!name && !index.nameFree(parent?.id ?? null, ownName, null, (m) => fail('gridCode', m))) return null;
  const wanted = hint && parent && !hint.startsWith(parent.code) ? null : hint;
  const created = index.create(parent, level, ownName, wanted);
  if (!created) fail('gridCode', `“${parent?.name ?? ''}”之下的网格编码已用完，无法建立“${ownName}”`);
  return created;
}

/** A household grid known only by its code gets a name from its group's: 一组第3网格. */
function generatedName(level: GridLevel, hint: string | null, parent: GridRef | null): string {
  if (level !== 4 || !hint || !parent) return '';
  const suffix = hint.startsWith(parent.code) ? Number(hint.slice(parent.code.length)) : NaN;
  return Number.isFinite(suffix) && suffix > 0 ? `${parent.name}第${suffix}网格` : `网格${hint}`;
}
