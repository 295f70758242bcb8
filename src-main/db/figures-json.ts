// The stored form of a submission's figures (`submission_figures.figures`): one JSON array, each
// element [indicator, column, value, sheet, cell, raw] with the reading notes as a seventh when there
// are any, ordered by indicator then column. Pure, so that a read worker can encode a file's figures
// beside reading it and the main thread only stores the text.
import type { ReadNote } from '../core/numbers/cell-reading'
import type { Figure } from '../core/submission/analysis'
import { BoundedMemo } from '../shared/bounded-memo'
import { NO_NOTES } from './scan-figures'

export type FigureTuple = [string, string, number, string, string, string, ReadNote[]?]

/** Figures in their stored form, with how many there are. */
export type EncodedFigures = Readonly<{ json: string; count: number }>

/**
 * The figures by indicator then column, as a stable sort would order them. A file gives them row by
 * row, each row's figures together in the form's column order, and the form's rows are not in code
 * order: the rows are ordered by code (a hundred), then each row's few figures by column.
 */
function storedOrder(figures: readonly Figure[]): readonly Figure[] {
  const n = figures.length
  // the first figure of each run of one indicator, and whether all is in order already
  const runs: number[] = []
  let sorted = true
  for (let i = 0; i < n; i++) {
    const f = figures[i] as Figure
    if (i === 0) runs.push(0)
    else {
      const prev = figures[i - 1] as Figure
      if (prev.indicator !== f.indicator) {
        runs.push(i)
        sorted &&= prev.indicator < f.indicator
      } else sorted &&= prev.column <= f.column
    }
  }
  if (sorted) return figures
  const order = runs.map((_, k) => k)
  order.sort((x, y) => {
    const a = (figures[runs[x] as number] as Figure).indicator
    const b = (figures[runs[y] as number] as Figure).indicator
    return a < b ? -1 : a > b ? 1 : x - y
  })
  const out: Figure[] = []
  for (const k of order) {
    const end = k + 1 < runs.length ? (runs[k + 1] as number) : n
    for (let i = runs[k] as number; i < end; i++) out.push(figures[i] as Figure)
  }
  // insertion sort of each indicator's figures by column (stable)
  for (let i = 1; i < n; i++) {
    const f = out[i] as Figure
    let j = i
    while (j > 0) {
      const prev = out[j - 1] as Figure
      if (prev.indicator !== f.indicator || prev.column <= f.column) break
      out[j] = prev
      j--
    }
    out[j] = f
  }
  return out
}

const toUtf8 = new TextEncoder()
const fromUtf8 = new TextDecoder()

/**
 * A text's bytes as four-byte words, written four bytes a store through a DataView (about twice as fast
 * as byte by byte for these short texts): the last word may carry up to three bytes past the text,
 * which the next write covers.
 */
type Literal = Readonly<{ words: Int32Array; length: number }>

// The literals of texts that repeat from file to file (indicator codes, column keys, sheet names), made
// once per thread; forgotten all at once should a strange batch fill it.
const literals = new BoundedMemo<string, Literal>(4096)

/** The UTF-8 bytes of `JSON.stringify(s)`, made once per text. */
function literal(s: string): Literal {
  let lit = literals.get(s)
  if (!lit) {
    const bytes = toUtf8.encode(JSON.stringify(s))
    const padded = new Uint8Array((bytes.length + 3) & ~3)
    padded.set(bytes)
    // read as `put` writes them (little-endian), whatever the platform's order
    const view = new DataView(padded.buffer)
    const words = new Int32Array(padded.length >> 2)
    for (let k = 0; k < words.length; k++) words[k] = view.getInt32(4 * k, true)
    lit = { words, length: bytes.length }
    literals.set(s, lit)
  }
  return lit
}

/** Writes `lit` at `at` (with room for three bytes more); returns where writing goes on. */
function put(lit: Literal, view: DataView, at: number): number {
  const words = lit.words
  for (let k = 0; k < words.length; k++) view.setInt32(at + 4 * k, words[k] as number, true)
  return at + lit.length
}

/**
 * Whether `String(v)` is `raw`, told without making it: `raw` is a plain decimal of at most 15 digits
 * (so only that one such decimal reads as `v`, and it is the shortest: what `String` writes), without
 * leading or trailing zeros that `String` would leave out, nor so small that `String` would write an
 * exponent, and reads as `v`.
 */
