// Paints the official figures sheet (`Bieu 01`) from the template pack, so that the blank form sent to
// units and the province's report share one layout, one set of fonts, formats and print settings.
import type ExcelJS from 'exceljs'
import type { PeriodKind } from '../../shared/period'
import type { IndicatorKind } from '../template/pack-schema'
import { columnLetter } from '../workbook/address'
import {
  ALL_THIN,
  FONT_NAME,
  PAGE_FOOTER,
  proseHeight,
  setColumnWidth,
  solidFill,
  wrappedHeight,
} from './excel-util'
import { cellKind, columnApplies, type Indicator, type TemplatePack } from '../template/pack'

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
    case 'decimal':
      return '#,##0.0##'
    case 'rate':
    case 'permille':
    case 'ratio':
      return '0.0#'
    case 'text':
      return '@'
    case 'section':
      return 'General'
  }
}

const COMPARE_FORMAT = '0.0'

/**
 * The header block's texts as Nghị định 30/2020/NĐ-CP lays them out: on the left the governing body
 * above the issuing body (bold, a short rule under it) and the number; on the right the national
 * motto (from the pack) and the place and date. The texts are given, the layout is the painter's.
 */
export type FormHeader = Readonly<{
  /** `UBND TỈNH LAI CHÂU`: above the issuer; none on a form whose issuer stands alone */
  governingBody?: string
  /** `SỞ Y TẾ`: bold, with a short rule under it */
  issuer: string
  /** `Số: …/BC-…` */
  numberLine: string
  /** `…, ngày … tháng … năm …` */
  dateLine: string
  period: PeriodKind
  year: number
  /** a red line under the subtitle (a provisional report) */
  alert?: string
  /** an italic line there instead (a report sent while units are missing) */
  note?: string
}>

/** The signature block: the preparer on the left, the signer on the right, then `Nơi nhận`. */
export type SignatureBlock = Readonly<{
  preparer: Readonly<{ title: string; note: string; name?: string }>
  /** `titles`: one line (`GIÁM ĐỐC`) or two (`KT. GIÁM ĐỐC`, `PHÓ GIÁM ĐỐC`) */
  signer: Readonly<{ titles: readonly string[]; note: string; name?: string }>
  /** the lines under `Nơi nhận:`; none: no such block */
  recipients?: readonly string[]
}>

export type FormContent = Readonly<{
  header: FormHeader
  signature: SignatureBlock
  /** the blank form: the texts a unit writes (name, number, date, names) say so when selected */
  prompts?: boolean
  /** the figure of a cell; undefined or null leaves it blank */
  value?: (code: string, key: string) => number | null | undefined
}>

