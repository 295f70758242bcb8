// Merges the accepted submissions into the province's figures by the template's rules: territorial
// sums, department rows from their owner (territorial sum kept beside for R01), rates recomputed
// from merged numerators and denominators, computed columns (done / plan %, total / last year %)
// recomputed from the merged figures, text never summed, blank kept apart from zero.
import type { PeriodId } from '../../shared/period'
import type { Problem } from '../../shared/problem'
import type { TemplatePack } from '../template/pack'
import { isAdditive, isRecomputed, TERRITORIAL } from '../template/pack'
import type { Unit } from '../units/unit'
import { fillsWholeForm, isTerritorial, WHOLE_FORM } from '../units/unit'
import { trimFloat } from '../numbers/read-number'
import type { Figure } from '../submission/analysis'
import type { Consolidation, Contribution, FiguresByColumn, UnitContribution } from './consolidation'
import { nearlyEqual } from '../../shared/nearly-equal'
import { show, showVi } from '../rules/values'
import { checkProvinceTotals } from './check-province'
import { derivedFromPack } from '../template/pack-derived'
import { packForPeriod } from '../template/pack-for-period'

export type MergeSubmission = Readonly<{
  unit: string
  fileName: string
  version: number | null
  figures: readonly Figure[]
  acceptedWithReason: string | null
}>

export type MergeInput = Readonly<{
  pack: TemplatePack
  period: PeriodId
  /** the expected units of the period (inactive ones are not expected) */
  units: readonly Unit[]
  /** one accepted submission per unit: the active one */
  submissions: readonly MergeSubmission[]
  /** the validator confirmed the report as final despite missing units */
  final?: boolean
}>

/** Whose rows a unit's figures count for: the territorial units together, each department alone. */
export function ownerKey(owner: string): string {
  return owner === TERRITORIAL ? TERRITORIAL : `dept:${owner}`
}

/** The `ownerKey` of the rows a unit's figures count for. */
export function ownerOfUnit(u: Unit): string {
  if (fillsWholeForm(u)) return WHOLE_FORM
  return isTerritorial(u) ? TERRITORIAL : ownerKey(u.dept ?? u.code)
}

/**
 * Whether the figures of a unit (its `ownerOfUnit`) count for a row (the `ownerKey` of its owner). A
 * province's count for every row whose figures add up; a ratio, a rate per 1,000 or a rate stated
 * without its numerator and denominator cannot be added across provinces, nor averaged: the national
 * figure stays blank (each province's stays in its own report and in the unit breakdown).
 */
export function countsFor(unitOwner: string, rowOwner: string, additive: boolean): boolean {
  return unitOwner === rowOwner || (unitOwner === WHOLE_FORM && additive)
}

/**
 * The columns of an indicator whose figures add up into the province's (each then a contribution of
 * the unit that sent it): the plan, prev and data columns holding figures of rows that are summed or
 * taken from their owner; none for rates, which are recomputed. Missing from the map: a section or
 * unknown code.
 */
export const contributingColumns = derivedFromPack((pack): ReadonlyMap<string, readonly string[]> => {
  const map = new Map<string, readonly string[]>()
  for (const ind of pack.indicators) {
    if (ind.kind === 'section') continue
    const summable = isAdditive(ind) || (ind.owner ?? TERRITORIAL) !== TERRITORIAL
    map.set(ind.code, summable && !isRecomputed(ind) ? ind.mergedColumns : [])
  }
  return map
})

/** Every computed cell of the form: its row, its column and what it is computed from. */
const computedCells = derivedFromPack((pack) => {
  const out: Array<Readonly<{ ind: string; column: string; num: string; den: string; scale: number }>> = []
  for (const ind of pack.indicators) {
    if (ind.kind === 'section') continue
    for (const key of ind.columns) {
      const c = pack.columnByKey.get(key)?.computed
      if (c) out.push({ ind: ind.code, column: key, ...c })
    }
  }
  return out
})

