import { describe, expect, it } from 'vitest'
import type { Contribution } from '../../src-main/core/merge/consolidation'
import { sourceRows, unitKeyFigures, unitSourceRows } from '../../src-main/core/output/source-rows'
import { mergeSubmissions, type MergeSubmission } from '../../src-main/core/merge/merge-submissions'
import type { Figure } from '../../src-main/core/submission/analysis'
import type { TemplatePack } from '../../src-main/core/template/pack'
import type { Unit } from '../../src-main/core/units/unit'
import { loadTestPack } from '../helpers/load-test-pack'
import { seededRandom } from '../helpers/seeded-random'
import { sampleProvinceUnits } from '../helpers/sample-units'

const pack = loadTestPack()
/** a row as tall as its longest text, so that each row's height follows its own values */
const heightOf = (values: readonly unknown[]): number =>
  Math.max(...values.map((v) => String(v ?? '').length))

/** The rows the obvious way: maps of arrays, sorted with comparators. */
function reference(
  p: TemplatePack,
  contributions: readonly Contribution[],
  units: readonly Unit[],
  key: string,
): unknown[][] {
  const unitOrder = new Map(units.map((u, i) => [u.code, i]))
  const colOrder = new Map(p.columns.map((col, i) => [col.key, i]))
  const names = new Map(units.map((u) => [u.code, u.name]))
  const byPair = new Map<string, Contribution[]>()
  for (const x of contributions) {
    const k = `${x.indicator}\u0000${x.unit}`
    byPair.set(k, [...(byPair.get(k) ?? []), x])
  }
  const groups = [...byPair.values()]
  const rank = (g: Contribution[]): [number, number] => [
    p.byCode.get(g[0]!.indicator)?.order ?? Infinity,
    unitOrder.get(g[0]!.unit) ?? Infinity,
  ]
  const order = groups.map((_, i) => i)
  order.sort((a, b) => {
    const [ia, ua] = rank(groups[a]!)
    const [ib, ub] = rank(groups[b]!)
    return ia - ib || ua - ub || a - b
  })
  return order.map((gi, k) => {
    const cells = [...groups[gi]!].sort(
      (a, b) => (colOrder.get(a.column) ?? 0) - (colOrder.get(b.column) ?? 0),
    )
    const first = cells[0]!
    const total = cells.find((x) => x.column === key)
    const notes = cells.flatMap((x) => x.notes.map((n) => `${x.cell}: ${n.text.vi}`)).join('; ')
    return [
      k + 1,
      first.indicator,
      p.byCode.get(first.indicator)?.label ?? '',
      first.unit,
      names.get(first.unit) ?? '',
      first.fileName,
      first.version,
      first.sheet,
      Number(/\d+$/.exec(first.cell)?.[0] ?? '') || null,
      total?.cell ?? null,
      total?.raw ?? null,
      total?.value ?? null,
      cells.map((x) => x.cell).join(', '),
      notes,
    ]
  })
}

