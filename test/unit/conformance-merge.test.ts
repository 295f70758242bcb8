import { submissionOf as sub } from '../helpers/merge-fixtures'
// Conformance of the merge with the spec's "Merging" clauses and of the JSON totals with cli.md:
// departments sharing a code, owners' rates, blank versus zero, and exactly the columns that apply.
import { describe, expect, it } from 'vitest'
import { mergeSubmissions } from '../../src-main/core/merge/merge-submissions'
import type { MergeSubmission } from '../../src-main/core/merge/merge-submissions'
import type { Unit } from '../../src-main/core/units/unit'
import { issueJson } from '../../src-main/cli/output'
import { provinceTotals } from '../../src-main/services/consolidate-period'
import { loadTestPack } from '../helpers/load-test-pack'

const pack = loadTestPack()
const units: Unit[] = [
  { code: '08001', name: 'Xã Tam Đường', kind: 'xa', dept: null, aliases: [] },
  { code: '08002', name: 'Phường Tân Phong', kind: 'phuong', dept: null, aliases: [] },
  { code: '08003', name: 'Đặc khu Cô Tô', kind: 'dac_khu', dept: null, aliases: [] },
  { code: 'CA', name: 'Công an tỉnh', kind: 'so_nganh', dept: 'CA', aliases: [] },
  { code: 'CA-PC', name: 'Phòng Cảnh sát hình sự', kind: 'so_nganh', dept: 'CA', aliases: [] },
  { code: 'GDDT', name: 'Sở Giáo dục và Đào tạo', kind: 'so_nganh', dept: 'GDDT', aliases: [] },
  { code: 'SYT', name: 'Sở Y tế', kind: 'so_nganh', dept: null, aliases: [] },
  { code: 'VKS', name: 'Viện kiểm sát', kind: 'so_nganh', dept: 'VKS', aliases: [] },
  { code: 'OLD', name: 'Huyện cũ', kind: 'huyen', dept: null, aliases: [], active: false },
]

const merge = (subs: MergeSubmission[]) =>
  mergeSubmissions({ pack, period: '2025-Y', units, submissions: subs })

describe('department-owned rows', () => {
  const m = merge([
    sub('08001', { 'XH.0101': { total: 10, prev: 4 }, 'TE.0401': { total: 500 }, 'TE.0201': { total: 9 } }),
    sub('08002', { 'XH.0101': { total: 5 }, 'XH.0102': { total: 3 } }),
    sub('CA', { 'XH.0101': { total: 12, male: 7, prev: 10 }, 'XH.0102': { total: 0 } }),
    sub('CA-PC', { 'XH.0101': { total: 4, male: 2, prev: 6 } }),
    sub('GDDT', {
      'TE.0401': { total: 80, prev: 50 },
      'TE.0402': { total: 20, prev: 25 },
      'TE.0402r': { total: 99 },
      'TE.0605': { total: 76.5 },
    }),
    sub('SYT', { 'TE.0201': { total: 14.2 }, 'TE.0102': { total: 112.5, prev: 110 } }),
  ])

  it('sums the units that share the department code, and compares with the territorial sum (R01)', () => {
    expect(m.totals['XH.0101']).toMatchObject({ total: 16, male: 9, prev: 16, female: null })
    expect(m.territorialSums['XH.0101']).toMatchObject({ total: 15, prev: 4 })
    const r01 = m.problems.filter((p) => p.rule === 'R01')
    expect(r01.map((p) => `${p.indicator}.${p.column}=${p.value}`)).toEqual([
      'XH.0101.total=16',
      'XH.0102.total=0',
      'TE.0401.total=80',
    ])
    expect(r01[0]).not.toHaveProperty('cell')
  })

  it('no R01 where the territorial sum or the department figure is blank', () => {
    expect(m.problems.some((p) => p.indicator === 'XH.0101' && p.column === 'male')).toBe(false)
    expect(m.problems.some((p) => p.indicator === 'TE.0402')).toBe(false)
  })

  it('a department row without its owner is blank, never the territorial sum', () => {
    const m2 = merge([sub('08001', { 'XH.0101': { total: 10 }, 'XH.0104': { total: 2 } })])
    expect(m2.totals['XH.0101']).toMatchObject({ total: null, prev: null, compare: null })
    expect(m2.totals['XH.0104']?.total).toBeNull()
    expect(m2.problems).toEqual([])
  })

  it("recomputes a department's rate from the owner's numerator and denominator", () => {
    expect(m.totals['TE.0402r']?.total).toBeCloseTo(25, 12)
    expect(m.totals['TE.0402r']?.prev).toBeCloseTo(50, 12)
  })

  it('takes permille, ratio and rates without num/den from their owner', () => {
    expect(m.totals['TE.0201']?.total).toBe(14.2)
    expect(m.totals['TE.0102']).toMatchObject({ total: 112.5, prev: 110 })
    expect(m.totals['TE.0605']?.total).toBe(76.5)
  })

  it('recomputes So sánh cùng kỳ of a department row from the owner figures', () => {
    expect(m.totals['XH.0101']?.compare).toBeCloseTo(100, 12)
    expect(m.totals['TE.0401']?.compare).toBeCloseTo(160, 12)
  })

  it('an inactive unit is not expected; units with nothing accepted are missing', () => {
    expect(m.missing).toEqual(['08003', 'VKS'])
    expect(m.provisional).toBe(true)
  })
})

