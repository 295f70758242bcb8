// Writes ASCII text straight into fixed-size byte chunks: the appended rows' XML (tags, numbers and
// shared string indexes, never free text) would otherwise be built as millions of small strings, joined
// and then encoded, most of a report's allocation.

/** The bytes of an ASCII text (one byte per character). */
export function asciiBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length)
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i)
  return out
}

/**
 * A tag's bytes as four-byte words and the bytes left over: written with a DataView, four bytes a
 * store, about twice as fast as byte by byte for the short tags of a sheet's cells (and `set`, a call
 * for each tag, is no faster than the loop at these sizes).
 */
export type AsciiWords = Readonly<{ words: Int32Array; tail: Uint8Array; length: number }>

/** The bytes of an ASCII text, as words for `putWords`. */
export function asciiWords(s: string): AsciiWords {
  const bytes = asciiBytes(s)
  const n = bytes.length >> 2
  const view = new DataView(bytes.buffer)
  const words = new Int32Array(n)
  for (let i = 0; i < n; i++) words[i] = view.getInt32(i * 4, true)
  return { words, tail: bytes.subarray(n * 4), length: bytes.length }
}

/** Writes `w` at `at` through `view` (over `buf`'s memory); returns where writing goes on. */
export function putWords(view: DataView, buf: Uint8Array, at: number, w: AsciiWords): number {
  const words = w.words
  for (let i = 0; i < words.length; i++) {
    view.setInt32(at, words[i] as number, true)
    at += 4
  }
  const tail = w.tail
  for (let i = 0; i < tail.length; i++) buf[at++] = tail[i] as number
  return at
}

const viewOf = (buf: Uint8Array): DataView => new DataView(buf.buffer, buf.byteOffset, buf.byteLength)

export class AsciiChunks {
  private buf: Uint8Array
  /** over `buf`, made again with it */
  private bufView: DataView
  private at = 0
  /** the buffers of chunks taken and not yet released, and released buffers to write again */
  private readonly lent = new Set<ArrayBufferLike>()
  private readonly spare: Uint8Array[] = []

  constructor(private readonly size: number) {
    this.buf = new Uint8Array(size)
    this.bufView = viewOf(this.buf)
  }

  private writeInto(buf: Uint8Array): void {
    this.buf = buf
    this.bufView = viewOf(buf)
  }

  /** The bytes written so far when fewer than `n` more would fit; writing then goes on in a new chunk. */
  cutFor(n: number): Uint8Array | null {
    if (this.buf.length - this.at >= n) return null
    const out = this.take()
    if (n > this.size) this.writeInto(new Uint8Array(n))
    return out
  }

  /** The bytes written so far, as one chunk; writing goes on in a new one. */
  take(): Uint8Array {
    const out = this.buf.subarray(0, this.at)
    if (this.buf.length === this.size) this.lent.add(this.buf.buffer)
    this.writeInto(this.spare.pop() ?? new Uint8Array(this.size))
    this.at = 0
    return out
  }

  /**
   * Gives back a chunk that `take` or `cutFor` gave and that no one will read again: its buffer is
   * written again by a later chunk. Anything else (a chunk given back twice, another array) is ignored.
   */
  release(chunk: Uint8Array): void {
    const buffer = chunk.buffer
    if (!this.lent.delete(buffer)) return
    this.spare.push(new Uint8Array(buffer, 0, this.size))
  }

  /** The buffer to write into directly, from `position`, as far as `cutFor` made room. */
  get buffer(): Uint8Array {
    return this.buf
  }

  /** A view of `buffer` for `putWords`. */
  get view(): DataView {
    return this.bufView
  }

  get position(): number {
    return this.at
  }

  /** Where direct writing into `buffer` stopped. */
  moveTo(at: number): void {
    this.at = at
  }

  /** Text known to be ASCII (a number as JavaScript writes it, a tag). */
  text(s: string): void {
    const buf = this.buf
    let at = this.at
    for (let i = 0; i < s.length; i++) buf[at++] = s.charCodeAt(i)
    this.at = at
  }

  /** A number as `${n}` writes it; whole numbers below 2^31 without making a string. */
  number(n: number): void {
    this.at = putNumber(this.buf, this.at, n)
  }
}

/** Writes a number as `${n}` writes it into `buf` at `at`; whole numbers below 2^31 without a string. */
export function putNumber(buf: Uint8Array, at: number, n: number): number {
  if (!(n >= 0 && n < 0x80000000 && Math.floor(n) === n)) {
    const s = String(n)
    for (let i = 0; i < s.length; i++) buf[at++] = s.charCodeAt(i)
    return at
  }
  let v = n | 0
  const digits =
    v < 100_000
      ? v < 100
        ? v < 10
          ? 1
          : 2
        : v < 1000
          ? 3
          : v < 10_000
            ? 4
            : 5
      : v < 10_000_000
        ? v < 1_000_000
          ? 6
          : 7
        : v < 100_000_000
          ? 8
          : v < 1_000_000_000
            ? 9
            : 10
  const end = at + digits
  let i = end
  do {
    buf[--i] = 48 + (v % 10)
    v = (v / 10) | 0
  } while (v > 0)
  return end
}
