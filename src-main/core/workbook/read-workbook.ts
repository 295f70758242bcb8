// Reads a spreadsheet's bytes into the engine's Grid, whoever wrote the file: cached values of
// formulas, error values, number formats, merged cells, hidden sheets. The format is decided by the
// bytes; an .xlsx/.xlsm goes to Sheaf's own fast reader (read-xlsx-fast.ts), which hands anything
// unusual back; that and every other format is read by SheetJS after the guards.
import * as XLSX from '@e965/xlsx'
import type { Localized } from '../../shared/localized'
import { detectFormat } from './detect-format'
import { errorText } from './error-text'
import { guardWorkbook } from './guard-workbook'
import { guardZip } from './guard-zip'
import type { CellKind, Grid, GridCell, GridSheet, WorkbookFormat } from './grid'
import { odsIsEncrypted } from './office-document'
import type { ReadContext } from './read-context'
import { PORTABLE_READ_CONTEXT } from './read-context'
import { readOdsFast } from './read-ods-fast'
import { readXlsFast } from './read-xls-fast'
import { readXlsxFast } from './read-xlsx-fast'
import { damagedText, ODS_PASSWORD, PASSWORD, XLS_DEFAULT_PASSWORD, XLS_RC4 } from './unreadable-messages'
import { decryptWorkbookStream, EXCEL_DEFAULT_PASSWORD } from './xls-decrypt/xls-decrypt'

export class WorkbookReadError extends Error {
  constructor(
    readonly reason: 'empty' | 'not-spreadsheet' | 'encrypted' | 'damaged' | 'too-large' | 'unsafe',
    readonly text: Localized,
    /** the reading library's own words, for whoever investigates; never shown to the clerk */
    readonly detail?: string,
  ) {
    super(text.en)
  }
}

const NOT_SPREADSHEET: Record<string, Localized> = {
  pdf: { vi: 'tệp PDF', en: 'a PDF file' },
  png: { vi: 'tệp ảnh', en: 'an image' },
  jpeg: { vi: 'tệp ảnh', en: 'an image' },
  gif: { vi: 'tệp ảnh', en: 'an image' },
  docx: { vi: 'văn bản Word', en: 'a Word document' },
  pptx: { vi: 'bản trình chiếu PowerPoint', en: 'a PowerPoint presentation' },
  zip: { vi: 'tệp nén không chứa bảng tính', en: 'a zip archive with no workbook in it' },
  'damaged-zip': { vi: 'tệp nén bị hỏng', en: 'a damaged zip archive' },
  html: { vi: 'trang HTML', en: 'an HTML page' },
  text: { vi: 'tệp văn bản (CSV hoặc TXT)', en: 'a text file (CSV or TXT)' },
}

export type ReadLimits = Readonly<{ maxRows: number; maxCols: number }>
export const DEFAULT_READ_LIMITS: ReadLimits = { maxRows: 5000, maxCols: 200 }

/**
 * A workbook's Grid, whoever wrote it; `context` says which .xlsx reader reads and gives the platform's
 * byte work (read-context.ts).
 */
