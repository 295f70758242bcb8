// A hand-written scanner over a worksheet's XML: one pass over its one-byte text (byte-text.ts), no
// regular expression per cell, no string or object per attribute (the few it needs are read in place),
// texts decoded only where a cell keeps them, and exactly SheetJS's reading of each cell (which cells it
// keeps, their values, formats and formulas).
import type { CellKind, CellRange, GridCell } from '../grid'
import { PartBytes } from './byte-text'
import type { PlacedTexts } from './decoded-texts'
import { decodedText, itemText, placedTexts } from './decoded-texts'
import { formatNumber, formatOther, isDateFormat } from './cell-format'
import { generalNumber, isGeneralFormat } from './general-number'
import { asciiValue, strCellText, unescapeXml } from './sheetjs-text'
import type { StyleFormats } from './parts'
import { stringItemText } from './parts'
import { indexOfBang, indexOfVia, isPlainText, isSpace } from './scan'
import { Unsupported } from '../../zip/zip-index'

export type SheetLimits = Readonly<{ maxRows: number; maxCols: number }>
export type ParsedSheet = Readonly<{ rows: (GridCell | undefined)[][]; merges: CellRange[] }>
type Ctx = Readonly<{ strings: readonly string[]; styles: StyleFormats; limits: SheetLimits }>

/** From the end of an attribute's name, past ` = `: where its value's opening quote is. */
function valueQuote(s: string, i: number, end: number): number {
  while (i < end && isSpace(s.charCodeAt(i))) i++
  if (s.charCodeAt(i) !== 61 /* = */) throw new Unsupported('attribute without value')
  i++
  while (i < end && isSpace(s.charCodeAt(i))) i++
  const q = s.charCodeAt(i)
  if (q !== 34 && q !== 39) throw new Unsupported('unquoted attribute')
  return i
}

/** Where the value whose opening quote is at `quote` ends (its closing quote). */
function valueEnd(s: string, quote: number, end: number): number {
  const ve = s.indexOf(s.charCodeAt(quote) === 34 ? '"' : "'", quote + 1)
  if (ve < 0 || ve > end) throw new Unsupported('attribute')
  return ve
}

/** The attributes of an open tag `<name a="1" b='2'>` between start and end, prefixes dropped. */
function readAttrs(s: string, start: number, end: number, out: Record<string, string>): void {
  let i = start
  while (i < end && !isSpace(s.charCodeAt(i))) i++
  while (i < end) {
    while (i < end && isSpace(s.charCodeAt(i))) i++
    const c = s.charCodeAt(i)
    if (i >= end || c === 47 /* / */ || c === 62 /* > */) return
    const ns = i
    while (i < end && s.charCodeAt(i) !== 61 /* = */ && !isSpace(s.charCodeAt(i))) i++
    let name = s.slice(ns, i)
    i = valueQuote(s, i, end)
    const ve = valueEnd(s, i, end)
    const colon = name.indexOf(':')
    if (colon >= 0) name = name.slice(colon + 1)
    out[name] = s.slice(i + 1, ve)
    i = ve + 1
  }
}

function encodeCol(col: number): string {
  let s = ''
  for (++col; col; col = Math.floor((col - 1) / 26)) s = String.fromCharCode(((col - 1) % 26) + 65) + s
  return s
}
function decodeCol(colstr: string): number {
  const c = colstr.replace(/^\$([A-Z])/, '$1')
  let d = 0
  for (let i = 0; i !== c.length; ++i) d = 26 * d + c.charCodeAt(i) - 64
  return d - 1
}
function decodeRow(rowstr: string): number {
  return parseInt(rowstr.replace(/\$(\d+)$/, '$1'), 10) - 1
}

