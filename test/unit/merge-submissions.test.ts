import { submissionOf as sub } from '../helpers/merge-fixtures'
import { describe, expect, it } from 'vitest'
import { mergeSubmissions, prepareMergeCells } from '../../src-main/core/merge/merge-submissions'
import type { Unit } from '../../src-main/core/units/unit'
import { loadTestPack } from '../helpers/load-test-pack'

const pack = loadTestPack()
const units: Unit[] = [
  { code: '08001', name: 'Xã Tam Đường', kind: 'xa', dept: null, aliases: [] },
  { code: '08002', name: 'Phường Tân Phong', kind: 'phuong', dept: null, aliases: [] },
  { code: '08003', name: 'Xã Bình Lư', kind: 'xa', dept: null, aliases: [] },
  { code: 'CA', name: 'Công an tỉnh', kind: 'so_nganh', dept: 'CA', aliases: [] },
  { code: 'GDDT', name: 'Sở Giáo dục và Đào tạo', kind: 'so_nganh', dept: 'GDDT', aliases: [] },
]

describe('mergeSubmissions', () => {
  const merged = mergeSubmissions({
    pack,
    period: '2025-Y',
    units,
    submissions: [
      sub('08001', {
        'TE.0101': { prev: 100, total: 110, male: 60, female: 50 },
        'TE.0203': { total: 40 },
        'TE.0204': { total: 30, prev: 20 },
        'TE.0203x': {},
        'XH.0101': { total: 3 },
        'TE.0707': { total: 0 },
      }),
      sub('08002', {
        'TE.0101': { prev: 200, total: 0.1 + 0.2 },
        'TE.0203': { total: 60, prev: 50 },
        'TE.0204': { total: 30 },
        'XH.0101': { total: 4 },
      }),
      sub('CA', { 'XH.0101': { total: 9, male: 5, female: 4 }, 'TE.0101': { total: 999 } }),
      sub('GDDT', { 'TE.0401': { total: 80 }, 'TE.0402': { total: 20 } }),
    ],
  })

  it('sums territorial rows over territorial units only, blank where nobody reported, zero kept', () => {
    expect(merged.totals['TE.0101']).toMatchObject({
      prev: 300,
      total: 110.3,
      male: 60,
      female: 50,
      ethnic: null,
    })
    expect(merged.totals['TE.0707']?.total).toBe(0)
    expect(merged.totals['TE.0706']?.total).toBeNull()
  })

  it('takes a department row from its owner and keeps the territorial sum beside it, with R01', () => {
    expect(merged.totals['XH.0101']).toMatchObject({ total: 9, male: 5, female: 4 })
    expect(merged.territorialSums['XH.0101']?.total).toBe(7)
    expect(merged.problems).toHaveLength(1)
    expect(merged.problems[0]).toMatchObject({ rule: 'R01', indicator: 'XH.0101', column: 'total', value: 9 })
    expect(merged.problems[0]?.message.vi).toBe('Công an tỉnh báo cáo 9, tổng các xã, phường là 7')
  })

  it('recomputes rates from merged numerator and denominator, never averaging', () => {
    expect(merged.totals['TE.0204r']?.total).toBe(60)
    // prev: numerator prev 20 (one unit), denominator prev 50
    expect(merged.totals['TE.0204r']?.prev).toBe(40)
    expect(merged.totals['TE.0402r']?.total).toBe(25)
    expect(merged.totals['TE.0104r']?.total).toBeNull()
  })

  it('recomputes So sánh cùng kỳ on count rows, blank when prev is blank or zero', () => {
    expect(merged.totals['TE.0101']?.compare).toBeCloseTo(36.7666666667, 8)
    expect(merged.totals['TE.0204']?.compare).toBe(300)
    expect(merged.totals['TE.0103']?.compare).toBeNull()
    expect(merged.totals['TE.0204r']).not.toHaveProperty('compare')
  })

  it('lists missing units and marks the report provisional, unless final', () => {
    expect(merged.missing).toEqual(['08003'])
    expect(merged.provisional).toBe(true)
    const final = mergeSubmissions({ pack, period: '2025-Y', units, submissions: [], final: true })
    expect(final.provisional).toBe(false)
    expect(final.missing).toHaveLength(5)
  })

  it('traces every figure of the province to the unit and cell it came from', () => {
    const c = merged.contributions.filter((x) => x.indicator === 'TE.0101' && x.column === 'total')
    expect(c.map((x) => [x.unit, x.value])).toEqual([
      ['08001', 110],
      ['08002', 0.30000000000000004],
    ])
    expect(c[0]?.cell).toMatch(/^F\d+$/)
    expect(merged.contributions.some((x) => x.unit === 'CA' && x.indicator === 'TE.0101')).toBe(false)
  })
})

