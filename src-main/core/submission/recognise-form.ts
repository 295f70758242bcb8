// Which known form a file is, when it is not the form being consolidated. What a file carries that
// says its form, from the most to the least reliable:
//   1. the template version in `Thong tin › Phiên bản mẫu` (`TE-2025.1`, `TC-2025.1`): written by the
//      blank form of each pack, unique to a form; an old version a pack lists counts for that pack;
//   2. the figures table: a form's header row and at least half its indicator rows (by code or label)
//      are found only in a file of that form (two forms do not share their codes; a few rows alike,
//      which the reader accepts for a department's own section, say nothing of the form);
// while sheet names (`Bieu 01` in many forms) and title words (a unit rewrites its title) say too
// little to decide alone. So a file is another form's when its version is that form's and that
// form's table is found in it (or the current form's is not), or, with no version of a known form,
// when the current form's table is not found and the other's is. A file that holds the current
// form's table and names no other form's version stays the current form's: forms never mix.
import { foldText } from '../text/normalize'
import type { PeriodId } from '../../shared/period'
import { periodLabel } from '../../shared/period-label'
import type { Problem } from '../../shared/problem'
import type { TemplatePack } from '../template/pack'
import type { Grid } from '../workbook/grid'
import type { UnitIndex } from './identify-unit'
import { locateTable } from './locate-table'

/** Another form Sheaf knows, with its seasons in the database (each with its unit list). */
export type OtherForm = Readonly<{
  pack: TemplatePack
  seasons: readonly Readonly<{ period: PeriodId; units: UnitIndex }>[]
}>

/** Whether `version` (as a file writes it) is one of the pack's, current or older. */
export function isVersionOf(pack: TemplatePack, version: string | null): boolean {
  if (version === null || version.trim() === '') return false
  const v = foldText(version)
  return [pack.manifest.version, ...pack.manifest.olderVersions].some((x) => foldText(x) === v)
}

/** The other form a file is of, or null when it is the current form's (or no known form's). */
export function recogniseOtherForm(
  grid: Grid,
  current: TemplatePack,
  ownTableFound: boolean,
  templateVersion: string | null,
  others: readonly OtherForm[],
): OtherForm | null {
  if (isVersionOf(current, templateVersion)) return null
  const byVersion = others.find((f) => isVersionOf(f.pack, templateVersion))
  if (byVersion) return !ownTableFound || formTableMatches(grid, byVersion.pack) > 0 ? byVersion : null
  if (ownTableFound) return null
  let best: { form: OtherForm; matches: number } | null = null
  for (const form of others) {
    const matches = formTableMatches(grid, form.pack)
    if (matches > 0 && (best === null || matches > best.matches)) best = { form, matches }
  }
  return best?.form ?? null
}

/**
 * How many of a form's rows its table in the file has, when it has at least half of them: the reader
 * also takes a table of a few rows (a department's own section), which says too little of a form.
 */
function formTableMatches(grid: Grid, pack: TemplatePack): number {
  const table = locateTable(grid, pack)
  const rows = pack.indicators.filter((i) => i.kind !== 'section').length
  return table && table.matchCount * 2 >= rows ? table.matchCount : 0
}

/** S10: a file of another known form whose season of the file's period the database does not have. */
export function otherFormProblem(current: TemplatePack, other: TemplatePack, period: PeriodId): Problem {
  const p = periodLabel(period)
  const vi = p.vi.charAt(0).toLocaleLowerCase('vi') + p.vi.slice(1)
  const named = { vi: other.manifest.name.vi, en: other.manifest.name.en }
  return {
    rule: 'S10',
    severity: 'error',
    value: other.manifest.id,
    message: {
      vi: `Tệp là báo cáo theo mẫu "${named.vi}" (${vi}), không phải mẫu "${current.manifest.name.vi}" đang tổng hợp; chưa có kỳ ${vi} của mẫu đó để nhận tệp: hãy tạo kỳ này cho mẫu "${named.vi}" rồi nhận lại tệp`,
      en: `The file is a report on the form "${named.en}" (${p.en}), not on the form "${current.manifest.name.en}" being consolidated; there is no season of ${p.en} for that form to take it: create that season for "${named.en}", then import the file again`,
    },
  }
}
