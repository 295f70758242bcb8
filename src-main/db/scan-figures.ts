// Reads the stored figures text (`figures-json.ts`) of a submission straight into the figure objects
// the merge keeps: JSON.parse would first build an array and five strings per figure (a country has
// 10^6 figures, most of whose texts repeat), all dropped at once. Only the common shape is read here,
// figures without reading notes; anything else (notes, escapes, damage) is left to JSON.parse.
import type { ReadNote } from '../core/numbers/cell-reading'

import type { Contribution, SubmissionOrigin } from '../core/merge/consolidation'

// the engine's one shared empty list of notes, so that stored and freshly read figures share it too
/** The notes of a figure read without any: one frozen array for the 10^6 figures of a country. */
export const NO_NOTES: readonly ReadNote[] = Object.freeze([])

/** A text of at least this length sliced from a larger one keeps the larger one alive: copied instead. */
const SLICE_MIN = 13

/**
 * One copy of each text, looked up by a piece of a larger text without cutting it out first (an
 * open-addressing table keyed by an FNV-1a hash of the characters).
 */
export class TextTable {
  private keys: (string | undefined)[] = new Array<string | undefined>(1024).fill(undefined)
  private hashes = new Int32Array(1024)
  private count = 0

  /** The one copy of `s`. */
  text(s: string): string {
    let h = FNV_BASIS
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME)
    return this.find(s, 0, s.length, h, false)
  }

  /** The one copy of `src.slice(start, end)`, whose characters hash to `hash`. */
  find(src: string, start: number, end: number, hash: number, copy = true): string {
    const mask = this.keys.length - 1
    const length = end - start
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const k = this.keys[i]
      if (k === undefined) {
        // a JSON string parsed alone is a fresh string that does not hold on to `src`
        const s =
          start === 0 && end === src.length
            ? src
            : copy && length >= SLICE_MIN
              ? (JSON.parse(`"${src.slice(start, end)}"`) as string)
              : src.slice(start, end)
        this.keys[i] = s
        this.hashes[i] = hash
        if (++this.count * 2 > this.keys.length) this.grow()
        return s
      }
      if (this.hashes[i] === hash && k.length === length && src.startsWith(k, start)) return k
    }
  }

  private grow(): void {
    const keys = this.keys
    const hashes = this.hashes
    this.keys = new Array<string | undefined>(keys.length * 2).fill(undefined)
    this.hashes = new Int32Array(keys.length * 2)
    const mask = this.keys.length - 1
    for (let j = 0; j < keys.length; j++) {
      const k = keys[j]
      if (k === undefined) continue
      let i = hashes[j]! & mask
      while (this.keys[i] !== undefined) i = (i + 1) & mask
      this.keys[i] = k
      this.hashes[i] = hashes[j]!
    }
  }
}

const FNV_BASIS = 0x811c9dc5 | 0
const FNV_PRIME = 0x01000193

const QUOTE = 0x22
const COMMA = 0x2c
const OPEN = 0x5b
const CLOSE = 0x5d
const BACKSLASH = 0x5c
const MINUS = 0x2d
const DOT = 0x2e
const ZERO = 0x30
const NINE = 0x39
const isDigit = (c: number): boolean => c >= ZERO && c <= NINE

/** A cursor over the text; each read returns false (or NaN) where the text is not the common shape. */
class Cursor {
  at = 0
  constructor(
    private readonly src: string,
    private readonly texts: TextTable,
  ) {}

  take(ch: number): boolean {
    if (this.src.charCodeAt(this.at) !== ch) return false
    this.at++
    return true
  }

  /**
   * `string()` for a text that is likely `known` (a text this table gave before): when the characters
   * here are those of `known` between quotes, `known` without hashing or looking it up.
   */
  stringLike(known: string | undefined): string | null {
    const src = this.src
    const at = this.at
    if (
      known !== undefined &&
      src.charCodeAt(at) === QUOTE &&
      src.charCodeAt(at + 1 + known.length) === QUOTE &&
      src.startsWith(known, at + 1)
    ) {
      this.at = at + known.length + 2
      return known
    }
    return this.string()
  }