function isSourced(f: Figure, s: MergeSubmission): f is Contribution {
  const c = f as Partial<Contribution> & Figure
  return c.unit === s.unit && c.fileName === s.fileName && c.version === s.version
}

/** Whether every figure of a submission already carries its unit, file and version (`isSourced`). */
function sourcedAlready(s: MergeSubmission, cells: CellFigures): boolean {
  if (cells.sameSource !== null) return isSourced(cells.sameSource, s)
  return s.figures.every((f) => isSourced(f, s))
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

/**
 * The cells the merge adds up, numbered: each contributing indicator's columns (`contributingColumns`)
 * in the form's order, so that a figure finds its cell's number without a map per cell.
 */
type CellTable = Readonly<{
  count: number
  /** by indicator code: the number of its first cell and its columns */
  byCode: ReadonlyMap<string, Readonly<{ first: number; columns: readonly string[] }>>
  /** by cell: the `ownerKey` whose figures count for it */
  owner: readonly string[]
  /** by cell: whether the communes' sum is kept beside the owner's (department rows that add up) */
  keepsTerritorial: Uint8Array
  /** by cell: whether its row adds up (count and money: `isAdditive`) */
  additive: Uint8Array
  /** by cell: indicator code and column */
  code: readonly string[]
  column: readonly string[]
  /**
   * The working space of `cellFiguresOf`: for each cell, the mark of the list of figures that last had
   * it and where (-1: none), and the next mark.
   */
  scratch: { seen: Int32Array; mark: number }
}>

const cellTable = derivedFromPack((pack): CellTable => {
  const counted = contributingColumns(pack)
  const byCode = new Map<string, { first: number; columns: readonly string[] }>()
  const owner: string[] = []
  const keeps: number[] = []
  const additive: number[] = []
  const code: string[] = []
  const column: string[] = []
  for (const ind of pack.indicators) {
    const columns = counted.get(ind.code) ?? []
    if (columns.length === 0) continue
    byCode.set(ind.code, { first: owner.length, columns })
    const indOwner = ind.owner ?? TERRITORIAL
    for (const col of columns) {
      owner.push(ownerKey(indOwner))
      keeps.push(indOwner !== TERRITORIAL && isAdditive(ind) ? 1 : 0)
      additive.push(isAdditive(ind) ? 1 : 0)
      code.push(ind.code)
      column.push(col)
    }
  }
  return {
    count: owner.length,
    byCode,
    owner,
    keepsTerritorial: Uint8Array.from(keeps),
    additive: Uint8Array.from(additive),
    code,
    column,
    scratch: { seen: new Int32Array(owner.length * 2).fill(-1), mark: 0 },
  }
})

/**
 * Each submission's figure for each cell it has, the later one of a cell it gives twice, and their
 * values side by side: the merge adds up a country's million values from these arrays rather than
 * from the figures, which lie all over the heap.
 */
type CellFigures = Readonly<{
  cells: Int32Array
  figures: readonly Figure[]
  values: readonly number[]
  /**
   * The first figure of the whole list when every figure carries the same unit, file and version as
   * it (a submission's contributions), else null: whether the list is its own contributions is then
   * known without going through a country's million figures again (`sourcedAlready`)
   */
  sameSource: Figure | null
}>

// Each list of figures' cells, made once per list and table: an import that goes on to the report has
// them made while it waits for the next file (`prepareMergeCells`), and the merge takes them.
const cellsMade = new WeakMap<readonly Figure[], Readonly<{ table: CellTable; cells: CellFigures }>>()

function cellFiguresOf(table: CellTable, figures: readonly Figure[]): CellFigures {
  const known = cellsMade.get(figures)
  if (known !== undefined && known.table === table) return known.cells
  const scratch = table.scratch
  // the marks used up: every cell unmarked again
  if (scratch.mark === 0x7fffffff) {
    scratch.seen.fill(-1)
    scratch.mark = 0
  }
  const { seen } = scratch
  const mark = scratch.mark++
  const cells: number[] = []
  const kept: Figure[] = []
  let lastCode: string | undefined
  let entry: Readonly<{ first: number; columns: readonly string[] }> | undefined
  const head = figures[0] as (Partial<Contribution> & Figure) | undefined
  let sameSource = head !== undefined
  for (const f of figures) {
    if (sameSource) {
      const c = f as Partial<Contribution> & Figure
      sameSource = c.unit === head?.unit && c.fileName === head?.fileName && c.version === head?.version
    }
    if (f.indicator !== lastCode) {
      lastCode = f.indicator
      entry = table.byCode.get(f.indicator)
    }
    if (!entry) continue
    const k = entry.columns.indexOf(f.column)
    if (k < 0) continue
    const cell = entry.first + k
    if (seen[cell * 2] === mark) kept[seen[cell * 2 + 1] as number] = f
    else {
      seen[cell * 2] = mark
      seen[cell * 2 + 1] = cells.length
      cells.push(cell)
      kept.push(f)
    }
  }
  const made = {
    cells: Int32Array.from(cells),
    figures: kept,
    values: kept.map((f) => f.value),
    sameSource: sameSource ? (head as Figure) : null,
  }
  cellsMade.set(figures, { table, cells: made })
  return made
}

/**
 * Finds, ahead of the merge, the cells of one submission's figures: a merge of the same list of
 * figures (same pack and period) takes them instead of finding them.
 */
export function prepareMergeCells(form: TemplatePack, period: PeriodId, figures: readonly Figure[]): void {
  cellFiguresOf(cellTable(packForPeriod(form, period)), figures)
}

/** A property made on first read and kept (large lists that most callers never read). */
function lazy<T extends object, K extends string, V>(target: T, key: K, make: () => V): T & Record<K, V> {
  let value: V | undefined
  let made = false
  return Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get: () => {
      if (!made) {
        value = make()
        made = true
      }
      return value as V
    },
  }) as T & Record<K, V>
}

