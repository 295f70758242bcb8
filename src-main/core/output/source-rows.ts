// The rows of the report's sources sheet: one per indicator and contributing unit, in the order of the
// form and of the unit list, each naming the file, sheet and cells its figures came from. A row depends
// only on one unit's figures, so each unit's rows are made from its own figures, which lie together in
// memory, and kept with that list of figures: a caller that has the list early (an import that goes on
// to the report) can have the rows made while it waits for the next file, and the report only orders
// them.
import type { Consolidation, Contribution } from '../merge/consolidation'
import { contributingColumns, countsFor, ownerKey, ownerOfUnit } from '../merge/merge-submissions'
import { isAdditive, TERRITORIAL, type TemplatePack } from '../template/pack'
import type { Unit } from '../units/unit'
import { SharedTexts, type RawCell } from './append-rows'
import { baseName } from './excel-util'
import { derivedFromPack } from '../template/pack-derived'
import { BoundedMemo } from '../../shared/bounded-memo'

/**
 * A unit's row for one indicator, without its number: indicator code and label, unit code and name,
 * file, version, sheet, row, the `key` column's cell, raw text and value, every cell of the row, and
 * the reading notes; with its height in the sheet.
 */
export type UnitSourceRow = Readonly<{ values: readonly RawCell[]; height: number; shared: SharedTexts }>

/** The height of a row of these values (without its number), in points. */
export type RowHeight = (values: readonly RawCell[]) => number

type Made = Readonly<{
  pack: TemplatePack
  unitName: string
  key: string
  heightOf: RowHeight
  rows: ReadonlyMap<string, UnitSourceRow>
  /** the same rows by the place of their indicator in the pack's list (`pack.indicators`) */
  byPlace: readonly (UnitSourceRow | undefined)[]
  /** the figure in the `key` column of each indicator (the last given), found on the same pass */
  keyFigures: ReadonlyMap<string, number>
}>

// Keyed by the list of figures, which no one changes: the same list, pack, name and key make the same rows.
const made = new WeakMap<readonly Contribution[], Made>()

// One copy of each list of cells and of notes: units of one form repeat them row for row, and the
// report's shared strings then look up a text they have hashed already. Forgotten all at once when full.
const texts = new BoundedMemo<string, string>(1 << 16)

function oneCopy(s: string): string {
  const known = texts.get(s)
  if (known !== undefined) return known
  texts.set(s, s)
  return s
}

/** The row number of a cell address (`F11` -> 11), null when it has none. */
function rowNumber(cell: string): number | null {
  let at = cell.length
  while (at > 0 && cell.charCodeAt(at - 1) >= 48 && cell.charCodeAt(at - 1) <= 57) at--
  return Number(cell.slice(at)) || null
}

// each column's place in the form, by pack: a row's cells are listed in that order
const columnOrder = derivedFromPack(
  (pack): ReadonlyMap<string, number> => new Map(pack.columns.map((col, i) => [col.key, i])),
)

// each indicator's place in the pack's list, by pack
const indicatorPlace = derivedFromPack(
  (pack): ReadonlyMap<string, number> => new Map(pack.indicators.map((ind, i) => [ind.code, i])),
)

function makeRows(
  pack: TemplatePack,
  figures: readonly Contribution[],
  unitName: string,
  key: string,
  heightOf: RowHeight,
): Pick<Made, 'rows' | 'byPlace' | 'keyFigures'> {
  const counted = contributingColumns(pack)
  const colOrder = columnOrder(pack)
  // by indicator, the figures of its counted columns; a later figure for the same cell replaces one
  const byIndicator = new Map<string, Contribution[]>()
  let lastIndicator: string | undefined
  let columns: readonly string[] = []
  let list: Contribution[] | undefined
  const keyFigures = new Map<string, number>()
  for (const f of figures) {
    if (f.column === key) keyFigures.set(f.indicator, f.value)
    if (f.indicator !== lastIndicator) {
      lastIndicator = f.indicator
      columns = counted.get(f.indicator) ?? []
      list = byIndicator.get(f.indicator)
    }
    if (!columns.includes(f.column)) continue
    if (!list) byIndicator.set(f.indicator, (list = []))
    let same = 0
    while (same < list.length && (list[same] as Contribution).column !== f.column) same++
    list[same] = f
  }
  const rows = new Map<string, UnitSourceRow>()
  const places = indicatorPlace(pack)
  const byPlace: (UnitSourceRow | undefined)[] = []
  const ranks: number[] = []
  // the unit's code, name and file, on each of its rows: numbered once in the report's shared strings
  const head = figures[0]
  const file = head ? baseName(head.fileName) : ''
  const shared = new SharedTexts([undefined, undefined, head?.unit, unitName, file])
  for (const [code, cells] of byIndicator) {
    // a handful of cells: an insertion sort (stable) by the form's column order, in place
    const ranked = cells
    ranks.length = 0
    for (const x of ranked) ranks.push(colOrder.get(x.column) ?? 0)
    for (let i = 1; i < ranked.length; i++) {
      const x = ranked[i] as Contribution
      const rank = ranks[i] as number
      let j = i
      for (; j > 0 && (ranks[j - 1] as number) > rank; j--) {
        ranked[j] = ranked[j - 1] as Contribution
        ranks[j] = ranks[j - 1] as number
      }
      ranked[j] = x
      ranks[j] = rank
    }
    const first = ranked[0] as Contribution
    const total = ranked.find((x) => x.column === key)
    let cellList = ''
    let notes = ''
    for (const x of ranked) {
      cellList = cellList === '' ? x.cell : `${cellList}, ${x.cell}`
      if (x.notes.length > 0)
        for (const note of x.notes)
          notes = notes === '' ? `${x.cell}: ${note.text.vi}` : `${notes}; ${x.cell}: ${note.text.vi}`
    }
    const values = [
      code,
      pack.byCode.get(code)?.label ?? '',
      first.unit,
      unitName,
      first.fileName === head?.fileName ? file : baseName(first.fileName),
      first.version,
      first.sheet,
      rowNumber(first.cell),
      total?.cell ?? null,
      total?.raw ?? null,
      total?.value ?? null,
      oneCopy(cellList),
      oneCopy(notes),
    ]
    const row = { values, height: heightOf(values), shared }
    rows.set(code, row)
    const place = places.get(code)
    if (place !== undefined) byPlace[place] = row
  }
  return { rows, byPlace, keyFigures }
}