// SheetJS's shift_formula_str, so that shared formulas read the same on both paths.
const CREF =
  /(^|[^._A-Z0-9])([$]?)([A-Z]{1,2}|[A-W][A-Z]{2}|X[A-E][A-Z]|XF[A-D])([$]?)(10[0-3]\d{4}|104[0-7]\d{3}|1048[0-4]\d{2}|10485[0-6]\d|104857[0-6]|[1-9]\d{0,5})(?![_.(A-Za-z0-9])/g
function shiftFormula(f: string, dr: number, dc: number): string {
  return f.replace(
    CREF,
    (_0: string, $1: string, $2: string, $3: string, $4: string, $5: string) =>
      $1 +
      ($2 === '$' ? $2 + $3 : encodeCol(decodeCol($3) + dc)) +
      ($4 === '$' ? $4 + $5 : String(decodeRow($5) + dr + 1)),
  )
}

const xlfn = (f: string): string => (f.includes('_xlfn.') ? f.replace(/_xlfn\./g, '') : f)

function parseXmlBool(v: string | undefined): boolean {
  return v === '1' || v === 'true'
}

/** SheetJS's safe_decode_range on the text after `ref="`. */
function safeDecodeRange(range: string): CellRange {
  let idx = 0
  let i = 0
  let cc = 0
  const len = range.length
  const o = { c1: 0, r1: 0, c2: 0, r2: 0 }
  for (idx = 0; i < len; ++i) {
    if ((cc = range.charCodeAt(i) - 64) < 1 || cc > 26) break
    idx = 26 * idx + cc
  }
  o.c1 = --idx
  for (idx = 0; i < len; ++i) {
    if ((cc = range.charCodeAt(i) - 48) < 0 || cc > 9) break
    idx = 10 * idx + cc
  }
  o.r1 = --idx
  if (i === len || cc != 10) return { r1: o.r1, c1: o.c1, r2: o.r1, c2: o.c1 }
  ++i
  for (idx = 0; i != len; ++i) {
    if ((cc = range.charCodeAt(i) - 64) < 1 || cc > 26) break
    idx = 26 * idx + cc
  }
  o.c2 = --idx
  for (idx = 0; i != len; ++i) {
    if ((cc = range.charCodeAt(i) - 48) < 0 || cc > 9) break
    idx = 10 * idx + cc
  }
  o.r2 = --idx
  return o
}

const MERGE_RE = /<(?:\w+:)?mergeCell ref=["'][A-Z0-9:]+['"]\s*[/]?>/g

function hasCdata(xml: string): boolean {
  for (let i = indexOfBang(xml, 0); i >= 0; i = indexOfBang(xml, i + 2))
    if (xml.startsWith('<![CDATA[', i)) return true
  return false
}

const WORKSHEET_ROOT = /^(?:<\?xml[^>]*>\s*)?<worksheet[\s>]/

/** Whether the part opens with a worksheet, as SheetJS's test on the first 600 decoded characters. */
function isWorksheet(part: PartBytes): boolean {
  if (WORKSHEET_ROOT.test(part.text.slice(0, 600))) return true
  // `\s` also matches spaces beyond ASCII, which only the decoded text shows (600 characters: <2400 bytes)
  return WORKSHEET_ROOT.test(part.utf8(0, Math.min(part.bytes.length, 2400)).slice(0, 600))
}

/**
 * A worksheet part; a string is read as its UTF-8 bytes would be. `place`, the sheet's place in its
 * workbook, lets its texts be compared with those of the same sheet of the file read before.
 */
export function parseSheet(xml: PartBytes | string, ctx: Ctx, place?: number): ParsedSheet {
  const part = typeof xml === 'string' ? PartBytes.ofString(xml) : xml
  const s = part.text
  if (!isWorksheet(part)) throw new Unsupported('worksheet root')
  if (hasCdata(s)) throw new Unsupported('cdata')
  const { maxRows, maxCols } = ctx.limits
  const rows: (GridCell | undefined)[][] = []
  // what follows the cells (merges, hyperlinks) is short, and read decoded, with regular expressions
  let tail: string
  const sdOpen = s.indexOf('<sheetData')
  const sdClose = sdOpen < 0 ? -1 : indexOfVia(s, '</sheetData>', 'Da', sdOpen)
  if (sdOpen >= 0 && sdClose >= 0) {
    tail = part.utf8(sdClose, s.length)
    const startTag = s.indexOf('>', sdOpen)
    parseSheetData(part, startTag + 1, sdClose, ctx, rows, place)
  } else if (/<\w+:sheetData/.test(s)) throw new Unsupported('prefixed sheetData')
  else tail = part.utf8(0, s.length)
  if (/<(?:\w+:)?hyperlink\s/.test(tail)) throw new Unsupported('hyperlinks')
  const merges: CellRange[] = []
  for (const m of tail.match(MERGE_RE) ?? []) {
    const r = safeDecodeRange(m.slice(m.indexOf('=') + 2))
    if (r.r1 < maxRows && r.c1 < maxCols) merges.push(r)
  }
  return { rows, merges }
}

/** Where the `r`, `t` and `s` attributes of the last tag read lie in the sheet text (start -1: absent). */
type CellAttrs = {
  rStart: number
  rEnd: number
  tStart: number
  tEnd: number
  sStart: number
  sEnd: number
  /** the column `r` names, when `plainCellTag` read it (-1 otherwise) */
  col: number
}

/**
 * The usual cell tag, `<c` and then only plain `r="A1"`, `s="…"` and `t="…"` (each at most once, one
 * space before each, values without '>'), read as readCellTag reads it, the column of a reference in
 * row r (0-based) worked out on the way; -1 for any other tag, left to readCellTag. Each character is
 * looked at once.
 */
function plainCellTag(s: string, lt: number, r: number, out: CellAttrs): number {
  out.rStart = out.tStart = out.sStart = out.col = -1
  let i = lt + 2
  for (;;) {
    const c = s.charCodeAt(i)
    if (c === 62 /* > */) return i
    if (c === 47 /* / */) return s.charCodeAt(i + 1) === 62 ? i + 1 : -1
    if (c !== 32 || s.charCodeAt(i + 2) !== 61 /* = */ || s.charCodeAt(i + 3) !== 34 /* " */) return -1
    const name = s.charCodeAt(i + 1)
    const start = i + 4
    i = start
    if (name === 114 /* r */) {
      if (out.rStart >= 0) return -1
      // [A-Z]{1,3} and a row number without leading zero, that of row r
      let col = 0
      let d = s.charCodeAt(i) - 64
      while (d >= 1 && d <= 26 && i < start + 3) {
        col = 26 * col + d
        d = s.charCodeAt(++i) - 64
      }
      if (i === start || s.charCodeAt(i) === 48) return -1
      let row = 0
      const digits = i
      for (let n = s.charCodeAt(i) - 48; n >= 0 && n <= 9; n = s.charCodeAt(++i) - 48) row = 10 * row + n
      if (i === digits || row !== r + 1 || s.charCodeAt(i) !== 34) return -1
      out.rStart = start
      out.rEnd = i
      out.col = col - 1
    } else if (name === 115 /* s */ || name === 116 /* t */) {
      let c2 = s.charCodeAt(i)
      while (c2 !== 34 /* " */) {
        if (c2 === 62 /* > */ || Number.isNaN(c2)) return -1
        c2 = s.charCodeAt(++i)
      }
      if (name === 115) {
        if (out.sStart >= 0) return -1
        out.sStart = start
        out.sEnd = i
      } else {
        if (out.tStart >= 0) return -1
        out.tStart = start
        out.tEnd = i
      }
    } else return -1
    i++
  }
}

/**
 * Reads the tag whose name starts at `start` up to its end, the first '>' after it, which it returns:
 * readAttrs' checks, keeping only where `r`, `t` and `s` lie (no string or object is made per
 * attribute, and a sheet has thousands of them). The tag must end before `limit`.
 */
function readCellTag(s: string, start: number, limit: number, out: CellAttrs): number {
  out.rStart = out.tStart = out.sStart = out.col = -1
  let i = start
  let c = s.charCodeAt(i)
  while (i < limit && c !== 62 /* > */ && !isSpace(c)) c = s.charCodeAt(++i)
  for (;;) {
    while (i < limit && isSpace(c)) c = s.charCodeAt(++i)
    if (i >= limit) throw new Unsupported('broken tag')
    if (c === 62 /* > */) return i
    if (c === 47 /* / */) {
      // the attributes end here, and the tag at the next '>'
      const gt = s.indexOf('>', i)
      if (gt < 0 || gt >= limit) throw new Unsupported('broken tag')
      return gt
    }
    if ((c === 114 || c === 115 || c === 116) && s.charCodeAt(i + 1) === 61 && s.charCodeAt(i + 2) === 34) {
      // `r="…"`, `s="…"` or `t="…"` written plainly, as nearly every cell has them
      const ve = quoteAt(s, i + 3, 34, limit)
      keepCellAttr(out, c, i + 3, ve)
      i = ve + 1
      c = s.charCodeAt(i)
      continue
    }
    let nameStart = i
    let colon = false
    for (;;) {
      if (i >= limit) throw new Unsupported('broken tag')
      if (c === 61 /* = */ || isSpace(c)) break
      if (c === 62 /* > */) throw new Unsupported('attribute without value')
      // SheetJS reads a tag whose text starts with '<' as one without attributes
      if (c === 60 /* < */ || c === 34 || c === 39 || c === 47 || c === 38)
        throw new Unsupported('attribute name')
      if (c === 58 /* : */ && !colon) {
        colon = true
        nameStart = i + 1
      }
      c = s.charCodeAt(++i)
    }
    const nameCode = i - nameStart === 1 ? s.charCodeAt(nameStart) : 0
    i = valueQuote(s, i, limit)
    const ve = quoteAt(s, i + 1, s.charCodeAt(i), limit)
    keepCellAttr(out, nameCode, i + 1, ve)
    i = ve + 1
    c = s.charCodeAt(i)
  }
}

/** Where the value from `from` ends, at the quote `quote`; a '>' before it ends the tag inside it. */
function quoteAt(s: string, from: number, quote: number, limit: number): number {
  let i = from
  for (let c = s.charCodeAt(i); c !== quote; c = s.charCodeAt(++i))
    if (c === 62 /* > */ || i >= limit) throw new Unsupported('attribute')
  return i
}

function keepCellAttr(out: CellAttrs, nameCode: number, start: number, end: number): void {
  if (nameCode === 114 /* r */) {
    out.rStart = start
    out.rEnd = end
  } else if (nameCode === 116 /* t */) {
    out.tStart = start
    out.tEnd = end
  } else if (nameCode === 115 /* s */) {
    out.sStart = start
    out.sEnd = end
  }
}

/** s[from, to) as a number when it matches /^(?:0|[1-9]\d*)$/, else -1. */
function plainIndex(s: string, from: number, to: number): number {
  if (to <= from || (s.charCodeAt(from) === 48 && to - from > 1)) return -1
  let n = 0
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - 48
    if (d < 0 || d > 9) return -1
    n = 10 * n + d
  }
  return n
}

