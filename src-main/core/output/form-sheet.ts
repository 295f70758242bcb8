// Paints the official figures sheet (`Bieu 01`) from the template pack, so that the blank form sent to
// units and the province's report share one layout, one set of fonts, formats and print settings.
import type ExcelJS from 'exceljs'
import type { IndicatorKind } from '../template/pack-schema'
import { columnLetter } from '../workbook/address'
import { ALL_THIN, FONT_NAME, setColumnWidth, solidFill, wrappedHeight } from './excel-util'
import { columnApplies, type Indicator, type TemplatePack } from '../template/pack'

export const GREY_FILL = 'FFD9D9D9'
export const SECTION_FILL = 'FFEEF3F8'
const HEADER_FILL = 'FFF2F2F2'

/** Where things are on the figures sheet: 1-based Excel rows and columns. */
export type FiguresLayout = Readonly<{
  titleRow: number
  subtitleRow: number
  /** the red "provisional" line of a report */
  alertRow: number
  /** first of the two header rows */
  headerRow: number
  indexRow: number
  firstDataRow: number
  lastDataRow: number
  columnCount: number
  /** the row of an indicator (sections included); throws on an unknown code */
  rowOf: (code: string) => number
  /** the column of a layout column key; throws on an unknown key */
  colOf: (key: string) => number
  /** the signature block's first row */
  signatureRow: number
}>

const HEADER_ROW = 8

export function figuresLayout(pack: TemplatePack): FiguresLayout {
  const firstDataRow = HEADER_ROW + 3
  const lastDataRow = firstDataRow + pack.indicators.length - 1
  const colIndex = new Map(pack.columns.map((c, i) => [c.key, i + 1]))
  return {
    titleRow: 5,
    subtitleRow: 6,
    alertRow: 7,
    headerRow: HEADER_ROW,
    indexRow: HEADER_ROW + 2,
    firstDataRow,
    lastDataRow,
    columnCount: pack.columns.length,
    rowOf: (code) => {
      const ind = pack.byCode.get(code)
      if (!ind) throw new Error(`unknown indicator ${code}`)
      return firstDataRow + ind.order
    },
    colOf: (key) => {
      const c = colIndex.get(key)
      if (c === undefined) throw new Error(`unknown column ${key}`)
      return c
    },
    signatureRow: lastDataRow + 2,
  }
}

/** The Excel number format of a row's figures. */
export function numberFormatOf(kind: IndicatorKind): string {
  switch (kind) {
    case 'count':
      return '#,##0'
    case 'money':
      return '#,##0.0##'
    case 'rate':
    case 'permille':
    case 'ratio':
      return '0.0#'
    case 'section':
      return 'General'
  }
}

const COMPARE_FORMAT = '0.0'

export type FormHeader = Readonly<{
  /** the left block's first line: the unit's or province department's name */
  unitLine: string
  /** `Số: …/BC-…` */
  numberLine: string
  /** `…, ngày … tháng … năm …` */
  dateLine: string
  period: 'H1' | 'Y'
  year: number
  /** a red line under the subtitle (a provisional report) */
  alert?: string
  /** printed under the right signature */
  signer?: string
}>

export type FormContent = Readonly<{
  header: FormHeader
  /** the figure of a cell; undefined or null leaves it blank */
  value?: (code: string, key: string) => number | null | undefined
}>

export function formTitle(pack: TemplatePack, period: 'H1' | 'Y', year: number): string {
  const p = pack.layout.periods.find((x) => x.key === period)
  return pack.layout.header.title
    .replace('{period}', p?.titleText ?? '')
    .replace('{year}', String(year))
    .replace(/\s+/g, ' ')
    .trim()
}

type Side = Readonly<{ from: number; to: number }>

/** The left block spans the columns up to the label; the right block the columns after the unit. */
function sides(pack: TemplatePack): { left: Side; right: Side } {
  const n = pack.columns.length
  const labelAt = pack.columns.findIndex((c) => c.role === 'label')
  const leftTo = Math.max(1, labelAt + 1)
  const rightFrom = Math.min(n, Math.max(leftTo + 2, Math.ceil(n / 3)))
  return { left: { from: 1, to: leftTo }, right: { from: rightFrom, to: n } }
}

