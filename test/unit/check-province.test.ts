import { describe, expect, it } from 'vitest'
import { mergeSubmissions } from '../../src-main/core/merge/merge-submissions'
import type { Unit } from '../../src-main/core/units/unit'
import { issueJson } from '../../src-main/cli/output'
import { loadTestPack } from '../helpers/load-test-pack'
import { submissionOf as sub } from '../helpers/merge-fixtures'

const pack = loadTestPack()
const units: Unit[] = [
  { code: '08001', name: 'Xã Tam Đường', kind: 'xa', dept: null, aliases: [] },
  { code: '08002', name: 'Phường Tân Phong', kind: 'phuong', dept: null, aliases: [] },
  { code: 'CA', name: 'Công an tỉnh', kind: 'so_nganh', dept: 'CA', aliases: [] },
]

describe('province-level checks (R02)', () => {
  // each file keeps every relation of the form; the totals break three of them
  const merged = mergeSubmissions({
    pack,
    period: '2025-Y',
    units,
    submissions: [
      sub('08001', {
        'XH.0103': { total: 90, female: 50 },
        'TE.0203': { total: 40 },
        'TE.0204': { total: 30 },
      }),
      sub('08002', {
        'XH.0103': { total: 77, female: 20 },
        'TE.0203': { total: 60 },
        'TE.0204': { total: 50 },
      }),
      // the police own XH.0101: 158 children abused, 60 of them girls
      sub('CA', { 'XH.0101': { total: 158, female: 60 }, 'XH.0102': { total: 12 } }),
    ],
  })
  const r02 = merged.problems.filter((p) => p.rule === 'R02')

  it('lists a rules.csv comparison that fails on the totals, in each column, with the rule that failed', () => {
    const supported = r02.filter((p) => p.failedRule === 'V08b')
    expect(supported.map((p) => [p.indicator, p.column, p.value])).toEqual([
      ['XH.0103', 'total', 167],
      ['XH.0103', 'female', 70],
    ])
    expect(supported[0]?.severity).toBe('warning')
    expect(supported[0]?.message.vi).toContain('167')
    expect(supported[0]?.message.vi).toContain('158')
  })

  it('says which relation failed on the totals, with no fix addressed to a unit', () => {
    const m = r02.find((p) => p.failedRule === 'V08b')?.message
    expect(m?.vi).toMatch(
      /^Số liệu tổng hợp toàn tỉnh không thỏa quan hệ giữa các dòng của biểu \(quy tắc V08b\): /,
    )
    expect(m?.en).toMatch(/^The province's totals break a relation between the form's rows \(rule V08b\): /)
    expect(m?.vi).not.toContain('hãy')
    expect(m?.en).not.toMatch(/correct|Notes column/)
  })

  it('leaves the relations that hold, and keeps R01 apart', () => {
    // TE.0204 (80) is a part of TE.0203 (100): it holds; XH.0102 (12 cases) <= XH.0101 (158) holds
    expect(r02.filter((p) => p.indicator === 'TE.0204' || p.indicator === 'XH.0102')).toEqual([])
    expect(r02).toHaveLength(2)
  })

  it('checks a part above its parent on the totals (V10)', () => {
    const m = mergeSubmissions({
      pack,
      period: '2025-Y',
      units,
      submissions: [
        sub('08001', { 'TE.0203': { total: 40 }, 'TE.0204': { total: 30 } }),
        // 08002 fills only the part: each file is right, the totals are not
        sub('08002', { 'TE.0204': { total: 25 } }),
      ],
    })
    const p = m.problems.filter((x) => x.rule === 'R02')
    expect(p.map((x) => [x.failedRule, x.indicator, x.column])).toEqual([['V10', 'TE.0203', 'total']])
  })

  it('puts indicator, column and the failed rule in the JSON issue', () => {
    const json = issueJson(r02[0]!, 'vi')
    expect(json).toMatchObject({
      rule: 'R02',
      severity: 'warning',
      indicator: 'XH.0103',
      column: 'total',
      failed_rule: 'V08b',
    })
  })
})
