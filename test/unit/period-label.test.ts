import { describe, expect, it } from 'vitest'
import { periodLabel } from '../../src-main/shared/period-label'

describe('periodLabel', () => {
  it('names every kind of period in words, in Vietnamese and English', () => {
    expect(periodLabel('2025-Y')).toEqual({ vi: 'Năm 2025', en: 'Year 2025' })
    expect(periodLabel('2025-H1')).toEqual({ vi: '6 tháng đầu năm 2025', en: 'First half of 2025' })
    expect(periodLabel('2025-9M')).toEqual({ vi: '9 tháng đầu năm 2025', en: 'First nine months of 2025' })
    expect(periodLabel('2026-Q3')).toEqual({ vi: 'Quý III năm 2026', en: 'Q3 2026' })
    expect(periodLabel('2025-Q1').vi).toBe('Quý I năm 2025')
    expect(periodLabel('2025-M03')).toEqual({ vi: 'Tháng 3 năm 2025', en: 'March 2025' })
    expect(periodLabel('2025-M12').en).toBe('December 2025')
  })

  it('shows an id of no known kind as it is', () => {
    expect(periodLabel('2025-M13')).toEqual({ vi: '2025-M13', en: '2025-M13' })
    expect(periodLabel('abc')).toEqual({ vi: 'abc', en: 'abc' })
  })
})
