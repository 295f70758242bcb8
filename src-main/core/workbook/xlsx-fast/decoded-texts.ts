// The texts the cells of a batch keep (labels, codes, units) repeat from file to file: each distinct one
// is decoded from UTF-8 once, and later the same string is handed out again. The lookup slices the
// one-byte text (a cheap copy) and lets the engine hash and compare it. Before that, a text is compared
// byte for byte with the text at the same place in the same part of the file read before (`PlacedTexts`):
// a form's files give its labels in the same order, so most texts are found there without a hash.
import type { PartBytes } from './byte-text'
import { unescapeXml } from './sheetjs-text'
import { isPlainText } from './scan'
import { BoundedMemo } from '../../../shared/bounded-memo'

const MAX_ENTRIES = 50_000
const MAX_LENGTH = 256

/** One-byte text of the bytes -> their decoded text. */
const known = new BoundedMemo<string, string>(MAX_ENTRIES)
/** One-byte text of escaped bytes (`S&#7889; tr&#7867;`) -> their decoded, un-escaped text. */
const knownEscaped = new BoundedMemo<string, string>(MAX_ENTRIES)

/** The UTF-8 text of part bytes [from, to). */
export function decodedText(part: PartBytes, from: number, to: number): string {
  if (to - from > MAX_LENGTH) return part.utf8(from, to)
  const raw = part.text.slice(from, to)
  const text = known.get(raw)
  if (text !== undefined) return text
  // keys and texts of their own, not slices that would keep the whole part alive in the table
  const key = part.latin1(from, to)
  const decoded = isAscii(key) ? key : part.utf8(from, to)
  known.set(key, decoded)
  return decoded
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false
  return true
}

/**
 * The text of an item's or an inline string's escaped bytes [from, to), as SheetJS reads it (UTF-8
 * decoded, then un-escaped, a CR LF read as LF): writers that put every letter beyond ASCII as a
 * character reference repeat the same escaped labels in every file, un-escaped once per batch.
 */
export function unescapedText(part: PartBytes, from: number, to: number): string {
  if (to - from > MAX_LENGTH) return unescapeXml(part.utf8(from, to), true)
  const raw = part.text.slice(from, to)
  const text = knownEscaped.get(raw)
  if (text !== undefined) return text
  const key = part.latin1(from, to)
  const decoded = unescapeXml(isAscii(key) ? key : part.utf8(from, to), true)
  knownEscaped.set(key, decoded)
  return decoded
}

/** The text of a shared string item's or a plain inline string's `<t>` content [from, to). */
export function itemText(part: PartBytes, from: number, to: number): string {
  return isPlainText(part.text, from, to) ? decodedText(part, from, to) : unescapedText(part, from, to)
}

const NO_BYTES = new Uint8Array(0)
const NO_VIEW = new DataView(NO_BYTES.buffer)

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

/** How a text is read from its bytes [from, to) in a part (`itemText`, or a `t="str"` value's reading). */
export type TextReading = (part: PartBytes, from: number, to: number) => string

/**
 * The texts read one way (`reading`) in one part of a file (its shared strings, or its n-th worksheet's
 * inline strings), in the order they are read; the n-th is first compared, byte for byte, with the n-th
 * of the same part of the file read before.
 */
export class PlacedTexts {
  private lastBytes: Uint8Array = NO_BYTES
  private lastView: DataView = NO_VIEW
  /** the file before's texts: where the n-th lay in lastBytes (at 2n, 2n + 1) and what it read */
  private lastSpans: number[] = []
  private lastTexts: string[] = []
  private lastCount = 0
  private bytes: Uint8Array = NO_BYTES
  private view: DataView = NO_VIEW
  private spans: number[] = []
  private texts: string[] = []
  private count = 0

  constructor(private readonly reading: TextReading) {}

  /** Starts the part of a new file: the texts read so far become the ones to compare with. */
  begin(part: PartBytes): void {
    if (this.count > 0) {
      // the two files' arrays change roles and are written over, not made anew for every part
      const spans = this.lastSpans
      const texts = this.lastTexts
      this.lastBytes = this.bytes
      this.lastView = this.view
      this.lastSpans = this.spans
      this.lastTexts = this.texts
      this.lastCount = this.count
      this.spans = spans
      this.texts = texts
      this.count = 0
    }
    this.bytes = part.bytes
    this.view = viewOf(part.bytes)
  }

  /** reading(part, from, to), `part` being the one given to `begin`. */
  text(part: PartBytes, from: number, to: number): string {
    const n = this.count++
    const text =
      n < this.lastCount && this.sameAsBefore(n, from, to)
        ? (this.lastTexts[n] as string)
        : this.reading(part, from, to)
    this.spans[2 * n] = from
    this.spans[2 * n + 1] = to
    this.texts[n] = text
    return text
  }

  private sameAsBefore(n: number, from: number, to: number): boolean {
    const a = this.lastSpans[2 * n] as number
    if ((this.lastSpans[2 * n + 1] as number) - a !== to - from) return false
    // four bytes at a time, then the rest
    const view = this.view
    const lastView = this.lastView
    let i = from
    let j = a
    for (; i + 4 <= to; i += 4, j += 4) if (view.getUint32(i) !== lastView.getUint32(j)) return false
    const last = this.lastBytes
    const bytes = this.bytes
    for (; i < to; i++, j++) if (bytes[i] !== last[j]) return false
    return true
  }
}

/** The PlacedTexts of each part of a file and way of reading, by name (`sst`, `is 0`, `str 0`…). */
const placed = new BoundedMemo<string, PlacedTexts>(64)

/** The texts of the files' part `slot`, read by `reading` (always the same one for a slot). */
export function placedTexts(slot: string, reading: TextReading): PlacedTexts {
  let p = placed.get(slot)
  if (p === undefined) placed.set(slot, (p = new PlacedTexts(reading)))
  return p
}
