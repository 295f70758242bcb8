// Appends many plain rows to sheets of a workbook that ExcelJS wrote, as raw SpreadsheetML: the
// province's source list can hold hundreds of thousands of rows, which ExcelJS would hold in memory
// cell by cell. Each new row copies the cell styles of a row ExcelJS already wrote, so it looks the
// same; texts go to the shared strings (never as formulas), tags and numbers straight into bytes.
import { Inflate, strToU8, strFromU8, zipSync } from 'fflate'
import { concatBytes } from '../bytes/concat-bytes'
import { columnLetter } from '../workbook/address'
import { ZipIndex } from '../zip/zip-index'
import type { RecycledChunks, ZipFiles, ZipPart } from '../zip/zip-parts'
import { isRecycled } from '../zip/zip-parts'
import { safeText } from './excel-util'
import { AsciiChunks, asciiWords, putNumber, putWords, type AsciiWords } from './ascii-chunks'
import { fillColumns, type ColumnFill } from './fill-columns'

export type RawCell = string | number | null | undefined

/**
 * `height`: in points, as ExcelJS gives its rows (none: the default height); `number`: a first cell
 * before `values` (the row's number in its list), so that a row kept elsewhere is not copied for it;
 * `shared`: texts this row shows in the same columns as many others (`SharedTexts`).
 */
export type AppendedRow = Readonly<{
  values: readonly RawCell[]
  styleFrom: number
  height?: number
  number?: number
  shared?: SharedTexts | undefined
}>

/** Rows made one at a time as they are written (an array is one), so a long list is never held whole. */
export type RowSource = Readonly<{ length: number; at: (i: number) => AppendedRow | undefined }>

/** The part's bytes in one piece. */
function wholePart(part: ZipPart): Uint8Array {
  if (part instanceof Uint8Array) return part
  const chunks = [...(isRecycled(part) ? part.chunks : part)]
  return chunks.length === 1 ? chunks[0]! : concatBytes(chunks)
}

/** A part made only when the zip comes to it. */
function* later(make: () => Uint8Array): Generator<Uint8Array> {
  yield make()
}

// Level 1: a tenth of the time of the default for a few per cent more bytes on these lists.
const zipWithFflate: ZipFiles = (files) =>
  zipSync(Object.fromEntries(Object.entries(files).map(([name, part]) => [name, wholePart(part)])), {
    level: 1,
  })

export type SheetAppend = Readonly<{
  sheetName: string
  rows: RowSource
  /** the number of columns; when absent, the widest row (every row is then made twice) */
  width?: number
}>

