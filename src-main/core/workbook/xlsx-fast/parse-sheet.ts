// A hand-written scanner over a worksheet's XML: one pass, no regular expression per cell, and
// exactly SheetJS's reading of each cell (which cells it keeps, their values, formats and formulas).
import * as XLSX from '@e965/xlsx'
import type { CellKind, CellRange, GridCell } from '../grid'
import { asciiValue, strCellText, unescapeXml } from './sheetjs-text'
import type { StyleFormats } from './parts'
import { stringItemText } from './parts'
import { Unsupported } from './zip'

export type SheetLimits = Readonly<{ maxRows: number; maxCols: number }>
export type ParsedSheet = Readonly<{ rows: (GridCell | undefined)[][]; merges: CellRange[] }>
type Ctx = Readonly<{ strings: readonly string[]; styles: StyleFormats; limits: SheetLimits }>

const dateFormats = new Map<string, boolean>()
function isDateFormat(format: string): boolean {
  let d = dateFormats.get(format)
  if (d === undefined) {
    d = format !== 'General' && Boolean(XLSX.SSF.is_date(format))
    dateFormats.set(format, d)
  }
  return d
}

// Formatting a number is the costliest step per cell, and a batch repeats the same few values.
const formatted = new Map<string, Map<number, string | undefined>>()
const FORMAT_CACHE_MAX = 50_000
let formatCacheSize = 0
function formatNumber(format: string, v: number): string | undefined {
  if (Object.is(v, -0)) return formatOther(format, v)
  let byValue = formatted.get(format)
  if (byValue === undefined) {
    byValue = new Map()
    formatted.set(format, byValue)
  }
  if (byValue.has(v)) return byValue.get(v)
  let w: string | undefined
  try {
    w = XLSX.SSF.format(format, v)
  } catch {
    w = undefined
  }
  if (formatCacheSize >= FORMAT_CACHE_MAX) {
    formatted.clear()
    formatCacheSize = 0
    byValue = new Map()
    formatted.set(format, byValue)
  }
  byValue.set(v, w)
  formatCacheSize++
  return w
}

function formatOther(format: string, v: string | boolean | number): string | undefined {
  try {
    return XLSX.SSF.format(format, v)
  } catch {
    return undefined
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9
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
    while (i < end && isSpace(s.charCodeAt(i))) i++
    if (s.charCodeAt(i) !== 61) throw new Unsupported('attribute without value')
    i++
    while (i < end && isSpace(s.charCodeAt(i))) i++
    const q = s.charCodeAt(i)
    if (q !== 34 && q !== 39) throw new Unsupported('unquoted attribute')
    const ve = s.indexOf(q === 34 ? '"' : "'", i + 1)
    if (ve < 0 || ve > end) throw new Unsupported('attribute')
    const colon = name.indexOf(':')
    if (colon >= 0) name = name.slice(colon + 1)
    out[name] = s.slice(i + 1, ve)
    i = ve + 1
  }
}

