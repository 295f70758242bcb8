// An OpenDocument spreadsheet's content.xml read into the engine's sheets exactly as SheetJS's
// parse_content_xml reads it with the options of read-workbook.ts (dense, formulas, no blank stubs, at
// most `maxRows` rows): tables, rows and cells with their repeats, office:value-type, the text of
// text:p (text:s, text:span, text:tab, text:line-break), covered cells, merged ranges, data styles for
// number formats, formulas turned into A1 as SheetJS turns them. What could change SheetJS's grid and
// is not ported (comments, hyperlinks, named ranges, 1904 dates, value types SheetJS refuses, the UOF
// dialect) throws Unsupported, and SheetJS reads the file.
import { Unsupported } from '../../zip/zip-index'
import type { CellRange, GridCell, GridSheet } from '../grid'
import { errorText } from '../error-text'
import { isDateFormat } from '../xlsx-fast/cell-format'
import { readNumberStyles } from './number-styles'
import {
  cachedAttrs,
  newTagMatch,
  nextTag,
  plainCellAttrs,
  rawTagAttrs,
  removeComments,
  refuseDoctype,
  unescape,
  xmlBool,
} from './xml-tags'
import type { CellAttrs } from './xml-tags'

export type OdsLimits = Readonly<{ maxRows: number; maxCols: number }>

/** A cell as SheetJS holds it while parsing. */
type Pending = { t: string; v: number | string | boolean | null; z?: string; w?: string; f?: string }

const ERROR_CODE: Record<string, number> = {
  '#NULL!': 0x00,
  '#DIV/0!': 0x07,
  '#VALUE!': 0x0f,
  '#REF!': 0x17,
  '#NAME?': 0x1d,
  '#NUM!': 0x24,
  '#N/A': 0x2a,
  '#GETTING_DATA': 0x2b,
  '#WTF?': 0xff,
}

/** Tags whose content SheetJS skips, resetting the cell's text (draw:frame in a cell, say). */
const IGNORED_STATE = [
  'meta',
  'settings',
  'config-item-set',
  'config-item-map-indexed',
  'config-item-map-entry',
  'config-item-map-named',
  'shapes',
  'frame',
  'text-box',
  'image',
  'data-pilot-tables',
  'list-style',
  'form',
  'dde-links',
  'event-listeners',
  'chart',
]
const KEPT_STATE = [
  'document',
  'document-content',
  'spreadsheet',
  'scripts',
  'styles',
  'font-face-decls',
  'master-styles',
]
const DATA_STYLES = [
  'text-style',
  'boolean-style',
  'number-style',
  'currency-style',
  'percentage-style',
  'date-style',
  'time-style',
]
/** What this reader does not port: SheetJS reads these files. */
const NOT_READ = [
  'annotation',
  'a',
  'named-range',
  '工作表',
  '行',
  '数据',
  '文本串',
  '电子表格文档',
  '主体',
  '电子表格',
  '元数据',
  '名称',
  '标题',
]

/** What the reader does with a tag, by its local name (before any `_`). */
const enum Kind {
  Other,
  Table,
  Row,
  Covered,
  Cell,
  P,
  Style,
  Text,
  NullDate,
  Kept,
  Ignored,
  DataStyle,
  NotRead,
}

const NAMES: ReadonlyArray<readonly [string, Kind]> = [
  ['table', Kind.Table],
  ['table-row', Kind.Row],
  ['covered-table-cell', Kind.Covered],
  ['table-cell', Kind.Cell],
  ['p', Kind.P],
  ['style', Kind.Style],
  ['text', Kind.Text],
  ['null-date', Kind.NullDate],
  ...KEPT_STATE.map((n) => [n, Kind.Kept] as const),
  ...IGNORED_STATE.map((n) => [n, Kind.Ignored] as const),
  ...DATA_STYLES.map((n) => [n, Kind.DataStyle] as const),
  ...NOT_READ.map((n) => [n, Kind.NotRead] as const),
]

