// The rows of the report's sources sheet: one per indicator and contributing unit, in the order of the
// form and of the unit list, each naming the file, sheet and cells its figures came from. A country has
// ~800,000 contributions in ~140,000 rows, and they lie scattered in memory in the merge's order (by
// indicator, each from another file): each is read once, in that order, into typed arrays that the
// grouping and the rows then use; a row reads back only its first and its total contribution.
import type { Contribution } from '../merge/consolidation'
import type { ReadNote } from '../numbers/cell-reading'
import type { TemplatePack } from '../template/pack'
import type { Unit } from '../units/unit'
import type { RawCell } from './append-rows'

/** What a row shows of its first contribution in column order, and of its `key` column's one. */
type RowHead = {
  /** the first one's column rank */
  rank: number
  indicator: string
  unit: string
  fileName: string
  version: number | null
  sheet: string
  cell: string
  total: Readonly<{ cell: string; raw: string; value: number }> | null
}

/** The contributions by row (indexes into the merge's list), and what a row needs of them. */
type Grouped = Readonly<{
  /** row k's contributions are `members[start[k]]` to `members[start[k + 1] - 1]`, in column order */
  members: Int32Array
  start: Int32Array
  /** each contribution's cell address and reading notes (undefined when it has none) */
  cells: readonly string[]
  notes: readonly (readonly ReadNote[] | undefined)[]
  heads: readonly RowHead[]
}>

function setFirst(head: RowHead, x: Contribution, rank: number): void {
  head.rank = rank
  head.indicator = x.indicator
  head.unit = x.unit
  head.fileName = x.fileName
  head.version = x.version
  head.sheet = x.sheet
  head.cell = x.cell
}

/**
 * Groups the contributions by indicator then unit, ordered by the form's order, then the unit list's,
 * then first seen (an indicator or unit missing from them goes after the known ones); within a row
 * they follow the order of the form's columns, ties in their own order.
 */
