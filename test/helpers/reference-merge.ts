// The merge as it was written first (maps of per-cell lists, every contribution and unit record made
// at once), kept as the reference that the engine's merge must match on random submissions.
import type { Problem } from '../../src-main/shared/problem'
import type { TemplatePack } from '../../src-main/core/template/pack'
import { columnApplies, isAdditive, keyOfRole, TERRITORIAL } from '../../src-main/core/template/pack'
import type { Unit } from '../../src-main/core/units/unit'
import { isTerritorial } from '../../src-main/core/units/unit'
import { trimFloat } from '../../src-main/core/numbers/read-number'
import type { Figure } from '../../src-main/core/submission/analysis'
import type {
  Consolidation,
  Contribution,
  FigureRow,
  UnitContribution,
} from '../../src-main/core/merge/consolidation'
import { nearlyEqual, show } from '../../src-main/core/rules/values'

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

/** The figures of one indicator and column, in submission order, with whose rows each counts for. */
type Cells = { figs: Figure[]; subs: MergeSubmission[]; owners: string[]; at: number[] }

/** Whose rows a unit's figures count for: the territorial units together, each department alone. */
export function ownerKey(owner: string): string {
  return owner === TERRITORIAL ? TERRITORIAL : `dept:${owner}`
}

/** The `ownerKey` of the rows a unit's figures count for. */
export function ownerOfUnit(u: Unit): string {
  return isTerritorial(u) ? TERRITORIAL : ownerKey(u.dept ?? u.code)
}

const contributing = new WeakMap<TemplatePack, ReadonlyMap<string, readonly string[]>>()

/**
 * The columns of an indicator whose figures add up into the province's (each then a contribution of
 * the unit that sent it): `prev` and the data columns of rows that are summed or taken from their
 * owner; none for rates, which are recomputed. Missing from the map: a section or unknown code.
 */
export function contributingColumns(pack: TemplatePack): ReadonlyMap<string, readonly string[]> {
  let byCode = contributing.get(pack)
  if (!byCode) {
    const prevKey = keyOfRole(pack, 'prev') ?? 'prev'
    const map = new Map<string, readonly string[]>()
    for (const ind of pack.indicators) {
      if (ind.kind === 'section') continue
      const summable = isAdditive(ind) || (ind.owner ?? TERRITORIAL) !== TERRITORIAL
      const recomputed = ind.kind === 'rate' && ind.num && ind.den
      map.set(ind.code, summable && !recomputed ? [prevKey, ...ind.dataColumns] : [])
    }
    contributing.set(pack, (byCode = map))
  }
  return byCode
}

/**
 * Every figure by indicator then column, built in one pass (a country has 10^6 figures): a
 * submission's later figure for the same cell replaces its earlier one.
 */
function cellIndex(
  subs: readonly MergeSubmission[],
  unitByCode: ReadonlyMap<string, Unit>,
): Map<string, Map<string, Cells>> {
  const index = new Map<string, Map<string, Cells>>()
  subs.forEach((s, at) => {
    const u = unitByCode.get(s.unit)
    if (!u) return
    const owner = ownerOfUnit(u)
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
  return index
}

function isSourced(f: Figure, s: MergeSubmission): f is Contribution {
  const c = f as Partial<Contribution> & Figure
  return c.unit === s.unit && c.fileName === s.fileName && c.version === s.version
}

/** A figure that already carries its submission's unit, file and version is its own contribution. */
function contributionOf(f: Figure, s: MergeSubmission): Contribution {
  if (isSourced(f, s)) return f
  return {
    indicator: f.indicator,
    column: f.column,
    unit: s.unit,
    value: f.value,
    fileName: s.fileName,
    version: s.version,
    sheet: f.sheet,
    cell: f.cell,
    raw: f.raw,
    notes: f.notes,
  }
}

const NO_CELLS: Cells = { figs: [], subs: [], owners: [], at: [] }

export function referenceMerge(input: MergeInput): Consolidation {
  const { pack } = input
  const unitByCode = new Map(input.units.map((u) => [u.code, u]))
  const subs = input.submissions.filter((s) => unitByCode.has(s.unit))
  const index = cellIndex(subs, unitByCode)
  const prevKey = keyOfRole(pack, 'prev') ?? 'prev'
  const compareKey = keyOfRole(pack, 'compare') ?? 'compare'

  const cellsAt = (code: string, column: string): Cells => index.get(code)?.get(column) ?? NO_CELLS
  /** the sum of the figures counting for `owner` (an `ownerKey`), null when none; `each` sees every one */
  const sumOf = (
    cells: Cells,
    owner: string,
    each?: (f: Figure, s: MergeSubmission) => void,
  ): number | null => {
    let sum = 0
    let any = false
    for (let i = 0; i < cells.figs.length; i++) {
      if (cells.owners[i] !== owner) continue
      const f = cells.figs[i]!
      sum += f.value
      any = true
      each?.(f, cells.subs[i]!)
    }
    return any ? trimFloat(sum) : null
  }

  const totals: Record<string, Record<string, number | null>> = {}
  const territorialSums: Record<string, Record<string, number | null>> = {}
  const contributions: Contribution[] = []
  const problems: Problem[] = []
  const contribute = (f: Figure, sub: MergeSubmission): void => {
    contributions.push(contributionOf(f, sub))
  }

  const dataRows = pack.indicators.filter((i) => i.kind !== 'section')
  const counted = contributingColumns(pack)
  // Pass 1: rows whose figures are summed or taken from their owner.
  for (const ind of dataRows) {
    if (ind.kind === 'rate' && ind.num && ind.den) continue
    const row: Record<string, number | null> = {}
    const owner = ind.owner ?? TERRITORIAL
    const columns = [prevKey, ...ind.dataColumns]
    const summable = (counted.get(ind.code)?.length ?? 0) > 0
    const from = ownerKey(owner)
    for (const col of columns) {
      row[col] = summable ? sumOf(cellsAt(ind.code, col), from, contribute) : null
    }
    totals[ind.code] = row
    if (owner !== TERRITORIAL && isAdditive(ind)) {
      const tRow: Record<string, number | null> = {}
      for (const col of columns) tRow[col] = sumOf(cellsAt(ind.code, col), TERRITORIAL)
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
      // the same list when its figures carry their source already (memos key on it)
      sources: s.figures.every((f) => isSourced(f, s))
        ? (s.figures as readonly Contribution[])
        : s.figures.map((f) => contributionOf(f, s)),
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