describe('territorial rows, rates and comparisons', () => {
  it('ignores a department figure on a territorial row', () => {
    const m = merge([sub('08001', { 'TE.0101': { total: 5 } }), sub('CA', { 'TE.0101': { total: 99 } })])
    expect(m.totals['TE.0101']?.total).toBe(5)
  })

  it('rates: blank when the denominator is 0 or either side is blank, never averaged', () => {
    const m = merge([
      sub('08001', { 'TE.0203': { total: 0, male: 10 }, 'TE.0204': { total: 0, male: 9 } }),
      sub('08002', { 'TE.0203': { total: 0 }, 'TE.0204': { total: 0 } }),
    ])
    expect(m.totals['TE.0204r']).toEqual({ prev: null, total: null })
    const m2 = merge([
      sub('08001', { 'TE.0103': { total: 100, male: 60, female: 40 }, 'TE.0104': { total: 90, male: 60 } }),
      sub('08002', {
        'TE.0103': { total: 300, male: 140 },
        'TE.0104': { total: 150, male: 70 },
        'TE.0104r': { total: 50 },
      }),
    ])
    expect(m2.totals['TE.0104r']?.total).toBeCloseTo(60, 12)
    expect(m2.totals['TE.0104r']?.male).toBeCloseTo(65, 12)
    expect(m2.totals['TE.0104r']?.female).toBeNull()
    expect(m2.totals['TE.0104r']?.ethnic).toBeNull()
  })

  it('So sánh cùng kỳ is blank when prev is 0 or blank, zero stays zero', () => {
    const m = merge([
      sub('08001', {
        'TE.0103': { prev: 0, total: 5 },
        'TE.0203': { prev: 10, total: 0 },
        'TE.0205': { total: 3 },
      }),
    ])
    expect(m.totals['TE.0103']?.compare).toBeNull()
    expect(m.totals['TE.0203']?.compare).toBe(0)
    expect(m.totals['TE.0205']?.compare).toBeNull()
  })

  it('keeps the figures unrounded but without float noise', () => {
    const m = merge([
      sub('08001', { 'TE.0705': { total: 0.1, prev: 3 } }),
      sub('08002', { 'TE.0705': { total: 0.2 } }),
    ])
    expect(m.totals['TE.0705']?.total).toBe(0.3)
    expect(m.totals['TE.0705']?.compare).toBe(10)
    const m2 = merge([sub('08001', { 'TE.0103': { prev: 10234, total: 10480 } })])
    // cli.md's example: unrounded, every digit of total / prev x 100 kept
    expect(m2.totals['TE.0103']?.compare).toBe((10480 / 10234) * 100)
    const m3 = merge([sub('08001', { 'TE.0103': { prev: 3, total: 2 }, 'TE.0203': { prev: 10, total: 7 } })])
    expect(m3.totals['TE.0103']?.compare).toBe((2 / 3) * 100)
    expect(m3.totals['TE.0203']?.compare).toBe(70)
  })
})

describe('the JSON of cli.md', () => {
  const m = merge([
    sub('08001', { 'TE.0101': { total: 10, prev: 8 }, 'TE.0305': { total: 2 } }),
    sub('SYT', { 'TE.0102': { total: 105 } }),
  ])
  const t = provinceTotals(pack, m)
  const keys = (code: string) => Object.keys(t[code] ?? {}).sort()

  it('totals have every non-section indicator and no section', () => {
    expect(Object.keys(t).sort()).toEqual(
      pack.indicators
        .filter((i) => i.kind !== 'section')
        .map((i) => i.code)
        .sort(),
    )
  })

  it('each row has prev, exactly the data columns that apply, and compare on count and money rows', () => {
    expect(keys('TE.0101')).toEqual(
      ['prev', 'total', 'male', 'female', 'age_0_6', 'age_6_11', 'age_11_16', 'ethnic', 'compare'].sort(),
    )
    expect(keys('TE.0305')).toEqual(
      ['prev', 'total', 'male', 'female', 'age_0_6', 'age_6_11', 'age_11_16', 'compare'].sort(),
    )
    expect(keys('TE.0102')).toEqual(['prev', 'total'])
    expect(keys('TE.0104r')).toEqual(['prev', 'total', 'male', 'female', 'ethnic'].sort())
    expect(keys('TE.0705')).toEqual(['prev', 'total', 'compare'].sort())
    expect(t['TE.0101']).toMatchObject({ prev: 8, total: 10, male: null, compare: 125 })
    expect(t['TE.0102']).toEqual({ prev: null, total: 105 })
  })

  it('an issue carries rule, severity, place, figure, value and the message in the chosen language', () => {
    const m2 = merge([sub('08001', { 'XH.0101': { total: 10 } }), sub('CA', { 'XH.0101': { total: 12 } })])
    const r01 = m2.problems[0]!
    expect(issueJson(r01, 'en')).toEqual({
      rule: 'R01',
      severity: 'warning',
      indicator: 'XH.0101',
      column: 'total',
      value: 12,
      message: 'Công an tỉnh reports 12, the communes and wards add up to 10',
    })
    expect(issueJson(r01, 'vi').message).toBe('Công an tỉnh báo cáo 12, tổng các xã, phường là 10')
  })
})
