// Small ExcelJS helpers shared by the output workbooks: bytes out, and the one way unit-supplied text
// reaches a cell (always a plain string, never a formula, never invalid XML).
import ExcelJS from 'exceljs'

export const FONT_NAME = 'Times New Roman'

export function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook()
  wb.creator = 'Sheaf'
  wb.created = new Date()
  return wb
}

/**
 * The workbook's .xlsx bytes. `stored`: its parts left uncompressed, for a caller that repacks them
 * (deflating them in JavaScript only to inflate them again would be wasted).
 */
export async function toBytes(wb: ExcelJS.Workbook, opts: { stored?: boolean } = {}): Promise<Uint8Array> {
  const buf = (await wb.xlsx.writeBuffer(opts.stored ? { zip: { compression: 'STORE' } } : {})) as unknown
  if (buf instanceof Uint8Array) return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength)
  return new Uint8Array(buf as ArrayBuffer)
}

/** Excel refuses control characters and cells over 32,767 characters; a hostile file may carry both. */
export function safeText(s: string): string {
  const clean = s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
  return clean.length > 32_000 ? clean.slice(0, 32_000) + '…' : clean
}

/** A file's name without its folder (`C:\\Users\\…\\08001.xlsx` -> `08001.xlsx`): no sheet shows a clerk's paths. */
export function baseName(file: string): string {
  return file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1)
}

/** Writes text as a string cell: ExcelJS stores a JS string as a string, whatever it starts with. */
export function setText(cell: ExcelJS.Cell, s: string | null | undefined): void {
  cell.value = s === null || s === undefined ? null : safeText(String(s))
}

/** How many characters of a wrapped text one line of a column `width` wide holds. */
function charactersPerLine(width: number): number {
  return Math.max(4, Math.floor(width * 1.05))
}

/** A row height that shows a wrapped text of this length in a column this wide (points). */
export function wrappedHeight(text: string, width: number, lineHeight = 15): number {
  const perLine = charactersPerLine(width)
  // one paragraph, the usual case, without splitting (the sources sheet asks this 10^5 times)
  const lines = text.includes('\n')
    ? text.split('\n').reduce((sum, part) => sum + Math.max(1, Math.ceil(part.length / perLine)), 0)
    : Math.max(1, Math.ceil(text.length / perLine))
  return Math.max(lineHeight, lines * lineHeight + 2)
}

/**
 * Letters of running text per unit of column width in the sheets' serif font: a column's width counts
 * digits, and text in Times New Roman is about a third narrower (measured on printed pages, with a
 * margin for Excel's own rendering). Numbers and codes keep `wrappedHeight`'s digit count.
 */
const PROSE_PER_WIDTH = 1.4

/** The row height a wrapped text of words (a label, a name) needs in a column this wide. */
export function proseHeight(text: string, width: number): number {
  return wrappedHeight(text, width * PROSE_PER_WIDTH)
}

/** ExcelJS drops a width of exactly 9 (it takes it for its default), which Excel would show as 8.43. */
export function setColumnWidth(ws: ExcelJS.Worksheet, col: number, width: number): void {
  ws.getColumn(col).width = width === 9 ? 9.001 : width
}

export function tableFont(extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> {
  return { name: FONT_NAME, size: 11, ...extra }
}

const thin: ExcelJS.Border = { style: 'thin', color: { argb: 'FF000000' } }
export const ALL_THIN: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin }

export function solidFill(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb }, bgColor: { argb } }
}

export type TableColumn = Readonly<{
  header: string
  width: number
  numFmt?: string
  wrap?: boolean
  /** holds words (labels, names): wraps at the width of text, not of digits */
  prose?: boolean
  center?: boolean
}>

/** The height of one line of wrapped text (`wrappedHeight` of a short text). */
const ONE_LINE = wrappedHeight('', 1000)

/** The characters of a whole number as `String` writes it (below 10^21, plain digits). */
function wholeNumberLength(v: number): number {
  let n = v < 0 ? 2 : 1
  for (let a = Math.abs(v); a >= 10; a /= 10) n++
  return n
}

/**
 * The height of a table row: enough for the longest wrapped text of its cells. A blank, or a whole
 * number that fits on one line of its column, takes one line without its text being made (a
 * country's breakdown asks this for 390,000 cells).
 */
