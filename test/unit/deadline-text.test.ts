// The status screen's deadline column: days left for a unit still to send, and once the deadline has
// passed, whether what a unit sent came in time, never "overdue by 386 days" for a file that came on time.
import { describe, expect, it } from 'vitest'
import { deadlineText } from '../../src-main/shared/deadline-text'

describe('the deadline column of a unit', () => {
  it('counts the days left while a unit must still send, whether it sent something or not', () => {
    expect(deadlineText({ received: null, lateDays: null, daysToDeadline: 4 })).toEqual({
      key: 'daysLeft',
      n: 4,
      red: false,
    })
    // its file had errors: it has four days to send it again
    expect(deadlineText({ received: '2025-11-10', lateDays: 0, daysToDeadline: 4 })?.key).toBe('daysLeft')
    expect(deadlineText({ received: null, lateDays: null, daysToDeadline: 0 })?.key).toBe('dueToday')
  })

  it('past the deadline, says whether what came was in time, and how long overdue a unit that sent nothing is', () => {
    // a file that came on 12/11 for a deadline of 15/11, rejected, looked at a year later
    expect(deadlineText({ received: '2025-11-12', lateDays: 0, daysToDeadline: -386 })).toEqual({
      key: 'receivedOnTime',
      red: false,
    })
    expect(deadlineText({ received: '2025-11-20', lateDays: 5, daysToDeadline: -386 })).toEqual({
      key: 'receivedLate',
      n: 5,
      red: true,
    })
    expect(deadlineText({ received: null, lateDays: null, daysToDeadline: -3 })).toEqual({
      key: 'daysLate',
      n: 3,
      red: true,
    })
    // an accepted unit (no days to the deadline) is judged by its file alone
    expect(deadlineText({ received: '2025-11-10', lateDays: 0, daysToDeadline: null })?.key).toBe(
      'receivedOnTime',
    )
    expect(deadlineText({ received: null, lateDays: null, daysToDeadline: null })).toBeNull()
  })
})