describe('mergeSubmissions at the ministry (units of kind tinh)', () => {
  const provinces: Unit[] = [
    { code: '12', name: 'Tỉnh Lai Châu', kind: 'tinh', dept: null, aliases: [] },
    { code: '14', name: 'Tỉnh Sơn La', kind: 'tinh', dept: null, aliases: [] },
  ]
  const merged = mergeSubmissions({
    pack,
    period: '2025-Y',
    units: provinces,
    submissions: [
      sub('12', { 'TE.0101': { total: 100 }, 'XH.0101': { total: 9 }, 'TE.0102': { total: 108 } }),
      sub('14', { 'TE.0101': { total: 50 }, 'XH.0101': { total: 4 }, 'TE.0102': { total: 112 } }),
    ],
  })

  it('adds the provinces’ figures on territorial and department rows alike, with no R01', () => {
    expect(merged.totals['TE.0101']?.['total']).toBe(150)
    expect(merged.totals['XH.0101']?.['total']).toBe(13)
    expect(merged.problems.filter((p) => p.rule === 'R01')).toEqual([])
  })

  it('leaves blank a ratio that cannot be added across provinces, and traces only what it added', () => {
    expect(merged.totals['TE.0102']?.['total']).toBeNull()
    expect(merged.contributions.filter((c) => c.indicator === 'TE.0102')).toEqual([])
    expect(
      merged.contributions.filter((c) => c.indicator === 'XH.0101').map((c) => [c.unit, c.value]),
    ).toEqual([
      ['12', 9],
      ['14', 4],
    ])
  })
})

describe('cells found ahead of the merge', () => {
  it('merges figures whose cells were found ahead (a cell given twice: the later) as any others', () => {
    const submissions = () => [
      sub('08001', { 'TE.0101': { prev: 100, total: 110 }, 'XH.0101': { total: 3 } }),
      sub('08002', { 'TE.0101': { total: 5 }, 'TE.0203': { total: 60 } }),
      sub('CA', { 'XH.0101': { total: 9 } }),
    ]
    const plain = mergeSubmissions({ pack, period: '2025-Y', units, submissions: submissions() })
    const ahead = submissions()
    // the first commune's file gives TE.0101's total twice: the later figure counts
    const first = ahead[0]!
    const twice = { ...first, figures: [...first.figures, { ...first.figures[1]!, value: 7, cell: 'F9' }] }
    ahead[0] = twice
    for (const s of ahead) prepareMergeCells(pack, '2025-Y', s.figures)
    // the same lists prepared again change nothing
    for (const s of ahead) prepareMergeCells(pack, '2025-Y', s.figures)
    const merged = mergeSubmissions({ pack, period: '2025-Y', units, submissions: ahead })
    expect(merged.totals['TE.0101']).toMatchObject({ prev: 100, total: 12 })
    expect(merged.totals['XH.0101']).toEqual(plain.totals['XH.0101'])
    expect(merged.totals['TE.0203']).toEqual(plain.totals['TE.0203'])
  })
})
