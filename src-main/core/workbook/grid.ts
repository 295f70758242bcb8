// The engine's view of a spreadsheet, whoever wrote it: sheets of cells with their kind, value,
// displayed text, number format and formula. Every reader (SheetJS, the fast .xlsx path) yields this.

export type CellKind = 'number' | 'text' | 'boolean' | 'date' | 'error' | 'blank'

export type GridCell = Readonly<{
  kind: CellKind
  /**
   * number: the number; text: the string; boolean: the boolean; date: the Excel serial number;
   * error: the error text (`#REF!`); blank: null (a formula with no cached value is blank with `formula`)
   */
  value: number | string | boolean | null
  /** the text as the spreadsheet displays it, when the file carries it */
  formatted?: string
  /** the number format (`0.0%`, `#,##0`) */
  format?: string
  /** the formula, without its leading `=` */
  formula?: string
}>

export type CellRange = Readonly<{ r1: number; c1: number; r2: number; c2: number }>

export type GridSheet = Readonly<{
  name: string
  hidden: boolean
  /** rows[r][c], 0-based; holes are blank cells */
  rows: ReadonlyArray<ReadonlyArray<GridCell | undefined> | undefined>
  merges: readonly CellRange[]
}>

import type { SpreadsheetFormat } from '../../shared/file-kinds'

export type WorkbookFormat = SpreadsheetFormat | 'other'

export type Grid = Readonly<{
  format: WorkbookFormat
  sheets: readonly GridSheet[]
}>

export function cellAt(sheet: GridSheet, r: number, c: number): GridCell | undefined {
  return sheet.rows[r]?.[c]
}

export function isBlankCell(cell: GridCell | undefined): boolean {
  if (!cell) return true
  if (cell.kind === 'blank') return cell.formula === undefined
  return cell.kind === 'text' && (cell.value as string).trim() === ''
}

/** The text of a cell for label matching: strings as they are, numbers as displayed. */
export function cellText(cell: GridCell | undefined): string {
  if (!cell || cell.value === null) return ''
  if (cell.kind === 'text') return cell.value as string
  return cell.formatted ?? String(cell.value)
}
