// Generates the blank form the province sends to every unit, from the template pack alone: the
// metadata sheet, the protected figures sheet with validation on the cells a unit fills, and the guide.
import type ExcelJS from 'exceljs'
import type { PeriodKind } from '../../shared/period'
import {
  cellKind,
  columnApplies,
  columnName,
  isDataRow,
  TERRITORIAL,
  type ColumnDef,
  type Indicator,
  type TemplatePack,
} from '../template/pack'
import {
  ALL_THIN,
  FONT_NAME,
  newWorkbook,
  PAGE_FOOTER,
  setText,
  solidFill,
  tableFont,
  toBytes,
  wrappedHeight,
} from './excel-util'
import { figuresLayout, paintFiguresSheet } from './form-sheet'
import { packForPeriod } from '../template/pack-for-period'
import { defaultPeriodKind } from '../template/pack-periods'

export type BlankFormOptions = Readonly<{ period?: PeriodKind; year?: number }>

export async function writeBlankForm(
  form: TemplatePack,
  options: BlankFormOptions = {},
): Promise<Uint8Array> {
  const year = options.year ?? form.manifest.years[0] ?? new Date().getFullYear()
  const period = options.period ?? defaultPeriodKind(form)
  // the columns of that period only (a column of the annual form alone is not in a quarter's form)
  const pack = packForPeriod(form, period)
  const wb = newWorkbook()
  writeInfoSheet(wb.addWorksheet(pack.layout.sheets.info), pack, year, options.period)
  const ws = wb.addWorksheet(pack.layout.sheets.figures)
  paintFiguresSheet(ws, pack, {
    header: {
      governingBody: '',
      issuer: pack.layout.header.unitIssuer,
      numberLine: pack.layout.header.unitNumber,
      dateLine: `…………, ngày …… tháng …… năm ${year}`,
      period,
      year,
    },
    signature: {
      preparer: { title: pack.layout.header.signLeft, note: pack.layout.header.signLeftNote },
      signer: { titles: [pack.layout.header.signRight], note: pack.layout.header.signRightNote },
    },
    prompts: true,
  })
  await protectFigures(ws, pack)
  writeGuideSheet(wb.addWorksheet(pack.layout.sheets.guide), pack)
  wb.views = [{ activeTab: 1, firstSheet: 0, visibility: 'visible', x: 0, y: 0, width: 20000, height: 12000 }]
  return toBytes(wb)
}

function writeInfoSheet(ws: ExcelJS.Worksheet, pack: TemplatePack, year: number, period?: PeriodKind): void {
  ws.getColumn(1).width = 26
  ws.getColumn(2).width = 44
  const periodLabels = pack.layout.periods.map((p) => p.label)
  pack.layout.info.forEach((item, i) => {
    const r = i + 1
    const label = ws.getCell(r, 1)
    setText(label, item.label)
    label.font = tableFont({ bold: true })
    label.border = ALL_THIN
    label.fill = solidFill('FFF2F2F2')
    const value = ws.getCell(r, 2)
    value.font = tableFont()
    value.border = ALL_THIN
    value.numFmt = '@'
    switch (item.key) {
      case 'templateVersion':
        setText(value, pack.manifest.version)
        break
      case 'year':
        setText(value, String(year))
        break
      case 'period':
        if (period) setText(value, pack.layout.periods.find((p) => p.key === period)?.label)
        value.dataValidation = {
          type: 'list',
          allowBlank: true,
          formulae: [`"${periodLabels.join(',')}"`],
        }
        break
      case 'reportDate':
        value.numFmt = 'dd/mm/yyyy'
        value.dataValidation = {
          type: 'date',
          operator: 'greaterThan',
          allowBlank: true,
          formulae: [new Date(Date.UTC(2000, 0, 1))],
          showErrorMessage: true,
          errorTitle: 'Ngày không hợp lệ',
          error: 'Ghi ngày theo dạng dd/mm/yyyy.',
        }
        break
    }
  })
}

/**
 * The validation of a figure cell: a number check Excel makes on the number it parsed (with the
 * computer's own separators), never on the text typed, so it works whatever the language of Excel;
 * the input message says what to type. None on a note or a text cell.
 */
function validationOf(pack: TemplatePack, ind: Indicator, col: ColumnDef): ExcelJS.DataValidation | null {
  if (col.role === 'note') return null
  const kind = cellKind(ind, col)
  const base = {
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: 'stop' as const,
    showInputMessage: true,
    promptTitle: 'Nhập số',
    prompt: promptOf(pack, ind, col),
  }
  const notNegative = {
    ...base,
    type: 'decimal' as const,
    operator: 'greaterThanOrEqual' as const,
    formulae: [0],
    errorTitle: 'Số không hợp lệ',
    error: 'Ghi một số không âm. Để trống nếu không có số liệu.',
  }
  if (col.computed) return { ...notNegative, error: 'Ghi một số không âm.' }
  switch (kind) {
    case 'count':
      return {
        ...base,
        type: 'whole',
        operator: 'greaterThanOrEqual',
        formulae: [0],
        errorTitle: 'Số không hợp lệ',
        error: 'Ghi một số nguyên không âm (0, 1, 2, …). Để trống nếu không có số liệu.',
      }
    case 'money':
    case 'decimal':
    case 'permille':
    case 'ratio':
      return notNegative
    case 'rate': {
      const max = col.kind === null ? ind.bounds.max : 100
      if (max === null) return notNegative
      return {
        ...base,
        type: 'decimal',
        operator: 'between',
        formulae: [0, max],
        errorTitle: 'Tỷ lệ không hợp lệ',
        error: `Tỷ lệ (%) là một số từ 0 đến ${String(max).replace('.', ',')}.`,
      }
    }
    case 'text':
    case 'section':
      return null
  }
}