function font(size: number, extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> {
  return { name: FONT_NAME, size, ...extra }
}

function putMerged(
  ws: ExcelJS.Worksheet,
  row: number,
  side: Side,
  text: string,
  f: Partial<ExcelJS.Font>,
): ExcelJS.Cell {
  if (side.to > side.from) ws.mergeCells(row, side.from, row, side.to)
  const cell = ws.getCell(row, side.from)
  cell.value = text
  cell.font = f
  cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
  return cell
}

function depthOf(pack: TemplatePack, ind: Indicator): number {
  let depth = 0
  let parent = ind.parent
  while (parent && depth < 6) {
    depth++
    parent = pack.byCode.get(parent)?.parent ?? null
  }
  return depth
}

/** Paints the whole figures sheet into an empty worksheet. */
export function paintFiguresSheet(ws: ExcelJS.Worksheet, pack: TemplatePack, content: FormContent): void {
  const L = figuresLayout(pack)
  const { header } = content
  const h = pack.layout.header
  const { left, right } = sides(pack)
  const all: Side = { from: 1, to: L.columnCount }

  pack.columns.forEach((c, i) => {
    setColumnWidth(ws, i + 1, c.width)
  })

  // Header block.
  putMerged(ws, 1, left, header.unitLine, font(13, { bold: true }))
  putMerged(ws, 2, left, header.numberLine, font(13))
  putMerged(ws, 1, right, h.nation, font(13, { bold: true }))
  putMerged(ws, 2, right, h.motto, font(13, { bold: true, underline: true }))
  putMerged(ws, 3, right, header.dateLine, font(13, { italic: true }))
  const title = putMerged(
    ws,
    L.titleRow,
    all,
    formTitle(pack, header.period, header.year),
    font(12, { bold: true }),
  )
  title.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
  putMerged(ws, L.subtitleRow, all, h.subtitle, font(13, { italic: true }))
  if (header.alert) {
    putMerged(ws, L.alertRow, all, header.alert, font(13, { bold: true, color: { argb: 'FFFF0000' } }))
  }
  for (let r = 1; r <= L.alertRow; r++) ws.getRow(r).height = r === L.titleRow ? 24 : 18

  // Column headers: single-level headers merged down, level-1 headers merged across their columns.
  const h1 = L.headerRow
  const h2 = L.headerRow + 1
  let i = 0
  while (i < pack.columns.length) {
    const c = pack.columns[i]!
    const col = i + 1
    if (c.header.length === 1) {
      ws.mergeCells(h1, col, h2, col)
      ws.getCell(h1, col).value = c.header[0]!
      i++
      continue
    }
    let j = i
    while (j + 1 < pack.columns.length) {
      const next = pack.columns[j + 1]!
      if (next.header.length === 2 && next.header[0] === c.header[0]) j++
      else break
    }
    if (j > i) ws.mergeCells(h1, col, h1, j + 1)
    ws.getCell(h1, col).value = c.header[0]!
    for (let k = i; k <= j; k++) ws.getCell(h2, k + 1).value = pack.columns[k]!.header[1]!
    i = j + 1
  }
  let h2Height = 15
  pack.columns.forEach((c, k) => {
    const col = k + 1
    for (const r of [h1, h2]) {
      const cell = ws.getCell(r, col)
      cell.font = font(11, { bold: true })
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
      cell.border = ALL_THIN
      cell.fill = solidFill(HEADER_FILL)
    }
    const text = c.header[c.header.length - 1]!
    h2Height = Math.max(h2Height, wrappedHeight(text, c.width) / (c.header.length === 1 ? 2 : 1))
    const idx = ws.getCell(L.indexRow, col)
    idx.value = c.index
    idx.font = font(11, { italic: true })
    idx.alignment = { horizontal: 'center', vertical: 'middle' }
    idx.border = ALL_THIN
  })
  ws.getRow(h1).height = 30
  ws.getRow(h2).height = Math.max(30, h2Height)

  // Indicator rows.
  const labelCol = pack.columns.find((c) => c.role === 'label')
  for (const ind of pack.indicators) {
    const r = L.rowOf(ind.code)
    const row = ws.getRow(r)
    const isSection = ind.kind === 'section'
    let labelText = ''
    pack.columns.forEach((c, k) => {
      const cell = row.getCell(k + 1)
      cell.border = ALL_THIN
      cell.font = font(11, { bold: isSection })
      switch (c.role) {
        case 'stt':
          cell.value = ind.stt
          cell.numFmt = '@'
          cell.alignment = { horizontal: 'center', vertical: 'middle' }
          break
        case 'code':
          cell.value = ind.code
          cell.numFmt = '@'
          cell.alignment = { horizontal: 'center', vertical: 'middle' }
          break
        case 'label':
          cell.value = ind.label
          labelText = ind.label
          cell.alignment = {
            horizontal: 'left',
            vertical: 'middle',
            wrapText: true,
            indent: isSection ? 0 : depthOf(pack, ind),
          }
          break
        case 'unit':
          cell.value = ind.unit
          cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
          break
        default: {
          if (isSection) break
          if (!columnApplies(pack, ind, c.key)) {
            cell.fill = solidFill(GREY_FILL)
            break
          }
          if (c.role === 'note') {
            cell.alignment = { vertical: 'middle', wrapText: true }
            break
          }
          cell.numFmt = c.role === 'compare' ? COMPARE_FORMAT : numberFormatOf(ind.kind)
          cell.alignment = { horizontal: 'right', vertical: 'middle' }
          const v = content.value?.(ind.code, c.key)
          if (typeof v === 'number' && Number.isFinite(v)) cell.value = v
        }
      }
      if (isSection) cell.fill = solidFill(SECTION_FILL)
    })
    const unitCol = pack.columns.find((c) => c.role === 'unit')
    row.height = Math.max(
      labelCol ? wrappedHeight(labelText, labelCol.width - 1 - depthOf(pack, ind)) : 15,
      unitCol ? wrappedHeight(ind.unit, unitCol.width - 1) : 15,
    )
  }

  // Signature block.
  const s = L.signatureRow
  putMerged(ws, s, left, h.signLeft, font(13, { bold: true }))
  putMerged(ws, s + 1, left, h.signLeftNote, font(13, { italic: true }))
  putMerged(ws, s, right, h.signRight, font(13, { bold: true }))
  putMerged(ws, s + 1, right, h.signRightNote, font(13, { italic: true }))
  if (header.signer) putMerged(ws, s + 5, right, header.signer, font(13, { bold: true }))

  // Screen and print.
  const labelIndex = pack.columns.findIndex((c) => c.role === 'label')
  ws.views = [
    { state: 'frozen', xSplit: Math.max(0, labelIndex + 1), ySplit: L.indexRow, topLeftCell: undefined },
  ]
  ws.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    printTitlesRow: `${L.headerRow}:${L.indexRow}`,
    printArea: `A1:${columnLetter(L.columnCount - 1)}${L.signatureRow + 6}`,
  }
  ws.headerFooter = { oddFooter: '&C&"Times New Roman"&10Trang &P/&N' }
}
