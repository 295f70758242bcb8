import { describe, expect, it } from 'vitest'
import { mergeSubmissions, type MergeSubmission } from '../../src-main/core/merge/merge-submissions'
import type { Figure } from '../../src-main/core/submission/analysis'
import { TERRITORIAL } from '../../src-main/core/template/pack'
import type { Unit } from '../../src-main/core/units/unit'
import { loadTestPack } from '../helpers/load-test-pack'
import { referenceMerge } from '../helpers/reference-merge'

const pack = loadTestPack()

function random(seed: number): () => number {
  let x = seed
  return () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0
    return x / 2 ** 32
  }
}

/** Communes, wards and a unit of each department, some inactive or missing from the submissions. */
function province(rnd: () => number): { units: Unit[]; submissions: MergeSubmission[] } {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!
  const depts = [
    ...new Set(pack.indicators.flatMap((i) => (i.owner && i.owner !== TERRITORIAL ? [i.owner] : []))),
  ]
  const units: Unit[] = [
    ...Array.from({ length: 40 }, (_, i) => ({
      code: `X${String(i).padStart(3, '0')}`,
      name: `Xã ${i}`,
      kind: rnd() < 0.8 ? ('xa' as const) : ('phuong' as const),
      dept: null,
      aliases: [],
      ...(i === 7 ? { active: false } : {}),
    })),
    ...depts.map((d, i) => ({
      code: `S${i}`,
      name: `Sở ${d}`,
      kind: 'so_nganh' as const,
      dept: d,
      aliases: [],
    })),
  ]
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
      const { units, submissions } = province(random(seed))
      const input = { pack, period: '2025-Y', units, submissions }
      const got = mergeSubmissions(input)
      const want = referenceMerge(input)
      expect(got.totals).toEqual(want.totals)
      expect(got.territorialSums).toEqual(want.territorialSums)
      expect(got.problems).toEqual(want.problems)
      expect(got.missing).toEqual(want.missing)
      expect(got.provisional).toBe(want.provisional)
      expect(got.contributions).toEqual(want.contributions)
      expect(got.units.map((u) => u.figures)).toEqual(want.units.map((u) => u.figures))
      expect(got.units.map((u) => u.sources)).toEqual(want.units.map((u) => u.sources))
      expect(got.contributions.length).toBeGreaterThan(1000)
      expect(got.problems.some((p) => p.rule === 'R01')).toBe(true)
    })
  }
})
