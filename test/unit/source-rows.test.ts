import { describe, expect, it } from 'vitest'
import type { Contribution } from '../../src-main/core/merge/consolidation'
import { sourceRows } from '../../src-main/core/output/source-rows'
import type { TemplatePack } from '../../src-main/core/template/pack'
import type { Unit } from '../../src-main/core/units/unit'
import { loadTestPack } from '../helpers/load-test-pack'

const pack = loadTestPack()

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

function random(seed: number): () => number {
  let x = seed
  return () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0
    return x / 2 ** 32
  }
}

describe('sourceRows', () => {
  it('orders and fills the rows like the obvious grouping, unknown indicators and units included', () => {
    const rnd = random(11)
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!
    const units: Unit[] = Array.from({ length: 30 }, (_, i) => ({
      code: `U${String(i).padStart(2, '0')}`,
      name: `Đơn vị ${i}`,
      kind: 'xa',
      dept: null,
      aliases: [],
    }))
    const codes = [...pack.indicators.slice(0, 12).map((i) => i.code), 'X.1', 'X.2']
    const unitCodes = [...units.map((u) => u.code), 'Z9', 'Z1']
    const columns = [...pack.columns.map((c) => c.key), 'unknown']
    const contributions: Contribution[] = Array.from({ length: 1500 }, (_, i) => {
      const unit = pick(unitCodes)
      return {
        indicator: pick(codes),
        column: pick(columns),
        unit,
        value: i,
        fileName: `${unit}.xlsx`,
        version: rnd() < 0.1 ? null : 1,
        sheet: 'Bieu 01',
        cell: rnd() < 0.05 ? 'X' : `${pick(['E', 'F', 'G'])}${10 + (i % 40)}`,
        raw: String(i),
        notes: rnd() < 0.1 ? [{ code: 'n', text: { vi: `ghi chú ${i}`, en: `note ${i}` } }] : [],
      }
    })
    const rows = sourceRows(pack, contributions, units, 'total')
    const expected = reference(pack, contributions, units, 'total')
    expect(rows.length).toBe(expected.length)
    expect(Array.from({ length: rows.length }, (_, k) => rows.values(k))).toEqual(expected)
  })

  it('has no rows without contributions', () => {
    expect(sourceRows(pack, [], [], 'total').length).toBe(0)
  })
})