function escapeXml(s: string): string {
  return s.replace(/[&<>"]/g, (ch) =>
    ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : '&quot;',
  )
}

function decodeXmlAttr(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

/**
 * The parts of a workbook ExcelJS wrote, by name in the archive's order (the whole archive, or only the
 * parts `keep` takes), read through the one zip reader.
 */
function unzipParts(zip: ZipIndex, keep: (name: string) => boolean = () => true): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {}
  for (const entry of zip.entries())
    if (keep(entry.name)) files[entry.name] = zip.inflate(entry, zip.stored(entry))
  return files
}

/** sheet name -> path of its part inside the zip, from xl/workbook.xml and its relationships. */
function sheetParts(files: Record<string, Uint8Array>): Map<string, string> {
  const wb = strFromU8(files['xl/workbook.xml'] ?? new Uint8Array())
  const rels = strFromU8(files['xl/_rels/workbook.xml.rels'] ?? new Uint8Array())
  const targets = new Map<string, string>()
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[0])?.[1]
    const target = /\bTarget="([^"]+)"/.exec(m[0])?.[1]
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`)
  }
  const out = new Map<string, string>()
  for (const m of wb.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1]
    const rid = /\br:id="([^"]+)"/.exec(m[0])?.[1]
    const target = rid ? targets.get(rid) : undefined
    if (name !== undefined && target) out.set(decodeXmlAttr(name), target)
  }
  return out
}

/** The style id of each column of a written row (`<c r="B4" s="7">`). */
function rowStyles(sheetXml: string, row: number): Map<number, string> {
  const styles = new Map<number, string>()
  const start = sheetXml.search(new RegExp(`<row\\b[^>]*\\br="${row}"`))
  if (start < 0) return styles
  const end = sheetXml.indexOf('</row>', start)
  const rowXml = sheetXml.slice(start, end < 0 ? undefined : end)
  for (const m of rowXml.matchAll(/<c\b[^>]*>/g)) {
    const ref = /\br="([A-Z]+)\d+"/.exec(m[0])?.[1]
    const s = /\bs="(\d+)"/.exec(m[0])?.[1]
    if (ref && s) {
      let c = 0
      for (const ch of ref) c = c * 26 + (ch.charCodeAt(0) - 64)
      styles.set(c - 1, s)
    }
  }
  return styles
}

function lastRowNumber(sheetXml: string): number {
  let last = 0
  for (const m of sheetXml.matchAll(/<row\b[^>]*\br="(\d+)"/g)) last = Math.max(last, Number(m[1]))
  return last
}

/** The workbook's shared strings, extended with the appended rows' texts (each text stored once). */
class SharedStrings {
  /** a text as given and as made safe -> its index; most texts repeat, so each is made safe once */
  private readonly index = new Map<string, number>()
  private readonly added: string[] = []
  private references = 0
  constructor(private readonly existing: number) {}

  ref(text: string): number {
    this.references++
    let i = this.index.get(text)
    if (i === undefined) {
      const safe = safeText(text)
      i = safe === text ? undefined : this.index.get(safe)
      if (i === undefined) {
        i = this.existing + this.added.length
        this.added.push(safe)
        this.index.set(safe, i)
      }
      this.index.set(text, i)
    }
    return i
  }

  /** `ref` of a text whose index is known: counted as a reference. */
  again(i: number): number {
    this.references++
    return i
  }

  // by column, the last text numbered and its index
  private readonly lastText: (string | undefined)[] = []
  private readonly lastIndex: number[] = []

  /**
   * `ref` for a text of a column whose rows often show the text of the row above (the sources list
   * has each indicator's rows together): compared with that one first.
   */
  refInColumn(column: number, text: string): number {
    if (this.lastText[column] === text) {
      this.references++
      return this.lastIndex[column] as number
    }
    const i = this.ref(text)
    this.lastText[column] = text
    this.lastIndex[column] = i
    return i
  }

  /** sharedStrings.xml with the new texts appended and its counts updated. */
  patch(xml: string | null): string {
    const items = this.added.map((t) => `<si><t xml:space="preserve">${escapeXml(t)}</t></si>`).join('')
    if (xml === null)
      return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.references}" uniqueCount="${this.added.length}">${items}</sst>`
    const count = Number(/\bcount="(\d+)"/.exec(xml)?.[1] ?? this.existing) + this.references
    const out = xml
      .replace(/\bcount="\d+"/, `count="${count}"`)
      .replace(/\buniqueCount="\d+"/, `uniqueCount="${this.existing + this.added.length}"`)
    return out.includes('</sst>')
      ? out.replace('</sst>', `${items}</sst>`)
      : out.replace(/<sst([^>]*)\/>/, `<sst$1>${items}</sst>`)
  }
}

/**
 * Texts that many rows show in the same columns, such as a unit's code, name and file on each of its
 * rows of the sources list: each is looked up in the shared strings once for all those rows instead of
 * row by row (their rows lie far apart, so the column's last text does not catch them). `texts[k]` is
 * the text of value column `k` (after a row's number), undefined for a column not shared; a row whose
 * value differs is looked up as any other.
 */
export class SharedTexts {
  /** how many value columns `texts` gives */
  readonly count: number
  /**
   * By value column `k`, its text at `k` and at `count + k` the index of that text among the shared
   * strings' texts (-1 while not known), in one array: a row of the sources list comes among thousands
   * of other units' rows, so what it reads of its unit's texts is seldom in the cache, and one array
   * is one miss where a list of texts and a typed array of numbers were several.
   */
  private readonly slots: (string | number | undefined)[]
  // the shared strings the numbers are of: another workbook numbers its texts anew
  private numberedBy: SharedStrings | null = null

  constructor(texts: readonly (string | undefined)[]) {
    this.count = texts.length
    this.slots = [...texts, ...texts.map(() => -1)]
  }

  /**
   * The texts and their indexes among `sst`'s texts (see `slots`): whoever looks a text up
   * (`sst.ref`) writes its index there.
   */
  slotsIn(sst: SharedStrings): (string | number | undefined)[] {
    if (this.numberedBy !== sst) {
      this.slots.fill(-1, this.count)
      this.numberedBy = sst
    }
    return this.slots
  }
}

