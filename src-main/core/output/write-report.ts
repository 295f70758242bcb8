// Builds the province's report for the ministry: the official figures sheet filled with the merged
// figures, plus the breakdown by unit, the source of every figure and the checks, so that the person
// who signs it can trace each number. `verifyReport` re-reads the bytes to prove the figures landed.
import * as XLSX from '@e965/xlsx'
import { cellAt, type GridCell, type GridSheet } from '../workbook/grid'
import { DEFAULT_READ_LIMITS, readWorkbook } from '../workbook/read-workbook'
import { PORTABLE_READ_CONTEXT, type ReadContext } from '../workbook/read-context'
import type ExcelJS from 'exceljs'
import { periodParts } from '../../shared/period'
import type { Consolidation, Contribution, FiguresByColumn } from '../merge/consolidation'
import {
  columnApplies,
  isAdditive,
  isDataRow,
  isValueRole,
  TERRITORIAL,
  type TemplatePack,
} from '../template/pack'
import type { Problem } from '../../shared/problem'
import { fillsWholeForm, type Unit } from '../units/unit'
import {
  finalNote,
  missingLabel,
  missingSummary,
  provisionalLine,
  type MissingUnit,
  type LateUnit,
  type UnidentifiedFile,
} from './missing-units'
import { dateLine, issuerFullName, numberLine, recipientLines, type ReportHeader } from './report-header'
import { a1 } from '../workbook/address'
import { nearlyEqual } from '../../shared/nearly-equal'
import {
  baseName,
  FONT_NAME,
  newWorkbook,
  preloadExcel,
  tableRowHeight,
  type TableColumn,
  toBytes,
} from './excel-util'
import { figuresLayout, formTitle, numberFormatOf, paintFiguresSheet } from './form-sheet'
import type { ZipFiles } from '../zip/zip-parts'
import { appendRows, keepOnlySheet } from './append-rows'
import { sourceRows, unitKeyFigures, unitSourceRows, type RowHeight } from './source-rows'
import type { ColumnFill } from './fill-columns'
import { packForPeriod } from '../template/pack-for-period'
import {
  finishTable,
  tableTitle,
  writeFilledTable,
  writeListSheet,
  type ListMode,
  type ListSheet,
} from './list-sheet'

export const DETAIL_SHEET = 'Chi tiet theo don vi'
export const SOURCES_SHEET = 'Nguon so lieu'
export const CHECKS_SHEET = 'Kiem tra'

export type { ReportHeader }

export type ReportInput = Readonly<{
  pack: TemplatePack
  consolidation: Consolidation
  units: readonly Unit[]
  header: ReportHeader
  /** why each missing unit is missing (the season's unit states); by default, only that it is */
  missing?: readonly MissingUnit[]
  /** files whose unit could not be identified */
  unidentified?: readonly UnidentifiedFile[]
  /** units whose counted report came after the deadline */
  late?: readonly LateUnit[]
  /** packs the finished workbook's parts; by default fflate, which the core can run anywhere */
  zip?: ZipFiles
  /**
   * how the lists' rows are written: as bytes copying the first row's styles (the default, for a
   * country's 10^5 rows), or every cell by ExcelJS (the reference the tests compare them with)
   */
  lists?: ListMode
}>

/** The missing units in the consolidation's order, each with its state when the season gave it. */
function missingUnits(input: ReportInput): MissingUnit[] {
  const known = new Map((input.missing ?? []).map((u) => [u.code, u]))
  return input.consolidation.missing.map((code) => known.get(code) ?? { code, state: null, detail: '' })
}

/** The units the report expects: the active ones of the list. */
function expectedCount(input: ReportInput): number {
  return input.units.filter((u) => u.active !== false).length
}

function cellValue(row: FiguresByColumn | undefined, key: string): number | null {
  const v = row?.[key]
  return typeof v === 'number' && Number.isFinite(v) ? v : null
}

/**
 * Loads the libraries the report needs (ExcelJS to write it, SheetJS to check it) now rather than when
 * the report is written: a bundle loads them on first use, and a caller with idle time before the
 * report (the read workers starting up) can take the wait there.
 */
export function loadReportLibraries(): void {
  void XLSX.read
  preloadExcel()
}

