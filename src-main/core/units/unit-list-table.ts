// Turns the bytes of a unit list (CSV text in any encoding Excel writes, or a workbook) into rows of
// text fields that keep their row number in the file, so that every error can name its row.
import * as XLSX from '@e965/xlsx'
import type { Localized } from '../../shared/localized'
import { detectDelimiter } from '../csv/parse-csv'
import { detectFormat } from '../workbook/detect-format'
import { decodeText } from './decode-text'

export type TableRow = Readonly<{ row: number; fields: readonly string[] }>

export type UnitTable =
  | Readonly<{ ok: true; rows: readonly TableRow[]; notes: readonly Localized[]; sheet: string | null }>
  | Readonly<{ ok: false; error: Localized }>

const NOT_A_TABLE: Localized = {
  vi: 'Tệp không phải là bảng danh sách đơn vị (CSV hoặc Excel)',
  en: 'The file is not a unit list table (CSV or Excel)',
}

/** RFC 4180 records with the line each one starts on (a quoted field may span lines). */
export function csvRows(text: string, delimiter: string): TableRow[] {
  const rows: TableRow[] = []
  let fields: string[] = []
  let field = ''
  let inQuotes = false
  let line = 1
  let start = 1
  const end = () => {
    fields.push(field)
    if (fields.some((f) => f.trim() !== '')) rows.push({ row: start, fields })
    fields = []
    field = ''
  }
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string
    if (ch === '\n') line++
    if (inQuotes) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') inQuotes = false
      else field += ch
    } else if (ch === '"' && field.trim() === '') {
      inQuotes = true
      field = ''
    } else if (ch === delimiter) {
      fields.push(field)
      field = ''
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') continue
      if (ch === '\r') line++
      end()
      start = line
    } else field += ch
  }
  if (field !== '' || fields.length > 0) end()
  return rows
}

function looksLikeText(text: string): boolean {
  // control characters other than tab and line ends mean a binary file
  const controls = (text.slice(0, 4096).match(/[\u0000-\u0008\u000e-\u001f]/g) ?? []).length
  return controls === 0 && /[,;\t]/.test(text)
}

function readCsv(bytes: Uint8Array): UnitTable {
  const decoded = decodeText(bytes)
  const text = decoded.text.replace(/^\ufeff/, '')
  if (!looksLikeText(text)) return { ok: false, error: NOT_A_TABLE }
  const rows = csvRows(text, detectDelimiter(text))
  return { ok: true, rows, notes: decoded.note ? [decoded.note] : [], sheet: null }
}

function readSheets(bytes: Uint8Array, looksLikeHeader: (fields: readonly string[]) => boolean): UnitTable {
  let wb: XLSX.WorkBook
  try {
    wb = XLSX.read(bytes, { type: 'array', cellFormula: false, cellHTML: false, cellStyles: false })
  } catch {
    return {
      ok: false,
      error: { vi: 'Tệp Excel bị hỏng, không đọc được', en: 'The Excel file is damaged and cannot be read' },
    }
  }
  const tables = wb.SheetNames.map((name) => {
    const sheet = wb.Sheets[name]
    const grid: unknown[][] = sheet
      ? XLSX.utils.sheet_to_json(sheet, { header: 1, raw: false, defval: '', blankrows: true })
      : []
    const rows: TableRow[] = grid
      .map((r, i) => ({ row: i + 1, fields: r.map((v) => String(v ?? '')) }))
      .filter((r) => r.fields.some((f) => f.trim() !== ''))
    return { name, rows }
  })
  // the sheet that holds the list: the first with a header row, else the first with any rows
  const chosen =
    tables.find((t) => t.rows.slice(0, 10).some((r) => looksLikeHeader(r.fields))) ??
    tables.find((t) => t.rows.length > 0)
  if (!chosen)
    return { ok: false, error: { vi: 'Tệp Excel không có dữ liệu', en: 'The Excel file holds no data' } }
  return { ok: true, rows: chosen.rows, notes: [], sheet: chosen.name }
}

export function readUnitTable(
  bytes: Uint8Array,
  looksLikeHeader: (fields: readonly string[]) => boolean,
): UnitTable {
  const detected = detectFormat(bytes)
  switch (detected.kind) {
    case 'empty':
      return { ok: false, error: { vi: 'Tệp rỗng', en: 'The file is empty' } }
    case 'encrypted':
      return {
        ok: false,
        error: {
          vi: 'Tệp được đặt mật khẩu: hãy bỏ mật khẩu',
          en: 'The file is password-protected: remove the password',
        },
      }
    case 'workbook':
      return readSheets(bytes, looksLikeHeader)
    case 'not-spreadsheet':
      return detected.what === 'text' ? readCsv(bytes) : { ok: false, error: NOT_A_TABLE }
  }
}
