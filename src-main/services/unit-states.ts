// Each expected unit's state for the season (spec, Merging): what it sent, whether it could be read,
// whether it was for this period, what the rules and the validator made of it, when it came and
// whether that was late. The status screen, the chase list, the report's check sheet and the
// command's `--json` all take it from here.
import type { Season } from '../shared/period'
import type { UnitState } from '../shared/unit-state'
import type { Localized } from '../shared/localized'
import type { Problem } from '../shared/problem'
import { assertNever } from '../shared/assert-never'
import { periodLabel } from '../shared/period-label'
import { lateDaysOf } from '../shared/clerk-date'
import type { Unit } from '../core/units/unit'
import type { SheafDb, Submission, SubmissionVersion, UnitContact } from '../db'
import {
  getPeriod,
  getProblems,
  listSubmissions,
  listUnitContacts,
  listUnits,
  listVersions,
  unreadableSubmissionIds,
} from '../db'

export type UnitSeasonState = Readonly<{
  unit: Unit
  state: UnitState
  /** every file the unit sent for the season (this period's, unreadable ones and other periods') */
  files: number
  /** the versions of this period (S08) */
  versions: number
  /** the unit's active file for this period, when it has one */
  active: SubmissionVersion | null
  /** `YYYY-MM-DD`: when its active file was received (else its latest file); null when nothing came */
  received: string | null
  /** `YYYY-MM-DD`: the report date its active file declares */
  reportDate: string | null
  /** whether it came after the deadline; null without a deadline or a file */
  late: boolean | null
  /** days after the deadline it came (0: on time); null without a deadline or a file */
  lateDays: number | null
  /** for a rejected unit: a validator's decision, or the rules' */
  rejectedBy: 'rule' | 'validator' | null
  /** the validator's reason for the active file's verdict */
  reason: string | null
  /** whom to call: the clerk's word, else the preparer and phone of the unit's latest file */
  contact: Readonly<{ name: string | null; phone: string | null; fromClerk: boolean }>
}>

/** The local calendar date of an instant (the clerk's day, not UTC's). */
export function localDate(iso: string): string {
  const d = new Date(iso)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}

/**
 * When a file was received: the date the clerk set (for it or its batch), else its modification time
 * (the day the unit saved it), else its import.
 */
export function receivedOf(s: Submission): string {
  return s.receivedOn ?? localDate(s.fileMtime ?? s.importedAt)
}

function stateOfActive(v: SubmissionVersion): UnitState {
  if (!v.accepted) return 'rejected'
  return v.acceptedWithReason !== null && v.status === 'rejected' ? 'accepted_with_reason' : 'accepted'
}

/**
 * Every expected (active) unit of the period once, in the unit list's order, with its state.
 * `deadline` overrides the period's stored one (undefined: the stored one).
 */
export function unitStates(
  db: SheafDb,
  season: Season,
  options: Readonly<{ deadline?: string | null }> = {},
): UnitSeasonState[] {
  const units = listUnits(db, season)
  const deadline =
    options.deadline !== undefined ? options.deadline : (getPeriod(db, season)?.deadline ?? null)
  const filesOf = new Map<string, Submission[]>()
  for (const s of listSubmissions(db, season)) {
    if (s.unit === null) continue
    const own = filesOf.get(s.unit)
    if (own) own.push(s)
    else filesOf.set(s.unit, [s])
  }
  const versionsOf = new Map<string, SubmissionVersion[]>()
  for (const v of listVersions(db, season)) {
    const own = versionsOf.get(v.unit)
    if (own) own.push(v)
    else versionsOf.set(v.unit, [v])
  }
  const unreadable = unreadableSubmissionIds(db, season)
  const contacts = listUnitContacts(db, season)

  return units.map((unit) => {
    const files = filesOf.get(unit.code) ?? []
    const versions = versionsOf.get(unit.code) ?? []
    const active = versions.find((v) => v.active) ?? null
    const readable = versions.filter((v) => !unreadable.has(v.id))
    let state: UnitState
    if (files.length === 0) state = 'not_received'
    else if (active && (readable.length > 0 || active.accepted)) state = stateOfActive(active)
    else if (versions.length > 0) state = 'unreadable'
    else state = 'other_period'
    // the active file's date, else the latest file's
    const latest = files.reduce<Submission | null>(
      (m, s) => (m === null || receivedOf(s) > receivedOf(m) ? s : m),
      null,
    )
    const dated = active ?? latest
    const received = dated ? receivedOf(dated) : null
    const lateDays = deadline && received ? lateDaysOf(deadline, received) : null
    const verdict = active?.decisions.filter((d) => d.kind === 'accept' || d.kind === 'reject').at(-1)
    return {
      unit,
      state,
      files: files.length,
      versions: versions.length,
      active,
      received,
      reportDate: active?.reportDate ?? null,
      late: lateDays === null ? null : lateDays > 0,
      lateDays,
      rejectedBy: state === 'rejected' ? (verdict?.kind === 'reject' ? 'validator' : 'rule') : null,
      reason: verdict?.reason ?? null,
      contact: contactOf(contacts.get(unit.code), files),
    }
  })
}