/** The column of the plain A1 reference s[from, to) when it lies in row r (0-based), else -1. */
function refColumn(s: string, from: number, to: number, r: number): number {
  let i = from
  let c = 0
  for (; i < to; i++) {
    const cc = s.charCodeAt(i) - 64
    if (cc < 1 || cc > 26) break
    c = 26 * c + cc
  }
  if (i === from || i > from + 3 || i === to || s.charCodeAt(i) === 48) return -1
  const row = plainIndex(s, i, to)
  return row === r + 1 ? c - 1 : -1
}

/** Whether some `<c…` starts in s(from, to): stepping through the cell's few tags, never past it. */
function hasTagStartingWithC(s: string, from: number, to: number): boolean {
  for (let i = s.indexOf('<', from); i >= 0 && i < to; i = s.indexOf('<', i + 1))
    if (s.charCodeAt(i + 1) === 99 /* c */) return true
  return false
}

/** Whether the part's [from, to) holds more than white space (String.prototype.trim's notion of it). */
function hasText(part: PartBytes, from: number, to: number): boolean {
  const s = part.text
  for (let i = from; i < to; i++) if (!isSpace(s.charCodeAt(i))) return part.utf8(from, to).trim() !== ''
  return false
}

/** A `<v>` of a number cell; digits alone are read without a string or a regular expression. */
function numberValue(s: string, from: number, to: number): number {
  let n = 0
  let digitsOnly = to - from <= 15
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i)
    if (c >= 48 && c <= 57) n = 10 * n + c - 48
    else if (c === 46 || c === 45 || c === 43 || c === 101 || c === 69) digitsOnly = false
    else return parseFloat(asciiValue(s.slice(from, to)))
  }
  return digitsOnly ? n : parseFloat(s.slice(from, to))
}

