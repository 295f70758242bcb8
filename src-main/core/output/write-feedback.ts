// Builds the copy of a unit's own workbook that goes back to it: every problem cell highlighted and
// commented in Vietnamese, and a first sheet `Loi can sua` listing them all, so the unit can fix its
// file without reading Sheaf's screens. An .xlsx keeps what it had; other formats are rebuilt.
import ExcelJS from 'exceljs'
import type { Problem } from '../../shared/problem'
import type { TemplatePack } from '../template/pack'
import { isValueRole } from '../template/pack'
import { locateTable } from '../submission/locate-table'
import { a1, parseA1 } from '../workbook/address'
import { figuresLayout, paintFiguresSheet } from './form-sheet'
import { cellText, type Grid, type GridSheet, type WorkbookFormat } from '../workbook/grid'
import {
  FONT_NAME,
  newWorkbook,
  printAsList,
  proseHeight,
  safeText,
  setColumnWidth,
  setText,
  solidFill,
  toBytes,
  writeTable,
} from './excel-util'

export const FEEDBACK_SHEET = 'Loi can sua'
export const ERROR_FILL = 'FFFFC7CE'
export const WARNING_FILL = 'FFFFEB9C'

export type FeedbackInput = Readonly<{
  bytes: Uint8Array
  format: WorkbookFormat
  grid: Grid
  problems: readonly Problem[]
  unitName: string | null
  fileName: string
  /** the form's label of each column key (`columnLabels`): the list names columns as the form does */
  columnLabels?: Readonly<Record<string, string>>
  /** the form: a file that is not an .xlsx comes back in its official layout (fonts, borders, widths) */
  pack?: TemplatePack
}>

/** Where a problem is marked in the copy: its sheet and cell there, or nowhere. */
type PlaceOf = (p: Problem) => Readonly<{ sheet: string; cell: string }> | undefined

export async function writeFeedback(input: FeedbackInput): Promise<Uint8Array> {
  if (input.format === 'xlsx' || input.format === 'xlsm') {
    try {
      const wb = new ExcelJS.Workbook()
      // ExcelJS hands the bytes to JSZip, which takes a Uint8Array as it is (its types say Buffer)
      await wb.xlsx.load(input.bytes as unknown as ExcelJS.Buffer)
      const old = wb.getWorksheet(FEEDBACK_SHEET)
      if (old) wb.removeWorksheet(old.id)
      if (wb.worksheets.length === 0) throw new Error('no worksheet loaded')
      keepCachedValues(wb)
      return await finish(
        wb,
        input,
        placeAsIs((name) => name),
      )
    } catch {
      // ExcelJS cannot load or write every .xlsx (odd writers, shared formulas): rebuild from the grid.
    }
  }
  const rebuilt =
    (input.pack && rebuildInForm(input.grid, input.pack, input.unitName)) || rebuildFromGrid(input.grid)
  return finish(rebuilt.wb, input, rebuilt.placeOf)
}

/**
 * The unit's own formulas and links become what they showed: a copy Sheaf writes never carries a
 * `WEBSERVICE`, a `HYPERLINK` or a link to another workbook that Excel would run or follow on opening.
 */
function keepCachedValues(wb: ExcelJS.Workbook): void {
  for (const ws of wb.worksheets)
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        const v = cell.value
        if (v === null || typeof v !== 'object' || v instanceof Date) return
        if ('formula' in v || 'sharedFormula' in v) {
          // a number, text, truth value, date or error as last shown; nothing when none was kept
          const result = (v as { result?: ExcelJS.CellValue }).result ?? null
          const plain =
            result === null || typeof result !== 'object' || result instanceof Date || 'error' in result
          cell.value = plain ? result : null
        } else if ('hyperlink' in v) cell.value = (v as ExcelJS.CellHyperlinkValue).text
      }),
    )
}

/**
 * The feedback for a file that could not be read (S01): no copy to mark up, only the list sheet,
 * which says why and asks the unit to send the file again.
 */
export async function writeFeedbackNote(
  input: Omit<FeedbackInput, 'bytes' | 'format' | 'grid'>,
): Promise<Uint8Array> {
  const wb = newWorkbook()
  const ws = wb.addWorksheet(FEEDBACK_SHEET, { properties: { tabColor: { argb: 'FFC00000' } } })
  writeProblemList(ws, input)
  return toBytes(wb)
}

