// Why each unit is missing from the report, from the season's unit states and what each unit sent,
// and the files no unit could be found for: what the report's provisional line and check sheet say.
import type { Season } from '../shared/period'
import type { Problem } from '../shared/problem'
import { baseName } from '../core/output/excel-util'
import type { MissingUnit, UnidentifiedFile } from '../core/output/missing-units'
import type { SheafDb, Submission } from '../db'
import { getProblems, listSubmissions } from '../db'
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

export function missingUnitsOf(
  db: SheafDb,
  season: Season,
): { missing: MissingUnit[]; unidentified: UnidentifiedFile[] } {
  const submissions = listSubmissions(db, season)
  const latest = new Map<string, Submission>()
  for (const s of submissions)
    if (s.unit !== null && (latest.get(s.unit)?.importedAt ?? '') <= s.importedAt) latest.set(s.unit, s)
  const missing = unitStates(db, season)
    .filter((s) => MISSING_STATES.includes(s.state))
    .map((s) => ({ code: s.unit.code, state: s.state, detail: detailOf(db, s, latest.get(s.unit.code)) }))
  const unidentified = submissions
    .filter((s) => s.unit === null)
    .map((s) => ({
      file: s.fileName,
      detail: firstError(db, s.id)?.message.vi ?? 'Không xác định được đơn vị gửi tệp.',
    }))
  return { missing, unidentified }
}