export async function writeReport(input: ReportInput): Promise<Uint8Array> {
  const { consolidation: c, header } = input
  // the columns of the consolidated period (one the form has only in other periods is left out)
  const pack = packForPeriod(input.pack, c.period)
  const { year, kind } = periodParts(c.period)
  const missing = missingUnits(input)
  const wb = newWorkbook()
  const ws = wb.addWorksheet(pack.layout.sheets.figures)
  paintFiguresSheet(ws, pack, {
    header: {
      governingBody: header.governingBody,
      issuer: header.issuer,
      numberLine: numberLine(header.number, pack.manifest.report.numberSuffix),
      dateLine: dateLine(header.place, header.date),
      period: kind,
      year,
      ...(c.provisional
        ? { alert: provisionalLine(missing) }
        : missing.length > 0
          ? { note: finalNote(missing, expectedCount(input), CHECKS_SHEET) }
          : {}),
    },
    signature: {
      preparer: {
        title: pack.layout.header.signLeft,
        note: pack.layout.header.signLeftNote,
        name: header.preparer,
      },
      signer: { titles: header.signerTitle, note: '', name: header.signer },
      recipients: recipientLines(header.recipients),
    },
    value: (code, key) => cellValue(c.totals[code], key),
  })
  const title = `${formTitle(pack, kind, year)} - ${issuerFullName(header)}`
  const mode = input.lists ?? 'bytes'
  const detail = writeDetailSheet(wb.addWorksheet(DETAIL_SHEET), input, title, mode)
  const sources = writeListSheet(wb.addWorksheet(SOURCES_SHEET), sourcesList(input, title), mode)
  const checks = writeListSheet(wb.addWorksheet(CHECKS_SHEET), checksList(input, missing, title), mode)
  return appendRows(
    await toBytes(wb, { stored: true }),
    [
      ...(sources ? [{ sheetName: SOURCES_SHEET, ...sources }] : []),
      ...(checks ? [{ sheetName: CHECKS_SHEET, ...checks }] : []),
    ],
    input.zip,
    detail ? [detail] : [],
  )
}

function unitNamer(units: readonly Unit[]): (code: string) => string {
  const byCode = new Map(units.map((u) => [u.code, u.name]))
  return (code) => byCode.get(code) ?? ''
}

function columnTitle(pack: TemplatePack, key: string): string {
  const col = pack.columnByKey.get(key)
  return col ? `${col.header.join(' - ')} (${col.index})` : key
}

function totalKey(pack: TemplatePack): string {
  return pack.totalKey ?? pack.dataColumnKeys[0] ?? 'total'
}

/** The breakdown's column of the first unit (0-based): STT, code, label, unit and owner come before. */
const FIRST_UNIT = 5

/** The words of the report's own level: a province's, or the country's when its units are provinces. */
type LevelWords = Readonly<{ whole: string; figure: string; from: string; provinces: boolean }>

function levelWords(units: readonly Unit[]): LevelWords {
  return units.some(fillsWholeForm)
    ? { whole: 'Toàn quốc', figure: 'Số liệu toàn quốc', from: 'Số liệu toàn quốc lấy từ', provinces: true }
    : { whole: 'Toàn tỉnh', figure: 'Số liệu toàn tỉnh', from: 'Số liệu tỉnh lấy từ', provinces: false }
}