async function finish(wb: ExcelJS.Workbook, input: FeedbackInput, placeOf: PlaceOf): Promise<Uint8Array> {
  markProblems(wb, input.problems, placeOf)
  // ExcelJS orders sheets by `orderNo` (not in its typings); below every other puts the list first.
  type Ordered = { orderNo: number }
  const first = Math.min(...wb.worksheets.map((w) => (w as unknown as Ordered).orderNo))
  const ws = wb.addWorksheet(FEEDBACK_SHEET, { properties: { tabColor: { argb: 'FFC00000' } } })
  ;(ws as unknown as Ordered).orderNo = first - 1
  writeProblemList(ws, input, placeOf)
  wb.views = [{ activeTab: 0, firstSheet: 0, visibility: 'visible', x: 0, y: 0, width: 20000, height: 12000 }]
  for (const w of wb.worksheets) {
    // only the list is selected, or Excel opens with several tabs grouped
    w.views = (w.views?.length ? w.views : [{}]).map((v) => ({ ...v, tabSelected: w === ws }))
  }
  return toBytes(wb)
}

function severityLabel(p: Problem): string {
  return p.severity === 'error' ? 'Lỗi' : 'Cảnh báo'
}

function markProblems(wb: ExcelJS.Workbook, problems: readonly Problem[], placeOf: PlaceOf): void {
  const byCell = new Map<string, { sheet: string; cell: string; list: Problem[] }>()
  for (const p of problems) {
    const at = placeOf(p)
    if (!at) continue
    const { sheet, cell } = at
    const key = `${sheet}\u0000${cell}`
    const entry = byCell.get(key) ?? { sheet, cell, list: [] }
    entry.list.push(p)
    byCell.set(key, entry)
  }
  for (const { sheet, cell, list } of byCell.values()) {
    const ws = wb.getWorksheet(sheet)
    if (!ws) continue
    let target = ws.getCell(cell)
    if (target.isMerged) target = target.master
    const anyError = list.some((p) => p.severity === 'error')
    target.style = { ...target.style, fill: solidFill(anyError ? ERROR_FILL : WARNING_FILL) }
    const text = safeText(list.map((p) => `${severityLabel(p)} ${p.rule}: ${p.message.vi}`).join('\n'))
    const previous = noteText(target.note)
    target.note = previous ? `${text}\n\n${previous}` : text
  }
}

/** A problem's place in a copy whose sheets are the file's, renamed by `nameOf`, cells unmoved. */
function placeAsIs(nameOf: (original: string) => string | undefined): PlaceOf {
  return (p) => {
    if (!p.sheet || !p.cell || !parseA1(p.cell)) return undefined
    const sheet = nameOf(p.sheet)
    return sheet === undefined ? undefined : { sheet, cell: p.cell.toUpperCase().replace(/\$/g, '') }
  }
}

function noteText(note: ExcelJS.Cell['note'] | undefined): string {
  if (!note) return ''
  if (typeof note === 'string') return note
  return (note.texts ?? []).map((t) => t.text).join('')
}

/** The form's label of each column key: `Kỳ báo cáo - Nữ (4)`. */
export function columnLabels(pack: TemplatePack): Record<string, string> {
  return Object.fromEntries(pack.columns.map((c) => [c.key, `${c.header.join(' - ')} (${c.index})`]))
}

/** What the unit must do, first: send again a file that could not be used, else fix and resend. */
function whatToDo(
  input: Pick<FeedbackInput, 'problems' | 'unitName'>,
  errors: number,
  warnings: number,
): string {
  const first = (rule: string) => input.problems.find((p) => p.rule === rule)
  const said = (p: Problem) => p.message.vi.replace(/[.\s]+$/, '')
  const unreadable = first('S01')
  if (unreadable)
    return (
      `Tệp không đọc được nên chưa được tổng hợp: ${said(unreadable)}. ` +
      'Đề nghị đơn vị mở lại tệp, lưu thành tệp Excel (.xlsx) theo biểu mẫu, không đặt mật khẩu, rồi gửi lại.'
    )
  const noTable = first('S02')
  if (noTable)
    return `${said(noTable)}. Đề nghị đơn vị điền số liệu vào biểu mẫu đã gửi (không đổi các dòng, cột) rồi gửi lại.`
  const unknown = input.unitName === null ? first('S03') : undefined
  const resend = unknown
    ? `Không xác định được đơn vị gửi tệp (${said(unknown)}): đề nghị ghi đúng mã và tên đơn vị ở sheet thông tin rồi gửi lại. `
    : ''
  return (
    resend +
    `${errors} lỗi (phải sửa rồi gửi lại) và ${warnings} cảnh báo (cần kiểm tra lại). ` +
    'Ô có lỗi tô màu đỏ, ô có cảnh báo tô màu vàng; di chuột vào ô để xem ghi chú.'
  )
}

