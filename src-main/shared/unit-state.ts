// A unit's state for the season, named the same way on every screen, in the chase list, in the
// report's check sheet and in the command's `--json` (spec, Merging): one vocabulary, one home.
import type { Localized } from './localized'

/**
 * not_received: nothing came; unreadable: only files that could not be read (S01); other_period:
 * only files of another period (S04); rejected: its active file has errors, or a validator rejected
 * it; accepted_with_reason: its errors accepted by a validator, with the reason; accepted.
 */
export const UNIT_STATES = [
  'not_received',
  'unreadable',
  'other_period',
  'rejected',
  'accepted_with_reason',
  'accepted',
] as const
export type UnitState = (typeof UNIT_STATES)[number]

/** The states of a unit with no accepted submission: it is missing from the report. */
export const MISSING_STATES: readonly UnitState[] = ['not_received', 'unreadable', 'other_period', 'rejected']

export const UNIT_STATE_LABELS: Readonly<Record<UnitState, Localized>> = {
  not_received: { vi: 'Chưa nhận được', en: 'Not received' },
  unreadable: { vi: 'Tệp không đọc được', en: 'Unreadable file' },
  other_period: { vi: 'Gửi nhầm kỳ', en: 'Another period' },
  rejected: { vi: 'Có lỗi, cần nộp lại', en: 'Errors, to resubmit' },
  accepted_with_reason: { vi: 'Chấp nhận có lý do', en: 'Accepted with a reason' },
  accepted: { vi: 'Đã chấp nhận', en: 'Accepted' },
}

/** A rejected unit whose file a validator refused (it may have no error): said so on its badge. */
export const REJECTED_BY_VALIDATOR_LABEL: Localized = {
  vi: 'Cán bộ đã từ chối',
  en: 'Rejected by a validator',
}
