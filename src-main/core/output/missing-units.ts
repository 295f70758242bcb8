// What the report says about the units it lacks: how many, and why each (nothing came, an
// unreadable file, a file of another period, errors to fix), in the provisional line, in the note
// of a report sent as it is (`--final`), and in the check sheet. Words from the unit states' labels.
import type { UnitState } from '../../shared/unit-state'
import { MISSING_STATES, UNIT_STATE_LABELS } from '../../shared/unit-state'

/** An expected unit with no accepted report: its state for the season and what came from it. */
export type MissingUnit = Readonly<{
  code: string
  /** null when the season's states are not known (a report made from figures alone) */
  state: UnitState | null
  /** what came and why it does not count (`Tệp 08014.xlsx (lần 2): 3 lỗi`); '' for nothing */
  detail: string
}>

/** A unit whose report counts but came after the deadline: when, and how late. */
export type LateUnit = Readonly<{ code: string; detail: string }>

/** A file whose unit could not be identified, with the reason. */
export type UnidentifiedFile = Readonly<{ file: string; detail: string }>

const NO_VALID_REPORT = 'Chưa có báo cáo hợp lệ'

/** The check sheet's word for a missing unit (`Chưa nhận được`, `Tệp không đọc được`, …). */
export function missingLabel(u: MissingUnit): string {
  return u.state ? UNIT_STATE_LABELS[u.state].vi : NO_VALID_REPORT
}

/** `14 đơn vị chưa có báo cáo hợp lệ (3 chưa nhận được; 9 có lỗi, cần nộp lại; 2 tệp không đọc được)` */
export function missingSummary(missing: readonly MissingUnit[]): string {
  const counts = new Map<UnitState, number>()
  for (const u of missing) if (u.state) counts.set(u.state, (counts.get(u.state) ?? 0) + 1)
  const parts = MISSING_STATES.filter((s) => counts.has(s)).map(
    (s) => `${counts.get(s)} ${UNIT_STATE_LABELS[s].vi.toLocaleLowerCase('vi')}`,
  )
  const head = `${missing.length} đơn vị chưa có báo cáo hợp lệ`
  return parts.length > 0 ? `${head} (${parts.join('; ')})` : head
}

/** The red line of a report that still lacks units. */
export function provisionalLine(missing: readonly MissingUnit[]): string {
  return missing.length > 0
    ? `BÁO CÁO TẠM THỜI: còn ${missingSummary(missing)}`
    : 'BÁO CÁO TẠM THỜI (chưa được xác nhận)'
}

/**
 * The note of a report sent as it is while units are missing: the decision, and how many of the
 * expected units it holds, which the check sheet lists one by one.
 */
export function finalNote(missing: readonly MissingUnit[], expected: number, checksSheet: string): string {
  return `Tổng hợp từ ${expected - missing.length}/${expected} đơn vị; ${missingSummary(missing)}: xem sheet ${checksSheet}`
}