function contactOf(set: UnitContact | undefined, files: readonly Submission[]): UnitSeasonState['contact'] {
  if (set) return { ...set, fromClerk: true }
  // the latest file that names its preparer or phone
  const named = [...files].reverse().find((f) => f.preparer !== null || f.phone !== null)
  return { name: named?.preparer ?? null, phone: named?.phone ?? null, fromClerk: false }
}

/**
 * What a missing unit must do, in a sentence for the chase list: the first error of its file, the
 * validator's reason, or what it sent instead; null for a unit that is not missing or sent nothing.
 */
export function whatToFix(db: SheafDb, season: Season, s: UnitSeasonState): Localized | null {
  switch (s.state) {
    case 'accepted':
    case 'accepted_with_reason':
    case 'not_received':
      return null
    case 'rejected': {
      if (s.rejectedBy === 'validator' && s.reason)
        return { vi: `Cán bộ đã từ chối: ${s.reason}`, en: `Rejected by a validator: ${s.reason}` }
      const first = s.active ? getProblems(db, s.active.id).find((p) => p.severity === 'error') : undefined
      return first ? withPlace(first) : null
    }
    case 'unreadable': {
      const file = listSubmissions(db, season).find((f) => f.unit === s.unit.code)
      const first = file ? getProblems(db, file.id)[0] : undefined
      return first
        ? {
            vi: `${withoutStop(first.message.vi)}: gửi lại tệp Excel`,
            en: `${withoutStop(first.message.en)}: send the Excel file again`,
          }
        : null
    }
    case 'other_period': {
      const sent = listSubmissions(db, season).find((f) => f.unit === s.unit.code)?.declaredPeriod
      const other = sent ? periodLabel(sent) : { vi: 'kỳ khác', en: 'another period' }
      const here = periodLabel(season.period)
      return {
        vi: `Đã gửi báo cáo ${other.vi}: cần gửi báo cáo ${here.vi}`,
        en: `Sent the report for ${other.en}: the report for ${here.en} is needed`,
      }
    }
    default:
      return assertNever(s.state)
  }
}

/** A sentence without its closing full stop, to go on with ": …". */
function withoutStop(text: string): string {
  return text.replace(/[.\s]+$/, '')
}

function withPlace(p: Problem): Localized {
  const where = p.cell ? `${p.sheet ?? ''}!${p.cell}: ` : ''
  return { vi: `${where}${p.message.vi}`, en: `${where}${p.message.en}` }
}

/** The `units` list of the command's `--json` (cli.md). */
export function unitStatesJson(states: readonly UnitSeasonState[]): Record<string, unknown>[] {
  return states.map((s) => ({
    code: s.unit.code,
    name: s.unit.name,
    state: s.state,
    files: s.files,
    received: s.received,
    report_date: s.reportDate,
    late: s.late,
  }))
}
