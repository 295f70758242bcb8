// The small parts of a .xlsx (content types, workbook, relationships, styles, shared strings), read
// the way SheetJS reads them, so that the fast path finds the same sheets, formats and strings.
import { unescapeXml } from './sheetjs-text'
import { isPlainText, isSpace } from './scan'
import { Unsupported } from '../../zip/zip-index'
import type { PartBytes } from './byte-text'
import { itemText, placedTexts } from './decoded-texts'

const ATTR_RE = /\s([^"\s?>/]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^'">\s]+))/g

/** The attributes of one tag, names without their namespace prefix (as SheetJS's parsexmltag). */
export function tagAttrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {}
  ATTR_RE.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = ATTR_RE.exec(tag)) !== null) {
    let name = m[1] as string
    const colon = name.indexOf(':')
    if (colon >= 0) name = (name.slice(0, colon) === 'xmlns' ? 'xmlns' : '') + name.slice(colon + 1)
    out[name] = m[2] ?? m[3] ?? m[4] ?? ''
  }
  return out
}

/** Every `<name …>` tag; a malformed one (SheetJS's tag pattern would skip it) sends the file back. */
function tags(xml: string, name: string): string[] {
  const found = xml.match(new RegExp(`<${name}(?:\\s[^<>]*)?/?>`, 'g')) ?? []
  for (const t of found) if (!CLEAN_TAG.test(t)) throw new Unsupported('malformed tag')
  return found
}

/** The first `<tag …>inner</tag>` (SheetJS's str_match_xml_ns), no namespace prefixes accepted. */
export function matchElement(
  xml: string,
  name: string,
): { outer: string; inner: string; index: number } | null {
  const open = new RegExp(`<(?:\\w+:)?${name}\\b[^<>]*>`, 'g')
  const m = open.exec(xml)
  if (!m) return null
  const close = new RegExp(`</(?:\\w+:)?${name}>`, 'g')
  close.lastIndex = open.lastIndex
  const c = close.exec(xml)
  if (!c) return null
  return {
    outer: xml.slice(m.index, close.lastIndex),
    inner: xml.slice(open.lastIndex, c.index),
    index: m.index,
  }
}

export type ContentTypes = Readonly<{ workbook: string; sst: string | null; styles: string | null }>

