// The pieces of SheetJS's XML handling its OpenDocument reader is built on, ported as they are so that
// the fast .ods reader tokenises, names attributes and un-escapes text exactly as SheetJS does.
import { BoundedMemo } from '../../../shared/bounded-memo'
import { Unsupported } from '../../zip/zip-index'
import { unescapeXml } from '../xlsx-fast/sheetjs-text'

/** SheetJS's xlmlregex: a tag, its closing slash, its prefix and its local name. */
export const tagRegex = (): RegExp =>
  /<([/]?)([^\s?><!/:"]*:|)([^\s?<>:/"]+)(?:\s+[^<>=?"'\s]+="[^"]*?")*\s*[/]?>/gm

/** A tag as `tagRegex` matches it, by positions in the text; one object is filled again for each tag. */
export type TagMatch = {
  /** where its `<` is, and where the text after its `>` starts */
  start: number
  end: number
  /** `</…>` */
  closing: boolean
  /** its local name, past the prefix and its colon */
  localStart: number
  localEnd: number
}

export const newTagMatch = (): TagMatch => ({ start: 0, end: 0, closing: false, localStart: 0, localEnd: 0 })

/** A character of a regular expression's `\s`. */
function isSpace(c: number): boolean {
  return c <= 0x20
    ? c === 0x20 || (c >= 0x09 && c <= 0x0d)
    : c >= 0xa0 &&
        (c === 0xa0 ||
          c === 0x1680 ||
          (c >= 0x2000 && c <= 0x200a) ||
          c === 0x2028 ||
          c === 0x2029 ||
          c === 0x202f ||
          c === 0x205f ||
          c === 0x3000 ||
          c === 0xfeff)
}

/** `[^\s?><!/:"]`: a character of the prefix. */
function isPrefixChar(c: number): boolean {
  return !(
    c === 0x3f ||
    c === 0x3e ||
    c === 0x3c ||
    c === 0x21 ||
    c === 0x2f ||
    c === 0x3a ||
    c === 0x22 ||
    isSpace(c)
  )
}

/** `[^\s?<>:/"]`: a character of the local name. */
function isLocalChar(c: number): boolean {
  return !(c === 0x3f || c === 0x3c || c === 0x3e || c === 0x3a || c === 0x2f || c === 0x22 || isSpace(c))
}

/** `[^<>=?"'\s]`: a character of an attribute's name. */
function isAttrNameChar(c: number): boolean {
  return !(c === 0x3c || c === 0x3e || c === 0x3d || c === 0x3f || c === 0x22 || c === 0x27 || isSpace(c))
}

/** Whether `tagRegex` matches at `i` (a `<`), and where, into `m`. Its matching never backtracks usefully. */
function tagAt(str: string, i: number, m: TagMatch): boolean {
  const n = str.length
  let p = i + 1
  const closing = str.charCodeAt(p) === 0x2f
  if (closing) p++
  // a prefix is a run of its characters ended by a colon; without the colon there is none
  let q = p
  while (q < n && isPrefixChar(str.charCodeAt(q))) q++
  const localStart = q < n && str.charCodeAt(q) === 0x3a ? q + 1 : p
  let r = localStart
  while (r < n && isLocalChar(str.charCodeAt(r))) r++
  if (r === localStart) return false
  const localEnd = r
  // attributes: white space, a name, `="`, anything up to the next `"`
  for (;;) {
    let s = r
    while (s < n && isSpace(str.charCodeAt(s))) s++
    if (s === r) break
    let t = s
    while (t < n && isAttrNameChar(str.charCodeAt(t))) t++
    if (t === s || str.charCodeAt(t) !== 0x3d || str.charCodeAt(t + 1) !== 0x22) break
    const quote = str.indexOf('"', t + 2)
    if (quote < 0) break
    r = quote + 1
  }
  while (r < n && isSpace(str.charCodeAt(r))) r++
  if (str.charCodeAt(r) === 0x2f) r++
  if (str.charCodeAt(r) !== 0x3e) return false
  m.start = i
  m.end = r + 1
  m.closing = closing
  m.localStart = localStart
  m.localEnd = localEnd
  return true
}

/**
 * The first tag from `from` on, into `m`, exactly as `tagRegex()` with its `lastIndex` at `from` finds
 * it (a `<` it does not match is passed over), without a match array and its strings; false at the end.
 */
export function nextTag(str: string, from: number, m: TagMatch): boolean {
  for (let i = str.indexOf('<', from); i >= 0; i = str.indexOf('<', i + 1)) if (tagAt(str, i, m)) return true
  return false
}

/** The attributes of rows and cells that the .ods reader reads. */
export const CELL_KEYS = [
  'number-rows-repeated',
  'number-columns-repeated',
  'formula',
  'style-name',
  'value-type',
  'string-value',
  'number-matrix-columns-spanned',
  'number-matrix-rows-spanned',
  'number-columns-spanned',
  'number-rows-spanned',
  'boolean-value',
  'value',
  'date-value',
  'time-value',
] as const

/** What `tagAttrs` gives a row's or a cell's tag for the attributes the reader reads. */
export type CellAttrs = { [K in (typeof CELL_KEYS)[number]]?: string }

const CELL_KEYS_BY_LENGTH: ReadonlyArray<ReadonlyArray<(typeof CELL_KEYS)[number]>> = (() => {
  const out: (typeof CELL_KEYS)[number][][] = []
  for (const k of CELL_KEYS) (out[k.length] ??= []).push(k)
  return out
})()

/** The key of CELL_KEYS spelt from `start` to `end`, if any. */
function cellKey(str: string, start: number, end: number): (typeof CELL_KEYS)[number] | undefined {
  const candidates = CELL_KEYS_BY_LENGTH[end - start]
  if (candidates !== undefined) for (const k of candidates) if (str.startsWith(k, start)) return k
  return undefined
}

/** `[a-z0-9.:-]`: a character of an attribute's name spelt plainly. */
function isPlainNameChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x3a) || c === 0x2d || c === 0x2e
}

