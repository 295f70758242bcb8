// Why each unit is missing from the report, from the season's unit states and what each unit sent,
// the files no unit could be found for, and the units whose report came after the deadline: what the
// report's provisional line and check sheet say.
import type { Season } from '../shared/period'
import type { Problem } from '../shared/problem'
import { baseName } from '../core/output/excel-util'
import type { LateUnit, MissingUnit, UnidentifiedFile } from '../core/output/missing-units'
import { clerkDateText } from '../shared/clerk-date'
import type { SheafDb, Submission } from '../db'
import { getPeriod, getProblems, listSubmissions } from '../db'
import { MISSING_STATES } from '../shared/unit-state'
import { unitStates, type UnitSeasonState } from './unit-states'

function firstError(db: SheafDb, submissionId: number): Problem | undefined {
  return getProblems(db, submissionId).find((p) => p.severity === 'error')
}

function detailOf(db: SheafDb, s: UnitSeasonState, latest: Submission | undefined): string {
  switch (s.state) {
    case 'not_received':
      return 'Chưa nhận được tệp nào cho kỳ này.'
    case 'unreadable':
    case 'other_period': {
      if (!latest) return ''
      const why = firstError(db, latest.id)?.message.vi
      const what = s.state === 'unreadable' ? 'không đọc được' : 'là báo cáo của kỳ khác'
      return `Tệp ${baseName(latest.fileName)} ${what}${why ? `: ${why}` : ''}.`
    }
    case 'rejected': {
      const v = s.active
      if (!v) return ''
      const file = `Tệp ${baseName(v.fileName)} (lần ${v.version})`
      if (s.rejectedBy === 'validator')
        return `${file}: người duyệt không chấp nhận${s.reason ? `: ${s.reason}` : ''}.`
      const why = firstError(db, v.id)?.message.vi
      return `${file}: ${v.errorCount} lỗi cần sửa${why ? `, ví dụ: ${why}` : ''}.`
    }
    case 'accepted':
    case 'accepted_with_reason':
      return ''
  }
}

/** ` Tệp nhận ngày 20/11/2025, sau hạn nộp 15/11/2025 5 ngày.` for a unit's file that came late; '' else. */
function lateText(s: UnitSeasonState, deadline: string | null): string {
  if (!s.late || s.received === null || deadline === null) return ''
  return `Tệp nhận ngày ${clerkDateText(s.received)}, sau hạn nộp ${clerkDateText(deadline)} ${s.lateDays} ngày.`
}

export function missingUnitsOf(
  db: SheafDb,
  season: Season,
  /** the season's unit states with the period's deadline, when the caller has them already */
  known?: readonly UnitSeasonState[],
): { missing: MissingUnit[]; unidentified: UnidentifiedFile[]; late: LateUnit[] } {
  const submissions = listSubmissions(db, season)
  const latest = new Map<string, Submission>()
  for (const s of submissions)
    if (s.unit !== null && (latest.get(s.unit)?.importedAt ?? '') <= s.importedAt) latest.set(s.unit, s)
  const deadline = getPeriod(db, season)?.deadline ?? null
  const states = known ?? unitStates(db, season, { deadline })
  const missing = states
    .filter((s) => MISSING_STATES.includes(s.state))
    .map((s) => ({
      code: s.unit.code,
      state: s.state,
      detail: [detailOf(db, s, latest.get(s.unit.code)), lateText(s, deadline)].filter((x) => x).join(' '),
    }))
  // the units counted whose report came after the deadline
  const late = states
    .filter((s) => !MISSING_STATES.includes(s.state) && s.late === true)
    .map((s) => ({ code: s.unit.code, detail: lateText(s, deadline) }))
  const unidentified = submissions
    .filter((s) => s.unit === null)
    .map((s) => ({
      file: s.fileName,
      detail: firstError(db, s.id)?.message.vi ?? 'Không xác định được đơn vị gửi tệp.',
    }))
  return { missing, unidentified, late }
}
