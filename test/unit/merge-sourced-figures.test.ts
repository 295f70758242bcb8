import { describe, expect, it } from 'vitest'
import type { Contribution } from '../../src-main/core/merge/consolidation'
import { mergeSubmissions } from '../../src-main/core/merge/merge-submissions'
import type { Unit } from '../../src-main/core/units/unit'
import { loadTestPack } from '../helpers/load-test-pack'

const pack = loadTestPack()
const units: Unit[] = [
  { code: '08001', name: 'Xã Tam Đường', kind: 'xa', dept: null, aliases: [] },
  { code: '08002', name: 'Phường Tân Phong', kind: 'phuong', dept: null, aliases: [] },
]

function figure(unit: string, fileName: string, column: string, value: number): Contribution {
  const f = { indicator: 'TE.0101', column, unit, value, fileName, version: 2, sheet: 'Bieu 01' }
  return { ...f, cell: 'F12', raw: String(value), notes: [] }
}

describe('mergeSubmissions with figures that carry their source (as the database loads them)', () => {
  const own = figure('08001', 'a.xlsx', 'total', 5)
  const stale = figure('08002', 'old.xlsx', 'total', 7)
  const merged = mergeSubmissions({
    pack,
    period: '2025-Y',
    units,
    submissions: [
      { unit: '08001', fileName: 'a.xlsx', version: 2, figures: [own], acceptedWithReason: null },
      // the figure says another file: the contribution must say the submission's file
      { unit: '08002', fileName: 'b.xlsx', version: 2, figures: [stale], acceptedWithReason: null },
    ],
  })

  it('sums them and lists each with the file of its submission', () => {
    expect(merged.totals['TE.0101']?.['total']).toBe(12)
    const sources = merged.contributions.filter((c) => c.indicator === 'TE.0101' && c.column === 'total')
    expect(sources.map((c) => [c.unit, c.fileName, c.value])).toEqual([
      ['08001', 'a.xlsx', 5],
      ['08002', 'b.xlsx', 7],
    ])
    // a figure whose source matches is kept as it is, not copied (a country has 10^6 of them)
    expect(sources[0]).toBe(own)
    expect(sources[1]).not.toBe(stale)
  })

  it("keeps a submission's own list as its sources only when every figure of it carries its source", () => {
    const columns = ['total', 'male', 'female', 'total', 'male']
    const list = (odd: number | null): Contribution[] =>
      columns.map((column, i) => figure('08001', i === odd ? 'old.xlsx' : 'a.xlsx', column, i + 1))
    const merge = (figures: Contribution[]) =>
      mergeSubmissions({
        pack,
        period: '2025-Y',
        units,
        submissions: [{ unit: '08001', fileName: 'a.xlsx', version: 2, figures, acceptedWithReason: null }],
      }).units[0]!.sources
    const own = list(null)
    expect(merge(own)).toBe(own)
    // one figure of another file, first, in the middle or last: a list of the submission's own
    for (const odd of [0, 2, 4]) {
      const mixed = list(odd)
      const sources = merge(mixed)
      expect(sources).not.toBe(mixed)
      expect(sources.map((c) => c.fileName)).toEqual(columns.map(() => 'a.xlsx'))
    }
    // figures without a source at all, and an empty list
    const plain = own.map(({ indicator, column, value, sheet, cell, raw, notes }) => ({
      indicator,
      column,
      value,
      sheet,
      cell,
      raw,
      notes,
    }))
    expect(merge(plain as Contribution[])).not.toBe(plain)
    const none: Contribution[] = []
    expect(merge(none)).toBe(none)
  })
})