  /** A string without escapes or control characters, or null. */
  string(): string | null {
    const src = this.src
    if (src.charCodeAt(this.at) !== QUOTE) return null
    const start = this.at + 1
    let h = FNV_BASIS
    let i = start
    for (; i < src.length; i++) {
      const c = src.charCodeAt(i)
      if (c === QUOTE) break
      if (c === BACKSLASH || c < 0x20) return null
      h = Math.imul(h ^ c, FNV_PRIME)
    }
    if (i >= src.length) return null
    this.at = i + 1
    return this.texts.find(src, start, i, h)
  }

  /** A JSON number (`-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?`), as JSON.parse reads it; NaN if none. */
  number(): number {
    const src = this.src
    const start = this.at
    let i = start
    const negative = src.charCodeAt(i) === MINUS
    if (negative) i++
    let whole = 0
    const first = src.charCodeAt(i)
    if (first === ZERO) i++
    else if (isDigit(first)) {
      for (; isDigit(src.charCodeAt(i)); i++) whole = whole * 10 + (src.charCodeAt(i) - ZERO)
    } else return NaN
    let plain = i - start <= 15
    if (src.charCodeAt(i) === DOT) {
      plain = false
      if (!isDigit(src.charCodeAt(++i))) return NaN
      while (isDigit(src.charCodeAt(i))) i++
    }
    const e = src.charCodeAt(i)
    if (e === 0x65 || e === 0x45) {
      plain = false
      const sign = src.charCodeAt(++i)
      if (sign === 0x2b || sign === MINUS) i++
      if (!isDigit(src.charCodeAt(i))) return NaN
      while (isDigit(src.charCodeAt(i))) i++
    }
    this.at = i
    // up to 15 digits a whole number is exact; otherwise the engine's own conversion
    if (plain) return negative ? -whole : whole
    return Number(src.slice(start, i))
  }
}

// by table, the texts of the figures it scanned last, by place (`scanContributions`): each scan reads
// a place's text, then writes its own there
const placesOf = new WeakMap<TextTable, string[]>()

/**
 * The figures of a stored text, each carrying `source`, or null when the text is not the common shape
 * (then JSON.parse must read it, and says whether it is damaged).
 */
export function scanContributions(
  json: string,
  source: SubmissionOrigin,
  texts: TextTable,
): Contribution[] | null {
  const out: Contribution[] = []
  const r = new Cursor(json, texts)
  // the texts of the figures scanned before with this table, four per figure, by place: the files of
  // a batch mostly share their layout, so most figures name the indicator, column, sheet and cell of
  // the figure at the same place in the file before
  let places = placesOf.get(texts)
  if (!places) placesOf.set(texts, (places = []))
  if (!r.take(OPEN)) return null
  if (r.take(CLOSE)) return r.at === json.length ? out : null
  do {
    const k = out.length * 4
    if (!r.take(OPEN)) return null
    const indicator = r.stringLike(places[k])
    if (indicator === null || !r.take(COMMA)) return null
    const column = r.stringLike(places[k + 1])
    if (column === null || !r.take(COMMA)) return null
    const value = r.number()
    if (Number.isNaN(value) || !r.take(COMMA)) return null
    const sheet = r.stringLike(places[k + 2])
    if (sheet === null || !r.take(COMMA)) return null
    const cell = r.stringLike(places[k + 3])
    if (cell === null || !r.take(COMMA)) return null
    const raw = r.string()
    if (raw === null || !r.take(CLOSE)) return null
    places[k] = indicator
    places[k + 1] = column
    places[k + 2] = sheet
    places[k + 3] = cell
    out.push({
      indicator,
      column,
      unit: source.unit,
      value,
      fileName: source.fileName,
      version: source.version,
      sheet,
      cell,
      raw,
      notes: NO_NOTES,
    })
  } while (r.take(COMMA))
  return r.take(CLOSE) && r.at === json.length ? out : null
}