/**
 * `tagAttrs` of the tag `m` matched, for the attributes of CELL_KEYS, read in place (no string of the
 * tag, no expression); or null when the tag is not spelt plainly (white space other than spaces before
 * an attribute, a name with other than lower-case letters, digits, `-`, `.` and `:`), for `cachedAttrs`
 * to read. A plainly spelt tag is one whose attributes `tagAttrs` reads exactly as the tokenising
 * expression matched them, so that only its naming rules remain to follow: the prefix dropped, a
 * `…ext:` attribute not replacing one already given (`calcext:value-type` after `office:value-type`).
 */
export function plainCellAttrs(str: string, m: TagMatch): CellAttrs | null {
  const out: CellAttrs = {}
  let p = m.localEnd
  while (str.charCodeAt(p) === 0x20) {
    while (str.charCodeAt(p) === 0x20) p++
    const c = str.charCodeAt(p)
    if (c === 0x2f || c === 0x3e) return out
    const start = p
    let colon = -1
    for (let d = c; d !== 0x3d; d = str.charCodeAt(++p)) {
      if (!isPlainNameChar(d)) return null
      if (d === 0x3a && colon < 0) colon = p
    }
    if (p === start || str.charCodeAt(p + 1) !== 0x22) return null
    const quote = str.indexOf('"', p + 2)
    if (quote < 0 || quote >= m.end) return null
    const key = cellKey(str, colon < 0 ? start : colon + 1, p)
    // an `xmlns:` attribute is named `xmlns…`, never one of these
    if (key !== undefined && !(colon - start === 5 && str.startsWith('xmlns', start))) {
      if (!(colon >= 0 && out[key] && str.startsWith('ext', colon - 3) && colon - 3 >= start))
        out[key] = str.slice(p + 2, quote)
    }
    p = quote + 1
  }
  const c = str.charCodeAt(p)
  return c === 0x2f || c === 0x3e ? out : null
}

