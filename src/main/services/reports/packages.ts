/** Submission packages (报送包): written by a township, inspected and merged by the county. */
import type { SavedFile } from '../../../shared/imports';
import type { MergeResult, PackageInfo, ReportFigures } from '../../../shared/reports';
import { AppError } from '../../errors';

export async function writePackage(_figures: ReportFigures, _out: string, _version: string): Promise<SavedFile> {
  throw new AppError('CONFLICT', '报表功能尚在开发中');
}

export async function inspectPackages(_files: string[], _version: string): Promise<PackageInfo[]> {
  throw new AppError('CONFLICT', '报表功能尚在开发中');
}

export async function mergePackages(
  _files: string[],
  _options: { perVillage: boolean; out: string; version: string },
): Promise<MergeResult> {
  throw new AppError('CONFLICT', '报表功能尚在开发中');
}