function writesAs(raw: string, v: number): boolean {
  const n = raw.length
  if (n < 3 || n > 16) return false
  let i = raw.charCodeAt(0) === 45 ? 1 : 0
  const first = i
  let dot = -1
  for (; i < n; i++) {
    const c = raw.charCodeAt(i)
    if (c === 46 && dot < 0) dot = i
    else if (c < 48 || c > 57) return false
  }
  if (dot <= first || dot === n - 1 || raw.charCodeAt(n - 1) === 48) return false
  if (raw.charCodeAt(first) === 48) {
    if (dot !== first + 1) return false
    // 0.000001 and above are written as they are; 1e-7 and below with an exponent
    let zeros = 0
    while (raw.charCodeAt(dot + 1 + zeros) === 48) zeros++
    if (zeros > 5) return false
  }
  return Number(raw) === v
}

/** Whether JSON writes `s` as it is between quotes, one byte per character. */
function isPlainAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x20 || c === 34 || c === 92 || c >= 0x7f) return false
  }
  return true
}

const NO_LITERAL: Literal = { words: new Int32Array(0), length: 0 }

/** `buf`, or a copy of its first `at` bytes with room for `n` more (kept for the next file too). */
function room(buf: Uint8Array, at: number, n: number): Uint8Array {
  if (at + n <= buf.length) return buf
  let size = buf.length * 2
  while (size < at + n) size *= 2
  const grown = new Uint8Array(size)
  grown.set(buf.subarray(0, at))
  scratch = grown
  return grown
}

/** Copies a few bytes to `at`, where the next write goes after them: a loop beats `set` at this size. */
function copy(lit: Uint8Array, buf: Uint8Array, at: number): number {
  for (let k = 0; k < lit.length; k++) buf[at++] = lit[k] as number
  return at
}

// The buffer the figures are written into, grown as needed and kept for the next file.
let scratch: Uint8Array = new Uint8Array(1 << 15)

/**
 * The stored form as UTF-8 bytes, or why the figures cannot be stored (a value that is not a number,
 * a cell twice). The bytes are those of `JSON.stringify` of the rows, written straight into one
 * buffer: a read worker hands them to the main thread without copying, and a country encodes 10^6
 * figures whose texts are nearly all plain ASCII and whose indicator, column and sheet repeat.
 */
