// The merge's first way of adding up, kept as the reference that the engine's one-pass merge must
// match on random submissions: every figure indexed by indicator and column in lists kept in
// submission order, then summed per row by whose rows it counts for. It gives what that rewrite
// touched: the sums of the rows that add up, the communes' sums beside department rows, the R01
// differences, every contribution in order and each unit's figures (rates and `So sánh cùng kỳ` are
// computed from these sums by the engine's own code).
import type { Contribution, FiguresByColumn } from '../../src-main/core/merge/consolidation'
import type { MergeInput, MergeSubmission } from '../../src-main/core/merge/merge-submissions'
import { ownerKey, ownerOfUnit } from '../../src-main/core/merge/merge-submissions'
import { trimFloat } from '../../src-main/core/numbers/read-number'
import { nearlyEqual } from '../../src-main/shared/nearly-equal'
import type { Figure } from '../../src-main/core/submission/analysis'
import { isAdditive, keyOfRole, TERRITORIAL } from '../../src-main/core/template/pack'

type Cells = { figs: Figure[]; subs: MergeSubmission[]; owners: string[]; at: number[] }

export type ReferenceMerge = Readonly<{
  /** the rows that are summed or taken from their owner */
  totals: Readonly<Record<string, FiguresByColumn>>
  territorialSums: Readonly<Record<string, FiguresByColumn>>
  /** where a department's figure differs from the communes' sum */
  r01: readonly Readonly<{ indicator: string; column: string; value: number }>[]
  contributions: readonly Contribution[]
  unitFigures: readonly Readonly<Record<string, FiguresByColumn>>[]
}>

export function referenceMerge(input: MergeInput): ReferenceMerge {
  const { pack } = input
  const unitByCode = new Map(input.units.map((u) => [u.code, u]))
  const subs = input.submissions.filter((s) => unitByCode.has(s.unit))
  // every figure by indicator then column; a submission's later figure for a cell replaces its earlier
  const index = new Map<string, Map<string, Cells>>()
  subs.forEach((s, at) => {
    const owner = ownerOfUnit(unitByCode.get(s.unit)!)
    for (const f of s.figures) {
      let row = index.get(f.indicator)
      if (!row) index.set(f.indicator, (row = new Map()))
      let cells = row.get(f.column)
      if (!cells) row.set(f.column, (cells = { figs: [], subs: [], owners: [], at: [] }))
      const last = cells.at.length - 1
      if (last >= 0 && cells.at[last] === at) cells.figs[last] = f
      else {
        cells.figs.push(f)
        cells.subs.push(s)
        cells.owners.push(owner)
        cells.at.push(at)
      }
    }
  })
  const contributions: Contribution[] = []
  const sumOf = (code: string, column: string, owner: string, contribute: boolean): number | null => {
    const cells = index.get(code)?.get(column)
    let sum = 0
    let any = false
    for (let i = 0; cells && i < cells.figs.length; i++) {
      if (cells.owners[i] !== owner) continue
      const f = cells.figs[i]!
      const s = cells.subs[i]!
      sum += f.value
      any = true
      if (contribute) contributions.push({ ...f, unit: s.unit, fileName: s.fileName, version: s.version })
    }
    return any ? trimFloat(sum) : null
  }

  const prevKey = keyOfRole(pack, 'prev') ?? 'prev'
  const totals: Record<string, Record<string, number | null>> = {}
  const territorialSums: Record<string, Record<string, number | null>> = {}
  const r01: { indicator: string; column: string; value: number }[] = []
  for (const ind of pack.indicators) {
    if (ind.kind === 'section' || (ind.kind === 'rate' && ind.num && ind.den)) continue
    const owner = ind.owner ?? TERRITORIAL
    const summable = isAdditive(ind) || owner !== TERRITORIAL
    const columns = [prevKey, ...ind.dataColumns]
    const row: Record<string, number | null> = {}
    for (const col of columns) row[col] = summable ? sumOf(ind.code, col, ownerKey(owner), true) : null
    totals[ind.code] = row
    if (owner === TERRITORIAL || !isAdditive(ind)) continue
    const tRow: Record<string, number | null> = {}
    for (const col of columns) tRow[col] = sumOf(ind.code, col, TERRITORIAL, false)
    territorialSums[ind.code] = tRow
    for (const col of ind.dataColumns) {
      const d = row[col]
      const t = tRow[col]
      if (d !== null && d !== undefined && t !== null && t !== undefined && !nearlyEqual(d, t))
        r01.push({ indicator: ind.code, column: col, value: d })
    }
  }
  const unitFigures = subs.map((s) => {
    const figures: Record<string, Record<string, number | null>> = {}
    for (const f of s.figures) (figures[f.indicator] ??= {})[f.column] = f.value
    return figures
  })
  return { totals, territorialSums, r01, contributions, unitFigures }
}
