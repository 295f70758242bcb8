// Dates typed by a clerk (day first), checked before they reach the API, and lateness counted from them.
import { describe, expect, it } from 'vitest'
import { clerkDateText, lateDaysOf, parseClerkDate } from '../../src-main/shared/clerk-date'

describe('a date as a clerk writes it', () => {
  it('reads the day first, with /, - or . between, and a two-digit year', () => {
    expect(parseClerkDate('20/11/2025')).toEqual({ ok: true, iso: '2025-11-20' })
    expect(parseClerkDate(' 2/9/2025 ')).toEqual({ ok: true, iso: '2025-09-02' })
    expect(parseClerkDate('05-01-2026')).toEqual({ ok: true, iso: '2026-01-05' })
    expect(parseClerkDate('5.1.26')).toEqual({ ok: true, iso: '2026-01-05' })
    // 10/11 is the 10th of November, never October 11th
    expect(parseClerkDate('10/11/2025')).toEqual({ ok: true, iso: '2025-11-10' })
    // the ISO form a pasted value may have
    expect(parseClerkDate('2025-11-20')).toEqual({ ok: true, iso: '2025-11-20' })
  })

  it('takes empty text as no date, and refuses what is not a date or not a day', () => {
    expect(parseClerkDate('  ')).toEqual({ ok: true, iso: null })
    expect(parseClerkDate('20112025')).toEqual({ ok: false, why: 'format' })
    expect(parseClerkDate('hôm qua')).toEqual({ ok: false, why: 'format' })
    expect(parseClerkDate('11/20/2025')).toEqual({ ok: false, why: 'no_such_day' })
    expect(parseClerkDate('30/02/2025')).toEqual({ ok: false, why: 'no_such_day' })
    expect(parseClerkDate('29/02/2024')).toEqual({ ok: true, iso: '2024-02-29' })
    expect(parseClerkDate('01/01/0025')).toEqual({ ok: false, why: 'no_such_day' })
  })

  it('writes a stored date back day first, and counts the days late from it', () => {
    expect(clerkDateText('2025-11-20')).toBe('20/11/2025')
    expect(clerkDateText(null)).toBe('')
    expect(lateDaysOf('2025-11-15', '2025-11-20')).toBe(5)
    expect(lateDaysOf('2025-11-15', '2025-11-15')).toBe(0)
    expect(lateDaysOf('2025-11-15', '2025-11-10')).toBe(0)
    // across the change of month and year
    expect(lateDaysOf('2025-12-30', '2026-01-02')).toBe(3)
  })
})
