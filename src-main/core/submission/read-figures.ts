// Reads every figure cell of the located table: numbers with their conversion notes, and the
// problems of the cells themselves (V01, V02, V13; V04 for a number in a cell that does not apply).
import type { Problem } from '../../shared/problem'
import type { ColumnDef, Indicator, TemplatePack } from '../template/pack'
import type { IndicatorKind } from '../template/pack-schema'
import { cellKind, columnApplies, isValueRole } from '../template/pack'
import { derivedFromPack } from '../template/pack-derived'
import { NO_NOTES, plainNumberOf, readDataCell } from '../numbers/read-number'
import type { ReadNote } from '../numbers/cell-reading'
import { columnLetter } from '../workbook/address'
import { cellText, isBlankCell } from '../workbook/grid'
import type { GridCell } from '../workbook/grid'
import type { FigureValues } from '../rules/figure-values'
import { FigureValuesBuilder } from '../rules/figure-values'
import type { Figure } from './analysis'
import type { LocatedTable } from './locate-table'

/** `values`: the figures as the checks read them (figure-values.ts), the unreadable cells not yet told. */
export type ReadFigures = Readonly<{
  figures: Figure[]
  values: Omit<FigureValues, 'unread'>
  problems: Problem[]
}>

function rawText(cell: GridCell): string {
  if (cell.kind === 'number') return cell.formatted ?? String(cell.value)
  return cellText(cell)
}

function placeOf(sheet: string, cell: string, indicator: string, column: string) {
  return { sheet, cell, indicator, column }
}

// The problems are made apart from the loop over the cells, which TurboFan compiles for the usual
// cell: built inline, their rare shapes had it compiled anew (see rules/check-row-rules.ts).

function numberWhereNotApplicable(
  place: ReturnType<typeof placeOf>,
  col: ColumnDef,
  header: string,
  value: number,
): Problem {
  return {
    rule: 'V04',
    severity: 'error',
    ...place,
    value,
    message: {
      vi: `Ô ${header} không áp dụng cho chỉ tiêu này (ô tô xám) nhưng có số ${value}`,
      en: `The ${col.nameEn ?? col.key} cell does not apply to this row (greyed) but holds ${value}`,
    },
  }
}

function unreadable(
  place: ReturnType<typeof placeOf>,
  col: ColumnDef,
  header: string,
  value: string | number | boolean,
  reading: Extract<ReturnType<typeof readDataCell>, { status: 'invalid' }>,
): Problem {
  return {
    rule: reading.rule,
    severity: 'error',
    ...place,
    value,
    message: {
      vi: `${header}: ${reading.reason.vi}`,
      en: `${col.nameEn ?? col.key}: ${reading.reason.en}`,
    },
  }
}

/** How a row reads the cell of a value column: not at all (the column does not apply), or as a kind. */
type CellPlan = IndicatorKind | 'not-applicable'

/**
 * The pack's value columns, and for each row their cell plans in the same order (`columnApplies` and
 * `cellKind` worked out once per pack, not for each of a country's million cells).
 */
type FiguresPlan = Readonly<{
  columns: readonly ColumnDef[]
  /** each value column's index in `pack.columns` (the checks' values name columns by it) */
  packColumn: readonly number[]
  rows: ReadonlyMap<Indicator, readonly CellPlan[]>
}>

function cellPlans(pack: TemplatePack, columns: readonly ColumnDef[], ind: Indicator): readonly CellPlan[] {
  return columns.map((col) => (columnApplies(pack, ind, col.key) ? cellKind(ind, col) : 'not-applicable'))
}

const figuresPlan = derivedFromPack((pack): FiguresPlan => {
  const columns = pack.columns.filter((col) => isValueRole(col.role))
  return {
    columns,
    packColumn: columns.map((col) => pack.columns.indexOf(col)),
    rows: new Map(pack.indicators.map((ind) => [ind, cellPlans(pack, columns, ind)])),
  }
})

export function readFigures(pack: TemplatePack, table: LocatedTable): ReadFigures {
  const figures: Figure[] = []
  const problems: Problem[] = []
  const sheet = table.sheet
  const plan = figuresPlan(pack)
  const values = new FigureValuesBuilder(pack, sheet.name, table.rows.size, table.columns)
  const columns: Array<{ col: ColumnDef; k: number; at: number; c: number; letter: string; header: string }> =
    []
  plan.columns.forEach((col, k) => {
    const c = table.columns.get(col.key)
    if (c === undefined) return
    const header = col.header[col.header.length - 1] as string
    columns.push({ col, k, at: plan.packColumn[k] as number, c, letter: columnLetter(c), header })
  })
  for (const { row, indicator: ind } of table.rows.values()) {
    values.startRow(ind.code, row)
    const cells = sheet.rows[row]
    if (!cells) continue
    // (a row of an indicator the pack does not list: none in practice)
    const plans = plan.rows.get(ind) ?? cellPlans(pack, plan.columns, ind)
    const rowNumber = String(row + 1)
    for (const { col, k, at, c, letter, header } of columns) {
      const cell = cells[c]
      if (isBlankCell(cell) && !(cell?.kind === 'blank' && cell.formula)) continue
      const address = letter + rowNumber
      const kind = plans[k] as CellPlan
      if (kind === 'not-applicable') {
        const reading = readDataCell(cell, 'count')
        if (reading.status === 'number' && reading.value !== 0)
          problems.push(
            numberWhereNotApplicable(
              placeOf(sheet.name, address, ind.code, col.key),
              col,
              header,
              reading.value,
            ),
          )
        continue
      }
      // words in a text row or column are the unit's own: never read as a figure
      if (kind === 'text') continue
      const readAs = kind === 'section' ? 'count' : kind
      const raw = cell ? rawText(cell) : ''
      // most cells hold a plain number: read without building a reading
      let value = cell ? plainNumberOf(cell, readAs) : null
      let notes: readonly ReadNote[] = NO_NOTES
      if (value === null) {
        const reading = readDataCell(cell, readAs)
        if (reading.status === 'blank') continue
        if (reading.status === 'invalid') {
          // a computed column is recomputed by the merge; the spec checks it with W05 only.
          if (col.role === 'computed') continue
          problems.push(
            unreadable(
              placeOf(sheet.name, address, ind.code, col.key),
              col,
              header,
              cell && cell.kind !== 'blank' ? (cell.value as string | number | boolean) : raw,
              reading,
            ),
          )
          continue
        }
        value = reading.value
        notes = reading.notes
      }
      const figure: Figure = {
        indicator: ind.code,
        column: col.key,
        value,
        sheet: sheet.name,
        cell: address,
        raw,
        notes,
      }
      figures.push(figure)
      values.add(at, value, raw)
    }
  }
  return { figures, values: values.done(), problems }
}