/** Where the first `<name>` child of s[from, to) lies (end -1 when it closes itself). */
type ChildSpan = { open: number; gt: number; end: number }

function findChild(s: string, from: number, to: number, name: string, out: ChildSpan): boolean {
  // step from '<' to '<' so that the search never runs past the cell (the sheet may be large)
  for (let i = s.indexOf('<', from); i >= 0 && i < to; i = s.indexOf('<', i + 1)) {
    if (!s.startsWith(name, i + 1)) continue
    const c = s.charCodeAt(i + 1 + name.length)
    if (c === 62 || isSpace(c) || c === 47) {
      const gt = s.indexOf('>', i)
      if (gt < 0 || gt >= to) throw new Unsupported('broken tag')
      out.open = i
      out.gt = gt
      if (s.charCodeAt(gt - 1) === 47) {
        out.end = -1
        return true
      }
      const close = s.indexOf(name === 'v' ? '</v>' : '</' + name + '>', gt)
      if (close < 0 || close >= to) throw new Unsupported('unclosed ' + name)
      out.end = close
      return true
    }
  }
  return false
}

/** The number format a cell style gives, looked up once per style and sheet. */
type CellStyle = { format: string; fmtid: number; general: boolean; date: boolean | undefined }

class CellStyles {
  private readonly byIndex: (CellStyle | undefined)[] = []
  private general: CellStyle | undefined
  constructor(private readonly styles: StyleFormats) {}

