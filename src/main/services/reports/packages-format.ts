/**
 * The submission package's file format (报送包): one JSON object carrying the township's figures,
 * its identity and period, the GridDesk version that wrote it, and a SHA-256 over everything else
 * so that a hand edit after export is detected.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ReportFigures } from '../../../shared/reports';

export const PACKAGE_FORMAT = 'griddesk-report-package';
export const PACKAGE_FORMAT_VERSION = 1;
export const PACKAGE_EXTENSION = '.gdpkg';

export interface PackageBody {
  format: typeof PACKAGE_FORMAT;
  formatVersion: number;
  griddeskVersion: string;
  township: { name: string; code: string };
  from: string;
  to: string;
  exportedAt: string;
  figures: ReportFigures;
}

export type PackageFile = PackageBody & { checksum: string };

/** JSON with object keys sorted at every depth: the same data always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function checksumOf(body: PackageBody): string {
  return createHash('sha256').update(canonicalJson(body), 'utf8').digest('hex');
}

const figureRow = z.looseObject({ name: z.string(), code: z.string() });

/** The envelope a package must have; the figures are checked only as far as the merge relies on them. */
export const packageFileSchema = z.object({
  format: z.literal(PACKAGE_FORMAT),
  formatVersion: z.number().int().positive(),
  griddeskVersion: z.string().min(1),
  township: z.object({ name: z.string().min(1), code: z.string() }),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  exportedAt: z.string(),
  figures: z.looseObject({ rows: z.array(figureRow), total: figureRow }),
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
});

/** 1.2.3 → [1,2,3] (a pre-release or build suffix is ignored); null when not a version number. */
function versionParts(v: string): number[] | null {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

/**
 * Whether `packageVersion` is newer than the running GridDesk. A development build without a
 * version number (tests run as "test") cannot tell, and accepts the same string or any release.
 */
export function isNewerVersion(packageVersion: string, appVersion: string): boolean {
  if (packageVersion === appVersion) return false;
  const p = versionParts(packageVersion);
  const a = versionParts(appVersion);
  if (!p || !a) return false;
  for (let i = 0; i < 3; i++) if (p[i] !== a[i]) return p[i]! > a[i]!;
  return false;
}