export function formTitle(pack: TemplatePack, period: PeriodKind, year: number): string {
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

/** What the blank form says when a unit selects a text it must write. */
const PROMPTS = {
  governingBody: ['Cơ quan chủ quản', 'Ghi tên cơ quan cấp trên (nếu có), ví dụ: UBND TỈNH LAI CHÂU.'],
  issuer: ['Tên đơn vị báo cáo', 'Ghi tên đơn vị báo cáo, ví dụ: UBND XÃ TAM ĐƯỜNG.'],
  number: ['Số văn bản', 'Ghi số và ký hiệu văn bản, ví dụ: Số: 15/BC-UBND.'],
  date: [
    'Địa danh, ngày tháng',
    'Ghi địa danh và ngày báo cáo, ví dụ: Tam Đường, ngày 05 tháng 01 năm 2026.',
  ],
  preparer: ['Người lập biểu', 'Ghi họ và tên người lập biểu.'],
  signer: ['Thủ trưởng đơn vị', 'Ghi họ và tên người ký.'],
} as const satisfies Record<string, readonly [string, string]>

type Writable = (cell: ExcelJS.Cell, prompt: readonly [string, string]) => void

/** Unlocks a text a unit writes, with an input message on the blank form. */
function writable(prompts: boolean): Writable {
  return (cell, [title, text]) => {
    cell.protection = { locked: false }
    if (!prompts) return
    cell.dataValidation = {
      type: 'textLength',
      operator: 'lessThanOrEqual',
      formulae: [500],
      allowBlank: true,
      showInputMessage: true,
      promptTitle: title,
      prompt: text,
    }
  }
}

/** The issuer's short rule: a third to a half of the line above it (Nghị định 30/2020). */
const SHORT_RULE = '\u2500'.repeat(14)

/** Room for a signature and a seal on paper: about 3 cm (85 points). */
const SIGNATURE_ROOM_PT = 85

/** A4 landscape's width inside the figures sheet's margins, in points. */
const PRINTABLE_WIDTH_PT = 842 - (0.5 + 0.4) * 72

/**
 * The scale at which a sheet of these column widths prints fit to the page's width: a column of
 * width w is w × 7 + 5 pixels, 0.75 point each.
 */
export function fitScale(pack: TemplatePack): number {
  const width = pack.columns.reduce((sum, c) => sum + (c.width * 7 + 5) * 0.75, 0)
  return Math.min(1, PRINTABLE_WIDTH_PT / width)
}

/**
 * Paints the signature block from `row` on: the preparer on the left and the signer on the right,
 * each with its title and note, room for a signature and seal (at the printed scale), and the names
 * (unlocked, for a unit to write); then the `Nơi nhận` lines. Returns the block's last row.
 */
function paintSignature(
  ws: ExcelJS.Worksheet,
  row: number,
  { left, right }: { left: Side; right: Side },
  sig: SignatureBlock,
  scale: number,
  write: Writable,
): number {
  const titles = sig.signer.titles.length > 0 ? sig.signer.titles : ['']
  putMerged(ws, row, left, sig.preparer.title, font(13, { bold: true }))
  putMerged(ws, row + 1, left, sig.preparer.note, font(13, { italic: true }))
  titles.forEach((t, i) => putMerged(ws, row + i, right, t, font(13, { bold: true })))
  const noteRow = row + titles.length
  putMerged(ws, noteRow, right, sig.signer.note, font(13, { italic: true }))
  const room = Math.max(noteRow, row + 1) + 1
  ws.getRow(room).height = Math.min(409, Math.round(SIGNATURE_ROOM_PT / scale))
  const names = room + 1
  write(putMerged(ws, names, left, sig.preparer.name ?? '', font(13, { bold: true })), PROMPTS.preparer)
  write(putMerged(ws, names, right, sig.signer.name ?? '', font(13, { bold: true })), PROMPTS.signer)
  for (let r = row; r <= names; r++) if (r !== room) ws.getRow(r).height = 18
  const recipients = sig.recipients ?? []
  if (recipients.length === 0) return names
  const first = names + 2
  const heading = putMerged(ws, first, left, 'Nơi nhận:', font(12, { bold: true, italic: true }))
  heading.alignment = { horizontal: 'left', vertical: 'middle' }
  recipients.forEach((line, i) => {
    const cell = putMerged(ws, first + 1 + i, left, line, font(11))
    cell.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true }
  })
  return first + recipients.length
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

  // Header block (Nghị định 30/2020): governing body, bold issuer, its short rule, number | motto, date.
  const write = writable(content.prompts === true)
  write(putMerged(ws, 1, left, header.governingBody ?? '', font(13)), PROMPTS.governingBody)
  write(putMerged(ws, 2, left, header.issuer, font(13, { bold: true })), PROMPTS.issuer)
  putMerged(ws, 3, left, SHORT_RULE, font(8))
  write(putMerged(ws, 4, left, header.numberLine, font(13)), PROMPTS.number)
  putMerged(ws, 1, right, h.nation, font(12, { bold: true }))
  putMerged(ws, 2, right, h.motto, font(13, { bold: true, underline: true }))
  write(putMerged(ws, 4, right, header.dateLine, font(13, { italic: true })), PROMPTS.date)
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
  } else if (header.note) putMerged(ws, L.alertRow, all, header.note, font(12, { italic: true }))
  for (let r = 1; r <= L.alertRow; r++) ws.getRow(r).height = r === L.titleRow ? 24 : r === 3 ? 9 : 18

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
          // a section's code is the pack's own key: the form prints none (its STT says I, II, …)
          if (!isSection) cell.value = ind.code
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
          cell.numFmt = c.role === 'computed' ? COMPARE_FORMAT : numberFormatOf(cellKind(ind, c))
          cell.alignment = { horizontal: 'right', vertical: 'middle' }
          const v = content.value?.(ind.code, c.key)
          if (typeof v === 'number' && Number.isFinite(v)) cell.value = v
        }
      }
      if (isSection) cell.fill = solidFill(SECTION_FILL)
    })
    const unitCol = pack.columns.find((c) => c.role === 'unit')
    row.height = Math.max(
      labelCol ? proseHeight(labelText, labelCol.width - 1 - depthOf(pack, ind)) : 15,
      unitCol ? proseHeight(ind.unit, unitCol.width - 1) : 15,
    )
  }

  const lastRow = paintSignature(ws, L.signatureRow, sides(pack), content.signature, fitScale(pack), write)
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
    printArea: `A1:${columnLetter(L.columnCount - 1)}${lastRow}`,
  }
  ws.headerFooter = { oddFooter: PAGE_FOOTER, evenFooter: PAGE_FOOTER }
}