function writeDetailSheet(
  ws: ExcelJS.Worksheet,
  input: ReportInput,
  title: string,
  mode: ListMode,
): ColumnFill | null {
  const { pack, consolidation: c, units } = input
  const key = totalKey(pack)
  const order = new Map(units.map((u, i) => [u.code, i]))
  const contributing = [...c.units].sort(
    (a, b) => (order.get(a.unit) ?? Infinity) - (order.get(b.unit) ?? Infinity),
  )
  const nameOf = unitNamer(units)
  const level = levelWords(units)
  const columns = [
    { header: 'STT', width: 6, center: true },
    { header: 'Mã chỉ tiêu', width: 10, center: true },
    { header: 'Nội dung chỉ tiêu', width: 38, wrap: true, prose: true },
    { header: 'Đơn vị tính', width: 10, wrap: true, prose: true },
    { header: level.from, width: 16, wrap: true, prose: true },
    ...contributing.map((u) => ({
      header: nameOf(u.unit) ? `${nameOf(u.unit)} (${u.unit})` : u.unit,
      width: 11,
      wrap: true,
      prose: true,
    })),
    { header: level.whole, width: 13 },
  ]
  // each unit's `key` figure by indicator, one array per indicator (a country has 3,000 units)
  const keyFigures = new Map<string, Float64Array>()
  contributing.forEach((u, j) => {
    for (const [indicator, value] of unitKeyFigures(u.sources, key)) {
      let column = keyFigures.get(indicator)
      if (!column) keyFigures.set(indicator, (column = new Float64Array(contributing.length).fill(NaN)))
      column[j] = value
    }
  })
  const rows = pack.indicators.map((ind) => {
    if (!isDataRow(ind)) return [ind.stt, '', ind.label]
    const figures = keyFigures.get(ind.code)
    // at the ministry every row that adds up comes from the provinces; the others stay blank
    const owner = level.provinces
      ? isAdditive(ind)
        ? 'Tỉnh, thành phố'
        : ''
      : ind.owner
        ? (pack.layout.owners[ind.owner]?.vi ?? ind.owner)
        : ''
    // thousands of units' figures: pushed in place, not spread from a mapped copy
    const row: (string | number | null)[] = [ind.stt, ind.code, ind.label, ind.unit, owner]
    for (let j = 0; j < contributing.length; j++) {
      const v = figures?.[j]
      row.push(v !== undefined && Number.isFinite(v) ? v : null)
    }
    row.push(cellValue(c.totals[ind.code], key))
    return row
  })
  const heading = `${title}: ${columnTitle(pack, key)} theo đơn vị`
  // merged over the columns it needs, not over thousands of units
  let span = 0
  for (let width = 0; span < columns.length && width < heading.length * 1.2; span++)
    width += (columns[span] as TableColumn).width
  tableTitle(ws, heading, span)
  // ExcelJS writes every row with its first unit's cell and its total, styled by the row's kind; the
  // other units' cells are filled in like the first unit's of their row (in bytes: a country has
  // thousands of units, styled cell by cell they would take seconds)
  const shown = contributing.length
  const fill =
    shown < 2
      ? null
      : {
          from: FIRST_UNIT + 1,
          count: shown - 1,
          styleFrom: FIRST_UNIT,
          // the header names the units; the units' cells hold numbers or blanks
          headers: columns.slice(FIRST_UNIT + 1, FIRST_UNIT + shown).map((c) => c.header),
          values: (i: number) =>
            rows[i]?.slice(FIRST_UNIT + 1, FIRST_UNIT + shown) as (number | null)[] | undefined,
        }
  const filled = writeFilledTable(ws, DETAIL_SHEET, columns, rows, fill, mode, (row, i, isFilled) => {
    const ind = pack.indicators[i]!
    if (!isDataRow(ind)) {
      for (let col = 1; col <= columns.length; col++)
        if (!isFilled(col - 1)) row.getCell(col).font = { name: FONT_NAME, size: 11, bold: true }
      return
    }
    for (let col = FIRST_UNIT + 1; col <= columns.length; col++) {
      if (isFilled(col - 1)) continue
      const cell = row.getCell(col)
      cell.numFmt = numberFormatOf(ind.kind)
      cell.alignment = { horizontal: 'right', vertical: 'top' }
    }
    row.getCell(columns.length).font = { name: FONT_NAME, size: 11, bold: true }
  })
  // the indicator's STT, code and label stay in view; one page wide, thousands of units would print at
  // a few points: they are printed beside each group of units that a page holds at a readable size
  finishTable(ws, 3, { repeatColumns: 'A:C', scale: 80 })
  return filled
}

/** The sources sheet's columns; `keyTitle`: the column whose cell each row names. */
function sourceColumns(keyTitle: string): TableColumn[] {
  return [
    { header: 'STT', width: 6, center: true },
    { header: 'Mã chỉ tiêu', width: 10, center: true },
    { header: 'Nội dung chỉ tiêu', width: 30, wrap: true, prose: true },
    { header: 'Mã đơn vị', width: 8, center: true },
    { header: 'Tên đơn vị', width: 18, wrap: true, prose: true },
    { header: 'Tệp', width: 20, wrap: true },
    { header: 'Lần nộp', width: 6, center: true },
    { header: 'Sheet', width: 9 },
    { header: 'Dòng', width: 6, center: true },
    { header: `Ô ${keyTitle}`, width: 10, center: true },
    { header: 'Giá trị gốc', width: 11 },
    { header: 'Giá trị', width: 11, numFmt: '#,##0.###' },
    { header: 'Các ô của dòng', width: 30, wrap: true },
    { header: 'Ghi chú chuyển đổi', width: 24, wrap: true, prose: true },
  ]
}

