// An import batch as the clerk reads it: what came, what was new, what was stored already, what was
// refused and why, in one sentence; and whether most of it belongs to another period or form, so
// that the import screen can warn and offer to move it.
import type { BatchView } from '../shared/api-types'
import type { Localized } from '../shared/localized'
import { periodLabel } from '../shared/period-label'
import type { Batch, SheafDb, Submission } from '../db'
import { listBatches, listSubmissions, listUnits, listVersions, problemCounts } from '../db'
import type { Season } from '../shared/period'
import type { UnitIndex } from '../core/submission/identify-unit'
import { indexUnits, unitByCode, unitsInFileName } from '../core/submission/identify-unit'

/** The problem a file has when no table of the form was found in it. */
const NO_TABLE_RULE = 'S02'

function countWords(n: number, vi: string, en: string, enPlural = `${en}s`): Localized {
  return { vi: `${n} ${vi}`, en: `${n} ${n === 1 ? en : enPlural}` }
}

/** The batch's sentence: "42 tệp: 40 tệp mới (38 hợp lệ, 2 có lỗi), 2 tệp đã nhận trước đó". */
export function batchSummary(counts: BatchView['counts'], total: number, cancelled: boolean): Localized {
  const parts: Localized[] = []
  const got = counts.new + counts.duplicate + counts.refused
  const taken = counts.new + counts.duplicate
  if (counts.new > 0)
    parts.push({
      vi: `${counts.new} tệp mới (${counts.accepted} hợp lệ, ${counts.rejected} có lỗi)`,
      en: `${countWords(counts.new, '', 'new file').en} (${counts.accepted} valid, ${counts.rejected} with errors)`,
    })
  if (counts.duplicate > 0)
    parts.push({
      vi: `${counts.duplicate} tệp đã nhận trước đó (không nhận lại)`,
      en: `${countWords(counts.duplicate, '', 'file').en} already received (not stored again)`,
    })
  if (counts.refused > 0)
    parts.push({
      vi: `${counts.refused} tệp không nhận được`,
      en: `${countWords(counts.refused, '', 'file').en} refused`,
    })
  const head: Localized =
    taken === 0
      ? { vi: 'Không có tệp bảng tính nào để nhận', en: 'No spreadsheet to import' }
      : { vi: `Đợt nhận ${total} tệp`, en: `Batch of ${countWords(total, '', 'file').en}` }
  const stopped: Localized = cancelled
    ? { vi: ` (dừng giữa chừng, còn ${total - got} tệp chưa đọc)`, en: ` (stopped, ${total - got} not read)` }
    : { vi: '', en: '' }
  return {
    vi: `${head.vi}${stopped.vi}${parts.length ? ': ' : ''}${parts.map((p) => p.vi).join(', ')}`,
    en: `${head.en}${stopped.en}${parts.length ? ': ' : ''}${parts.map((p) => p.en).join(', ')}`,
  }
}