  /** The style of `s="index"` (-1 when the cell has no plain style index). */
  at(index: number): CellStyle {
    const xfFormat = this.styles.xfFormat
    if (xfFormat === null || index < 0) return (this.general ??= this.make(0))
    let style = this.byIndex[index]
    if (style === undefined) {
      style = this.make(xfFormat[index] ?? 0)
      if (index < 0x10000) this.byIndex[index] = style
    }
    return style
  }

  private make(fmtid: number): CellStyle {
    const format = this.styles.table.get(fmtid)
    if (format === undefined) throw new Unsupported('implicit number format')
    return { format, fmtid, general: isGeneralFormat(format), date: undefined }
  }
}

// What a cell holds after its start tag: nothing (self-closing, or `</c>` at once), `<v>text</v>` and
// nothing else, `<is><t>text</t></is>` (or `<t xml:space="preserve">`) and nothing else, or other content.
const C_NONE = 0
const C_V = 1
const C_IS = 2
const C_OTHER = 3

/** Where the next '<' from `from` is; the sheet's content ends with one (`</sheetData>`). */
function nextTag(s: string, from: number): number {
  let i = from
  while (s.charCodeAt(i) !== 60 /* < */ && i < s.length) i++
  return i
}

/** Whether `</c>` is at i. */
function closesCell(s: string, i: number): boolean {
  return s.charCodeAt(i + 2) === 99 && s.charCodeAt(i + 3) === 62
}

/** Whether `</v></c>` is at i (where a '<' is). */
function closesV(s: string, i: number): boolean {
  return (
    s.charCodeAt(i + 1) === 47 &&
    s.charCodeAt(i + 2) === 118 &&
    s.charCodeAt(i + 3) === 62 &&
    s.charCodeAt(i + 4) === 60 &&
    s.charCodeAt(i + 5) === 47 &&
    closesCell(s, i + 4)
  )
}

/** Whether `<is><t` is at i (where `<i` is). */
function isTextStart(s: string, i: number): boolean {
  return (
    s.charCodeAt(i + 2) === 115 &&
    s.charCodeAt(i + 3) === 62 &&
    s.charCodeAt(i + 4) === 60 &&
    s.charCodeAt(i + 5) === 116
  )
}

/** Whether `</t></is></c>` is at i (where a '<' is). */
function closesText(s: string, i: number): boolean {
  return (
    s.charCodeAt(i + 1) === 47 &&
    s.charCodeAt(i + 2) === 116 &&
    s.charCodeAt(i + 3) === 62 &&
    s.charCodeAt(i + 4) === 60 &&
    s.charCodeAt(i + 5) === 47 &&
    s.charCodeAt(i + 6) === 105 &&
    s.charCodeAt(i + 7) === 115 &&
    s.charCodeAt(i + 8) === 62 &&
    s.charCodeAt(i + 9) === 60 &&
    s.charCodeAt(i + 10) === 47 &&
    closesCell(s, i + 9)
  )
}