/**
 * Each column's cell tag up to its row number (`<c r="B`); what follows the number up to the value for
 * each kind of value (`" s="7"><v>`, `" s="7" t="s"><v>`); and, as one run of bytes each, what closes
 * the cell and opens the next one (`</v></c><c r="C`, or the row's end after the last cell), after a
 * value or for a cell without one (`" s="7"/><c r="C`). A row is then written with two runs of tag
 * bytes a cell.
 */
type ColumnTag = Readonly<{
  open: AsciiWords
  styled: boolean
  number: AsciiWords
  text: AsciiWords
  valueEnd: AsciiWords
  empty: AsciiWords
  /** the next cell's opening (or the row's end), for a cell left out after its opening was written */
  next: AsciiWords
}>

type ColumnTags = Readonly<{
  cells: readonly ColumnTag[]
  /** the end of the row's opening tag and the first cell's opening, without a height and with one */
  plain: AsciiWords
  custom: AsciiWords
  /** the most bytes a row can take with these tags (a number is at most 24 characters) */
  rowBound: number
}>

const ROW_OPEN = asciiWords('<row r="')
const ROW_HEIGHT = asciiWords('" ht="')
const ROW_END = '</row>'
const VALUE_END = '</v></c>'

function columnTags(styles: ReadonlyMap<number, string>, width: number): ColumnTags {
  const open = (c: number): string => (c < width ? `<c r="${columnLetter(c)}` : ROW_END)
  const cells = Array.from({ length: width }, (_, c): ColumnTag => {
    const s = styles.get(c)
    const close = s ? `" s="${s}"` : '"'
    return {
      open: asciiWords(open(c)),
      styled: s !== undefined,
      number: asciiWords(`${close}><v>`),
      text: asciiWords(`${close} t="s"><v>`),
      valueEnd: asciiWords(VALUE_END + open(c + 1)),
      empty: asciiWords(`${close}/>${open(c + 1)}`),
      next: asciiWords(open(c + 1)),
    }
  })
  const rowBound = cells.reduce((n, t) => n + t.open.length + t.text.length + 64, 96)
  return {
    cells,
    plain: asciiWords(`">${open(0)}`),
    custom: asciiWords(`" customHeight="1">${open(0)}`),
    rowBound,
  }
}

const NOT_SHARED: (string | number | undefined)[] = []

/**
 * One row's XML, written straight into the chunk's buffer (`cutFor(tags.rowBound)` made room): the
 * position stays in a local variable, tags go four bytes at a time, and the row number's digits are
 * written once, then copied (their first four bytes as one word).
 */
function writeRow(out: AsciiChunks, r: number, row: AppendedRow, tags: ColumnTags, sst: SharedStrings): void {
  const { values, height, shared } = row
  const shift = row.number === undefined ? 0 : 1
  const sharedCount = shared === undefined ? 0 : shared.count
  const slots = shared === undefined ? NOT_SHARED : shared.slotsIn(sst)
  const buf = out.buffer
  const view = out.view
  let at = putWords(view, buf, out.position, ROW_OPEN)
  // the row number's digits, written once here and copied from here into each cell's reference
  const digitsFrom = at
  at = putNumber(buf, at, r)
  const digitsTo = at
  const digits = digitsTo - digitsFrom
  const firstDigits = digits >= 4 ? view.getInt32(digitsFrom, true) : 0
  if (height === undefined) at = putWords(view, buf, at, tags.plain)
  else {
    at = putWords(view, buf, at, ROW_HEIGHT)
    at = putNumber(buf, at, height)
    at = putWords(view, buf, at, tags.custom)
  }
  // each cell's opening was written with what came before it
  for (let c = 0; c < tags.cells.length; c++) {
    const v = c < shift ? row.number : values[c - shift]
    const tag = tags.cells[c]!
    const isNumber = typeof v === 'number' && Number.isFinite(v)
    const isText = !isNumber && typeof v === 'string' && v !== ''
    if (!isNumber && !isText && !tag.styled) {
      // a blank cell without a style is left out: its opening is taken back
      at = putWords(view, buf, at - tag.open.length, tag.next)
      continue
    }
    let d = digitsFrom
    if (digits >= 4) {
      view.setInt32(at, firstDigits, true)
      at += 4
      d += 4
    }
    for (; d < digitsTo; d++) buf[at++] = buf[d] as number
    if (isNumber) {
      at = putWords(view, buf, at, tag.number)
      at = putNumber(buf, at, v)
      at = putWords(view, buf, at, tag.valueEnd)
    } else if (isText) {
      at = putWords(view, buf, at, tag.text)
      const k = c - shift
      let i: number
      if (k < sharedCount && slots[k] === v) {
        i = slots[sharedCount + k] as number
        i = i >= 0 ? sst.again(i) : (slots[sharedCount + k] = sst.ref(v))
      } else i = sst.refInColumn(c, v)
      at = putNumber(buf, at, i)
      at = putWords(view, buf, at, tag.valueEnd)
    } else at = putWords(view, buf, at, tag.empty)
  }
  out.moveTo(at)
}

