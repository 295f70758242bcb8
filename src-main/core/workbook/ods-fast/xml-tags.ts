// The pieces of SheetJS's XML handling its OpenDocument reader is built on, ported as they are so that
// the fast .ods reader tokenises, names attributes and un-escapes text exactly as SheetJS does.
import { BoundedMemo } from '../../../shared/bounded-memo'
import { Unsupported } from '../../zip/zip-index'
import { unescapeXml } from '../xlsx-fast/sheetjs-text'

/** SheetJS's xlmlregex: a tag, its closing slash, its prefix and its local name. */
export const tagRegex = (): RegExp =>
  /<([/]?)([^\s?><!/:"]*:|)([^\s?<>:/"]+)(?:\s+[^<>=?"'\s]+="[^"]*?")*\s*[/]?>/gm

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
