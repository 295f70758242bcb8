import { describe, expect, it } from 'vitest'
import { mergeSubmissions, type MergeSubmission } from '../../src-main/core/merge/merge-submissions'
import type { Figure } from '../../src-main/core/submission/analysis'
import type { Unit } from '../../src-main/core/units/unit'
import { loadTestPack } from '../helpers/load-test-pack'
import { seededRandom } from '../helpers/seeded-random'
import { sampleProvinceUnits } from '../helpers/sample-units'
import { referenceMerge } from '../helpers/reference-merge'

const pack = loadTestPack()

/** Communes, wards and a unit of each department, some inactive or missing from the submissions. */
function province(rnd: () => number): { units: Unit[]; submissions: MergeSubmission[] } {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!
  const units = sampleProvinceUnits(pack, 40, rnd)
  const codes = [...pack.indicators.map((i) => i.code), 'X.9']
  const columns = [...pack.columns.map((c) => c.key), 'odd']
  const values = [0, 1, 2.5, 17, 0.1, 0.2, 1e-9, 123456789, -3, 1 / 3]
  const senders = [...units.map((u) => u.code).filter(() => rnd() < 0.9), 'ZZ']
  const submissions = senders.map((unit, k): MergeSubmission => {
    // a file's figures come by indicator; a few cells given twice (the later one counts)
    const figures: Figure[] = []
    for (const code of codes) {
      if (rnd() < 0.2) continue
      for (const column of columns) {
        if (rnd() < 0.3) continue
        const times = rnd() < 0.02 ? 2 : 1
        for (let t = 0; t < times; t++) {
          const value = pick(values) * (1 + k)
          figures.push({
            indicator: code,
            column,
            value,
            sheet: 'Biểu 01',
            cell: `${pick(['E', 'F', 'G'])}${10 + figures.length}`,
            raw: String(value),
            notes: rnd() < 0.05 ? [{ code: 'n', text: { vi: 'ghi chú', en: 'note' } }] : [],
          })
        }
      }
    }
    return {
      unit,
      fileName: `${unit}.xlsx`,
      version: rnd() < 0.2 ? 2 : 1,
      figures,
      acceptedWithReason: rnd() < 0.1 ? 'đã gọi điện' : null,
    }
  })
  return { units, submissions }
}

describe('the merge', () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`gives what the first, obvious merge gave, figure for figure (seed ${seed})`, () => {
      const { units, submissions } = province(seededRandom(seed))
      const input = { pack, period: '2025-Y' as const, units, submissions }
      const got = mergeSubmissions(input)
      const want = referenceMerge(input)
      // the summed columns (the engine adds `So sánh cùng kỳ` from them)
      for (const [code, row] of Object.entries(want.totals)) {
        const mine = got.totals[code] ?? {}
        expect(Object.fromEntries(Object.keys(row).map((k) => [k, mine[k]])), code).toEqual(row)
      }
      expect(got.territorialSums).toEqual(want.territorialSums)
      expect(
        got.problems
          .filter((p) => p.rule === 'R01')
          .map((p) => ({ indicator: p.indicator, column: p.column, value: p.value })),
      ).toEqual(want.r01)
      expect(got.contributions).toEqual(want.contributions)
      expect(got.units.map((u) => u.figures)).toEqual(want.unitFigures)
      // each unit's own figures, with where they came from
      const merged = submissions.filter((s) => units.some((x) => x.code === s.unit))
      expect(got.units.map((u) => u.sources.map((f) => [f.unit, f.indicator, f.column, f.value]))).toEqual(
        merged.map((s) => s.figures.map((f) => [s.unit, f.indicator, f.column, f.value])),
      )
      expect(got.contributions.length).toBeGreaterThan(1000)
      expect(want.r01.length).toBeGreaterThan(0)
    })
  }
})