const CT_WORKBOOK = /\.sheet\.main\+xml$|\.sheet\.macroEnabled\.main\+xml$|\.template\.main\+xml$/
export function parseContentTypes(xml: string): ContentTypes {
  const root = /<Types\b[^<>]*>/.exec(xml)
  if (
    !root ||
    !CLEAN_TAG.test(root[0]) ||
    tagAttrs(root[0]).xmlns !== 'http://schemas.openxmlformats.org/package/2006/content-types'
  )
    throw new Unsupported('content types namespace')
  let workbook: string | null = null
  let sst: string | null = null
  let styles: string | null = null
  for (const t of tags(xml, 'Override')) {
    const a = tagAttrs(t)
    const ct = a.ContentType ?? ''
    const part = (a.PartName ?? '').replace(/^\//, '')
    if (CT_WORKBOOK.test(ct)) {
      if (workbook !== null) throw new Unsupported('two workbooks')
      workbook = part
    } else if (ct.endsWith('.sharedStrings+xml')) sst = part
    else if (ct.endsWith('.styles+xml')) styles = part
    else if (/binary|\.bin$/i.test(part)) throw new Unsupported('binary part')
  }
  if (workbook !== 'xl/workbook.xml') throw new Unsupported('workbook part')
  return { workbook, sst, styles }
}

// SheetJS refuses a workbook in any other namespace
const XMLNS_MAIN = [
  'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  'http://purl.oclc.org/ooxml/spreadsheetml/main',
  'http://schemas.microsoft.com/office/excel/2006/main',
  'http://schemas.microsoft.com/office/excel/2006/2',
]
const CLEAN_TAG = /^<[a-zA-Z0-9:_-]+(?:\s+[^"\s?<>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*\/?>$/

export type SheetRef = Readonly<{ name: string; hidden: boolean; relId: string }>

export function parseWorkbook(xml: string): SheetRef[] {
  const root = /<workbook\b[^<>]*>/.exec(xml)
  if (!root || !CLEAN_TAG.test(root[0]) || !XMLNS_MAIN.includes(tagAttrs(root[0]).xmlns ?? ''))
    throw new Unsupported('workbook root')
  const pr = tags(xml, 'workbookPr')[0]
  if (pr) {
    const d = tagAttrs(pr).date1904
    if (d === '1' || d === 'true') throw new Unsupported('date1904')
  }
  const out: SheetRef[] = []
  const seen = new Set<string>()
  for (const t of tags(xml, 'sheet')) {
    const a = tagAttrs(t)
    if (a.name === undefined || a.id === undefined) throw new Unsupported('sheet entry')
    const name = unescapeXml(a.name)
    if (seen.has(name)) throw new Unsupported('duplicate sheet name')
    seen.add(name)
    out.push({ name, hidden: a.state === 'hidden' || a.state === 'veryHidden', relId: a.id })
  }
  if (out.length === 0) throw new Unsupported('no sheets')
  return out
}

export type Rel = Readonly<{ type: string; target: string }>

export function parseRels(xml: string | null): Map<string, Rel> {
  const out = new Map<string, Rel>()
  if (xml === null) return out
  for (const t of tags(xml, 'Relationship')) {
    const a = tagAttrs(t)
    const target = a.Target ?? ''

    if (/[^\x00-\x7f&]/.test(target)) throw new Unsupported('relationship target')
    out.set(a.Id ?? '', { type: a.Type ?? '', target })
  }
  return out
}

/** The number format of each cell style (`cellXfs` index -> format string), or null without styles. */
export type StyleFormats = Readonly<{ table: Map<number, string>; xfFormat: (number | undefined)[] | null }>

// SheetJS's built-in table after make_ssf(): ids missing here are loaded on first use, which changes
// what later cells report; the fast path leaves such files to SheetJS.
const BUILTIN: ReadonlyArray<readonly [number, string]> = [
  [0, 'General'],
  [1, '0'],
  [2, '0.00'],
  [3, '#,##0'],
  [4, '#,##0.00'],
  [9, '0%'],
  [10, '0.00%'],
  [11, '0.00E+00'],
  [12, '# ?/?'],
  [13, '# ??/??'],
  [14, 'm/d/yy'],
  [15, 'd-mmm-yy'],
  [16, 'd-mmm'],
  [17, 'mmm-yy'],
  [18, 'h:mm AM/PM'],
  [19, 'h:mm:ss AM/PM'],
  [20, 'h:mm'],
  [21, 'h:mm:ss'],
  [22, 'm/d/yy h:mm'],
  [37, '#,##0 ;(#,##0)'],
  [38, '#,##0 ;[Red](#,##0)'],
  [39, '#,##0.00;(#,##0.00)'],
  [40, '#,##0.00;[Red](#,##0.00)'],
  [45, 'mm:ss'],
  [46, '[h]:mm:ss'],
  [47, 'mmss.0'],
  [48, '##0.0E+0'],
  [49, '@'],
  [56, '"上午/下午 "hh"時"mm"分"ss"秒 "'],
]

/** SheetJS's built-in number formats by id, as the other fast readers look them up. */
export const BUILTIN_FORMATS: ReadonlyMap<number, string> = new Map(BUILTIN)

export function parseStyles(xml: string | null): StyleFormats {
  const table = new Map<number, string>(BUILTIN)
  if (xml === null) return { table, xfFormat: null }
  if (xml.includes('<!--') || xml.includes('<!DOCTYPE')) throw new Unsupported('styles comments')
  const numFmts = matchElement(xml, 'numFmts')
  if (numFmts) {
    for (const t of tags(numFmts.outer, 'numFmt')) {
      const a = tagAttrs(t)
      const id = parseInt(a.numFmtId ?? '', 10)
      if (!(id > 0) || id > 0x188 || a.formatCode === undefined) throw new Unsupported('number format id')
      table.set(id, unescapeXml(a.formatCode))
    }
  }
  const cellXfs = matchElement(xml, 'cellXfs')
  if (!cellXfs) return { table, xfFormat: null }
  if (/<(?:\w+:)?(?:AlternateContent|ext)\b/.test(cellXfs.outer)) throw new Unsupported('styles extensions')
  const xfFormat: (number | undefined)[] = []
  for (const t of tags(cellXfs.outer, 'xf')) {
    const raw = tagAttrs(t).numFmtId
    const id = raw ? parseInt(raw, 10) : undefined
    if (id !== undefined && (Number.isNaN(id) || id > 0x188)) throw new Unsupported('xf number format')
    xfFormat.push(id)
  }
  return { table, xfFormat }
}

const SI_PLAIN = /^\s*<(?:\w+:)?t[^>]*>/
const SI_RICH = /<(?:\w+:)?r\b[^<>]*>/
const T_END = /<\/(?:\w+:)?t>/
const SI_T = /<(?:\w+:)?t\b[^<>]*>([^<]*)<\/(?:\w+:)?t>/g
const RPH = /<(?:\w+:)?rPh\b[^<>]*>[\s\S]*?<\/(?:\w+:)?rPh>/g
const ANY_TAG = /<[^<>]*>/g

/** The text of a `<si>` or `<is>` body, as SheetJS's parse_si, or undefined when it has none. */
export function stringItemText(body: string): string | undefined {
  if (!body) return ''
  if (/<(?:\w+:)?t\s*\/>/.test(body)) throw new Unsupported('empty t element')
  if (SI_PLAIN.test(body)) return unescapeXml(body.slice(body.indexOf('>') + 1).split(T_END)[0] || '', true)
  if (SI_RICH.test(body)) {
    const texts = body.replace(RPH, '').match(SI_T) ?? []
    return unescapeXml(texts.join('').replace(ANY_TAG, ''), true)
  }
  return undefined
}

/**
 * The usual table, each item a plain `<si><t>text</t></si>`, read without regular expressions (the
 * same texts as stringItemText gives) from the items in s[from, to), `text` giving the text of an
 * item's content at [a, b); null when any item is otherwise, for the general reading to do. With
 * `untilClose`, the items end at the first `</sst>` instead, and null when none follows them.
 */
function plainSharedStrings(
  s: string,
  from: number,
  to: number,
  text: (a: number, b: number) => string,
  untilClose = false,
): string[] | null {
  const out: string[] = []
  let p = from
  for (;;) {
    while (p < to && isSpace(s.charCodeAt(p))) p++
    if (p >= to) {
      if (untilClose) return null
      break
    }
    if (untilClose && s.startsWith('</sst>', p)) break
    if (!s.startsWith('<si><t', p)) return null
    let a = p + 6
    if (s.charCodeAt(a) === 62 /* > */) a++
    else if (s.startsWith(' xml:space="preserve">', a)) a += 22
    else return null
    const b = s.indexOf('<', a)
    if (b < 0 || b >= to || !s.startsWith('</t></si>', b)) return null
    out.push(text(a, b))
    p = b + 9
  }
  // the general reading splits on `</si>`, which leaves an empty item after the last one
  out.push('')
  return out
}

/**
 * The shared strings part read from its bytes (`PartBytes`: one-byte text for the markup): a plain
 * item's text is decoded through the batch's table of texts (decoded-texts.ts), since a form's labels
 * repeat from file to file; any other table is decoded whole and read as `parseSharedStrings` reads it.
 */
export function parseSharedStringsPart(part: PartBytes | null): string[] {
  if (part === null) return []
  const s = part.text
  const open = /<(?:\w+:)?sst\b[^<>]*>/g
  const m = open.exec(s)
  if (!m) return []
  // a batch's tables give a form's texts at the same places: an item is first compared with the one
  // at its place in the table read before, then looked up among the batch's texts
  const texts = placedTexts('sst', itemText)
  texts.begin(part)
  const text = (a: number, b: number): string => texts.text(part, a, b)
  // the usual table: unprefixed, its plain items up to its closing tag (then the first one after them)
  const unprefixed = m[0].startsWith('<sst')
  const usual = unprefixed ? plainSharedStrings(s, open.lastIndex, s.length, text, true) : null
  if (usual !== null) return usual
  texts.begin(part)
  // an unprefixed table's closing tag, found without a regular expression over the table
  let end = unprefixed ? s.indexOf('</sst>', open.lastIndex) : -1
  if (end < 0) {
    const close = /<\/(?:\w+:)?sst>/g
    close.lastIndex = open.lastIndex
    const c = close.exec(s)
    if (!c) return []
    end = c.index
  }
  const plain = plainSharedStrings(s, open.lastIndex, end, text)
  return plain ?? parseSharedStrings(part.utf8(0, part.bytes.length))
}

export function parseSharedStrings(xml: string | null): string[] {
  if (xml === null) return []
  const sst = matchElement(xml, 'sst')
  if (!sst) return []
  const inner = sst.inner
  const plain = plainSharedStrings(inner, 0, inner.length, (a, b) =>
    isPlainText(inner, a, b) ? inner.slice(a, b) : unescapeXml(inner.slice(a, b), true),
  )
  if (plain !== null) return plain
  if (/<(?:\w+:)?(?:si|sstItem)\s/.test(sst.inner) || sst.inner.includes('<sstItem'))
    throw new Unsupported('si attributes')
  const chunks = sst.inner.replace(/<(?:\w+:)?(?:si|sstItem)>/g, '').split(/<\/(?:\w+:)?(?:si|sstItem)>/)
  const out: string[] = []
  for (const chunk of chunks) {
    const text = stringItemText(chunk.trim())
    if (text === undefined) throw new Unsupported('string item without text')
    out.push(text)
  }
  return out
}