// the columns after STT, which is a number: a row's height depends on those texts and widths only
const SOURCE_TEXT_COLUMNS = sourceColumns('').slice(1)

/** The height of a sources row from its values after STT. */
const sourceRowHeight: RowHeight = (values) => tableRowHeight(SOURCE_TEXT_COLUMNS, values)

/**
 * Makes a unit's rows of the sources sheet ahead of the report, kept with its list of figures: a
 * report that merges the same list (and names the unit alike) takes them instead of making them.
 */
export function prepareUnitSources(
  pack: TemplatePack,
  sources: readonly Contribution[],
  unitName: string,
): void {
  unitSourceRows(pack, sources, unitName, totalKey(pack), sourceRowHeight)
}

/** The sources list: one row per indicator and contributing unit, where its row is, with its key cell. */
function sourcesList(input: ReportInput, title: string): ListSheet {
  const { pack, consolidation: c, units } = input
  const key = totalKey(pack)
  const sources = sourceRows(pack, c, units, key, sourceRowHeight)
  return {
    title: `${title}: nguồn của từng số liệu`,
    columns: sourceColumns(columnTitle(pack, key)),
    numbered: true,
    rows: {
      length: sources.length,
      values: sources.unitValues,
      height: sources.height,
      shared: sources.shared,
    },
  }
}

/** The check sheet's first column: what kind of check found a consolidation's problem. */
function checkKind(p: Problem, level: LevelWords): string {
  switch (p.rule) {
    case 'R01':
      return 'Chênh lệch sở/ngành - địa bàn (R01)'
    case 'R02':
      return `${level.figure} sai quan hệ giữa các dòng (R02: ${p.failedRule ?? ''})`
    default:
      return p.rule
  }
}

/** The checks list: the missing units, the unidentified files, the reasons given, the problems found. */
function checksList(input: ReportInput, missing: readonly MissingUnit[], title: string): ListSheet {
  const { pack, consolidation: c, units } = input
  const nameOf = unitNamer(units)
  const rows: (string | number | null)[][] = []
  for (const u of missing) {
    rows.push([
      missingLabel(u),
      u.code,
      nameOf(u.code),
      null,
      null,
      null,
      null,
      null,
      u.detail || 'Đơn vị chưa có báo cáo được chấp nhận',
    ])
  }
  for (const f of input.unidentified ?? []) {
    rows.push([
      'Tệp không rõ đơn vị',
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      `Tệp ${baseName(f.file)}: ${f.detail}`,
    ])
  }
  for (const u of input.late ?? [])
    rows.push(['Nộp sau hạn', u.code, nameOf(u.code), null, null, null, null, null, u.detail])
  for (const u of c.units) {
    if (u.acceptedWithReason === null) continue
    const version = u.version === null ? '' : ` (lần ${u.version})`
    rows.push([
      'Chấp nhận có lý do',
      u.unit,
      nameOf(u.unit),
      null,
      null,
      null,
      null,
      null,
      `Tệp ${baseName(u.fileName)}${version}: ${u.acceptedWithReason}`,
    ])
  }
  for (const p of c.problems) {
    const ind = p.indicator ? pack.byCode.get(p.indicator) : undefined
    const owner = ind?.owner && ind.owner !== TERRITORIAL ? ind.owner : null
    const ownerName = owner
      ? (pack.layout.owners[owner]?.vi ?? units.find((u) => u.dept === owner)?.name ?? '')
      : ''
    const col = p.column ?? totalKey(pack)
    rows.push([
      checkKind(p, levelWords(units)),
      owner,
      ownerName,
      p.indicator ?? null,
      ind?.label ?? null,
      p.column ? columnTitle(pack, p.column) : null,
      p.indicator ? cellValue(c.totals[p.indicator], col) : null,
      p.indicator ? cellValue(c.territorialSums[p.indicator], col) : null,
      p.message.vi,
    ])
  }
  if (rows.length === 0) rows.push(['', '', '', null, null, null, null, null, 'Không phát hiện vấn đề nào.'])
  const columns = [
    { header: 'Loại kiểm tra', width: 20, wrap: true, prose: true },
    { header: 'Mã đơn vị', width: 9, center: true },
    { header: 'Tên đơn vị', width: 22, wrap: true, prose: true },
    { header: 'Mã chỉ tiêu', width: 10, center: true },
    { header: 'Nội dung chỉ tiêu', width: 30, wrap: true, prose: true },
    { header: 'Cột', width: 14, wrap: true, prose: true },
    { header: levelWords(units).figure, width: 12, numFmt: '#,##0.###' },
    { header: 'Tổng của các xã, phường', width: 12, numFmt: '#,##0.###' },
    { header: 'Nội dung', width: 48, wrap: true, prose: true },
  ]
  const status = c.provisional
    ? provisionalLine(missing)
    : missing.length > 0
      ? `Người duyệt đã quyết định gửi báo cáo khi còn ${missingSummary(missing)}.`
      : 'Đủ báo cáo hợp lệ của tất cả các đơn vị.'
  return {
    title: `${title}: kiểm tra. ${status}`,
    columns,
    rows: { length: rows.length, values: (i) => rows[i]! },
  }
}