function writeProblemList(
  ws: ExcelJS.Worksheet,
  input: Omit<FeedbackInput, 'bytes' | 'format' | 'grid'>,
  placeOf?: PlaceOf,
): void {
  const { problems, columnLabels: labels } = input
  const columns = [
    { header: 'STT', width: 6, center: true },
    { header: 'Mã lỗi', width: 9, center: true },
    { header: 'Mức độ', width: 10, center: true },
    { header: 'Sheet', width: 14, wrap: true },
    { header: 'Ô', width: 7, center: true },
    { header: 'Mã chỉ tiêu', width: 12, center: true },
    { header: 'Cột', width: 18, wrap: true, prose: true },
    { header: 'Giá trị', width: 14, wrap: true },
    { header: 'Nội dung', width: 70, wrap: true, prose: true },
  ]
  const sorted = [...problems].sort((a, b) => Number(a.severity !== 'error') - Number(b.severity !== 'error'))
  const rows = sorted.map((p, i) => [
    i + 1,
    p.rule,
    severityLabel(p),
    (placeOf?.(p)?.sheet ?? p.sheet) || '',
    (placeOf?.(p)?.cell ?? p.cell) || '',
    p.indicator ?? '',
    p.column ? (labels?.[p.column] ?? p.column) : '',
    typeof p.value === 'number' ? p.value : p.value === null || p.value === undefined ? '' : String(p.value),
    p.message.vi,
  ])
  if (rows.length === 0) rows.push(['', '', '', '', '', '', '', '', 'Không có lỗi.'])
  const errors = problems.filter((p) => p.severity === 'error').length
  const warnings = problems.length - errors
  const line = (r: number, text: string, font: Partial<ExcelJS.Font>): void => {
    ws.mergeCells(r, 1, r, columns.length)
    const cell = ws.getCell(r, 1)
    setText(cell, text)
    cell.font = font
    cell.alignment = { vertical: 'middle', wrapText: true }
  }
  const unit = input.unitName ?? 'đơn vị chưa xác định'
  line(1, `DANH SÁCH LỖI CẦN SỬA: ${unit} - tệp ${input.fileName}`, {
    name: FONT_NAME,
    size: 13,
    bold: true,
  })
  const todo = whatToDo(input, errors, warnings)
  line(2, todo, { name: FONT_NAME, size: 11, italic: true })
  ws.getRow(1).height = 36
  ws.getRow(2).height = Math.max(
    30,
    proseHeight(
      todo,
      columns.reduce((w, c) => w + c.width, 0),
    ),
  )
  writeTable(ws, 3, columns, rows)
  printAsList(ws, 3)
}

const ERROR_VALUES = new Set(['#N/A', '#REF!', '#NAME?', '#DIV/0!', '#NULL!', '#VALUE!', '#NUM!'])

/** A sheet name Excel accepts, unique in the workbook. */
function excelSheetName(name: string, taken: Set<string>): string {
  let base = safeText(name)
    .replace(/[[\]*?/\\:]/g, '_')
    .replace(/^'+|'+$/g, '')
    .slice(0, 31)
  if (!base || base.toLowerCase() === FEEDBACK_SHEET.toLowerCase()) base = base ? `${base} 1` : 'Sheet'
  let candidate = base
  for (let i = 2; taken.has(candidate.toLowerCase()); i++) candidate = `${base.slice(0, 27)} (${i})`
  taken.add(candidate.toLowerCase())
  return candidate
}

/** The unit's sheets, values and merges as an .xlsx; formulas are kept as their cached values only. */
function rebuildFromGrid(grid: Grid): {
  wb: ExcelJS.Workbook
  placeOf: PlaceOf
} {
  const wb = new ExcelJS.Workbook()
  wb.creator = 'Sheaf'
  const names = new Map<string, string>()
  const taken = new Set<string>([FEEDBACK_SHEET.toLowerCase()])
  for (const sheet of grid.sheets) {
    if (sheet.name === FEEDBACK_SHEET) continue
    const name = excelSheetName(sheet.name, taken)
    names.set(sheet.name, name)
    const ws = wb.addWorksheet(name, { state: sheet.hidden ? 'hidden' : 'visible' })
    copySheet(sheet, ws)
  }
  if (wb.worksheets.length === 0) wb.addWorksheet('Sheet1')
  return { wb, placeOf: placeAsIs((original) => names.get(original)) }
}

/**
 * A file that is not an .xlsx (an .ods, an .xls), rebuilt with its table in the form's official
 * layout (fonts, borders, widths, print setup), each figure's cell as the unit wrote it, value or
 * text, in its indicator's row and column; its other sheets as values. Null without a table.
 */
