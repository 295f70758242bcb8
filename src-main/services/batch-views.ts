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

const lowerFirst = (s: string): string => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1)

/** The problem a file has when no table of the form was found in it. */
const NO_TABLE_RULE = 'S02'

function countWords(n: number, vi: string, en: string, enPlural = `${en}s`): Localized {
  return { vi: `${n} ${vi}`, en: `${n} ${n === 1 ? en : enPlural}` }
}

/**
 * The batch's sentence: "42 tệp: 40 tệp mới (38 hợp lệ, 2 có lỗi), 2 tệp đã nhận trước đó"; `own`:
 * the new files of the batch's form, when some new files are of another form.
 */
export function batchSummary(
  counts: BatchView['counts'],
  total: number,
  cancelled: boolean,
  own: NewFiles = counts,
): Localized {
  const parts: Localized[] = []
  const got = counts.new + counts.duplicate + counts.refused
  const taken = counts.new + counts.duplicate
  if (own.new > 0)
    parts.push({
      vi: `${own.new} tệp mới (${own.accepted} hợp lệ, ${own.rejected} có lỗi)`,
      en: `${countWords(own.new, '', 'new file').en} (${own.accepted} valid, ${own.rejected} with errors)`,
    })
  if (counts.duplicate > 0)
    parts.push({
      vi: `${counts.duplicate} tệp đã nhận trước đó (không nhận lại)`,
      en: `${countWords(counts.duplicate, '', 'file').en} already received (not stored again)`,
    })
  if (counts.knownOtherForm > 0)
    parts.push({
      vi: `${counts.knownOtherForm} tệp của mẫu biểu khác`,
      en: `${countWords(counts.knownOtherForm, '', 'file').en} of another form`,
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

/** New files of the batch's form, and how many of them are valid or have errors. */
type NewFiles = Readonly<Pick<BatchView['counts'], 'new' | 'accepted' | 'rejected'>>

/**
 * The batch's new files of its own form: the files of another known form are told apart ("3 tệp
 * của mẫu biểu khác"), not as new files with errors.
 */
function ownFormCounts(
  counts: BatchView['counts'],
  ofOtherForm: readonly Readonly<{ outcome: string; status?: string | null }>[],
): NewFiles {
  const other = (status?: string) =>
    ofOtherForm.filter((f) => f.outcome === 'new' && (status === undefined || f.status === status)).length
  return {
    new: counts.new - other(),
    accepted: counts.accepted - other('accepted'),
    rejected: counts.rejected - other('rejected'),
  }
}

/** The rule of a file of another known form whose season the database did not have. */
const NO_SEASON_RULE = 'S10'

/** A form's name in both languages, by its id (null: a form no longer known). */
export type FormNames = (form: string) => Localized | null

/** A stored batch as the import screen shows it. */
export function toBatchView(
  b: Batch,
  units: UnitIndex,
  stored: StoredNow = EMPTY_STORED,
  formName: FormNames = () => null,
): BatchView {
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
  const otherForm = read.filter((f) => f.rule === NO_TABLE_RULE && !f.otherForm).length
  // the files of each other known form, by the season (form and period) they belong to
  const byForm = new Map<string, typeof read>()
  for (const f of read)
    if (f.otherForm && !f.setAside) {
      const key = `${f.otherForm}\u0000${f.declaredPeriod ?? b.period}`
      byForm.set(key, [...(byForm.get(key) ?? []), f])
    }
  const knownOtherForm = [...byForm.values()].reduce((a, fs) => a + fs.length, 0)
  const topForm = [...byForm.entries()].sort((x, y) => y[1].length - x[1].length)[0]
  const counts = {
    new: files.filter((f) => f.outcome === 'new').length,
    duplicate: files.filter((f) => f.outcome === 'duplicate').length,
    refused: files.filter((f) => f.outcome === 'refused').length,
    accepted: files.filter((f) => f.outcome === 'new' && f.status === 'accepted').length,
    rejected: files.filter((f) => f.outcome === 'new' && f.status === 'rejected').length,
    otherPeriod,
    otherForm,
    knownOtherForm,
  }
  const most = (n: number) => read.length > 0 && n * 2 > read.length
  const mostlyForm = (() => {
    if (!topForm || !most(topForm[1].length)) return null
    const [form, period] = topForm[0].split('\u0000') as [string, string]
    return {
      form,
      name: formName(form) ?? { vi: form, en: form },
      period,
      count: topForm[1].length,
      stored: topForm[1].every((f) => f.rule !== NO_SEASON_RULE),
    }
  })()
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
    // a batch of another form is told as such, not as one of another period
    mostlyPeriod: !mostlyForm && top && most(top[1]) ? top[0] : null,
    mostlyOtherForm: !mostlyForm && most(otherForm),
    mostlyForm,
    summary: batchSummary(counts, b.total, b.cancelled, ownFormCounts(counts, [...byForm.values()].flat())),
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
export function batchViews(db: SheafDb, season: Season, formName: FormNames = () => null): BatchView[] {
  const units = indexUnits(listUnits(db, season))
  const stored: StoredNow = {
    submissions: new Map(listSubmissions(db, season, { includeSetAside: true }).map((s) => [s.id, s])),
    counts: problemCounts(db, season),
    versions: new Map(listVersions(db, season).map((v) => [v.id, v.version])),
  }
  return listBatches(db, season).map((b) => toBatchView(b, units, stored, formName))
}

/** The unit a file's name names, when it names exactly one: proposed when assigning the file by hand. */
export function proposedUnit(units: UnitIndex, fileName: string): string | null {
  const named = unitsInFileName(units, fileName)
  return named.length === 1 ? (named[0]?.code ?? null) : null
}

/** The warning for a batch that belongs elsewhere, or null. */
export function batchWarning(v: BatchView): Localized | null {
  if (v.mostlyForm !== null) {
    const f = v.mostlyForm
    const when = periodLabel(f.period)
    return f.stored
      ? {
          vi: `${f.count}/${v.total} tệp của đợt này là báo cáo theo mẫu "${f.name.vi}" (${lowerFirst(when.vi)}): đã lưu vào kỳ đó của mẫu này`,
          en: `${f.count} of ${v.total} files of this batch are reports on the form "${f.name.en}" (${when.en}): stored in that form's season`,
        }
      : {
          vi: `${f.count}/${v.total} tệp của đợt này là báo cáo theo mẫu "${f.name.vi}" (${lowerFirst(when.vi)}), chưa có kỳ này của mẫu đó`,
          en: `${f.count} of ${v.total} files of this batch are reports on the form "${f.name.en}" (${when.en}), which has no such season yet`,
        }
  }
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