/** A stored batch as the import screen shows it. */
export function toBatchView(b: Batch, units: UnitIndex, stored: StoredNow = EMPTY_STORED): BatchView {
  const files = b.files.map((recorded) => {
    // a stored file as it is now: assigned to a unit, read again, set aside since the import
    const s = recorded.submissionId === null ? undefined : stored.submissions.get(recorded.submissionId)
    const now = s ? stored.counts.get(s.id) : undefined
    const f = s
      ? {
          ...recorded,
          unit: s.unit,
          status: s.status,
          declaredPeriod: s.declaredPeriod,
          errors: now?.errors ?? 0,
          warnings: now?.warnings ?? 0,
          rule: now?.first?.rule ?? null,
          reason: now?.first?.message ?? null,
        }
      : recorded
    return {
      ...f,
      unitName: f.unit ? (unitByCode(units, f.unit)?.name ?? null) : null,
      proposedUnit: f.unit === null && f.submissionId !== null ? proposedUnit(units, f.fileName) : null,
      setAside: s ? s.setAsideAt !== null : false,
      version: s ? (stored.versions.get(s.id) ?? null) : null,
    }
  })
  const declared = files.filter((f) => f.outcome !== 'refused' && f.declaredPeriod !== null)
  const byPeriod = new Map<string, number>()
  for (const f of declared)
    if (f.declaredPeriod !== b.period)
      byPeriod.set(f.declaredPeriod!, (byPeriod.get(f.declaredPeriod!) ?? 0) + 1)
  const otherPeriod = [...byPeriod.values()].reduce((a, n) => a + n, 0)
  const top = [...byPeriod.entries()].sort((x, y) => y[1] - x[1])[0]
  const read = files.filter((f) => f.outcome !== 'refused')
  const otherForm = read.filter((f) => f.rule === NO_TABLE_RULE).length
  const counts = {
    new: files.filter((f) => f.outcome === 'new').length,
    duplicate: files.filter((f) => f.outcome === 'duplicate').length,
    refused: files.filter((f) => f.outcome === 'refused').length,
    accepted: files.filter((f) => f.outcome === 'new' && f.status === 'accepted').length,
    rejected: files.filter((f) => f.outcome === 'new' && f.status === 'rejected').length,
    otherPeriod,
    otherForm,
  }
  const most = (n: number) => read.length > 0 && n * 2 > read.length
  return {
    id: b.id,
    period: b.period,
    startedAt: b.startedAt,
    finishedAt: b.finishedAt,
    actor: b.actor,
    total: b.total,
    cancelled: b.cancelled,
    receivedOn: b.receivedOn,
    setAside: b.setAsideAt !== null,
    counts,
    mostlyPeriod: top && most(top[1]) ? top[0] : null,
    mostlyOtherForm: most(otherForm),
    summary: batchSummary(counts, b.total, b.cancelled),
    files,
  }
}

/** The period's stored files as they are now, and their problem counts. */
type StoredNow = Readonly<{
  submissions: ReadonlyMap<number, Submission>
  counts: ReturnType<typeof problemCounts>
  /** each file's version number among its unit's files of the period */
  versions: ReadonlyMap<number, number>
}>

const EMPTY_STORED: StoredNow = { submissions: new Map(), counts: new Map(), versions: new Map() }

/** The import batches of a season, newest first. */
export function batchViews(db: SheafDb, season: Season): BatchView[] {
  const units = indexUnits(listUnits(db, season))
  const stored: StoredNow = {
    submissions: new Map(listSubmissions(db, season, { includeSetAside: true }).map((s) => [s.id, s])),
    counts: problemCounts(db, season),
    versions: new Map(listVersions(db, season).map((v) => [v.id, v.version])),
  }
  return listBatches(db, season).map((b) => toBatchView(b, units, stored))
}

/** The unit a file's name names, when it names exactly one: proposed when assigning the file by hand. */
export function proposedUnit(units: UnitIndex, fileName: string): string | null {
  const named = unitsInFileName(units, fileName)
  return named.length === 1 ? (named[0]?.code ?? null) : null
}

/** The warning for a batch that belongs elsewhere, or null. */
export function batchWarning(v: BatchView): Localized | null {
  if (v.mostlyPeriod !== null) {
    const other = periodLabel(v.mostlyPeriod)
    const here = periodLabel(v.period)
    return {
      vi: `${v.counts.otherPeriod}/${v.total} tệp của đợt này là báo cáo ${other.vi}, không phải ${here.vi}`,
      en: `${v.counts.otherPeriod} of ${v.total} files of this batch are reports for ${other.en}, not ${here.en}`,
    }
  }
  if (v.mostlyOtherForm)
    return {
      vi: `${v.counts.otherForm}/${v.total} tệp của đợt này không có bảng số liệu của biểu mẫu này: có thể là biểu khác`,
      en: `${v.counts.otherForm} of ${v.total} files of this batch have no table of this form: perhaps another form`,
    }
  return null
}
