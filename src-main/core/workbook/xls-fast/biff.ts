// The records of a BIFF8 Workbook stream read into the engine's sheets, exactly as SheetJS's
// parse_workbook reads them with the options of read-workbook.ts (dense, formulas, number formats, no
// blank stubs, at most `maxRows` rows): the shared strings (SST with its CONTINUE records), the cell
// styles' number formats (XF, FORMAT), the sheets (BOUNDSHEET, BOF/EOF), and the cells NUMBER, RK,
// MULRK, LABELSST, LABEL and BOOLERR; blanks are left out as SheetJS leaves them without stubs; merged
// cells. Whatever could change SheetJS's grid and is not read here (formulas and their cached values,
// notes, encryption, BIFF5 and older, 1904 dates, a number format SheetJS's table lacks) throws
// Unsupported, and SheetJS reads the file.
import type { CellRange, GridCell, GridSheet } from '../grid'
import { ERROR_TEXT, errorText } from '../error-text'
import { formatNumber, formatOther, isDateFormat } from '../xlsx-fast/cell-format'
import { generalNumber } from '../xlsx-fast/general-number'
import { BUILTIN_FORMATS } from '../xlsx-fast/parts'
import { Unsupported } from '../../zip/zip-index'

export type BiffLimits = Readonly<{ maxRows: number; maxCols: number }>

const BOF = 0x0809
const EOF = 0x000a
const CONTINUE = new Set([0x003c, 0x043c, 0x0812, 0x0875, 0x087f])

/** Records whose content would change the grid and which this reader does not read. */
const NOT_READ: Record<number, string> = {
  0x0002: 'BIFF2 integer',
  0x0003: 'BIFF2 number',
  0x0004: 'BIFF2 label',
  0x0005: 'BIFF2 boolean',
  0x0006: 'formula',
  0x0206: 'formula',
  0x0406: 'formula',
  0x0007: 'string',
  0x0207: 'string',
  0x0021: 'array formula',
  0x0221: 'array formula',
  0x04bc: 'shared formula',
  0x001c: 'note',
  0x00d6: 'rich string',
  0x001e: 'BIFF2 format',
  0x0043: 'BIFF2 XF',
  0x0243: 'BIFF3 XF',
  0x0443: 'BIFF4 XF',
  0x0009: 'BIFF2 BOF',
  0x0209: 'BIFF3 BOF',
  0x0409: 'BIFF4 BOF',
  0x002f: 'encryption',
}

/** SheetJS's BErr: the text it formats an error value with. */
const ERROR_FORMATTED: Record<number, string> = { ...ERROR_TEXT, 0xff: '#WTF?' }

// A little-endian double read through 8 bytes of scratch (no DataView per number).
const F64 = new Float64Array(1)
const F64_BYTES = new Uint8Array(F64.buffer)
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1
/** the character codes of a text being read, grown as needed */
let codes = new Uint16Array(256)

/**
 * Reads a record's body: the bytes from `l` to `end` of the stream when the record stands alone, or
 * the record with its CONTINUE records appended, and where each piece starts (SheetJS's `lens`). One
 * reader is set again for each record.
 */
