// A list sheet of the report (the sources of every figure, the checks, the breakdown by unit): a title
// over the first row, a header row, then one row per item, each column styled alike. Where each of
// these rows lies is known here only. A list is written two ways: `bytes`, the way the report is
// written (ExcelJS writes the title, the header and the first row, and the others are appended or
// filled in as bytes copying that row's styles: append-rows.ts, fill-columns.ts, since a country's
// lists run to 10^5 rows), and `exceljs`, every cell written and styled by ExcelJS (the reference the
// bytes are compared with, cell by cell, in the tests).
import type ExcelJS from 'exceljs'
import type { RawCell, SharedTexts, SheetAppend } from './append-rows'
import { FONT_NAME, printAsList, setText, tableRowHeight, type TableColumn, writeTable } from './excel-util'
import type { ColumnFill } from './fill-columns'

/** How a list's rows beyond the first are written. */
export type ListMode = 'bytes' | 'exceljs'

/** The title's row, the header's, and the first item's. */
const TITLE_ROW = 1
const HEADER_ROW = 3
const FIRST_ROW = HEADER_ROW + 1

/** The sheet row (1-based) of a list's item `i` (0-based). */
function itemRow(i: number): number {
  return FIRST_ROW + i
}

export type ListRows = Readonly<{
  length: number
  /** an item's values, a column each (after the number, for a numbered list) */
  values: (i: number) => readonly RawCell[]
  /** an item's height in points; by default as high as its texts */
  height?: (i: number) => number
  /** texts an item shows in the same columns as many others (append-rows.ts) */
  shared?: (i: number) => SharedTexts | undefined
}>

export type ListSheet = Readonly<{
  title: string
  columns: readonly TableColumn[]
  /** the first column is each item's number (1, 2, …), not among its values */
  numbered?: boolean
  rows: ListRows
  /** how it prints when it is too wide for a page (`printAsList`) */
  wide?: Readonly<{ repeatColumns: string; scale: number }>
  /** how many columns the title is merged over; by default all */
  titleSpan?: number
}>

/** A list's title: the first row, bold, merged over `span` columns. */
function titleRow(ws: ExcelJS.Worksheet, text: string, span: number): void {
  ws.mergeCells(TITLE_ROW, 1, TITLE_ROW, Math.max(span, 1))
  const cell = ws.getCell(TITLE_ROW, 1)
  setText(cell, text)
  cell.font = { name: FONT_NAME, size: 12, bold: true }
  cell.alignment = { vertical: 'middle', wrapText: false }
  ws.getRow(TITLE_ROW).height = 20
}

function heightOf(list: ListSheet): (i: number) => number {
  if (list.rows.height) return list.rows.height
  const columns = list.numbered ? list.columns.slice(1) : list.columns
  return (i) => tableRowHeight(columns, list.rows.values(i))
}

function fullValues(list: ListSheet, i: number): readonly RawCell[] {
  return list.numbered ? [i + 1, ...list.rows.values(i)] : list.rows.values(i)
}

/**
 * Writes the list into `ws`: in `exceljs` mode every row, in `bytes` mode the first, and then returns
 * the other rows for `appendRows` (null when ExcelJS wrote them all).
 */
export function writeListSheet(
  ws: ExcelJS.Worksheet,
  list: ListSheet,
  mode: ListMode,
): Omit<SheetAppend, 'sheetName'> | null {
  const { columns, rows } = list
  titleRow(ws, list.title, list.titleSpan ?? columns.length)
  const styled = mode === 'exceljs' ? rows.length : Math.min(1, rows.length)
  const height = heightOf(list)
  writeTable(
    ws,
    HEADER_ROW,
    columns,
    Array.from({ length: styled }, (_, i) => fullValues(list, i)),
  )
  // writeTable makes each row as high as its texts: a list that says its heights keeps them
  if (list.rows.height) for (let i = 0; i < styled; i++) ws.getRow(itemRow(i)).height = height(i)
  printAsList(ws, HEADER_ROW, list.wide)
  if (styled === rows.length) return null
  const shared = rows.shared ?? (() => undefined)
  return {
    rows: {
      length: rows.length - styled,
      // one literal per kind of list, not a spread per row: a country's sources are ~137,000 rows
      at: list.numbered
        ? (i) => {
            const k = styled + i
            return {
              number: k + 1,
              values: rows.values(k),
              styleFrom: FIRST_ROW,
              height: height(k),
              shared: shared(k),
            }
          }
        : (i) => {
            const k = styled + i
            return { values: rows.values(k), styleFrom: FIRST_ROW, height: height(k), shared: shared(k) }
          },
    },
    width: columns.length,
  }
}

/**
 * A table whose run of columns `from`..`from + count - 1` (0-based) is left out of the rows ExcelJS
 * writes (a column per unit: thousands for a country) and filled in like column `styleFrom` of the
 * same row: the header with `headers`, the items' rows with `values(i)`.
 */
export type TableFill = Readonly<{
  from: number
  count: number
  styleFrom: number
  headers: readonly string[]
  values: (i: number) => readonly (number | null)[] | undefined
}>

/**
 * Writes a table (a header row and its items, `writeTable` leaving the filled columns out) and fills
 * its columns: in `bytes` mode returns the fill for `appendRows`, in `exceljs` mode fills them here,
 * each cell styled like its row's cell of `styleFrom`.
 */
export function writeFilledTable(
  ws: ExcelJS.Worksheet,
  sheetName: string,
  columns: readonly TableColumn[],
  items: ReadonlyArray<readonly RawCell[]>,
  fill: TableFill | null,
  mode: ListMode,
  styleItem: (row: ExcelJS.Row, i: number, filled: (column: number) => boolean) => void,
): ColumnFill | null {
  const filled = (c: number): boolean => fill !== null && c >= fill.from && c < fill.from + fill.count
  writeTable(ws, HEADER_ROW, columns, items, filled, { headers: false })
  items.forEach((_, i) => styleItem(ws.getRow(itemRow(i)), i, filled))
  if (fill === null || fill.count === 0) return null
  const rowValues = (r: number): readonly (number | string | null)[] | undefined =>
    r === HEADER_ROW ? fill.headers : r >= FIRST_ROW ? fill.values(r - FIRST_ROW) : undefined
  if (mode === 'bytes')
    return { sheetName, from: fill.from, count: fill.count, styleFrom: fill.styleFrom, values: rowValues }
  for (let r = HEADER_ROW; r < FIRST_ROW + items.length; r++) {
    const values = rowValues(r)
    if (!values) continue
    const style = ws.getCell(r, fill.styleFrom + 1).style
    for (let j = 0; j < fill.count; j++) {
      const cell = ws.getCell(r, fill.from + j + 1)
      cell.style = style
      const v = values[j]
      if (typeof v === 'number') {
        if (Number.isFinite(v)) cell.value = v
      } else if (v !== '') setText(cell, v)
    }
  }
  return null
}

/** The title of a table written with `writeFilledTable`, merged over `span` columns. */
export function tableTitle(ws: ExcelJS.Worksheet, text: string, span: number): void {
  titleRow(ws, text, span)
}

/**
 * A table written with `writeFilledTable` frozen below its header and right of its first
 * `frozenColumns`, and printed as a list (`printAsList`).
 */
export function finishTable(
  ws: ExcelJS.Worksheet,
  frozenColumns: number,
  wide?: Readonly<{ repeatColumns: string; scale: number }>,
): void {
  ws.views = [{ state: 'frozen', xSplit: frozenColumns, ySplit: HEADER_ROW }]
  printAsList(ws, HEADER_ROW, wide)
}