function rebuildInForm(
  grid: Grid,
  pack: TemplatePack,
  unitName: string | null,
): { wb: ExcelJS.Workbook; placeOf: PlaceOf } | null {
  const table = locateTable(grid, pack)
  if (!table) return null
  const wb = newWorkbook()
  const names = new Map<string, string>()
  const taken = new Set<string>([FEEDBACK_SHEET.toLowerCase()])
  const L = figuresLayout(pack)
  const year = pack.manifest.years[0] ?? new Date().getFullYear()
  for (const sheet of grid.sheets) {
    if (sheet.name === FEEDBACK_SHEET) continue
    const name = excelSheetName(sheet.name, taken)
    names.set(sheet.name, name)
    const ws = wb.addWorksheet(name, { state: sheet.hidden ? 'hidden' : 'visible' })
    if (sheet !== table.sheet) {
      copySheet(sheet, ws)
      continue
    }
    const written = writtenAbove(sheet, table.headerRow)
    paintFiguresSheet(ws, pack, {
      header: {
        issuer: unitName ?? '',
        numberLine: written.numberLine ?? '',
        dateLine: written.dateLine ?? '',
        period: 'Y',
        year,
      },
      signature: {
        preparer: { title: pack.layout.header.signLeft, note: pack.layout.header.signLeftNote },
        signer: { titles: [pack.layout.header.signRight], note: pack.layout.header.signRightNote },
      },
    })
    // the title as the unit wrote it (its period and year), when it has one
    if (written.title) setText(ws.getCell(L.titleRow, 1), written.title)
    for (const [code, { row }] of table.rows)
      for (const [key, col] of table.columns) {
        const c = sheet.rows[row]?.[col]
        const role = pack.columnByKey.get(key)?.role
        if (!c || c.kind === 'blank' || !pack.byCode.has(code)) continue
        if (role === undefined || (!isValueRole(role) && role !== 'note')) continue
        const target = ws.getCell(L.rowOf(code), L.colOf(key))
        if (c.kind === 'number') target.value = c.value as number
        else setText(target, cellText(c))
      }
  }
  const figuresName = names.get(table.sheet.name) as string
  const asIs = placeAsIs((original) => names.get(original))
  return {
    wb,
    placeOf: (p) => {
      if (p.sheet !== table.sheet.name) return asIs(p)
      if (!p.indicator || !p.column || !pack.byCode.has(p.indicator) || !pack.columnByKey.has(p.column))
        return undefined
      return { sheet: figuresName, cell: a1(L.rowOf(p.indicator) - 1, L.colOf(p.column) - 1) }
    },
  }
}

/** The unit's own lines above its table: the report's title, its number ("Số: …") and its date line. */
function writtenAbove(
  sheet: GridSheet,
  headerRow: number,
): Readonly<{ title?: string; numberLine?: string; dateLine?: string }> {
  const texts = sheet.rows
    .slice(0, headerRow)
    .flatMap((r) => (r ?? []).map((c) => cellText(c).trim()))
    .filter((t) => t !== '')
  const title = texts.find((t) => /^BIỂU|^BÁO CÁO/iu.test(t))
  const numberLine = texts.find((t) => /^Số\s*:/iu.test(t))
  const dateLine = texts.find((t) => /ngày.*tháng.*năm/iu.test(t))
  return {
    ...(title !== undefined ? { title } : {}),
    ...(numberLine !== undefined ? { numberLine } : {}),
    ...(dateLine !== undefined ? { dateLine } : {}),
  }
}

function copySheet(sheet: GridSheet, ws: ExcelJS.Worksheet): void {
  const widths: number[] = []
  sheet.rows.forEach((row, r) => {
    row?.forEach((cell, c) => {
      if (!cell || cell.kind === 'blank') return
      const target = ws.getCell(r + 1, c + 1)
      const format = cell.format && cell.format !== 'General' ? cell.format : undefined
      switch (cell.kind) {
        case 'number':
          target.value = cell.value as number
          if (format) target.numFmt = format
          break
        case 'date':
          target.value = cell.value as number
          target.numFmt = format ?? 'dd/mm/yyyy'
          break
        case 'boolean':
          target.value = cell.value as boolean
          break
        case 'error': {
          const text = String(cell.value)
          if (ERROR_VALUES.has(text)) target.value = { error: text as ExcelJS.CellErrorValue['error'] }
          else setText(target, text)
          break
        }
        case 'text':
          setText(target, String(cell.value))
          break
      }
      const len = Math.min(60, cellText(cell).length)
      widths[c] = Math.max(widths[c] ?? 0, len)
    })
  })
  widths.forEach((w, c) => {
    if (w !== undefined) setColumnWidth(ws, c + 1, Math.max(8, Math.min(50, Math.round(w * 1.1 + 2))))
  })
  for (const m of sheet.merges) {
    if (m.r2 === m.r1 && m.c2 === m.c1) continue
    try {
      ws.mergeCells(m.r1 + 1, m.c1 + 1, m.r2 + 1, m.c2 + 1)
    } catch {
      // overlapping merges from an odd writer: keep the values, drop the merge
    }
  }
}
