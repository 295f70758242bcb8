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
 * 8-bit or UTF-16LE/BE text), which this guard refuses. Each `<` is found by the native search.
 */
export function declaresEntities(part: Uint8Array): boolean {
  for (let i = part.indexOf(LT); i >= 0; i = part.indexOf(LT, i + 1)) {
    // both declarations start with `<!`, one or two bytes on
    if (part[i + 1] !== BANG && part[i + 2] !== BANG) continue
    for (const step of [1, 2]) for (const d of DECLS) if (matchesAt(part, i, d, step)) return true
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

/** The bytes from `start` to `end` as one-byte characters, in pieces small enough to spread. */
function latin1(b: Uint8Array, start: number, end: number): string {
  let out = ''
  for (let p = start; p < end; p += 4096)
    out += String.fromCharCode.apply(null, b.subarray(p, Math.min(end, p + 4096)) as unknown as number[])
  return out
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

/** A tag's local name (the first 65 bytes of its name, past the last colon) as one of the three that count. */
function tagName(b: Uint8Array, i: number): { name: string; closing: boolean; end: number } {
  let p = i + 1
  const closing = b[p] === SLASH
  if (closing) p++
  const start = p
  let local = p
  while (p < b.length) {
    const x = b[p] as number
    if (x === 0x20 || x === 0x09 || x === 0x0a || x === 0x0d || x === SLASH || x === GT) break
    p++
    if (x === 0x3a) local = p
    if (p - start > 64) break
  }
  const name = spells(b, local, p, ROW)
    ? 'table-row'
    : spells(b, local, p, CELL)
      ? 'table-cell'
      : spells(b, local, p, COVERED)
        ? 'covered-table-cell'
        : ''
  return { name, closing, end: p }
}

const ATTR_NUMBER = new Map<string, RegExp>()
function attrNumber(tag: string, attr: string): number {
  let re = ATTR_NUMBER.get(attr)
  if (!re) ATTR_NUMBER.set(attr, (re = new RegExp(`(?:^|[\\s:])${attr}\\s*=\\s*["']\\s*([0-9]+)`)))
  const m = re.exec(tag)
  return m ? Number(m[1]) : 1
}

/** Counts the filled cells an .ods expands to, tag by tag, without building a string of the part. */
export function guardOdsRepeats(b: Uint8Array, limits: XmlLimits = DEFAULT_XML_LIMITS): GuardRefusal | null {
  let rowRepeat = 1
  let expanded = 0
  let i = b.indexOf(LT)
  while (i >= 0 && i < b.length) {
    const t = tagName(b, i)
    const close = b.indexOf(GT, t.end)
    if (close < 0) break
    if (
      !t.closing &&
      (t.name === 'table-row' || t.name === 'table-cell' || t.name === 'covered-table-cell')
    ) {
      const tag = latin1(b, t.end, close)
      const selfClosing = b[close - 1] === SLASH
      if (t.name === 'table-row') {
        rowRepeat = attrNumber(tag, 'number-rows-repeated')
        if (rowRepeat > limits.maxRowRepeat)
          return unsafe(`một dòng được lặp lại ${rowRepeat} lần`, `a row is repeated ${rowRepeat} times`)
      } else {
        const colRepeat = attrNumber(tag, 'number-columns-repeated')
        if (colRepeat > limits.maxColumnRepeat)
          return unsafe(`một ô được lặp lại ${colRepeat} lần`, `a cell is repeated ${colRepeat} times`)
        const filled = t.name === 'table-cell' && (!selfClosing || /value-type\s*=/.test(tag))
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