/**
 * One unit's rows of the sources sheet, by indicator: one for each indicator with figures in the
 * columns that add up into the province (`contributingColumns`), whether or not its figures count
 * for that row (a department's own rows; `sourceRows` decides). Made once per list of figures.
 */
export function unitSourceRows(
  pack: TemplatePack,
  figures: readonly Contribution[],
  unitName: string,
  key: string,
  heightOf: RowHeight,
): ReadonlyMap<string, UnitSourceRow> {
  return madeFor(pack, figures, unitName, key, heightOf).rows
}

function madeFor(
  pack: TemplatePack,
  figures: readonly Contribution[],
  unitName: string,
  key: string,
  heightOf: RowHeight,
): Made {
  const known = made.get(figures)
  if (
    known &&
    known.pack === pack &&
    known.unitName === unitName &&
    known.key === key &&
    known.heightOf === heightOf
  )
    return known
  const out = { pack, unitName, key, heightOf, ...makeRows(pack, figures, unitName, key, heightOf) }
  made.set(figures, out)
  return out
}

/**
 * A unit's figure in the `key` column of each indicator (the last one given for it), by indicator:
 * found when its sources rows were made (`unitSourceRows`, during the import of a run that goes on to
 * the report), else by going through its figures.
 */
export function unitKeyFigures(figures: readonly Contribution[], key: string): ReadonlyMap<string, number> {
  const known = made.get(figures)
  if (known && known.key === key) return known.keyFigures
  const out = new Map<string, number>()
  for (const f of figures) if (f.column === key) out.set(f.indicator, f.value)
  return out
}

export type SourceRows = Readonly<{
  length: number
  /** row k's values, its number (STT) first */
  values: (k: number) => RawCell[]
  /** row k's values after its number (k + 1), as kept */
  unitValues: (k: number) => readonly RawCell[]
  height: (k: number) => number
  shared: (k: number) => SharedTexts
}>

/**
 * The sources sheet's rows: by indicator in the form's order, then by unit in the unit list's order,
 * a row for each unit whose figures count for that indicator's row (the merge's contributions), each
 * numbered (STT).
 */
export function sourceRows(
  pack: TemplatePack,
  c: Pick<Consolidation, 'units'>,
  units: readonly Unit[],
  key: string,
  heightOf: RowHeight,
): SourceRows {
  const unitOrder = new Map(units.map((u, i) => [u.code, i]))
  const unitByCode = new Map(units.map((u) => [u.code, u]))
  const contributing = c.units
    .map((u, i) => ({ u, i, rank: unitOrder.get(u.unit) ?? units.length }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .flatMap(({ u }) => {
      const unit = unitByCode.get(u.unit)
      // the merge counts only the units of the list
      if (!unit) return []
      const { byPlace } = madeFor(pack, u.sources, unit.name, key, heightOf)
      return [{ owner: ownerOfUnit(unit), byPlace }]
    })
  // each indicator's rows, unit by unit in the list's order (a country has 3,000 units and 130
  // indicators, most units a row for most of them)
  const rows: UnitSourceRow[] = []
  pack.indicators.forEach((ind, place) => {
    if (ind.kind === 'section') return
    const owner = ownerKey(ind.owner ?? TERRITORIAL)
    const additive = isAdditive(ind)
    for (const u of contributing) {
      const row = u.byPlace[place]
      if (row !== undefined && countsFor(u.owner, owner, additive)) rows.push(row)
    }
  })
  return {
    length: rows.length,
    values: (k) => [k + 1, ...(rows[k] as UnitSourceRow).values],
    unitValues: (k) => (rows[k] as UnitSourceRow).values,
    height: (k) => (rows[k] as UnitSourceRow).height,
    shared: (k) => (rows[k] as UnitSourceRow).shared,
  }
}
