// Looks inside the XML parts of a zip workbook (already bounded by guard-zip) for what SheetJS would
// expand without limit: entity declarations (billion laughs; OOXML and ODF never need a DTD) and
// the row and column repeat counts of an .ods, which SheetJS copies cell by cell.
import * as XLSX from '@e965/xlsx'
import type { GuardRefusal } from './guard-zip'
import { Unsupported, ZipIndex } from '../zip/zip-index'

export type XmlLimits = Readonly<{
  /** filled cells an .ods may produce once its repeat counts are expanded */
  maxExpandedCells: number
  maxRowRepeat: number
  maxColumnRepeat: number
}>

export const DEFAULT_XML_LIMITS: XmlLimits = {
  maxExpandedCells: 1_000_000,
  maxRowRepeat: 1_048_576,
  maxColumnRepeat: 16_384,
}

const unsafe = (vi: string, en: string): GuardRefusal => ({
  reason: 'unsafe',
  text: {
    vi: `Tệp bị từ chối vì có thể làm treo máy: ${vi}.`,
    en: `The file is refused because it could bring the computer down: ${en}.`,
  },
})

const LT = 0x3c
const GT = 0x3e
const SLASH = 0x2f
const BANG = 0x21

const ascii = (s: string): number[] => [...s].map((ch) => ch.charCodeAt(0))
const DECLS = [ascii('<!ENTITY'), ascii('<!DOCTYPE')]

/** Whether `needle` (ASCII, its first byte `<`) is at `i`, its characters `step` bytes apart, ignoring case. */
function matchesAt(b: Uint8Array, i: number, needle: readonly number[], step: number): boolean {
  for (let k = 1; k < needle.length; k++) {
    const x = b[i + k * step]
    const want = needle[k] as number
    if (!(x === want || (x !== undefined && want >= 0x41 && want <= 0x5a && x === want + 0x20))) return false
  }
  return true
}

/**
 * Whether an XML part declares entities or a DTD (`<!ENTITY`, `<!DOCTYPE`, in any letter case, in
 * 8-bit or UTF-16LE/BE text), which this guard refuses. Both start with `<!`, its `!` one byte after
 * the `<` or two (UTF-16): each `!` is found by the native search (a part has far fewer than `<`).
 */
export function declaresEntities(part: Uint8Array): boolean {
  for (let j = part.indexOf(BANG); j >= 0; j = part.indexOf(BANG, j + 1))
    for (const step of [1, 2]) {
      const i = j - step
      if (i >= 0 && part[i] === LT) for (const d of DECLS) if (matchesAt(part, i, d, step)) return true
    }
  return false
}

/**
 * Whether every deflated entry inflates: SheetJS's own inflater never ends on some broken streams (a
 * block of the reserved type), so a stream another inflater refuses must not reach it. An archive this
 * reading does not cover (ZIP64, encrypted entries) is left to SheetJS as before.
 */
function inflatesCleanly(bytes: Uint8Array): boolean {
  let zip: ZipIndex
  try {
    zip = new ZipIndex(bytes)
  } catch {
    return true
  }
  for (const path of zip.entryPaths()) {
    try {
      zip.read(path)
    } catch (e) {
      if (!(e instanceof Unsupported) || e.message === 'inflated size') return false
    }
  }
  return true
}

type CfbEntry = { name: string; content?: Uint8Array | number[] | null; type?: number }