const ATTRS = /\s([^"\s?>/]+)\s*=\s*((?:")([^"]*)(?:")|(?:')([^']*)(?:')|([^'">\s]+))/g

export type Attrs = Record<string, string>

/** SheetJS's parsexmltag(tag, false): attributes by local name (and lower case), the prefix dropped. */
export function tagAttrs(tag: string): Attrs {
  const z: Attrs = Object.create(null) as Attrs
  let eq = 0
  for (; eq !== tag.length; ++eq) {
    const c = tag.charCodeAt(eq)
    if (c === 32 || c === 10 || c === 13) break
  }
  z[0] = tag.slice(0, eq)
  if (eq === tag.length) return z
  const m = tag.match(ATTRS)
  if (m)
    for (const a of m) {
      const cc = a.slice(1)
      let c = 0
      for (; c !== cc.length; ++c) if (cc.charCodeAt(c) === 61) break
      let q = cc.slice(0, c).trim()
      while (cc.charCodeAt(c + 1) === 32) ++c
      const e = cc.charCodeAt(c + 1)
      const quot = e === 34 || e === 39 ? 1 : 0
      const v = cc.slice(c + 1 + quot, cc.length - quot)
      let j = 0
      for (; j !== q.length; ++j) if (q.charCodeAt(j) === 58) break
      if (j === q.length) {
        if (q.indexOf('_') > 0) q = q.slice(0, q.indexOf('_'))
        z[q] = v
        z[q.toLowerCase()] = v
      } else {
        const k = (j === 5 && q.slice(0, 5) === 'xmlns' ? 'xmlns' : '') + q.slice(j + 1)
        if (z[k] && q.slice(j - 3, j) === 'ext') continue
        z[k] = v
        z[k.toLowerCase()] = v
      }
    }
  return z
}

// A spreadsheet's tags repeat (`<table:table-cell office:value-type="string" …>`): their attributes
// are read once per batch, never changed by their readers, and forgotten past a bound.
const attrsOf = new BoundedMemo<string, Readonly<Attrs>>(20_000)

/** tagAttrs, remembered: the object is shared, and must not be changed. */
export function cachedAttrs(tag: string): Readonly<Attrs> {
  let a = attrsOf.get(tag)
  if (a === undefined) attrsOf.set(tag, (a = tagAttrs(tag)))
  return a
}

/** SheetJS's parsexmltagraw(tag, true): attributes by their full name (and lower case). */
export function rawTagAttrs(tag: string): Attrs {
  const z: Attrs = Object.create(null) as Attrs
  let eq = 0
  for (; eq !== tag.length; ++eq) {
    const c = tag.charCodeAt(eq)
    if (c === 32 || c === 10 || c === 13) break
  }
  if (eq === tag.length) return z
  const m = tag.match(ATTRS)
  if (m)
    for (const a of m) {
      const cc = a.slice(1)
      let c = 0
      for (; c !== cc.length; ++c) if (cc.charCodeAt(c) === 61) break
      let q = cc.slice(0, c).trim()
      while (cc.charCodeAt(c + 1) === 32) ++c
      const e = cc.charCodeAt(c + 1)
      const quot = e === 34 || e === 39 ? 1 : 0
      const v = cc.slice(c + 1 + quot, cc.length - quot)
      if (q.indexOf('_') > 0) q = q.slice(0, q.indexOf('_'))
      z[q] = v
      z[q.toLowerCase()] = v
    }
  return z
}

/** SheetJS's unescapexml (text, not xlsx); CDATA goes to SheetJS. */
export function unescape(text: string): string {
  return unescapeXml(text)
}

/** SheetJS's str_remove_ng(str, '<!--', '-->'): comments cut out. */
export function removeComments(str: string): string {
  const out: string[] = []
  let last = 0
  let si = str.indexOf('<!--')
  if (si === -1) return str
  while (si > -1) {
    out.push(str.slice(last, si))
    const ei = str.indexOf('-->', si + 4)
    if (ei === -1) break
    if ((si = str.indexOf('<!--', (last = ei + 3))) === -1) out.push(str.slice(last))
  }
  return out.join('')
}

/** A DOCTYPE is the guard's business: such a file never reaches this reader, and SheetJS reads it. */
export function refuseDoctype(str: string): void {
  if (str.slice(0, 1024).includes('<!DOCTYPE')) throw new Unsupported('ods: doctype')
}

/** SheetJS's parsexmlbool. */
export function xmlBool(value: string | undefined): boolean {
  return value === '1' || value === 'true'
}

/** SheetJS's fill(c, l). */
export function fill(c: string, l: number): string {
  let o = ''
  while (o.length < l) o += c
  return o
}