function parseSheetData(
  part: PartBytes,
  from: number,
  to: number,
  ctx: Ctx,
  rows: (GridCell | undefined)[][],
  place: number | undefined,
): void {
  const s = part.text
  const { maxRows, maxCols } = ctx.limits
  const texts = place === undefined ? null : placedTexts('is ' + place, itemText)
  texts?.begin(part)
  const strTexts = place === undefined ? null : placedTexts('str ' + place, strText)
  strTexts?.begin(part)
  const cellCtx: CellCtx = {
    part,
    strings: ctx.strings,
    styles: new CellStyles(ctx.styles),
    shared: new Map(),
    child: { open: 0, gt: 0, end: 0 },
    texts,
    strTexts,
  }
  const attrs: CellAttrs = { rStart: -1, rEnd: -1, tStart: -1, tEnd: -1, sStart: -1, sEnd: -1, col: -1 }
  let pos = from
  // SheetJS numbers a row without `r` after the row before it, and a cell without `r` after the cell
  // before it in its row (a self-closing row is not counted)
  let lastRow = 0
  // where the next `r=` of the sheet lies, for the cells without a reference (0: not looked for yet)
  let nextRefAt = 0
  for (;;) {
    const lt = s.indexOf('<', pos)
    if (lt < 0 || lt >= to) return
    const afterName = s.charCodeAt(lt + 4)
    if (!s.startsWith('<row', lt) || !(isSpace(afterName) || afterName === 62 || afterName === 47))
      throw new Unsupported('unexpected element in sheetData')
    const rowGt = readCellTag(s, lt + 1, to, attrs)
    const rowNum = attrs.rStart < 0 ? lastRow + 1 : plainIndex(s, attrs.rStart, attrs.rEnd)
    if (rowNum < 1) throw new Unsupported('row number')
    if (s.charCodeAt(rowGt - 1) === 47) {
      pos = rowGt + 1
      continue
    }
    const rowEnd = indexOfVia(s, '</row>', 'w>', rowGt)
    if (rowEnd < 0 || rowEnd >= to) throw new Unsupported('unclosed row')
    pos = rowEnd + 6
    lastRow = rowNum
    if (maxRows < rowNum) continue
    const r = rowNum - 1
    let p = rowGt + 1
    let lastCol = -1
    for (;;) {
      let clt = p
      if (s.charCodeAt(p) !== 60 /* < */) {
        clt = s.indexOf('<', p)
        if (clt < 0 || clt >= rowEnd) {
          if (hasText(part, p, rowEnd)) throw new Unsupported('text in row')
          break
        }
        if (hasText(part, p, clt)) throw new Unsupported('text in row')
      } else if (clt >= rowEnd) break
      const nc = s.charCodeAt(clt + 2)
      if (s.charCodeAt(clt + 1) !== 99 /* c */ || !(isSpace(nc) || nc === 62 || nc === 47))
        throw new Unsupported('unexpected element in row')
      let cgt = plainCellTag(s, clt, r, attrs)
      if (cgt < 0) cgt = readCellTag(s, clt + 1, rowEnd, attrs)
      const cStart = cgt + 1
      let cEnd = cStart
      // the usual contents are told by their few tags: none, `<v>text</v>`, `<is><t>text</t></is>`; the
      // text lies in s[text, cEnd) for the first, s[text, textEnd) for the second
      let content = C_OTHER
      let text = 0
      let textEnd = 0
      if (s.charCodeAt(cgt - 1) === 47 /* / */) content = C_NONE
      else if (s.charCodeAt(cStart) === 60 /* < */) {
        const n = s.charCodeAt(cStart + 1)
        if (n === 47 /* / */ && closesCell(s, cStart)) content = C_NONE
        else if (n === 118 /* v */ && s.charCodeAt(cStart + 2) === 62) {
          text = cStart + 3
          const lt = nextTag(s, text)
          if (closesV(s, lt)) {
            content = C_V
            cEnd = lt + 4
          }
        } else if (n === 105 /* i */ && isTextStart(s, cStart)) {
          text = cStart + 6
          if (s.charCodeAt(text) === 62 /* > */) text++
          else if (s.startsWith(' xml:space="preserve">', text)) text += 22
          else text = -1
          if (text > 0) {
            textEnd = s.indexOf('<', text)
            if (textEnd >= 0 && closesText(s, textEnd)) {
              content = C_IS
              cEnd = textEnd + 9
            }
          }
        }
      }
      if (content === C_NONE) p = s.charCodeAt(cgt - 1) === 47 ? cStart : cStart + 4
      else if (content !== C_OTHER) p = cEnd + 4
      else {
        cEnd = s.indexOf('</c>', cgt)
        if (cEnd < 0 || cEnd > rowEnd) throw new Unsupported('unclosed cell')
        if (hasTagStartingWithC(s, cgt, cEnd)) throw new Unsupported('cell inside cell')
        p = cEnd + 4
      }
      let c: number
      if (attrs.col >= 0) c = attrs.col
      else if (attrs.rStart >= 0) c = refColumn(s, attrs.rStart, attrs.rEnd, r)
      else {
        // SheetJS takes the first `r=` anywhere in the cell's text for its reference: the next `r=` of
        // the sheet is looked for again only once the cells have passed it (a sheet without references
        // has none, and is searched once, not once per cell)
        if (nextRefAt >= 0 && nextRefAt <= clt) nextRefAt = s.indexOf('r=', clt + 1)
        if (nextRefAt >= 0 && nextRefAt <= p - 2) throw new Unsupported('cell reference')
        c = lastCol + 1
      }
      if (c < 0) throw new Unsupported('cell reference')
      lastCol = c
      // an empty cell of no type or a number's (`<c r="G7" s="2" t="n"></c>`, as some tools fill a form's
      // grid) gives none, as readCell would find
      if (content === C_NONE && (attrs.tStart < 0 || isNumberType(s, attrs.tStart, attrs.tEnd))) continue
      const cell = readCell(cStart, cEnd, content, text, textEnd, attrs, r, c, cellCtx)
      if (cell === null) continue
      const row = rows[r] ?? (rows[r] = [])
      if (c < maxCols) row[c] = cell
    }
  }
}