export function tableRowHeight(
  columns: readonly TableColumn[],
  values: ReadonlyArray<string | number | null | undefined>,
): number {
  let height = 15
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i] as TableColumn
    if (!c.wrap) continue
    const v = values[i]
    const short =
      v === null ||
      v === undefined ||
      v === '' ||
      (typeof v === 'number' &&
        Number.isInteger(v) &&
        Math.abs(v) < 1e15 &&
        wholeNumberLength(v) <= charactersPerLine((c.width - 1) * (c.prose ? PROSE_PER_WIDTH : 1)))
    height = Math.max(
      height,
      short
        ? ONE_LINE
        : c.prose
          ? proseHeight(String(v), c.width - 1)
          : wrappedHeight(String(v), c.width - 1),
    )
  }
  return height
}

/**
 * A plain list sheet: a bold, frozen, filtered header row at `headerRow`, then the rows, all bordered.
 * Cells are numbers or strings; strings always go through `setText`.
 */
export function writeTable(
  ws: ExcelJS.Worksheet,
  headerRow: number,
  columns: readonly TableColumn[],
  rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>,
  /** columns whose body cells are left out (filled in later); `headers: false`: their headers too */
  leaveOut?: (column: number) => boolean,
  { headers = true }: { headers?: boolean } = {},
): void {
  columns.forEach((c, i) => {
    setColumnWidth(ws, i + 1, c.width)
    if (!headers && leaveOut?.(i)) return
    const cell = ws.getCell(headerRow, i + 1)
    setText(cell, c.header)
    cell.font = tableFont({ bold: true })
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
    cell.border = ALL_THIN
    cell.fill = solidFill('FFF2F2F2')
  })
  ws.getRow(headerRow).height = Math.max(30, ...columns.map((c) => wrappedHeight(c.header, c.width - 1)))
  // the columns written here (a breakdown leaves out thousands of units' columns, filled in later)
  const written = leaveOut
    ? columns.flatMap((c, i) => (leaveOut(i) ? [] : [{ c, i }]))
    : columns.map((c, i) => ({ c, i }))
  rows.forEach((values, k) => {
    const r = headerRow + 1 + k
    ws.getRow(r).height = tableRowHeight(columns, values)
    written.forEach(({ c, i }) => {
      const cell = ws.getCell(r, i + 1)
      const v = values[i]
      // an empty text is a blank cell, as in the rows appended after this one
      if (typeof v === 'number') {
        if (Number.isFinite(v)) cell.value = v
      } else if (v !== '') setText(cell, v)
      // a column's format on every cell, a number or not: rows appended after this one copy its styles
      if (c.numFmt) cell.numFmt = c.numFmt
      cell.font = tableFont()
      cell.border = ALL_THIN
      cell.alignment = {
        vertical: 'top',
        wrapText: c.wrap ?? false,
        ...(c.center ? { horizontal: 'center' } : {}),
      }
    })
  })
  const last = headerRow + Math.max(rows.length, 1)
  ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: last, column: columns.length } }
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: headerRow }]
}

/** The footer of every printed page: its number and the count (`Trang 2/5`). */
export const PAGE_FOOTER = '&C&"Times New Roman"&10Trang &P/&N'

/**
 * How a list sheet prints on A4 landscape: its header row repeated on every page, page numbers, and
 * either fit to the page's width or, for a sheet too wide for that, `repeatColumns` (`A:C`) printed
 * beside each group of the other columns at `scale` percent.
 */
export function printAsList(
  ws: ExcelJS.Worksheet,
  headerRow: number,
  wide?: Readonly<{ repeatColumns: string; scale: number }>,
): void {
  ws.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
    printTitlesRow: `${headerRow}:${headerRow}`,
    ...(wide
      ? {
          fitToPage: false,
          scale: wide.scale,
          printTitlesColumn: wide.repeatColumns,
          pageOrder: 'downThenOver',
        }
      : { fitToPage: true, fitToWidth: 1, fitToHeight: 0 }),
  }
  ws.headerFooter = { oddFooter: PAGE_FOOTER, evenFooter: PAGE_FOOTER }
}

/** Loads ExcelJS if it is loaded on first use (the CLI bundle): see `loadReportLibraries`. */
export function preloadExcel(): void {
  void ExcelJS.Workbook
}