describe('sourceRows', () => {
  it("orders and fills the rows like the obvious grouping of the merge's contributions", () => {
    const rnd = seededRandom(11)
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!
    const units = sampleProvinceUnits(pack, 30, rnd)
    const codes = [...pack.indicators.map((i) => i.code), 'X.1']
    const columns = [...pack.columns.map((c) => c.key), 'unknown']
    // units in shuffled order, one submission each but the last three of the list, plus one unknown unit
    const senders = [...units.slice(0, -3).map((u) => u.code), 'Z9'].sort(() => rnd() - 0.5)
    let n = 0
    const submissions: MergeSubmission[] = senders.map((unit) => {
      const figures: Figure[] = Array.from({ length: 40 + Math.floor(rnd() * 200) }, () => {
        n++
        return {
          indicator: pick(codes),
          column: pick(columns),
          value: n,
          sheet: 'Bieu 01',
          cell: rnd() < 0.05 ? 'X' : `${pick(['E', 'F', 'G'])}${10 + (n % 40)}`,
          raw: String(n),
          notes: rnd() < 0.1 ? [{ code: 'n', text: { vi: `ghi chú ${n}`, en: `note ${n}` } }] : [],
        }
      })
      return {
        unit,
        fileName: `${unit}.xlsx`,
        version: rnd() < 0.1 ? null : 1,
        figures,
        acceptedWithReason: null,
      }
    })
    const c = mergeSubmissions({ pack, period: '2025-Y', units, submissions })
    expect(c.contributions.length).toBeGreaterThan(500)
    const rows = sourceRows(pack, c, units, 'total', heightOf)
    const expected = reference(pack, c.contributions, units, 'total')
    expect(rows.length).toBe(expected.length)
    expect(Array.from({ length: rows.length }, (_, k) => rows.values(k))).toEqual(expected)
    expect(Array.from({ length: rows.length }, (_, k) => rows.height(k))).toEqual(
      expected.map((r) => heightOf(r.slice(1))),
    )
  })

  it("makes a unit's rows once for the same list of figures", () => {
    const c = mergeSubmissions({
      pack,
      period: '2025-Y',
      units: [{ code: 'U1', name: 'Xã Một', kind: 'xa', dept: null, aliases: [] }],
      submissions: [
        {
          unit: 'U1',
          fileName: 'U1.xlsx',
          version: 1,
          figures: [
            {
              indicator: pack.indicators[1]!.code,
              column: 'total',
              value: 3,
              sheet: 'B',
              cell: 'E9',
              raw: '3',
              notes: [],
            },
          ],
          acceptedWithReason: null,
        },
      ],
    })
    const sources = c.units[0]!.sources
    const once = unitSourceRows(pack, sources, 'Xã Một', 'total', heightOf)
    expect(unitSourceRows(pack, sources, 'Xã Một', 'total', heightOf)).toBe(once)
    // another name is another row
    expect(
      unitSourceRows(pack, sources, 'Xã 1', 'total', heightOf).get(pack.indicators[1]!.code)?.values[3],
    ).toBe('Xã 1')
  })

  it("gives a unit's last figure in the key column of each indicator, whether its rows were made or not", () => {
    const rnd = seededRandom(23)
    const codes = pack.indicators.filter((i) => i.kind !== 'section').map((i) => i.code)
    const columns = pack.columns.map((c) => c.key)
    const figures: Figure[] = Array.from({ length: 300 }, (_, n) => ({
      indicator: codes[Math.floor(rnd() * 8)]!,
      column: columns[Math.floor(rnd() * columns.length)]!,
      value: n,
      sheet: 'B',
      cell: `E${n + 9}`,
      raw: String(n),
      notes: [],
    }))
    const merge = (): readonly Contribution[] =>
      mergeSubmissions({
        pack,
        period: '2025-Y',
        units: [{ code: 'U1', name: 'Xã Một', kind: 'xa', dept: null, aliases: [] }],
        submissions: [{ unit: 'U1', fileName: 'U1.xlsx', version: 1, figures, acceptedWithReason: null }],
      }).units[0]!.sources
    // the obvious way: every figure of the column, a later one replacing an earlier
    const expected = new Map<string, number>()
    for (const f of merge()) if (f.column === 'total') expected.set(f.indicator, f.value)
    expect(expected.size).toBeGreaterThan(3)
    const scanned = merge()
    expect(unitKeyFigures(scanned, 'total')).toEqual(expected)
    const made = merge()
    unitSourceRows(pack, made, 'Xã Một', 'total', heightOf)
    expect(unitKeyFigures(made, 'total')).toEqual(expected)
    // another column is looked for anew
    expect([...unitKeyFigures(made, columns[1]!).keys()].length).toBeGreaterThan(0)
  })

  it('has no rows without contributions', () => {
    expect(sourceRows(pack, { units: [] }, [], 'total', heightOf).length).toBe(0)
  })
})