export function mergeSubmissions(input: MergeInput): Consolidation {
  const pack = packForPeriod(input.pack, input.period)
  const unitByCode = new Map(input.units.map((u) => [u.code, u]))
  const subs = input.submissions.filter((s) => unitByCode.has(s.unit))
  const table = cellTable(pack)

  // One pass over every figure (a country has 10^6): each submission's cells, added up by cell for
  // the owner whose figures count there and, where it is kept, for the communes; in submission order.
  const n = table.count
  const ownerSum = new Float64Array(n)
  const ownerAny = new Uint8Array(n)
  const territorialSum = new Float64Array(n)
  const territorialAny = new Uint8Array(n)
  const owners = subs.map((s) => ownerOfUnit(unitByCode.get(s.unit) as Unit))
  const byCell = subs.map((s, at) => {
    const mine = cellFiguresOf(table, s.figures)
    const owner = owners[at] as string
    for (let i = 0; i < mine.cells.length; i++) {
      const cell = mine.cells[i] as number
      const value = mine.values[i] as number
      if (countsFor(owner, table.owner[cell] as string, table.additive[cell] === 1)) {
        ownerSum[cell] = (ownerSum[cell] as number) + value
        ownerAny[cell] = 1
      }
      if (owner === TERRITORIAL && table.keepsTerritorial[cell] === 1) {
        territorialSum[cell] = (territorialSum[cell] as number) + value
        territorialAny[cell] = 1
      }
    }
    return mine
  })
  const sumAt = (cell: number): number | null => (ownerAny[cell] ? trimFloat(ownerSum[cell] as number) : null)
  const territorialAt = (cell: number): number | null =>
    territorialAny[cell] ? trimFloat(territorialSum[cell] as number) : null

  const totals: Record<string, Record<string, number | null>> = {}
  const territorialSums: Record<string, Record<string, number | null>> = {}
  const problems: Problem[] = []

  const dataRows = pack.indicators.filter((i) => i.kind !== 'section')
  // Pass 1: rows whose figures are summed or taken from their owner.
  for (const ind of dataRows) {
    if (isRecomputed(ind)) continue
    const row: Record<string, number | null> = {}
    const owner = ind.owner ?? TERRITORIAL
    const columns = ind.mergedColumns
    const entry = table.byCode.get(ind.code)
    for (const col of columns) {
      const k = entry ? entry.columns.indexOf(col) : -1
      row[col] = entry && k >= 0 ? sumAt(entry.first + k) : null
    }
    totals[ind.code] = row
    if (owner !== TERRITORIAL && isAdditive(ind)) {
      const tRow: Record<string, number | null> = {}
      for (const col of columns) {
        const k = entry ? entry.columns.indexOf(col) : -1
        tRow[col] = entry && k >= 0 ? territorialAt(entry.first + k) : null
      }
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
            vi: `${ownerName} báo cáo ${showVi(d)}, tổng các xã, phường là ${showVi(t)}`,
            en: `${ownerName} reports ${show(d)}, the communes and wards add up to ${show(t)}`,
          },
        })
      }
    }
  }
  // Pass 2: rates recomputed from the merged numerator and denominator, never averaged.
  for (const ind of dataRows) {
    if (!isRecomputed(ind)) continue
    const num = totals[ind.num as string]
    const den = totals[ind.den as string]
    const row: Record<string, number | null> = {}
    for (const col of ind.mergedColumns) {
      const n = num?.[col]
      const d = den?.[col]
      row[col] =
        n === null || n === undefined || d === null || d === undefined || d === 0
          ? null
          : trimFloat((n / d) * ind.scale)
    }
    totals[ind.code] = row
  }
  // Computed columns (total / last year %, done / plan %): from the merged figures of the row.
  for (const { ind, column, num, den, scale } of computedCells(pack)) {
    const row = totals[ind] as Record<string, number | null>
    const n = row[num]
    const d = row[den]
    row[column] =
      n === null || n === undefined || d === null || d === undefined || d === 0
        ? null
        : trimFloat((n / d) * scale)
  }

  problems.push(...checkProvinceTotals(pack, totals))

  const accepted = new Set(subs.map((s) => s.unit))
  const expected = input.units.filter((u) => u.active !== false)
  const missing = expected.filter((u) => !accepted.has(u.code)).map((u) => u.code)
  const units: UnitContribution[] = subs.map((s, at) =>
    lazy(
      {
        unit: s.unit,
        fileName: s.fileName,
        version: s.version,
        // the same list when its figures carry their source already (memos key on it)
        sources: sourcedAlready(s, byCell[at] as CellFigures)
          ? (s.figures as readonly Contribution[])
          : s.figures.map((f) => contributionOf(f, s)),
        acceptedWithReason: s.acceptedWithReason,
      },
      'figures',
      () => {
        const figures: Record<string, Record<string, number | null>> = {}
        for (const f of s.figures) (figures[f.indicator] ??= {})[f.column] = f.value
        return figures as Readonly<Record<string, FiguresByColumn>>
      },
    ),
  )
  // Every figure that counts, by cell in the form's order, then in submission order: made when read.
  const contributions = (): Contribution[] => {
    const byCellList: Contribution[][] = Array.from({ length: n }, () => [])
    byCell.forEach((mine, at) => {
      const s = subs[at] as MergeSubmission
      for (let i = 0; i < mine.cells.length; i++) {
        const cell = mine.cells[i] as number
        if (countsFor(owners[at] as string, table.owner[cell] as string, table.additive[cell] === 1))
          (byCellList[cell] as Contribution[]).push(contributionOf(mine.figures[i] as Figure, s))
      }
    })
    return byCellList.flat()
  }
  return lazy(
    {
      templateId: pack.manifest.id,
      templateVersion: pack.manifest.version,
      period: input.period,
      totals: totals as Record<string, FiguresByColumn>,
      territorialSums: territorialSums as Record<string, FiguresByColumn>,
      units,
      missing,
      problems,
      provisional: missing.length > 0 && input.final !== true,
    },
    'contributions',
    contributions,
  )
}