export function readWorkbook(
  bytes: Uint8Array,
  limits: ReadLimits = DEFAULT_READ_LIMITS,
  context: ReadContext = PORTABLE_READ_CONTEXT,
): Grid {
  const detected = detectFormat(bytes)
  switch (detected.kind) {
    case 'empty':
      throw new WorkbookReadError('empty', { vi: 'Tệp rỗng (0 byte).', en: 'The file is empty (0 bytes).' })
    case 'encrypted':
      throw new WorkbookReadError('encrypted', PASSWORD)
    case 'not-spreadsheet': {
      const what = NOT_SPREADSHEET[detected.what] ?? NOT_SPREADSHEET.text!
      throw new WorkbookReadError('not-spreadsheet', {
        vi: `Tệp không phải bảng tính Excel mà là ${what.vi}.`,
        en: `The file is not an Excel workbook but ${what.en}.`,
      })
    }
    case 'workbook': {
      // Nothing is inflated before the declared sizes are checked. The fast .xlsx reader inflates
      // only the parts it reads, bounded, and leaves any part that declares entities to SheetJS;
      // the SheetJS path inflates everything, so every part is scanned before it runs.
      if ((detected.format === 'xlsx' || detected.format === 'xlsm') && context.xlsxReader === 'fast') {
        const sized = guardZip(bytes)
        if (!sized.ok) throw new WorkbookReadError(sized.refusal.reason, sized.refusal.text)
        const fast = readXlsxFast(sized.bytes, detected.format, limits, context)
        if (fast) return fast
      }
      if (detected.format === 'ods' && odsIsEncrypted(bytes))
        throw new WorkbookReadError('encrypted', ODS_PASSWORD)
      // an .ods once its zip's declared sizes are checked: the fast reader inflates each part once and
      // makes the XML guard's checks itself, leaving any file that fails them to the guarded path
      if (detected.format === 'ods' && context.xlsxReader === 'fast') {
        const sized = guardZip(bytes)
        if (!sized.ok) throw new WorkbookReadError(sized.refusal.reason, sized.refusal.text)
        const fast = readOdsFast(sized.bytes, limits, context.inflateRaw)
        if (fast) return fast
      }
      const guarded = guardWorkbook(bytes, detected.format)
      if (!guarded.ok) throw new WorkbookReadError(guarded.refusal.reason, guarded.refusal.text)
      // an .xls in its OLE container, once its header passed the guard: the fast BIFF8 reader first
      if (detected.format === 'xls' && context.xlsxReader === 'fast' && bytes[0] === 0xd0) {
        const fast = readXlsFast(guarded.bytes, limits)
        if (fast) return fast
      }
      return parseWithSheetJs(guarded.bytes, detected.format, limits)
    }
  }
}

function muteConsole(): { restore: () => void } {
  const c = globalThis.console
  const saved = { error: c.error, warn: c.warn }
  c.error = () => undefined
  c.warn = () => undefined
  return {
    restore: () => {
      c.error = saved.error
      c.warn = saved.warn
    },
  }
}

/** The SheetJS path alone (the fast reader is checked against it). */
export function parseWithSheetJs(bytes: Uint8Array, format: WorkbookFormat, limits: ReadLimits): Grid {
  let wb: XLSX.WorkBook
  // SheetJS writes its doubts about a file's number formats to the console; a clerk's terminal and
  // the CLI's standard error are not the place for them (the engine reports problems as data).
  const mute = muteConsole()
  try {
    wb = XLSX.read(bytes, {
      type: 'array',
      dense: true,
      cellFormula: true,
      cellNF: true,
      cellDates: false,
      cellHTML: false,
      cellStyles: false,
      sheetRows: limits.maxRows,
      WTF: false,
    })
  } catch (e) {
    mute.restore()
    const msg = (e as Error).message ?? String(e)
    if (/password|encrypt/i.test(msg)) {
      if (format === 'xls') return readEncryptedXls(bytes, limits, msg)
      throw new WorkbookReadError('encrypted', PASSWORD, msg)
    }
    throw new WorkbookReadError('damaged', damagedText(format), msg)
  }
  mute.restore()
  const sheets: GridSheet[] = wb.SheetNames.map((name, i) => {
    const ws = wb.Sheets[name]
    const hidden = (wb.Workbook?.Sheets?.[i]?.Hidden ?? 0) !== 0
    return toGridSheet(name, hidden, ws, limits)
  })
  if (sheets.length === 0)
    throw new WorkbookReadError('damaged', {
      vi: 'Tệp không có trang tính nào.',
      en: 'The file has no sheets.',
    })
  return { format, sheets }
}

type SheetJsCell = XLSX.CellObject & { z?: string | number }

function toGridSheet(
  name: string,
  hidden: boolean,
  ws: XLSX.WorkSheet | undefined,
  limits: ReadLimits,
): GridSheet {
  if (!ws) return { name, hidden, rows: [], merges: [] }
  const data = (ws as unknown as { '!data'?: (SheetJsCell | undefined)[][] })['!data'] ?? []
  const rows: (GridCell | undefined)[][] = []
  const rowCount = Math.min(data.length, limits.maxRows)
  for (let r = 0; r < rowCount; r++) {
    const src = data[r]
    if (!src) continue
    const out: (GridCell | undefined)[] = []
    const colCount = Math.min(src.length, limits.maxCols)
    for (let c = 0; c < colCount; c++) {
      const cell = src[c]
      if (cell) out[c] = toGridCell(cell)
    }
    rows[r] = out
  }
  const merges = (ws['!merges'] ?? [])
    .filter((m) => m.s.r < limits.maxRows && m.s.c < limits.maxCols)
    .map((m) => ({ r1: m.s.r, c1: m.s.c, r2: m.e.r, c2: m.e.c }))
  return { name, hidden, rows, merges }
}

