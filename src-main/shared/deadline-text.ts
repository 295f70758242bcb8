// What the status screen's deadline column says of a unit: for a unit still to send its report, the
// days left; past the deadline, whether what it sent came in time (its state says it must send
// again), else how long it is overdue.
import type { StatusRow } from './api-types'

export type DeadlineText = Readonly<
  | { key: 'receivedLate' | 'daysLeft' | 'daysLate'; n: number; red: boolean }
  | { key: 'receivedOnTime' | 'dueToday'; red: false }
>

export function deadlineText(
  r: Pick<StatusRow, 'received' | 'lateDays' | 'daysToDeadline'>,
): DeadlineText | null {
  const n = r.daysToDeadline
  const waiting = n !== null && n >= 0
  if (r.received !== null && r.lateDays !== null && !waiting)
    return r.lateDays > 0
      ? { key: 'receivedLate', n: r.lateDays, red: true }
      : { key: 'receivedOnTime', red: false }
  if (n === null) return null
  if (n === 0) return { key: 'dueToday', red: false }
  return n > 0 ? { key: 'daysLeft', n, red: false } : { key: 'daysLate', n: -n, red: true }
}