export function encodeFiguresUtf8(
  figures: readonly Figure[],
): Readonly<{ ok: true; bytes: Uint8Array; count: number } | { ok: false; error: string }> {
  const ordered = storedOrder(figures)
  // the first figure that repeats its predecessor's cell
  let twice = -1
  for (let i = 1; i < ordered.length && twice < 0; i++) {
    const a = ordered[i - 1] as Figure
    const b = ordered[i] as Figure
    if (a.indicator === b.indicator && a.column === b.column) twice = i
  }
  // `buf` and `at` stay local (no closure reads them): they live in registers in the loop
  let buf = scratch
  let at = 0
  let lastIndicator: string | undefined
  let lastColumn: string | undefined
  let lastSheet: string | undefined
  let view = new DataView(buf.buffer)
  let indicator = NO_LITERAL
  let column = NO_LITERAL
  let sheet = NO_LITERAL
  buf[at++] = 91
  for (let i = 0; i < ordered.length; i++) {
    const f = ordered[i] as Figure
    // JSON would write NaN or Infinity as null: say which figure instead
    if (!Number.isFinite(f.value))
      return { ok: false, error: `${f.indicator}/${f.column} = ${String(f.value)} (${f.sheet}!${f.cell})` }
    // one figure per indicator and column
    if (i === twice)
      return { ok: false, error: `${f.indicator}/${f.column} hai lần / twice (${f.sheet}!${f.cell})` }
    // a file's figures come by indicator, all from one sheet: most texts are the previous figure's
    if (f.indicator !== lastIndicator) indicator = literal((lastIndicator = f.indicator))
    if (f.column !== lastColumn) column = literal((lastColumn = f.column))
    if (f.sheet !== lastSheet) sheet = literal((lastSheet = f.sheet))
    const plain = isPlainAscii(f.cell) && isPlainAscii(f.raw)
    const cell = plain ? null : toUtf8.encode(JSON.stringify(f.cell))
    const raw = plain ? null : toUtf8.encode(JSON.stringify(f.raw))
    const notes = f.notes.length === 0 ? null : toUtf8.encode(JSON.stringify(f.notes))
    const before = buf
    buf = room(
      buf,
      at,
      indicator.length +
        column.length +
        sheet.length +
        (cell ? cell.length : f.cell.length + 2) +
        (raw ? raw.length : f.raw.length + 2) +
        (notes ? notes.length + 1 : 0) +
        40,
    )
    if (buf !== before) view = new DataView(buf.buffer)
    if (i > 0) buf[at++] = 44
    buf[at++] = 91
    at = put(indicator, view, at)
    buf[at++] = 44
    at = put(column, view, at)
    buf[at++] = 44
    const v = f.value
    if (v >= 0 && v < 0x80000000 && Math.floor(v) === v) {
      // a whole number without making a string (-0 is written 0, as JSON writes it)
      let n = v | 0
      let digits = 1
      for (let p = 10; p <= n && digits < 10; p *= 10) digits++
      let end = at + digits
      at = end
      do {
        buf[--end] = 48 + (n % 10)
        n = (n / 10) | 0
      } while (n > 0)
    } else {
      // a fraction is most often written as its cell's text: the same characters, without a string
      const text = plain && writesAs(f.raw, v) ? f.raw : String(v)
      for (let k = 0; k < text.length; k++) buf[at++] = text.charCodeAt(k)
    }
    buf[at++] = 44
    at = put(sheet, view, at)
    buf[at++] = 44
    if (cell && raw) {
      at = copy(cell, buf, at)
      buf[at++] = 44
      at = copy(raw, buf, at)
    } else {
      buf[at++] = 34
      for (let k = 0; k < f.cell.length; k++) buf[at++] = f.cell.charCodeAt(k)
      buf[at++] = 34
      buf[at++] = 44
      buf[at++] = 34
      for (let k = 0; k < f.raw.length; k++) buf[at++] = f.raw.charCodeAt(k)
      buf[at++] = 34
    }
    if (notes) {
      buf[at++] = 44
      at = copy(notes, buf, at)
    }
    buf[at++] = 93
  }
  buf[at++] = 93
  // its own buffer, which a message can hand over; the scratch buffer stays for the next file
  return { ok: true, bytes: buf.slice(0, at), count: ordered.length }
}

/** The text of the stored form's bytes. */
export function figuresText(bytes: Uint8Array): string {
  return fromUtf8.decode(bytes)
}

/** The stored form, or why the figures cannot be stored (a value that is not a number, a cell twice). */
export function encodeFigures(
  figures: readonly Figure[],
): Readonly<{ ok: true; json: string; count: number } | { ok: false; error: string }> {
  const e = encodeFiguresUtf8(figures)
  return e.ok ? { ok: true, json: figuresText(e.bytes), count: e.count } : e
}

/** The stored figures, or null when the text is not what `encodeFigures` writes. */
export function parseFiguresJson(json: string): FigureTuple[] | null {
  let rows: unknown
  try {
    rows = JSON.parse(json)
  } catch {
    return null
  }
  return Array.isArray(rows) && rows.every(isFigureTuple) ? rows : null
}

function isFigureTuple(r: unknown): r is FigureTuple {
  return (
    Array.isArray(r) &&
    (r.length === 6 || (r.length === 7 && Array.isArray(r[6]))) &&
    typeof r[0] === 'string' &&
    typeof r[1] === 'string' &&
    typeof r[2] === 'number' &&
    typeof r[3] === 'string' &&
    typeof r[4] === 'string' &&
    typeof r[5] === 'string'
  )
}

/** The figures of a stored form, as the analysis had them (−0 comes back as 0). */
export function figuresFromStored(rows: readonly FigureTuple[]): Figure[] {
  const out: Figure[] = new Array<Figure>(rows.length)
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as FigureTuple
    out[i] = {
      indicator: r[0],
      column: r[1],
      value: r[2],
      sheet: r[3],
      cell: r[4],
      raw: r[5],
      notes: r[6] ?? NO_NOTES,
    }
  }
  return out
}