function xmlParts(bytes: Uint8Array): Array<{ path: string; data: Uint8Array }> {
  const cfb = XLSX.CFB.read(bytes, { type: 'buffer' }) as unknown as {
    FileIndex: CfbEntry[]
    FullPaths: string[]
  }
  const out: Array<{ path: string; data: Uint8Array }> = []
  cfb.FileIndex.forEach((e, i) => {
    const path = (cfb.FullPaths[i] ?? e.name).replace(/^Root Entry\//, '')
    if (!/\.(xml|rels|vml)$/i.test(path) || !e.content) return
    out.push({ path, data: e.content instanceof Uint8Array ? e.content : Uint8Array.from(e.content) })
  })
  return out
}

/** A part of the zip that cannot be inflated. */
export const UNPACKABLE = {
  vi: 'Tệp nén bị hỏng: có phần bên trong không giải nén được (tệp có thể bị cắt ngang khi tải về hay gửi qua thư). Hãy đề nghị đơn vị gửi lại tệp.',
  en: 'The zip container is damaged: a part inside it cannot be unpacked (it may have been cut short while downloaded or mailed). Ask the unit to send it again.',
} as const

export function guardXml(
  bytes: Uint8Array,
  isOds: boolean,
  limits: XmlLimits = DEFAULT_XML_LIMITS,
): GuardRefusal | null {
  if (!inflatesCleanly(bytes)) return { reason: 'damaged', text: UNPACKABLE }
  let parts: Array<{ path: string; data: Uint8Array }>
  try {
    parts = xmlParts(bytes)
  } catch {
    // the inflater's own words (`invalid distance`, `unexpected EOF`…) say nothing to a clerk
    return { reason: 'damaged', text: UNPACKABLE }
  }
  for (const part of parts) {
    if (declaresEntities(part.data))
      return unsafe(
        `phần ${part.path} khai báo thực thể XML (<!ENTITY/<!DOCTYPE)`,
        `the part ${part.path} declares XML entities (<!ENTITY/<!DOCTYPE)`,
      )
  }
  if (isOds) {
    const content = parts.find((p) => /(^|\/)content\.xml$/i.test(p.path))
    if (content) return guardOdsRepeats(content.data, limits)
  }
  return null
}

const ROW = ascii('table-row')
const CELL = ascii('table-cell')
const COVERED = ascii('covered-table-cell')

/** Whether the bytes from `start` to `end` spell `word`. */
function spells(b: Uint8Array, start: number, end: number, word: readonly number[]): boolean {
  if (end - start !== word.length) return false
  for (let k = 0; k < word.length; k++) if (b[start + k] !== word[k]) return false
  return true
}

const NOT_COUNTED = 0
const IS_ROW = 1
const IS_CELL = 2
const IS_COVERED = 3

/** Which of the three tags that count the local name from `start` to `end` is, if any. */
function countedName(b: Uint8Array, start: number, end: number): number {
  return spells(b, start, end, CELL)
    ? IS_CELL
    : spells(b, start, end, ROW)
      ? IS_ROW
      : spells(b, start, end, COVERED)
        ? IS_COVERED
        : NOT_COUNTED
}

/** Whether a byte is white space to a regular expression's `\s` (the part read as one-byte text). */
function isSpace(x: number): boolean {
  return x === 0x20 || (x >= 0x09 && x <= 0x0d) || x === 0xa0
}

/** Where the bytes from `at` are white space (as `\s*`) up to at most `end`. */
function skipSpace(b: Uint8Array, at: number, end: number): number {
  while (at < end && isSpace(b[at] as number)) at++
  return at
}

/** Whether `word` is spelt at `at`, within `end`. */
function spellsAt(b: Uint8Array, at: number, end: number, word: readonly number[]): boolean {
  if (at + word.length > end) return false
  for (let k = 0; k < word.length; k++) if (b[at + k] !== word[k]) return false
  return true
}

const DIGITS = new TextDecoder()
const ROWS_REPEATED = ascii('number-rows-repeated')
const COLUMNS_REPEATED = ascii('number-columns-repeated')
const VALUE_TYPE = ascii('value-type')

/**
 * The number an attribute of the bytes from `start` to `end` gives, as the expression
 * `(?:^|[\s:])name\s*=\s*["']\s*([0-9]+)` finds it first in their text: 1 when none does.
 */
function attrNumber(b: Uint8Array, start: number, end: number, name: readonly number[]): number {
  for (let p = start; p + name.length <= end; p++) {
    if (p > start && !isSpace(b[p - 1] as number) && b[p - 1] !== 0x3a) continue
    if (!spellsAt(b, p, end, name)) continue
    let q = skipSpace(b, p + name.length, end)
    if (b[q] !== 0x3d || q >= end) continue
    q = skipSpace(b, q + 1, end)
    if (q >= end || (b[q] !== 0x22 && b[q] !== 0x27)) continue
    const from = skipSpace(b, q + 1, end)
    let n = 0
    for (q = from; q < end && (b[q] as number) >= 0x30 && (b[q] as number) <= 0x39; q++)
      n = n * 10 + ((b[q] as number) - 0x30)
    // a long number exactly as the expression's text gives it (the refusal names it)
    if (q - from > 15) return Number(DIGITS.decode(b.subarray(from, q)))
    if (q > from) return n
  }
  return 1
}

/** Whether the bytes from `start` to `end` hold `value-type` followed by `=` (spaces between). */
function hasValueType(b: Uint8Array, start: number, end: number): boolean {
  for (let p = start; p + VALUE_TYPE.length <= end; p++) {
    if (!spellsAt(b, p, end, VALUE_TYPE)) continue
    const q = skipSpace(b, p + VALUE_TYPE.length, end)
    if (q < end && b[q] === 0x3d) return true
  }
  return false
}

const REPEATED = ascii('repeated')

/** Whether `word` is spelt anywhere in `b`, found from each of its last letter. */
function spellsAnywhere(b: Uint8Array, word: readonly number[]): boolean {
  const last = word.length - 1
  for (let i = b.indexOf(word[last] as number, last); i >= 0; i = b.indexOf(word[last] as number, i + 1))
    if (spellsAt(b, i - last, i + 1, word)) return true
  return false
}

/** Counts the filled cells an .ods expands to, tag by tag, without building a string of the part. */
export function guardOdsRepeats(b: Uint8Array, limits: XmlLimits = DEFAULT_XML_LIMITS): GuardRefusal | null {
  // without a repeat count anywhere every tag counts once, and a part has fewer filled cells than bytes
  if (
    limits.maxRowRepeat >= 1 &&
    limits.maxColumnRepeat >= 1 &&
    b.length <= limits.maxExpandedCells &&
    !spellsAnywhere(b, REPEATED)
  )
    return null
  let rowRepeat = 1
  let expanded = 0
  const n = b.length
  let i = b.indexOf(LT)
  while (i >= 0 && i < n) {
    // the tag's local name: its first 65 bytes, past the last colon
    let p = i + 1
    const closing = b[p] === SLASH
    if (closing) p++
    const start = p
    let local = p
    while (p < n) {
      const x = b[p] as number
      if (x === 0x20 || x === 0x09 || x === 0x0a || x === 0x0d || x === SLASH || x === GT) break
      p++
      if (x === 0x3a) local = p
      if (p - start > 64) break
    }
    const close = b.indexOf(GT, p)
    if (close < 0) break
    const name = closing ? NOT_COUNTED : countedName(b, local, p)
    if (name !== NOT_COUNTED) {
      const selfClosing = b[close - 1] === SLASH
      if (name === IS_ROW) {
        rowRepeat = attrNumber(b, p, close, ROWS_REPEATED)
        if (rowRepeat > limits.maxRowRepeat)
          return unsafe(`một dòng được lặp lại ${rowRepeat} lần`, `a row is repeated ${rowRepeat} times`)
      } else {
        const colRepeat = attrNumber(b, p, close, COLUMNS_REPEATED)
        if (colRepeat > limits.maxColumnRepeat)
          return unsafe(`một ô được lặp lại ${colRepeat} lần`, `a cell is repeated ${colRepeat} times`)
        const filled = name === IS_CELL && (!selfClosing || hasValueType(b, p, close))
        if (filled) {
          expanded += rowRepeat * colRepeat
          if (expanded > limits.maxExpandedCells)
            return unsafe(
              `các ô lặp lại sẽ tạo ra hơn ${limits.maxExpandedCells.toLocaleString('en')} ô`,
              `its repeated cells would make more than ${limits.maxExpandedCells.toLocaleString('en')} cells`,
            )
        }
      }
    }
    i = b.indexOf(LT, close + 1)
  }
  return null
}