/** The names above by length, so that a tag's name is found by comparing it in place with a few. */
const NAMES_BY_LENGTH: ReadonlyArray<ReadonlyArray<readonly [string, number]>> = (() => {
  const out: (readonly [string, number])[][] = []
  NAMES.forEach(([name], index) => (out[name.length] ??= []).push([name, index]))
  return out
})()

/** The name from `start` to `end` among the names above, or -1: its index, which the state stack keeps. */
function nameIndex(str: string, start: number, end: number): number {
  const candidates = NAMES_BY_LENGTH[end - start]
  if (candidates !== undefined)
    for (const [name, index] of candidates) if (str.startsWith(name, start)) return index
  return -1
}

const MASTER_STYLES = NAMES.findIndex(([n]) => n === 'master-styles')

const DAY_MS = 24 * 60 * 60 * 1000
const DN_THRESH = Date.UTC(1899, 11, 30, 0, 0, 0)
const DN_THRESH1 = Date.UTC(1899, 11, 31, 0, 0, 0)
const PDRE1 = /^(\d+):(\d+)(:\d+)?(\.\d+)?$/
const PDRE2 = /^(\d+)-(\d+)-(\d+)$/
const PDRE3 = /^(\d+)-(\d+)-(\d+)[T ](\d+):(\d+)(:\d+)?(\.\d+)?$/

/** SheetJS's parseDate(str, false) then datenum(d, false). */
function dateNumber(str: string): number {
  let d: Date
  let m = PDRE1.exec(str)
  if (m)
    d = new Date(
      DN_THRESH1 +
        ((parseInt(m[1]!, 10) * 60 + parseInt(m[2]!, 10)) * 60 + (m[3] ? parseInt(m[3].slice(1), 10) : 0)) *
          1000 +
        (m[4] ? parseInt((m[4] + '000').slice(1, 4), 10) : 0),
    )
  else if ((m = PDRE2.exec(str))) d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, 0, 0, 0, 0))
  else if ((m = PDRE3.exec(str)))
    d = new Date(
      Date.UTC(
        +m[1]!,
        +m[2]! - 1,
        +m[3]!,
        +m[4]!,
        +m[5]!,
        (m[6] && parseInt(m[6].slice(1), 10)) || 0,
        (m[7] && parseInt((m[7] + '0000').slice(1, 4), 10)) || 0,
      ),
    )
  else d = new Date(str)
  const res = (d.getTime() - DN_THRESH) / DAY_MS
  return res < 60 ? res - 1 : res
}

/** SheetJS's parse_isodur. */
function isoDuration(s: string): number {
  const m = /P([0-9.]+Y)?([0-9.]+M)?([0-9.]+D)?T([0-9.]+H)?([0-9.]+M)?([0-9.]+S)?/.exec(s)
  if (!m) throw new Unsupported('ods: duration')
  let sec = 0
  let time = false
  for (let i = 1; i !== m.length; ++i) {
    const part = m[i]
    if (!part) continue
    if (i > 3) time = true
    const unit = part.slice(part.length - 1)
    // SheetJS's fall-through: days and months need the time part already begun, which never holds
    if (unit === 'Y' || ((unit === 'D' || unit === 'H' || unit === 'M') && !time))
      throw new Unsupported('ods: duration field ' + unit)
    const mt = unit === 'D' ? 86400 : unit === 'H' ? 3600 : unit === 'M' ? 60 : 1
    sec += mt * parseInt(part, 10)
  }
  return sec
}