/**
 * The bytes of each chunk of the appended rows' XML, the unit the zip deflates at a time: each deflate
 * has a cost of its own on this thread, and too large a chunk leaves the last deflate long after the
 * last row (docs/bench/code-choices.md).
 */
const CHUNK_BYTES = 4 << 20

/**
 * The sheet's XML with the rows appended, in chunks made as they are read (never one giant string):
 * a zip that deflates each chunk off the main thread works while the next one is written, and hands
 * the chunks it is done with back to be written again (a country's list is 80 MB: fresh memory for
 * each chunk costs more than writing it). Shared strings are numbered as the rows are made, so the
 * shared strings part must be read after them.
 */
function appendToSheet(
  sheetXml: string,
  append: SheetAppend,
  sst: SharedStrings,
): { part: RecycledChunks; last: number } {
  const first = lastRowNumber(sheetXml) + 1
  const { rows } = append
  let width = append.width ?? 0
  if (append.width === undefined)
    for (let i = 0; i < rows.length; i++) {
      const row = rows.at(i)
      if (row) width = Math.max(width, row.values.length + (row.number === undefined ? 0 : 1))
    }
  const last = first + rows.length - 1
  // The used range and the filter grow to the new last row.
  let xml = sheetXml.replace(/(<dimension\b[^>]*\bref="[A-Z]+\d+:[A-Z]+)\d+"/, `$1${last}"`)
  xml = xml.replace(/(<autoFilter\b[^>]*\bref="[A-Z]+\d+:[A-Z]+)\d+"/, `$1${last}"`)
  if (!xml.includes('</sheetData>')) xml = xml.replace('<sheetData/>', '<sheetData></sheetData>')
  const close = xml.lastIndexOf('</sheetData>')
  const out = new AsciiChunks(CHUNK_BYTES)
  function* chunks(): Generator<Uint8Array> {
    yield strToU8(xml.slice(0, close))
    const tagCache = new Map<number, ColumnTags>()
    // the last row's tags: a list's rows mostly copy the same row's styles
    let styleFrom = -1
    let tags: ColumnTags | undefined
    for (let i = 0; i < rows.length; i++) {
      const row = rows.at(i)
      if (!row) continue
      if (row.styleFrom !== styleFrom || tags === undefined) {
        styleFrom = row.styleFrom
        tags = tagCache.get(styleFrom)
        if (!tags) tagCache.set(styleFrom, (tags = columnTags(rowStyles(xml, styleFrom), width)))
      }
      const full = out.cutFor(tags.rowBound)
      if (full) yield full
      writeRow(out, first + i, row, tags, sst)
    }
    yield out.take()
    yield strToU8(xml.slice(close))
  }
  return { part: { chunks: chunks(), release: (chunk) => out.release(chunk) }, last }
}

/** A workbook that had no shared strings part gets one: content type and relationship. */
function registerSharedStrings(files: Record<string, Uint8Array>): void {
  const types = strFromU8(files['[Content_Types].xml'] ?? new Uint8Array())
  files['[Content_Types].xml'] = strToU8(
    types.replace(
      '</Types>',
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    ),
  )
  const rels = strFromU8(files['xl/_rels/workbook.xml.rels'] ?? new Uint8Array())
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    rels.replace(
      '</Relationships>',
      '<Relationship Id="rIdSheafSst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    ),
  )
}

/**
 * The shared strings with only the first `count` texts: the ones a sheet that uses no later one needs
 * (the figures sheet's texts come first, the sources' thousands after them). `whole`: the text is the
 * whole part, which must then end as a part does; otherwise it is the part's beginning.
 */
function firstSharedStrings(sstXml: string, count: number, whole = true): string | null {
  const ends = /<si\b[^>]*\/>|<\/si>/g
  let seen = 0
  let cut = -1
  for (let m = count > 0 ? ends.exec(sstXml) : null; m; m = ends.exec(sstXml)) {
    if (++seen === count) {
      cut = m.index + m[0].length
      break
    }
  }
  if (count === 0) {
    const open = sstXml.indexOf('<sst')
    cut = open < 0 ? -1 : sstXml.indexOf('>', open) + 1
  }
  if (cut <= 0 || (whole && !sstXml.includes('</sst>'))) return null
  return (sstXml.slice(0, cut) + '</sst>')
    .replace(/(<sst\b[^>]*?\bcount=")\d+"/, `$1${count}"`)
    .replace(/(<sst\b[^>]*?\buniqueCount=")\d+"/, `$1${count}"`)
}

const SST_PART = 'xl/sharedStrings.xml'
/** How much of the deflated shared strings is inflated at a time while only their start is wanted. */
const HEAD_STEP = 16 * 1024

/**
 * `firstSharedStrings` of a workbook's shared strings, inflating the part only as far as the first
 * `count` texts go (a report's figures sheet uses its first few hundred, the sources list's 100,000
 * come after them); null when the part cannot be read so (the caller then takes it whole).
 */
function sharedStringsHead(zip: ZipIndex, count: number): string | null {
  let raw: Uint8Array
  let method: number
  try {
    const entry = zip.entry(SST_PART)
    if (!entry) return null
    raw = zip.stored(entry)
    method = entry.method
  } catch {
    return null
  }
  if (method === 0) return firstSharedStrings(strFromU8(raw), count)
  if (method !== 8) return null
  const out: Uint8Array[] = []
  const inflater = new Inflate((chunk) => {
    out.push(chunk)
  })
  try {
    for (let at = 0; at < raw.length; at += HEAD_STEP) {
      const end = Math.min(raw.length, at + HEAD_STEP)
      inflater.push(raw.subarray(at, end), end === raw.length)
      // the text so far may end inside a character: the cut comes before it
      const head = firstSharedStrings(strFromU8(concatBytes(out)), count, end === raw.length)
      if (head !== null) return head
    }
  } catch {
    return null
  }
  return null
}

/**
 * The workbook part listing the sheet `sheetName` alone: the other sheets and the names local to them
 * left out, the kept sheet's local names now of the first sheet.
 */
function workbookOfOneSheet(xml: string, sheetName: string): string {
  let at = 0
  let index = -1
  const sheets = xml.replace(/<sheet\b[^>]*\/>/g, (tag) => {
    const name = /\bname="([^"]*)"/.exec(tag)?.[1]
    if (index < 0 && name !== undefined && decodeXmlAttr(name) === sheetName) index = at
    return at++ === index ? tag : ''
  })
  if (index < 0) return xml
  const names = sheets.replace(
    /<definedName\b[^>]*\blocalSheetId="(\d+)"[^>]*>[^<]*<\/definedName>/g,
    (tag, id: string) =>
      Number(id) === index ? tag.replace(/\blocalSheetId="\d+"/, 'localSheetId="0"') : '',
  )
  return names.replace(/<definedNames>\s*<\/definedNames>/, '')
}

/**
 * The workbook with the parts of every other sheet left out (stored, not compressed), its workbook
 * part listing that sheet alone, and the shared strings cut after the last one the sheet uses:
 * re-reading one sheet of a report then inflates and parses only that sheet and what it needs.
 */
export function keepOnlySheet(bytes: Uint8Array, sheetName: string): Uint8Array {
  const names = new Map<string, string>()
  const zip = new ZipIndex(bytes)
  const wb = unzipParts(zip, (name) => name === 'xl/workbook.xml' || name === 'xl/_rels/workbook.xml.rels')
  let part: string | undefined
  for (const [name, p] of sheetParts(wb)) {
    names.set(p, name)
    if (name === sheetName) part = p
  }
  let hasSst = false
  const files = unzipParts(zip, (name) => {
    // the shared strings are taken apart below, as far as the sheet needs them
    if (name === SST_PART) return !(hasSst = true)
    // a sheet's relationships (`xl/worksheets/_rels/sheet2.xml.rels`) go with the sheet
    const rels = /^(.*)\/_rels\/([^/]+)\.rels$/.exec(name)
    const sheet = names.get(rels ? `${rels[1]}/${rels[2]}` : name)
    return sheet === undefined || sheet === sheetName
  })
  const sheetData = part ? files[part] : undefined
  if (hasSst) {
    let head: string | null = null
    if (sheetData) {
      let last = -1
      for (const m of strFromU8(sheetData).matchAll(/<c\b[^>]*\bt="s"[^>]*>\s*<v>(\d+)<\/v>/g))
        last = Math.max(last, Number(m[1]))
      head = sharedStringsHead(zip, last + 1)
    }
    const sst = head !== null ? strToU8(head) : zip.read(SST_PART)
    if (sst) files[SST_PART] = sst
  }
  const workbook = files['xl/workbook.xml']
  if (workbook) files['xl/workbook.xml'] = strToU8(workbookOfOneSheet(strFromU8(workbook), sheetName))
  return zipSync(files, { level: 0 })
}

/**
 * The workbook with the rows appended and the columns filled (`fill-columns.ts`), packed again with
 * `zip` even when there are none (the writer may hand over a workbook it stored uncompressed).
 */
export async function appendRows(
  bytes: Uint8Array,
  appends: readonly SheetAppend[],
  zip: ZipFiles = zipWithFflate,
  fills: readonly ColumnFill[] = [],
): Promise<Uint8Array> {
  const todo = appends.filter((a) => a.rows.length > 0)
  const files = unzipParts(new ZipIndex(bytes))
  const appended: Record<string, ZipPart> = {}
  const parts = sheetParts(files)
  let workbookXml = strFromU8(files['xl/workbook.xml'] ?? new Uint8Array())
  const sstPart = 'xl/sharedStrings.xml'
  const sstData = files[sstPart]
  const sstXml = sstData ? strFromU8(sstData) : null
  const sst = new SharedStrings(sstXml === null ? 0 : Number(/\buniqueCount="(\d+)"/.exec(sstXml)?.[1] ?? 0))
  for (const f of fills) {
    const part = parts.get(f.sheetName)
    const data = part ? files[part] : undefined
    if (!part || !data) throw new Error(`appendRows: no sheet "${f.sheetName}" in the workbook`)
    if (todo.some((a) => a.sheetName === f.sheetName))
      throw new Error(`appendRows: "${f.sheetName}" cannot have both rows appended and columns filled`)
    appended[part] = fillColumns(strFromU8(data), f, (text) => sst.ref(text))
  }
  for (const a of todo) {
    const part = parts.get(a.sheetName)
    const data = part ? files[part] : undefined
    if (!part || !data) throw new Error(`appendRows: no sheet "${a.sheetName}" in the workbook`)
    const { part: chunks, last } = appendToSheet(strFromU8(data), a, sst)
    appended[part] = chunks
    // The filter's hidden defined name (`_xlnm._FilterDatabase`) names the same range.
    const quoted = escapeXml(a.sheetName).replace(/'/g, "''")
    workbookXml = workbookXml.replace(
      new RegExp(
        `('?${quoted.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}'?!\\$[A-Z]+\\$\\d+:\\$[A-Z]+\\$)\\d+`,
        'g',
      ),
      `$1${last}`,
    )
  }
  if (todo.length > 0) files['xl/workbook.xml'] = strToU8(workbookXml)
  const texts = todo.length > 0 || fills.length > 0
  if (texts && sstXml === null) registerSharedStrings(files)
  // the appended sheets keep their places in the zip
  const out: Record<string, ZipPart> = { ...files, ...appended }
  if (texts) {
    // The rows number their texts as they are made: the shared strings are read after them, so moved
    // after them should they come first (ExcelJS writes them after the sheets).
    const names = Object.keys(out)
    if (Object.keys(appended).some((name) => names.indexOf(name) > names.indexOf(sstPart)))
      delete out[sstPart]
    out[sstPart] = later(() => strToU8(sst.patch(sstXml)))
  }
  return zip(out)
}