function formatOf(cell: SheetJsCell): string | undefined {
  const z = cell.z
  if (z === undefined) return undefined
  return typeof z === 'number' ? String(XLSX.SSF.get_table()[z] ?? z) : z
}

export function toGridCell(cell: SheetJsCell): GridCell {
  const format = formatOf(cell)
  const formula = typeof cell.f === 'string' && cell.f !== '' ? cell.f : undefined
  const base = {
    ...(cell.w !== undefined ? { formatted: String(cell.w) } : {}),
    ...(format !== undefined ? { format } : {}),
    ...(formula !== undefined ? { formula } : {}),
  }
  if (cell.v === undefined || cell.v === null) {
    if (cell.t === 'e') return { kind: 'error', value: cell.w ?? '#N/A', ...base }
    return { kind: 'blank', value: null, ...base }
  }
  let kind: CellKind
  let value: number | string | boolean
  switch (cell.t) {
    case 'n':
      value = cell.v as number
      kind = format !== undefined && format !== 'General' && XLSX.SSF.is_date(format) ? 'date' : 'number'
      break
    case 'd': {
      const d = cell.v instanceof Date ? cell.v : new Date(String(cell.v))
      value = d.getTime() / 86_400_000 + 25_569
      kind = 'date'
      break
    }
    case 'b':
      value = Boolean(cell.v)
      kind = 'boolean'
      break
    case 'e':
      value = cell.w ?? errorText(cell.v)
      kind = 'error'
      break
    case 's':
    default:
      value = String(cell.v)
      kind = 'text'
  }
  return { kind, value, ...base }
}

/**
 * An encrypted .xls, read as Excel reads it when Excel's built-in password opens it (a workbook only
 * protected against changes, which Excel opens without asking: xls-decrypt.ts); otherwise refused,
 * saying what the clerk must do. `msg`: SheetJS's words, kept as the detail.
 */
function readEncryptedXls(bytes: Uint8Array, limits: ReadLimits, msg: string): Grid {
  const stream = workbookStream(bytes)
  const opened = stream ? decryptWorkbookStream(stream) : null
  switch (opened?.kind) {
    case 'decrypted':
      // the stream alone, decrypted: SheetJS reads a bare BIFF8 stream as it reads the container
      return parseWithSheetJs(opened.stream, 'xls', limits)
    case 'wrong-password':
      throw new WorkbookReadError('encrypted', PASSWORD, msg)
    case 'unsupported':
      throw new WorkbookReadError('encrypted', opened.scheme === 'xor' ? xorEncryption(bytes) : XLS_RC4, msg)
    default:
      throw new WorkbookReadError('encrypted', PASSWORD, msg)
  }
}

/** The Workbook stream of an .xls's OLE container, or null. */
function workbookStream(bytes: Uint8Array): Uint8Array | null {
  try {
    const entry = XLSX.CFB.find(XLSX.CFB.read(bytes, { type: 'array' }), 'Workbook')
    const content = entry?.content
    return content ? new Uint8Array(content as ArrayLike<number>) : null
  } catch {
    return null
  }
}

/**
 * An .xls obfuscated with XOR: SheetJS checks the password, but decrypts no more than a record's first
 * bytes, so even Excel's built-in password is told apart and refused with what to do.
 */
function xorEncryption(bytes: Uint8Array): Localized {
  try {
    XLSX.read(bytes, { type: 'array', password: EXCEL_DEFAULT_PASSWORD, sheetRows: 1 })
    return XLS_DEFAULT_PASSWORD
  } catch (e) {
    const msg = (e as Error).message ?? ''
    if (/password is incorrect|password-protected/i.test(msg)) return PASSWORD
    // the built-in password was accepted, and the reading then failed on the decrypted records
    return XLS_DEFAULT_PASSWORD
  }
}