export function groupSources(
  pack: TemplatePack,
  contributions: readonly Contribution[],
  units: readonly Unit[],
  key: string,
): Grouped {
  const n = contributions.length
  const nInd = pack.indicators.length
  const nUnits = units.length
  const unitOrder = new Map(units.map((u, i) => [u.code, i]))
  const colOrder = new Map(pack.columns.map((col, i) => [col.key, i]))
  // Known indicator and unit: a slot of a dense table; anything else: a map (never, in practice).
  const slots = new Int32Array(nInd * nUnits).fill(-1)
  const others = new Map<string, Map<string, number>>()
  const sortKey: number[] = []
  const headOf: RowHead[] = []
  const groupOf = new Int32Array(n)
  const colRank = new Int32Array(n)
  // filled by push: a preallocated array this long would be a slow dictionary
  const cells: string[] = []
  const notes: (readonly ReadNote[] | undefined)[] = []
  // Contributions come in runs of one indicator and one column: look each up once per run.
  let lastIndicator: string | undefined
  let indOrder: number | undefined
  let lastColumn: string | undefined
  let rank = 0
  for (let i = 0; i < n; i++) {
    const x = contributions[i]!
    if (x.indicator !== lastIndicator) {
      lastIndicator = x.indicator
      indOrder = pack.byCode.get(x.indicator)?.order
    }
    if (x.column !== lastColumn) {
      lastColumn = x.column
      rank = colOrder.get(x.column) ?? 0
    }
    const unitRank = unitOrder.get(x.unit)
    let g: number | undefined
    let byUnit: Map<string, number> | undefined
    const slot = indOrder !== undefined && unitRank !== undefined ? indOrder * nUnits + unitRank : -1
    if (slot >= 0) g = slots[slot]! < 0 ? undefined : slots[slot]
    else {
      byUnit = others.get(x.indicator)
      if (!byUnit) others.set(x.indicator, (byUnit = new Map()))
      g = byUnit.get(x.unit)
    }
    if (g === undefined) {
      // a new group: its place, and so far its first and total contribution
      g = sortKey.push((indOrder ?? nInd) * (nUnits + 1) + (unitRank ?? nUnits)) - 1
      if (byUnit) byUnit.set(x.unit, g)
      else slots[slot] = g
      const head: RowHead = {
        rank,
        indicator: '',
        unit: '',
        fileName: '',
        version: null,
        sheet: '',
        cell: '',
        total: null,
      }
      setFirst(head, x, rank)
      headOf.push(head)
    } else if (rank < headOf[g]!.rank) setFirst(headOf[g]!, x, rank)
    // Copied now, while the contribution is at hand: the rows then need not read it again.
    if (x.column === key && headOf[g]!.total === null)
      headOf[g]!.total = { cell: x.cell, raw: x.raw, value: x.value }
    groupOf[i] = g
    colRank[i] = rank
    cells.push(x.cell)
    notes.push(x.notes.length > 0 ? x.notes : undefined)
  }
  // Key and first-seen index in one number, so that a plain numeric sort orders the groups.
  const groups = sortKey.length
  const ordered = new Float64Array(groups)
  for (let g = 0; g < groups; g++) ordered[g] = sortKey[g]! * groups + g
  ordered.sort()
  const size = new Int32Array(groups)
  for (let i = 0; i < n; i++) size[groupOf[i]!]!++
  const rowOfGroup = new Int32Array(groups)
  const start = new Int32Array(groups + 1)
  const heads: RowHead[] = []
  for (let k = 0; k < groups; k++) {
    const g = ordered[k]! % groups
    rowOfGroup[g] = k
    start[k + 1] = start[k]! + size[g]!
    heads.push(headOf[g]!)
  }
  const next = start.slice(0, groups)
  const members = new Int32Array(n)
  for (let i = 0; i < n; i++) members[next[rowOfGroup[groupOf[i]!]!]!++] = i
  // A row has a handful of cells: a stable insertion sort by column.
  for (let k = 0; k < groups; k++) {
    for (let j = start[k]! + 1; j < start[k + 1]!; j++) {
      const m = members[j]!
      let at = j
      while (at > start[k]! && colRank[members[at - 1]!]! > colRank[m]!) {
        members[at] = members[at - 1]!
        at--
      }
      members[at] = m
    }
  }
  return { members, start, cells, notes, heads }
}

/** The row number of a cell address (`F11` -> 11), null when it has none. */
function rowNumber(cell: string): number | null {
  let at = cell.length
  while (at > 0 && cell.charCodeAt(at - 1) >= 48 && cell.charCodeAt(at - 1) <= 57) at--
  return Number(cell.slice(at)) || null
}

export type SourceRows = Readonly<{ length: number; values: (k: number) => RawCell[] }>

/**
 * The sources sheet's rows: STT, indicator code and label, unit code and name, file, version, sheet,
 * row, the `key` column's cell, raw text and value, every cell of the row, and the reading notes.
 */
export function sourceRows(
  pack: TemplatePack,
  contributions: readonly Contribution[],
  units: readonly Unit[],
  key: string,
): SourceRows {
  const { members, start, cells, notes: notesOf, heads } = groupSources(pack, contributions, units, key)
  const names = new Map(units.map((u) => [u.code, u.name]))
  return {
    length: start.length - 1,
    values: (k) => {
      const to = start[k + 1]!
      const first = heads[k]!
      const total = first.total
      let cellList = ''
      let notes = ''
      for (let j = start[k]!; j < to; j++) {
        const m = members[j]!
        const cell = cells[m]!
        cellList = cellList === '' ? cell : `${cellList}, ${cell}`
        for (const note of notesOf[m] ?? [])
          notes = notes === '' ? `${cell}: ${note.text.vi}` : `${notes}; ${cell}: ${note.text.vi}`
      }
      return [
        k + 1,
        first.indicator,
        pack.byCode.get(first.indicator)?.label ?? '',
        first.unit,
        names.get(first.unit) ?? '',
        first.fileName,
        first.version,
        first.sheet,
        rowNumber(first.cell),
        total?.cell ?? null,
        total?.raw ?? null,
        total?.value ?? null,
        cellList,
        notes,
      ]
    },
  }
}