class Reader {
  bytes: Uint8Array = new Uint8Array(0)
  l = 0
  end = 0
  /** where the pieces start, in a body joined from several records; null for one record */
  starts: number[] | null = null
  set(bytes: Uint8Array, from: number, end: number, starts: number[] | null): void {
    this.bytes = bytes
    this.l = from
    this.end = end
    this.starts = starts
  }
  private need(n: number): void {
    if (this.l + n > this.end) throw new Unsupported('xls: record too short')
  }
  u8(): number {
    this.need(1)
    return this.bytes[this.l++]!
  }
  u16(): number {
    this.need(2)
    const b = this.bytes
    const v = b[this.l]! | (b[this.l + 1]! << 8)
    this.l += 2
    return v
  }
  u32(): number {
    this.need(4)
    const b = this.bytes
    const v = (b[this.l]! | (b[this.l + 1]! << 8) | (b[this.l + 2]! << 16) | (b[this.l + 3]! << 24)) >>> 0
    this.l += 4
    return v
  }
  f64(): number {
    this.need(8)
    const b = this.bytes
    for (let k = 0; k < 8; k++) F64_BYTES[LITTLE_ENDIAN ? k : 7 - k] = b[this.l + k]!
    this.l += 8
    return F64[0]!
  }
  /**
   * `n` characters, one or two bytes each, as SheetJS's `sbcs-cont`/`dbcs-cont` read them: where a
   * CONTINUE record starts, its first byte says the width of the characters after it.
   */
  chars(n: number, wide: boolean): string {
    const b = this.bytes
    const starts = this.starts
    if (starts === null || starts.length <= 1) return this.plainChars(n, wide)
    let out = ''
    let loc = this.l
    for (let i = 0; i < n; i++) {
      if (starts !== null && starts.length > 1 && starts.includes(loc)) {
        this.need(loc + 1 - this.l)
        const w = b[loc]!
        this.l = loc + 1
        return out + this.chars(n - i, w !== 0)
      }
      if (wide) {
        if (loc + 2 > this.end) throw new Unsupported('xls: text past the record')
        out += String.fromCharCode(b[loc]! | (b[loc + 1]! << 8))
        loc += 2
      } else {
        if (loc + 1 > this.end) throw new Unsupported('xls: text past the record')
        out += String.fromCharCode(b[loc]!)
        loc += 1
      }
    }
    this.l = loc
    return out
  }
  /** `chars` where no CONTINUE record starts: the character codes gathered, then made a string at once. */
  private plainChars(n: number, wide: boolean): string {
    const b = this.bytes
    const from = this.l
    if (from + (wide ? 2 * n : n) > this.end) throw new Unsupported('xls: text past the record')
    if (codes.length < n) codes = new Uint16Array(Math.max(n, 2 * codes.length))
    if (wide) for (let i = 0; i < n; i++) codes[i] = b[from + 2 * i]! | (b[from + 2 * i + 1]! << 8)
    else for (let i = 0; i < n; i++) codes[i] = b[from + i]!
    this.l = from + (wide ? 2 * n : n)
    let out = ''
    for (let i = 0; i < n; i += 4096)
      out += String.fromCharCode.apply(null, codes.subarray(i, Math.min(n, i + 4096)) as unknown as number[])
    return out
  }
  skip(n: number): void {
    this.need(n)
    this.l += n
  }
}

/** SheetJS's parse_XLUnicodeRichExtendedString: the text of a shared string. */
function richExtendedString(r: Reader): string {
  const cch = r.u16()
  const flags = r.u8()
  const ext = flags & 0x4
  const rich = flags & 0x8
  const runs = rich ? r.u16() : 0
  const extBytes = ext ? r.u32() : 0
  const text = cch === 0 ? '' : r.chars(cch, (flags & 0x1) !== 0)
  if (rich) r.skip(4 * runs)
  if (ext) r.skip(extBytes)
  return text
}

/** SheetJS's parse_XLUnicodeString (BIFF8). */
function unicodeString(r: Reader): string {
  const cch = r.u16()
  if (cch === 0) {
    r.l++
    return ''
  }
  const high = r.u8()
  return r.chars(cch, high !== 0)
}

/** SheetJS's parse_ShortXLUnicodeString (BIFF8): a sheet's name. */
function shortString(r: Reader): string {
  const cch = r.u8()
  const high = r.u8()
  return cch ? r.chars(cch, high !== 0) : ''
}

/** SheetJS's parse_RkNumber. */
function rkNumber(r: Reader): number {
  const b0 = r.u8()
  const b1 = r.u8()
  const b2 = r.u8()
  const b3 = r.u8()
  let v: number
  if ((b0 & 2) === 0) {
    // the 30 high bits of a double whose low 34 are zero
    const bytes = [0, 0, 0, 0, b0 & 0xfc, b1, b2, b3]
    for (let k = 0; k < 8; k++) F64_BYTES[LITTLE_ENDIAN ? k : 7 - k] = bytes[k]!
    v = F64[0]!
  } else v = (b0 | (b1 << 8) | (b2 << 16) | (b3 << 24)) >> 2
  return b0 & 1 ? v / 100 : v
}

type Xf = Readonly<{ numFmtId: number }>
type Sheet = { rows: (GridCell | undefined)[][]; merges: CellRange[] }

type SheetEntry = Readonly<{ pos: number; hidden: boolean; name: string }>