type CellCtx = Readonly<{
  part: PartBytes
  strings: readonly string[]
  styles: CellStyles
  shared: Map<string, { f: string; r: number; c: number }>
  child: ChildSpan
  /** the inline strings' texts, compared with those of the same sheet of the file read before */
  texts: PlacedTexts | null
  /** the same for the values of `t="str"` cells */
  strTexts: PlacedTexts | null
}>

function readFormula(from: number, to: number, r: number, c: number, ctx: CellCtx): string | undefined {
  const s = ctx.part.text
  const f = ctx.child
  if (!findChild(s, from, to, 'f', f)) return undefined
  // the attributes are compared with ASCII words only, so their one-byte text serves
  const open = s.slice(f.open, f.gt + 1)
  const fa: Record<string, string> = {}
  readAttrs(open, 1, open.length - 1, fa)
  if (fa.t !== undefined && fa.t !== 'shared' && fa.t !== 'normal') throw new Unsupported('array formula')
  const isShared = open.includes('t="shared"')
  const selfClosing = f.end < 0
  if (selfClosing || f.end === f.gt + 1) {
    const base = isShared || selfClosing ? ctx.shared.get(fa.si ?? '') : undefined
    return base ? shiftFormula(base.f, r - base.r, c - base.c) : undefined
  }
  const inner = decodedText(ctx.part, f.gt + 1, f.end)
  if (isShared) {
    const si = fa.si ?? ''
    if (!/^\d+$/.test(si)) throw new Unsupported('shared formula index')
    ctx.shared.set(String(parseInt(si, 10)), { f: xlfn(unescapeXml(inner)), r, c })
  }
  return xlfn(unescapeXml(inner, true))
}

/** The text of a `t="str"` cell whose `<v>` holds [from, to). */
function strText(part: PartBytes, from: number, to: number): string {
  const text = decodedText(part, from, to)
  return isPlainText(part.text, from, to) ? text : strCellText(text, part.text.slice(from, to))
}

/** Whether the type s[from, to) reads as a number's (`n`, or empty). */
function isNumberType(s: string, from: number, to: number): boolean {
  return from === to || (to - from === 1 && s.charCodeAt(from) === 110) /* n */
}

// The cell types, without a string per cell
const T_N = 0
const T_S = 1
const T_STR = 2
const T_INLINE = 3
const T_B = 4
const T_E = 5

function cellType(part: PartBytes, from: number, to: number): number {
  const s = part.text
  const len = to - from
  const c0 = s.charCodeAt(from)
  if (len === 0) return T_N
  if (len === 1) {
    if (c0 === 110 /* n */) return T_N
    if (c0 === 115 /* s */) return T_S
    if (c0 === 98 /* b */) return T_B
    if (c0 === 101 /* e */) return T_E
  } else if (len === 3 && s.startsWith('str', from)) return T_STR
  else if (len === 9 && s.startsWith('inlineStr', from)) return T_INLINE
  throw new Unsupported('cell type ' + part.utf8(from, to))
}

/**
 * The cell whose content is s[from, to) (`content`: what parseSheetData found there, the text of a plain
 * inline string at [text, textEnd)), or null when SheetJS keeps none.
 */