/** `B12` -> [row, col] 0-based, or null when it is not a plain A1 reference. */
function decodeRef(ref: string): [number, number] | null {
  let i = 0
  let c = 0
  for (; i < ref.length; i++) {
    const cc = ref.charCodeAt(i) - 64
    if (cc < 1 || cc > 26) break
    c = 26 * c + cc
  }
  if (i === 0 || i > 3 || i === ref.length) return null
  let r = 0
  const rs = i
  for (; i < ref.length; i++) {
    const cc = ref.charCodeAt(i) - 48
    if (cc < 0 || cc > 9) return null
    r = 10 * r + cc
  }
  if (ref.charCodeAt(rs) === 48 || r === 0) return null
  return [r - 1, c - 1]
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

/** The first `<name>…</name>` child in s[from, to) (inner `\u0000self` when self-closing), or null. */
function childText(
  s: string,
  from: number,
  to: number,
  name: string,
): { open: string; inner: string } | null {
  // step from '<' to '<' so that the search never runs past the cell (the sheet may be large)
  for (let i = s.indexOf('<', from); i >= 0 && i < to; i = s.indexOf('<', i + 1)) {
    if (!s.startsWith(name, i + 1)) continue
    const c = s.charCodeAt(i + 1 + name.length)
    if (c === 62 || isSpace(c) || c === 47) {
      const gt = s.indexOf('>', i)
      if (gt < 0 || gt >= to) throw new Unsupported('broken tag')
      const open = s.slice(i, gt + 1)
      if (s.charCodeAt(gt - 1) === 47) return { open, inner: '\u0000self' }
      const close = s.indexOf('</' + name + '>', gt)
      if (close < 0 || close >= to) throw new Unsupported('unclosed ' + name)
      return { open, inner: s.slice(gt + 1, close) }
    }
  }
  return null
}

export function parseSheet(xml: string, ctx: Ctx): ParsedSheet {
  if (!/^(?:<\?xml[^>]*>\s*)?<worksheet[\s>]/.test(xml.slice(0, 600))) throw new Unsupported('worksheet root')
  if (xml.includes('<![CDATA[')) throw new Unsupported('cdata')
  const { maxRows, maxCols } = ctx.limits
  const rows: (GridCell | undefined)[][] = []
  let tail = xml
  const sdOpen = xml.indexOf('<sheetData')
  const sdClose = sdOpen < 0 ? -1 : xml.indexOf('</sheetData>', sdOpen)
  if (sdOpen >= 0 && sdClose >= 0) {
    tail = xml.slice(sdClose)
    const startTag = xml.indexOf('>', sdOpen)
    parseSheetData(xml, startTag + 1, sdClose, ctx, rows)
  } else if (/<\w+:sheetData/.test(xml)) throw new Unsupported('prefixed sheetData')
  if (/<(?:\w+:)?hyperlink\s/.test(tail)) throw new Unsupported('hyperlinks')
  const merges: CellRange[] = []
  for (const m of tail.match(MERGE_RE) ?? []) {
    const r = safeDecodeRange(m.slice(m.indexOf('=') + 2))
    if (r.r1 < maxRows && r.c1 < maxCols) merges.push(r)
  }
  return { rows, merges }
}

function parseSheetData(
  s: string,
  from: number,
  to: number,
  ctx: Ctx,
  rows: (GridCell | undefined)[][],
): void {
  const { maxRows, maxCols } = ctx.limits
  const { table, xfFormat } = ctx.styles
  const strings = ctx.strings
  const attrs: Record<string, string> = {}
  const shared = new Map<string, { f: string; r: number; c: number }>()
  let pos = from
  for (;;) {
    const lt = s.indexOf('<', pos)
    if (lt < 0 || lt >= to) return
    if (
      !s.startsWith('<row', lt) ||
      !(isSpace(s.charCodeAt(lt + 4)) || s.charCodeAt(lt + 4) === 62 || s.charCodeAt(lt + 4) === 47)
    )
      throw new Unsupported('unexpected element in sheetData')
    const rowGt = s.indexOf('>', lt)
    if (rowGt < 0 || rowGt >= to) throw new Unsupported('broken row')
    for (const k in attrs) delete attrs[k]
    readAttrs(s, lt + 1, rowGt, attrs)
    const rAttr = attrs.r
    if (rAttr === undefined || !/^[1-9]\d*$/.test(rAttr)) throw new Unsupported('row without number')
    if (s.charCodeAt(rowGt - 1) === 47) {
      pos = rowGt + 1
      continue
    }
    const rowNum = parseInt(rAttr, 10)
    const rowEnd = s.indexOf('</row>', rowGt)
    if (rowEnd < 0 || rowEnd >= to) throw new Unsupported('unclosed row')
    pos = rowEnd + 6
    if (maxRows < rowNum) continue
    let p = rowGt + 1
    for (;;) {
      const clt = s.indexOf('<', p)
      if (clt < 0 || clt >= rowEnd) {
        if (s.slice(p, rowEnd).trim() !== '') throw new Unsupported('text in row')
        break
      }
      if (s.slice(p, clt).trim() !== '') throw new Unsupported('text in row')
      const nc = s.charCodeAt(clt + 2)
      if (s.charCodeAt(clt + 1) !== 99 /* c */ || !(isSpace(nc) || nc === 62 || nc === 47))
        throw new Unsupported('unexpected element in row')
      const cgt = s.indexOf('>', clt)
      if (cgt < 0 || cgt >= rowEnd) throw new Unsupported('broken cell')
      for (const k in attrs) delete attrs[k]
      readAttrs(s, clt + 1, cgt, attrs)
      let cStart = cgt + 1
      let cEnd = cgt + 1
      if (s.charCodeAt(cgt - 1) === 47) p = cgt + 1
      else {
        cEnd = s.indexOf('</c>', cgt)
        if (cEnd < 0 || cEnd > rowEnd) throw new Unsupported('unclosed cell')
        const next = s.indexOf('<c', cgt)
        if (next >= 0 && next < cEnd) throw new Unsupported('cell inside cell')
        p = cEnd + 4
      }
      if (cStart > cEnd) cStart = cEnd
      const ref = attrs.r
      const rc = ref === undefined ? null : decodeRef(ref)
      if (rc === null || rc[0] !== rowNum - 1) throw new Unsupported('cell reference')
      const cell = readCell(s, cStart, cEnd, attrs, rc[0], rc[1], strings, table, xfFormat, shared)
      if (cell === null) continue
      const r = rc[0]
      const row = rows[r] ?? (rows[r] = [])
      if (rc[1] < maxCols) row[rc[1]] = cell
    }
  }
}

function readCell(
  s: string,
  from: number,
  to: number,
  attrs: Record<string, string>,
  r: number,
  c: number,
  strings: readonly string[],
  table: Map<number, string>,
  xfFormat: (number | undefined)[] | null,
  shared: Map<string, { f: string; r: number; c: number }>,
): GridCell | null {
  const t = attrs.t
  let vRaw: string | undefined
  let formula: string | undefined
  if (to > from) {
    const v = childText(s, from, to, 'v')
    if (v !== null) {
      if (v.inner === '\u0000self') throw new Unsupported('empty v element')
      if (v.inner !== '') vRaw = v.inner
    }
    const f = childText(s, from, to, 'f')
    if (f !== null) {
      const fa: Record<string, string> = {}
      readAttrs(f.open, 1, f.open.length - 1, fa)
      if (fa.t !== undefined && fa.t !== 'shared' && fa.t !== 'normal') throw new Unsupported('array formula')
      const isShared = f.open.includes('t="shared"')
      if (f.inner === '\u0000self' || f.inner === '') {
        const base = isShared || f.inner === '\u0000self' ? shared.get(fa.si ?? '') : undefined
        if (base) formula = shiftFormula(base.f, r - base.r, c - base.c)
      } else {
        formula = xlfn(unescapeXml(f.inner, true))
        if (isShared) {
          const si = fa.si ?? ''
          if (!/^\d+$/.test(si)) throw new Unsupported('shared formula index')
          shared.set(String(parseInt(si, 10)), { f: xlfn(unescapeXml(f.inner)), r, c })
        }
      }
    }
  }
  if (t === undefined && vRaw === undefined) return null
  const type = t || 'n'
  let kind: CellKind
  let value: number | string | boolean | null
  let w: string | undefined
  switch (type) {
    case 'n': {
      if (vRaw === undefined) return null
      const n = parseFloat(asciiValue(vRaw))
      if (Number.isNaN(n)) throw new Unsupported('not a number')
      kind = 'number'
      value = n
      break
    }
    case 's': {
      if (vRaw === undefined) return null
      const text = strings[parseInt(asciiValue(vRaw), 10)]
      if (text === undefined) throw new Unsupported('shared string index')
      kind = 'text'
      value = text
      break
    }
    case 'str':
      kind = 'text'
      value = vRaw !== undefined ? strCellText(vRaw) : ''
      break
    case 'inlineStr': {
      const is = to > from ? childText(s, from, to, 'is') : null
      const text = is === null ? '' : is.inner === '\u0000self' ? undefined : stringItemText(is.inner)
      if (text === undefined) throw new Unsupported('inline string')
      kind = 'text'
      value = text
      break
    }
    case 'b':
      kind = 'boolean'
      value = parseXmlBool(vRaw !== undefined ? asciiValue(vRaw) : undefined)
      break
    case 'e':
      kind = 'error'
      w = vRaw !== undefined ? asciiValue(vRaw) : undefined
      value = w || '#N/A'
      if (!w) w = undefined
      break
    default:
      throw new Unsupported('cell type ' + type)
  }
  let fmtid = 0
  if (xfFormat !== null && attrs.s !== undefined && /^(?:0|[1-9]\d*)$/.test(attrs.s)) {
    const id = xfFormat[parseInt(attrs.s, 10)]
    if (id !== undefined) fmtid = id
  }
  const format = table.get(fmtid)
  if (format === undefined) throw new Unsupported('implicit number format')
  if (kind !== 'error') {
    if (fmtid === 0) {
      if (kind === 'number')
        w =
          (value as number) === ((value as number) | 0)
            ? (value as number).toString(10)
            : formatNumber('General', value as number)
      else if (kind === 'boolean') w = value ? 'TRUE' : 'FALSE'
      else w = value as string
    } else if (kind === 'number') w = formatNumber(format, value as number)
    else w = formatOther(format, value as string | boolean)
    if (kind === 'number' && isDateFormat(format)) kind = 'date'
  }
  const cell: {
    kind: CellKind
    value: number | string | boolean | null
    formatted?: string
    format?: string
    formula?: string
  } = {
    kind,
    value,
  }
  if (w !== undefined) cell.formatted = String(w)
  cell.format = format
  if (formula !== undefined && formula !== '') cell.formula = formula
  return cell
}
