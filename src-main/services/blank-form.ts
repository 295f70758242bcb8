// `sheaf blank`: the form as a unit fills it in, written to a file.
import type { PeriodId } from '../shared/period'
import { periodParts } from '../shared/period'
import type { TemplatePack } from '../core/template/pack'
import { writeBlankForm } from '../core/output/write-blank'
import { defaultPeriodKind } from '../core/template/pack-periods'
import type { FileSystem } from './fs-seam'
import { realFs, writeFileAtomic } from './fs-seam'

/** For `period`, else the form's first year, whole year. Throws OutputError when it cannot be written. */
export async function writeBlankFormFile(
  pack: TemplatePack,
  period: PeriodId | undefined,
  outPath: string,
  fsys: FileSystem = realFs,
): Promise<void> {
  const p = period
    ? periodParts(period)
    : { year: pack.manifest.years[0] ?? new Date().getFullYear(), kind: defaultPeriodKind(pack) }
  const bytes = await writeBlankForm(pack, { period: p.kind, year: p.year })
  writeFileAtomic(fsys, outPath, bytes)
}