function promptOf(pack: TemplatePack, ind: Indicator, col: ColumnDef): string {
  const blank = 'Để trống nếu không có số liệu, ghi 0 nếu bằng 0.'
  if (col.computed) {
    const { num, den, scale } = col.computed
    return `${columnName(pack, num).vi} / ${columnName(pack, den).vi} x ${scale}. ${blank}`
  }
  switch (cellKind(ind, col)) {
    case 'count':
      return `Số nguyên, không âm, chỉ gõ chữ số (ví dụ 1234). ${blank}`
    case 'rate': {
      const max = col.kind === null ? ind.bounds.max : 100
      return max === null
        ? `Tỷ lệ, số không âm. ${blank}`
        : `Tỷ lệ phần trăm, từ 0 đến ${String(max).replace('.', ',')}. ${blank}`
    }
    default:
      return `Số không âm, chỉ gõ chữ số và dấu thập phân nếu có. ${blank}`
  }
}

/** Everything is locked except the cells a unit fills; those carry validation by the row's kind. */
async function protectFigures(ws: ExcelJS.Worksheet, pack: TemplatePack): Promise<void> {
  const L = figuresLayout(pack)
  for (const ind of pack.indicators) {
    if (!isDataRow(ind)) continue
    const r = L.rowOf(ind.code)
    for (const c of pack.columns) {
      if (c.role === 'stt' || c.role === 'code' || c.role === 'label' || c.role === 'unit') continue
      if (!columnApplies(pack, ind, c.key)) continue
      const cell = ws.getCell(r, L.colOf(c.key))
      cell.protection = { locked: false }
      const dv = validationOf(pack, ind, c)
      if (dv) cell.dataValidation = dv
    }
  }
  await ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
  })
}

function writeGuideSheet(ws: ExcelJS.Worksheet, pack: TemplatePack): void {
  const widths = [8, 13, 70, 14]
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w))
  const textWidth = widths.reduce((a, b) => a + b, 0)
  let r = 1
  const line = (text: string, f: Partial<ExcelJS.Font>): void => {
    ws.mergeCells(r, 1, r, widths.length)
    const cell = ws.getCell(r, 1)
    setText(cell, text)
    cell.font = f
    cell.alignment = { vertical: 'top', wrapText: true }
    ws.getRow(r).height = wrappedHeight(text, textWidth, 17)
    r++
  }
  pack.layout.guide.forEach((text, i) =>
    line(text, { name: FONT_NAME, size: i === 0 ? 14 : 12, bold: i === 0 }),
  )
  r++

  line('Ý NGHĨA CÁC CỘT CỦA BIỂU', { name: FONT_NAME, size: 12, bold: true })
  for (const c of pack.columns) line(`Cột ${c.index}: ${c.header.join(' - ')}`, { name: FONT_NAME, size: 12 })
  r++

  line('CHỈ TIÊU DO TỪNG ĐƠN VỊ ĐIỀN', { name: FONT_NAME, size: 12, bold: true })
  const byOwner = new Map<string, Indicator[]>()
  for (const ind of pack.indicators) {
    if (!isDataRow(ind) || !ind.owner) continue
    const list = byOwner.get(ind.owner) ?? []
    list.push(ind)
    byOwner.set(ind.owner, list)
  }
  const owners = [
    ...Object.keys(pack.layout.owners),
    ...[...byOwner.keys()].filter((k) => !(k in pack.layout.owners)),
  ]
  for (const owner of owners) {
    const list = byOwner.get(owner)
    if (!list || list.length === 0) continue
    const name = pack.layout.owners[owner]?.vi ?? owner
    const who = owner === TERRITORIAL ? name : `${name} (${owner})`
    r++
    line(`${who}: ${list.length} chỉ tiêu`, { name: FONT_NAME, size: 12, bold: true, underline: true })
    for (const [k, text] of ['STT', 'Mã chỉ tiêu', 'Nội dung chỉ tiêu', 'Đơn vị tính'].entries()) {
      const cell = ws.getCell(r, k + 1)
      setText(cell, text)
      cell.font = tableFont({ bold: true })
      cell.border = ALL_THIN
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
      cell.fill = solidFill('FFF2F2F2')
    }
    r++
    for (const ind of list) {
      const values = [ind.stt, ind.code, ind.label, ind.unit]
      values.forEach((v, k) => {
        const cell = ws.getCell(r, k + 1)
        setText(cell, v)
        cell.numFmt = '@'
        cell.font = tableFont()
        cell.border = ALL_THIN
        cell.alignment = { vertical: 'top', wrapText: true, horizontal: k === 2 ? 'left' : 'center' }
      })
      ws.getRow(r).height = wrappedHeight(ind.label, widths[2]!)
      r++
    }
  }
  ws.pageSetup = {
    paperSize: 9,
    orientation: 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.6, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  }
  ws.headerFooter = { oddFooter: PAGE_FOOTER, evenFooter: PAGE_FOOTER }
}