/** SheetJS's ods_to_csf_formula. */
export function odsFormula(f: string): string {
  if (f.slice(0, 3) === 'of:') f = f.slice(3)
  if (f.charCodeAt(0) === 61) {
    f = f.slice(1)
    if (f.charCodeAt(0) === 61) f = f.slice(1)
  }
  f = f.replace(/COM\.MICROSOFT\./g, '')
  f = f.replace(/\[((?:\.[A-Z]+[0-9]+)(?::\.[A-Z]+[0-9]+)?)\]/g, (_m, a: string) => a.replace(/\./g, ''))
  f = f.replace(/\$'([^']|'')+'/g, (m: string) => m.slice(1))
  f = f.replace(/\$([^\]. #$]+)/g, (m: string, a: string) =>
    /^([A-Z]{1,2}|[A-W][A-Z]{2}|X[A-E][A-Z]|XF[A-D])?(10[0-3]\d{4}|104[0-7]\d{3}|1048[0-4]\d{2}|10485[0-6]\d|104857[0-6]|[1-9]\d{0,5})?$/.test(
      a,
    )
      ? m
      : a,
  )
  f = f.replace(/\[.(#[A-Z]*[?!])\]/g, '$1')
  return f.replace(/[;~]/g, ',').replace(/\|/g, ';')
}

const PLAIN_TEXT = /[<&\t\r\n]| {2}|_x/i

/** SheetJS's parse_text_p: a paragraph's text, its spaces, tabs and line breaks. */
function paragraphText(text: string): string {
  // most paragraphs are plain text: nothing to replace, nothing to trim
  if (!PLAIN_TEXT.test(text) && text.trim() === text) return text
  const fixed = text
    .replace(/[\t\r\n]/g, ' ')
    .trim()
    .replace(/ +/g, ' ')
    .replace(/<text:s\/>/g, ' ')
    .replace(/<text:s text:c="(\d+)"\/>/g, (_m, n: string) => Array(parseInt(n, 10) + 1).join(' '))
    .replace(/<text:tab[^<>]*\/>/g, '\t')
    .replace(/<text:line-break\/>/g, '\n')
  return unescape(fixed.replace(/<[^<>]*>/g, ''))
}

/** read-workbook.ts's toGridCell for the cells this reader makes. */
function gridCell(q: Pending): GridCell {
  const format = q.z
  const formula = typeof q.f === 'string' && q.f !== '' ? q.f : undefined
  const base = {
    ...(q.w !== undefined ? { formatted: String(q.w) } : {}),
    ...(format !== undefined ? { format } : {}),
    ...(formula !== undefined ? { formula } : {}),
  }
  if (q.v === null) {
    if (q.t === 'e') return { kind: 'error', value: q.w ?? '#N/A', ...base }
    return { kind: 'blank', value: null, ...base }
  }
  switch (q.t) {
    case 'n':
      return {
        kind: format !== undefined && format !== 'General' && isDateFormat(format) ? 'date' : 'number',
        value: q.v,
        ...base,
      }
    case 'b':
      return { kind: 'boolean', value: Boolean(q.v), ...base }
    case 'e':
      return { kind: 'error', value: q.w ?? errorText(q.v), ...base }
    default:
      return { kind: 'text', value: String(q.v), ...base }
  }
}

type Sheet = { name: string; rows: (GridCell | undefined)[][]; merges: CellRange[] }

/**
 * The sheets of content.xml; `numberStyles` holds the data styles of styles.xml and gets those of
 * content.xml, as SheetJS's map does.
 */
export function readOdsContent(
  content: string,
  numberStyles: Map<string, string>,
  limits: OdsLimits,
): GridSheet[] {
  const str = removeComments(content)
  refuseDoctype(str)
  /** the open tags that SheetJS keeps as its state, by their index among NAMES */
  const state: number[] = []
  const styles = new Map<string, string>()
  const sheets: Sheet[] = []
  let sheet: Sheet | null = null
  let R = -1
  let C = -1
  let rowpeat = 1
  let colpeat = 1
  let textp = ''
  let textpidx = 0
  let ctag: CellAttrs | null = null
  /** the open cell's tag, its attributes by full name read only when an error text needs them */
  let cellTag = ''
  let q: Pending = { t: '', v: null }
  let nfidx = 0

  const place = (r: number, c: number, cell: GridCell): void => {
    if (!sheet || r >= limits.maxRows) return
    const row = (sheet.rows[r] ??= [])
    if (c < limits.maxCols) row[c] = cell
  }
  /** A row made to exist, as SheetJS's dense array makes it even for cells past the column limit. */
  const touch = (r: number): void => {
    if (sheet && r < limits.maxRows) sheet.rows[r] ??= []
  }

  const m = newTagMatch()
  /** The attributes of the row or cell tag just matched: read in place, or through the memo of tags. */
  const cellAttrs = (): Readonly<CellAttrs> =>
    plainCellAttrs(str, m) ?? cachedAttrs(str.slice(m.start, m.end))
  for (let at = 0; nextTag(str, at, m); at = m.end) {
    const closing = m.closing
    const selfClosing = str.charCodeAt(m.end - 2) === 0x2f
    // the local name up to its first `_`
    let nameEnd = m.localStart
    while (nameEnd < m.localEnd && str.charCodeAt(nameEnd) !== 0x5f) nameEnd++
    const index = nameIndex(str, m.localStart, nameEnd)
    const kind = index < 0 ? Kind.Other : (NAMES[index] as readonly [string, Kind])[1]
    if (kind === Kind.NotRead) throw new Unsupported('ods: ' + str.slice(m.localStart, nameEnd))
    switch (kind) {
      case Kind.Table:
        if (closing) {
          if (!sheet) throw new Unsupported('ods: table closed twice')
          sheets.push(sheet)
          sheet = null
        } else if (!selfClosing) {
          const tag = cachedAttrs(str.slice(m.start, m.end))
          if (sheet) throw new Unsupported('ods: nested table')
          if (tag.name === undefined) throw new Unsupported('ods: table without a name')
          sheet = { name: tag.name, rows: [], merges: [] }
          R = C = -1
        }
        break
      case Kind.Row:
        if (closing) {
          R += rowpeat
          rowpeat = 1
          break
        }
        if (R === -1) R = 0
        rowpeat = +(cellAttrs()['number-rows-repeated'] ?? NaN) || 1
        C = -1
        break
      case Kind.Covered:
        if (!closing) {
          ++C
          ctag = cellAttrs()
          colpeat = parseInt(ctag['number-columns-repeated'] || '1', 10) || 1
          C += colpeat - 1
        }
        textp = ''
        break
      case Kind.Cell:
        if (selfClosing) {
          ++C
          ctag = cellAttrs()
          colpeat = parseInt(ctag['number-columns-repeated'] || '1', 10) || 1
          const cell: Pending = (q = { t: 'z', v: null })
          if (ctag.formula) cell.f = odsFormula(unescape(ctag.formula))
          const z = ctag['style-name'] ? styles.get(ctag['style-name']) : undefined
          if (z) cell.z = z
          if (ctag['value-type'] === 'string') {
            cell.t = 's'
            cell.v = unescape(ctag['string-value'] || '')
            if (sheet && R >= 0 && C >= 0) place(R, C, gridCell(cell))
            else throw new Unsupported('ods: cell outside a row')
          }
          C += colpeat - 1
        } else if (!closing) {
          ++C
          textp = ''
          textpidx = 0
          colpeat = 1
          ctag = cellAttrs()
          cellTag = str.slice(m.start, m.end)
          q = { t: ctag['value-type'] ?? '', v: null }
          const z = ctag['style-name'] ? styles.get(ctag['style-name']) : undefined
          if (z) q.z = z
          if (ctag['number-matrix-columns-spanned'] && ctag['number-matrix-rows-spanned'])
            throw new Unsupported('ods: array formula')
          if (ctag.formula) q.f = odsFormula(unescape(ctag.formula))
          if (ctag['number-columns-spanned'] || ctag['number-rows-spanned']) {
            const mR = parseInt(ctag['number-rows-spanned'] || '1', 10) || 1
            const mC = parseInt(ctag['number-columns-spanned'] || '1', 10) || 1
            if (mR * mC > 1 && sheet) sheet.merges.push({ r1: R, c1: C, r2: R + mR - 1, c2: C + mC - 1 })
          }
          switch (q.t) {
            case 'boolean':
              q.t = 'b'
              q.v = xmlBool(ctag['boolean-value']) || +(ctag['boolean-value'] ?? NaN) >= 1
              break
            case 'float':
            case 'percentage':
            case 'currency':
              q.t = 'n'
              q.v = parseFloat(ctag.value ?? '')
              break
            case 'date':
              q.t = 'n'
              q.v = dateNumber(ctag['date-value'] ?? 'undefined')
              if (!q.z) q.z = 'm/d/yy'
              break
            case 'time':
              q.t = 'n'
              q.v = isoDuration(ctag['time-value'] ?? 'undefined') / 86400
              if (!q.z) q.z = 'HH:MM:SS'
              break
            default:
              if (q.t === 'string' || q.t === 'text' || !q.t) {
                q.t = 's'
                if (ctag['string-value'] != null) textp = unescape(ctag['string-value'])
              } else throw new Unsupported('ods: value type ' + q.t)
          }
          if (q.t === 'n' && !Number.isFinite(q.v)) throw new Unsupported('ods: not a finite number')
        } else {
          if (!ctag) throw new Unsupported('ods: cell closed before opened')
          let isstub = false
          // an error's cell says so in its tag: the others are not looked up (a text as a key costs its hash)
          if (
            cellTag.includes('error') &&
            ERROR_CODE[textp] !== undefined &&
            rawTagAttrs(cellTag)['calcext:value-type'] === 'error'
          ) {
            q.t = 'e'
            q.w = textp
            q.v = ERROR_CODE[textp]!
          }
          if (q.t === 's') {
            q.v = textp || ''
            isstub = textpidx === 0
          }
          if (textp) q.w = textp
          if (!isstub && R < limits.maxRows) {
            if (!sheet || R < 0 || C < 0) throw new Unsupported('ods: cell outside a row')
            const cell = gridCell(q)
            const repeat = parseInt(ctag['number-columns-repeated'] || '1', 10)
            for (let rpt = 0; rpt < rowpeat && R + rpt < limits.maxRows; ++rpt) {
              touch(R + rpt)
              place(R + rpt, C, cell)
              for (let k = Math.min(repeat - 1, limits.maxCols - C - 1); k > 0; --k)
                place(R + rpt, C + k, cell)
            }
          }
          colpeat = parseInt(ctag['number-columns-repeated'] || '1', 10)
          C += colpeat - 1
          if (Number.isNaN(C)) throw new Unsupported('ods: column repeat')
          colpeat = 0
          q = { t: '', v: null }
          textp = ''
        }
        break
      case Kind.P:
        if (state.length === 0) throw new Unsupported('ods: text outside the document')
        if (state[state.length - 1] === MASTER_STYLES) break
        if (closing && (!ctag || !ctag['string-value'])) {
          const ptp = paragraphText(str.slice(textpidx, m.start))
          textp = (textp.length > 0 ? textp + '\n' : '') + ptp
        } else if (selfClosing) textp += '\n'
        else textpidx = m.end
        break
      case Kind.Style: {
        const tag = cachedAttrs(str.slice(m.start, m.end))
        const format = numberStyles.get(String(tag['data-style-name']))
        if (tag.family === 'table-cell' && format) styles.set(String(tag.name), format)
        break
      }
      case Kind.Text:
        if (selfClosing) break
        if (closing && state.length === 0) throw new Unsupported('ods: text outside the document')
        break
      case Kind.NullDate:
        if (cachedAttrs(str.slice(m.start, m.end))['date-value'] === '1904-01-01')
          throw new Unsupported('ods: 1904 dates')
        break
      case Kind.Kept:
      case Kind.Ignored:
        if (closing) {
          if (state.pop() !== index) throw new Unsupported('ods: bad state')
        } else if (!selfClosing) state.push(index)
        if (kind === Kind.Ignored) {
          textp = ''
          textpidx = 0
        }
        break
      case Kind.DataStyle:
        if (closing) readNumberStyles(str.slice(nfidx, m.end), numberStyles)
        else if (!selfClosing) nfidx = m.start
        break
    }
  }
  if (sheet) throw new Unsupported('ods: table not closed')
  const names = new Set(sheets.map((s) => s.name))
  if (names.size !== sheets.length) throw new Unsupported('ods: two sheets of one name')
  if (sheets.length === 0) throw new Unsupported('ods: no sheets')
  return sheets.map((s) => ({
    name: s.name,
    hidden: false,
    rows: s.rows,
    merges: s.merges.filter((m) => m.r1 < limits.maxRows && m.c1 < limits.maxCols),
  }))
}