function readCell(
  from: number,
  to: number,
  content: number,
  text: number,
  textEnd: number,
  attrs: CellAttrs,
  r: number,
  c: number,
  ctx: CellCtx,
): GridCell | null {
  const s = ctx.part.text
  if (content === C_IS && attrs.tEnd - attrs.tStart === 9 && s.startsWith('inlineStr', attrs.tStart)) {
    // escaped texts (`S&#7889;`) are un-escaped once per batch (decoded-texts.ts)
    const texts = ctx.texts
    const value = texts === null ? itemText(ctx.part, text, textEnd) : texts.text(ctx.part, text, textEnd)
    return textCell(value, attrs, ctx)
  }
  const onlyV = content === C_V
  // the `<v>` text lies in s[vStart, vEnd); vStart -1 when the cell has none (or an empty one)
  let vStart = -1
  let vEnd = -1
  let formula: string | undefined
  if (onlyV) {
    // no formula to look for
    if (to - 4 > from + 3) {
      vStart = from + 3
      vEnd = to - 4
    }
  } else if (to > from) {
    const v = ctx.child
    if (findChild(s, from, to, 'v', v)) {
      if (v.end < 0) throw new Unsupported('empty v element')
      if (v.end > v.gt + 1) {
        vStart = v.gt + 1
        vEnd = v.end
      }
    }
    formula = readFormula(from, to, r, c, ctx)
  }
  const hasType = attrs.tStart >= 0
  if (!hasType && vStart < 0) return null
  const type = hasType ? cellType(ctx.part, attrs.tStart, attrs.tEnd) : T_N
  let kind: CellKind
  let value: number | string | boolean | null
  let w: string | undefined
  switch (type) {
    case T_N: {
      if (vStart < 0) return null
      const n = numberValue(s, vStart, vEnd)
      if (Number.isNaN(n)) throw new Unsupported('not a number')
      kind = 'number'
      value = n
      break
    }
    case T_S: {
      if (vStart < 0) return null
      const i = plainIndex(s, vStart, vEnd)
      const text = ctx.strings[i >= 0 ? i : parseInt(asciiValue(s.slice(vStart, vEnd)), 10)]
      if (text === undefined) throw new Unsupported('shared string index')
      kind = 'text'
      value = text
      break
    }
    case T_STR: {
      kind = 'text'
      if (vStart < 0) value = ''
      else {
        const texts = ctx.strTexts
        value = texts === null ? strText(ctx.part, vStart, vEnd) : texts.text(ctx.part, vStart, vEnd)
      }
      break
    }
    case T_INLINE: {
      const is = ctx.child
      const text =
        to <= from || !findChild(s, from, to, 'is', is)
          ? ''
          : is.end < 0
            ? undefined
            : stringItemText(ctx.part.utf8(is.gt + 1, is.end))
      if (text === undefined) throw new Unsupported('inline string')
      kind = 'text'
      value = text
      break
    }
    case T_B:
      kind = 'boolean'
      value = parseXmlBool(vStart >= 0 ? asciiValue(s.slice(vStart, vEnd)) : undefined)
      break
    default:
      kind = 'error'
      w = vStart >= 0 ? asciiValue(s.slice(vStart, vEnd)) : undefined
      value = w || '#N/A'
      if (!w) w = undefined
  }
  const style = ctx.styles.at(attrs.sStart < 0 ? -1 : plainIndex(s, attrs.sStart, attrs.sEnd))
  const format = style.format
  if (kind !== 'error') {
    if (kind === 'number' && style.general) w = generalNumber(value as number)
    else if (style.fmtid === 0) w = kind === 'boolean' ? (value ? 'TRUE' : 'FALSE') : (value as string)
    else if (kind === 'number') w = formatNumber(format, value as number)
    else w = formatOther(format, value as string | boolean)
    if (kind === 'number' && (style.date ??= isDateFormat(format))) kind = 'date'
  }
  const hasFormula = formula !== undefined && formula !== ''
  if (w === undefined) return hasFormula ? { kind, value, format, formula } : { kind, value, format }
  const formatted = typeof w === 'string' ? w : String(w)
  return hasFormula ? { kind, value, formatted, format, formula } : { kind, value, formatted, format }
}

/** A text cell (an inline string's), formatted as readCell formats text. */
function textCell(text: string, attrs: CellAttrs, ctx: CellCtx): GridCell {
  const style = ctx.styles.at(attrs.sStart < 0 ? -1 : plainIndex(ctx.part.text, attrs.sStart, attrs.sEnd))
  const format = style.format
  const w = style.fmtid === 0 ? text : formatOther(format, text)
  return w === undefined
    ? { kind: 'text', value: text, format }
    : { kind: 'text', value: text, formatted: String(w), format }
}