/** A figures sheet's cell as read back: blank or not, its number if it is one, its value in words. */
type ReadBack = Readonly<{ blank: boolean; number: number | null; shown: string }>

function readBack(cell: GridCell | undefined): ReadBack {
  if (!cell) return { blank: true, number: null, shown: 'undefined' }
  const blank = cell.kind === 'blank' || (cell.kind === 'text' && cell.value === '')
  // a date is a number with a date's format (SheetJS reads it as a number when not asked for dates)
  const number =
    (cell.kind === 'number' || cell.kind === 'date') && typeof cell.value === 'number' ? cell.value : null
  return { blank, number, shown: String(cell.value) }
}

/**
 * Re-reads a written report and lists every figure cell that differs from the totals (empty = good).
 * The figures sheet is read alone, by the project's reader (`read`: the fast one, SheetJS for what it
 * leaves).
 */
export function verifyReport(
  bytes: Uint8Array,
  form: TemplatePack,
  consolidation: Consolidation,
  read: ReadContext = PORTABLE_READ_CONTEXT,
): string[] {
  const pack = packForPeriod(form, consolidation.period)
  const name = pack.layout.sheets.figures
  const L = figuresLayout(pack)
  const out: string[] = []
  let sheet: GridSheet | undefined
  try {
    // the sheet's last row and column are read, whatever the reader's usual limits
    const limits = {
      maxRows: Math.max(DEFAULT_READ_LIMITS.maxRows, ...pack.indicators.map((ind) => L.rowOf(ind.code) + 1)),
      maxCols: Math.max(DEFAULT_READ_LIMITS.maxCols, ...pack.columns.map((col) => L.colOf(col.key) + 1)),
    }
    sheet = readWorkbook(keepOnlySheet(bytes, name), limits, read).sheets.find((s) => s.name === name)
  } catch (e) {
    return [`Không đọc lại được tệp báo cáo: ${(e as Error).message}`]
  }
  if (!sheet) return [`Thiếu sheet ${name}`]
  const codeKey = pack.columns.find((c) => c.role === 'code')?.key
  for (const ind of pack.indicators) {
    const r = L.rowOf(ind.code) - 1
    if (codeKey) {
      const codeCell = cellAt(sheet, r, L.colOf(codeKey) - 1)
      const code = codeCell?.value === null || codeCell === undefined ? '' : String(codeCell.value)
      const printed = isDataRow(ind) ? ind.code : ''
      if (code !== printed) {
        out.push(`Dòng ${r + 1}: mong đợi mã ${printed || '(trống)'}, thấy ${code || '(trống)'}`)
      }
    }
    if (!isDataRow(ind)) continue
    for (const col of pack.columns) {
      if (!isValueRole(col.role) || col.kind === 'text') continue
      const expected = columnApplies(pack, ind, col.key)
        ? cellValue(consolidation.totals[ind.code], col.key)
        : null
      const c = L.colOf(col.key) - 1
      const addr = a1(r, c)
      const cell = readBack(cellAt(sheet, r, c))
      const where = `Ô ${addr} (${ind.code}, ${col.key})`
      if (expected === null) {
        if (!cell.blank) out.push(`${where}: mong đợi để trống, thấy ${cell.shown}`)
      } else if (cell.blank) {
        out.push(`${where}: mong đợi ${expected}, thấy ô trống`)
      } else if (cell.number === null) {
        out.push(`${where}: mong đợi số ${expected}, thấy ${cell.shown}`)
      } else if (!nearlyEqual(cell.number, expected)) {
        out.push(`${where}: mong đợi ${expected}, thấy ${cell.number}`)
      }
    }
  }
  return out
}