/** The sheets of a BIFF8 Workbook stream, or Unsupported. */
export function readBiff8(stream: Uint8Array, limits: BiffLimits): GridSheet[] {
  const len = stream.length
  const xfs: Xf[] = []
  const formats = new Map<number, string>()
  let sst: string[] = []
  const directory: SheetEntry[] = []
  const parsed = new Map<number, Sheet>()
  let depth = 0
  let lastType = -1
  let sheet: Sheet | null = null
  let sheetAt = -1
  let rangeSeen = false
  /** SheetJS's Workbook.Sheets: one entry per substream that ends once a range is known */
  const hiddenByIndex: boolean[] = []

  const formatOf = (xf: Xf): string => {
    const id = xf.numFmtId
    const f = formats.get(id) ?? BUILTIN_FORMATS.get(id)
    if (f === undefined) throw new Unsupported('xls: number format missing from the table')
    return f
  }

  /** SheetJS's safe_format_xf and toGridCell, for a value and its style. */
  const cellOf = (
    ixfe: number,
    t: 'n' | 's' | 'b' | 'e',
    v: number | string | boolean,
    known: boolean,
  ): GridCell => {
    const xf = known ? (xfs[ixfe] ?? { numFmtId: 0 }) : xfs[ixfe]
    if (!xf) {
      if (t === 'n') return { kind: 'number', value: v }
      if (t === 's') return { kind: 'text', value: v }
      if (t === 'b') return { kind: 'boolean', value: v }
      return { kind: 'error', value: errorText(v) }
    }
    const format = formatOf(xf)
    const id = xf.numFmtId
    let w: string | undefined
    switch (t) {
      case 'n':
        w = id === 0 ? generalNumber(v as number) : formatNumber(format, v as number)
        if (w === undefined) return { kind: isDate(format) ? 'date' : 'number', value: v, format }
        return { kind: isDate(format) ? 'date' : 'number', value: v, formatted: w, format }
      case 's':
        w = id === 0 ? (v as string) : formatOther(format, v)
        return w === undefined
          ? { kind: 'text', value: v, format }
          : { kind: 'text', value: v, formatted: w, format }
      case 'b':
        w = id === 0 ? (v ? 'TRUE' : 'FALSE') : formatOther(format, v)
        return w === undefined
          ? { kind: 'boolean', value: v, format }
          : { kind: 'boolean', value: v, formatted: w, format }
      case 'e': {
        w = ERROR_FORMATTED[v as number]
        return w === undefined
          ? { kind: 'error', value: '#N/A', format }
          : { kind: 'error', value: w, formatted: w, format }
      }
    }
  }
  const isDate = (format: string): boolean => format !== 'General' && isDateFormat(format)

  const put = (r: number, c: number, cell: GridCell): void => {
    if (depth !== 1) return
    if (!sheet) throw new Unsupported('xls: a cell outside the sheets')
    if (r >= limits.maxRows) return
    rangeSeen = true
    const row = (sheet.rows[r] ??= [])
    if (c < limits.maxCols) row[c] = cell
  }

  const r = new Reader()
  let l = 0
  while (l < len - 1) {
    const start = l
    const type = stream[l]! | (stream[l + 1]! << 8)
    l += 2
    if (type === 0 && lastType === EOF) break
    const size = l === len ? 0 : stream[l]! | (stream[l + 1]! << 8)
    l += l === len ? 0 : 2
    if (depth === 0 && type !== BOF) {
      if (type === 0x0009 || type === 0x0209 || type === 0x0409) throw new Unsupported('xls: BIFF2-4')
      break
    }
    if (l + size > len) throw new Unsupported('xls: record past the end')
    const bodyStart = l
    l += size
    let pieces: Uint8Array[] | null = null
    if (type !== BOF && type !== EOF) {
      // SheetJS appends the CONTINUE records after any record it parses
      while (l + 4 <= len && CONTINUE.has(stream[l]! | (stream[l + 1]! << 8))) {
        const ct = stream[l]! | (stream[l + 1]! << 8)
        const cs = stream[l + 2]! | (stream[l + 3]! << 8)
        const from = l + 4 + (ct === 0x0812 ? 4 : ct === 0x0875 || ct === 0x087f ? 12 : 0)
        if (l + 4 + cs > len || from > l + 4 + cs) throw new Unsupported('xls: continue past the end')
        pieces ??= [stream.subarray(bodyStart, bodyStart + size)]
        pieces.push(stream.subarray(from, l + 4 + cs))
        l += 4 + cs
      }
    }
    if (pieces === null) r.set(stream, bodyStart, bodyStart + size, null)
    else {
      const total = pieces.reduce((n, p) => n + p.length, 0)
      const bytes = new Uint8Array(total)
      const starts: number[] = []
      let at = 0
      for (const p of pieces) {
        starts.push(at)
        bytes.set(p, at)
        at += p.length
      }
      r.set(bytes, 0, total, starts)
    }
    const not = NOT_READ[type]
    if (not !== undefined) throw new Unsupported('xls: ' + not)
    lastType = type
    switch (type) {
      case BOF: {
        const ver = r.u16()
        const dt = size >= 4 ? r.u16() : 0
        if (ver !== 0x0600) throw new Unsupported('xls: not BIFF8')
        if (depth++ > 0) break
        if (directory.length === 0) {
          if (dt !== 0x0005) throw new Unsupported('xls: no workbook globals')
          sheet = null
          sheetAt = -2
        } else {
          if (dt !== 0x0010) throw new Unsupported('xls: not a worksheet')
          sheetAt = start
          if (!directory.some((d) => d.pos === start) || parsed.has(start))
            throw new Unsupported('xls: sheet offset')
          sheet = { rows: [], merges: [] }
        }
        break
      }
      case EOF: {
        if (--depth > 0) break
        if (rangeSeen)
          hiddenByIndex.push(sheet ? (directory.find((d) => d.pos === sheetAt)?.hidden ?? false) : false)
        if (sheet) {
          if (!rangeSeen) sheet.merges.length = 0
          parsed.set(sheetAt, sheet)
        }
        sheet = null
        break
      }
      case 0x0022: // DATE1904
        if (r.u16() !== 0) throw new Unsupported('xls: 1904 dates')
        break
      case 0x00e0: // XF
        r.u16()
        xfs.push({ numFmtId: r.u16() })
        break
      case 0x041e: {
        // FORMAT
        const id = r.u16()
        formats.set(id, unicodeString(r))
        break
      }
      case 0x00fc: {
        // SST
        r.u32()
        const unique = r.u32()
        const out: string[] = []
        for (let i = 0; i !== unique && r.l < r.end; i++) {
          out.push(richExtendedString(r))
        }
        sst = out
        break
      }
      case 0x0085: {
        // BOUNDSHEET
        if (depth !== 1 || sheetAt !== -2) throw new Unsupported('xls: sheet outside the globals')
        const pos = r.u32()
        const hidden = r.u8() & 0x03
        const dt = r.u8()
        if (dt !== 0) throw new Unsupported('xls: not a worksheet')
        const name = shortString(r) || 'Sheet1'
        const last = directory[directory.length - 1]
        if ((last && last.pos >= pos) || directory.some((d) => d.name === name))
          throw new Unsupported('xls: sheet order')
        directory.push({ pos, hidden: hidden !== 0, name })
        break
      }
      case 0x0000:
      case 0x0200: // DIMENSIONS
        if (depth === 1) rangeSeen = true
        break
      case 0x0203: {
        // NUMBER
        const row = r.u16()
        const col = r.u16()
        const ixfe = r.u16()
        put(row, col, cellOf(ixfe, 'n', r.f64(), true))
        break
      }
      case 0x027e: {
        // RK
        const row = r.u16()
        const col = r.u16()
        const ixfe = r.u16()
        put(row, col, cellOf(ixfe, 'n', rkNumber(r), false))
        break
      }
      case 0x00bd: {
        // MULRK
        const end = r.end - 2
        const row = r.u16()
        const col = r.u16()
        const recs: [number, number][] = []
        while (r.l < end) {
          const ixfe = r.u16()
          recs.push([ixfe, rkNumber(r)])
        }
        if (r.l !== end) throw new Unsupported('xls: MULRK length')
        const lastCol = r.u16()
        if (recs.length !== lastCol - col + 1) throw new Unsupported('xls: MULRK columns')
        recs.forEach(([ixfe, v], k) => put(row, col + k, cellOf(ixfe, 'n', v, false)))
        break
      }
      case 0x00fd: {
        // LABELSST
        const row = r.u16()
        const col = r.u16()
        const ixfe = r.u16()
        const isst = r.u32()
        const text = sst[isst]
        if (text === undefined) throw new Unsupported('xls: shared string missing')
        put(row, col, cellOf(ixfe, 's', text, false))
        break
      }
      case 0x0204: {
        // LABEL
        const row = r.u16()
        const col = r.u16()
        const ixfe = r.u16()
        put(row, col, cellOf(ixfe, 's', unicodeString(r), false))
        break
      }
      case 0x0205: {
        // BOOLERR
        const row = r.u16()
        const col = r.u16()
        const ixfe = r.u16()
        const v = r.u8()
        const isError = r.u8() === 0x01
        put(row, col, isError ? cellOf(ixfe, 'e', v, false) : cellOf(ixfe, 'b', v === 0x01, false))
        break
      }
      case 0x00e5: {
        // MERGEDCELLS (SheetJS keeps those of a chart inside the sheet too)
        if (!sheet) break
        const n = r.u16()
        for (let i = 0; i < n; i++) {
          const r1 = r.u16()
          const r2 = r.u16()
          const c1 = r.u16()
          const c2 = r.u16()
          sheet.merges.push({ r1, c1, r2, c2 })
        }
        break
      }
    }
  }
  if (directory.length === 0) throw new Unsupported('xls: no sheets')
  return directory.map((d, i) => {
    const s = parsed.get(d.pos)
    if (!s) throw new Unsupported('xls: sheet not found')
    const merges = s.merges.filter((m) => m.r1 < limits.maxRows && m.c1 < limits.maxCols)
    return { name: d.name, hidden: hiddenByIndex[i] ?? false, rows: s.rows, merges }
  })
}
