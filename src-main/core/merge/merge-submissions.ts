// Merges the accepted submissions into the province's figures by the template's rules: territorial
// sums, department rows from their owner (territorial sum kept beside for R01), rates recomputed
// from merged numerators and denominators, `So sánh cùng kỳ` recomputed, blank kept apart from zero.
import type { Problem } from '../../shared/problem'
import type { Indicator, TemplatePack } from '../template/pack'
import { columnApplies, keyOfRole, TERRITORIAL } from '../template/pack'
import type { Unit } from '../units/unit'
import { isTerritorial } from '../units/unit'
import { trimFloat } from '../numbers/read-number'
import type { Figure } from '../submission/analysis'
import type { Consolidation, Contribution, FigureRow, UnitContribution } from './consolidation'
import { nearlyEqual, show } from '../rules/values'

export type MergeSubmission = Readonly<{
  unit: string
  fileName: string
  version: number | null
  figures: readonly Figure[]
  acceptedWithReason: string | null
}>

export type MergeInput = Readonly<{
  pack: TemplatePack
  period: string
  /** the expected units of the period (inactive ones are not expected) */
  units: readonly Unit[]
  /** one accepted submission per unit: the active one */
  submissions: readonly MergeSubmission[]
  /** the validator confirmed the report as final despite missing units */
  final?: boolean
}>

type Cell = { value: number; fig: Figure; sub: MergeSubmission }

function figureIndex(sub: MergeSubmission): Map<string, Map<string, Figure>> {
  const m = new Map<string, Map<string, Figure>>()
  for (const f of sub.figures) {
    let row = m.get(f.indicator)
    if (!row) m.set(f.indicator, (row = new Map()))
    row.set(f.column, f)
  }
  return m
}

function sumOf(cells: readonly Cell[]): number | null {
  if (cells.length === 0) return null
  return trimFloat(cells.reduce((a, c) => a + c.value, 0))
}

export function mergeSubmissions(input: MergeInput): Consolidation {
  const { pack } = input
  const unitByCode = new Map(input.units.map((u) => [u.code, u]))
  const subs = input.submissions.filter((s) => unitByCode.has(s.unit))
  const indexes = new Map(subs.map((s) => [s, figureIndex(s)]))
  const prevKey = keyOfRole(pack, 'prev') ?? 'prev'
  const compareKey = keyOfRole(pack, 'compare') ?? 'compare'

  const cellsOf = (code: string, column: string, from: (u: Unit) => boolean): Cell[] => {
    const out: Cell[] = []
    for (const s of subs) {
      const u = unitByCode.get(s.unit)
      if (!u || !from(u)) continue
      const fig = indexes.get(s)?.get(code)?.get(column)
      if (fig) out.push({ value: fig.value, fig, sub: s })
    }
    return out
  }
  const ownedBy = (owner: string) => (u: Unit) =>
    owner === TERRITORIAL ? isTerritorial(u) : !isTerritorial(u) && (u.dept ?? u.code) === owner

  const totals: Record<string, Record<string, number | null>> = {}
  const territorialSums: Record<string, Record<string, number | null>> = {}
  const contributions: Contribution[] = []
  const problems: Problem[] = []
  const contribute = (cells: readonly Cell[]): void => {
    for (const c of cells)
      contributions.push({
        indicator: c.fig.indicator,
        column: c.fig.column,
        unit: c.sub.unit,
        value: c.value,
        fileName: c.sub.fileName,
        version: c.sub.version,
        sheet: c.fig.sheet,
        cell: c.fig.cell,
        raw: c.fig.raw,
        notes: c.fig.notes,
      })
  }

  const dataRows = pack.indicators.filter((i) => i.kind !== 'section')
  const additive = (i: Indicator) => i.kind === 'count' || i.kind === 'money'
  // Pass 1: rows whose figures are summed or taken from their owner.
  for (const ind of dataRows) {
    if (ind.kind === 'rate' && ind.num && ind.den) continue
    const row: Record<string, number | null> = {}
    const owner = ind.owner ?? TERRITORIAL
    const columns = [prevKey, ...ind.dataColumns]
    const summable = additive(ind) || owner !== TERRITORIAL
    for (const col of columns) {
      const cells = summable ? cellsOf(ind.code, col, ownedBy(owner)) : []
      row[col] = sumOf(cells)
      contribute(cells)
    }
    totals[ind.code] = row
    if (owner !== TERRITORIAL && additive(ind)) {
      const tRow: Record<string, number | null> = {}
      for (const col of columns) tRow[col] = sumOf(cellsOf(ind.code, col, isTerritorial))
      territorialSums[ind.code] = tRow
      const ownerName =
        input.units.find((u) => !isTerritorial(u) && (u.dept ?? u.code) === owner)?.name ?? owner
      for (const col of ind.dataColumns) {
        const d = row[col]
        const t = tRow[col]
        if (d === null || d === undefined || t === null || t === undefined || nearlyEqual(d, t)) continue
        problems.push({
          rule: 'R01',
          severity: 'warning',
          indicator: ind.code,
          column: col,
          value: d,
          message: {
            vi: `${ownerName} báo cáo ${show(d)}, tổng các xã, phường là ${show(t)}`,
            en: `${ownerName} reports ${show(d)}, the communes and wards add up to ${show(t)}`,
          },
        })
      }
    }
  }
  // Pass 2: rates recomputed from the merged numerator and denominator, never averaged.
  for (const ind of dataRows) {
    if (!(ind.kind === 'rate' && ind.num && ind.den)) continue
    const num = totals[ind.num]
    const den = totals[ind.den]
    const row: Record<string, number | null> = {}
    for (const col of [prevKey, ...ind.dataColumns]) {
      const n = num?.[col]
      const d = den?.[col]
      row[col] =
        n === null || n === undefined || d === null || d === undefined || d === 0
          ? null
          : trimFloat((n / d) * 100)
    }
    totals[ind.code] = row
  }
  // So sánh cùng kỳ: total / prev x 100 on count and money rows.
  const [totalKey] = pack.columnsOfDim.get('T') ?? []
  for (const ind of dataRows) {
    if (!columnApplies(pack, ind, compareKey) || !totalKey) continue
    const row = totals[ind.code] as Record<string, number | null>
    const t = row[totalKey]
    const p = row[prevKey]
    row[compareKey] =
      t === null || t === undefined || p === null || p === undefined || p === 0
        ? null
        : trimFloat((t / p) * 100)
  }

  const accepted = new Set(subs.map((s) => s.unit))
  const expected = input.units.filter((u) => u.active !== false)
  const missing = expected.filter((u) => !accepted.has(u.code)).map((u) => u.code)
  const units: UnitContribution[] = subs.map((s) => {
    const figures: Record<string, Record<string, number | null>> = {}
    for (const f of s.figures) (figures[f.indicator] ??= {})[f.column] = f.value
    return {
      unit: s.unit,
      fileName: s.fileName,
      version: s.version,
      figures,
      acceptedWithReason: s.acceptedWithReason,
    }
  })
  return {
    templateId: pack.manifest.id,
    templateVersion: pack.manifest.version,
    period: input.period,
    totals: totals as Record<string, FigureRow>,
    territorialSums: territorialSums as Record<string, FigureRow>,
    contributions,
    units,
    missing,
    problems,
    provisional: missing.length > 0 && input.final !== true,
  }
}
