// Writes ASCII text straight into fixed-size byte chunks: the appended rows' XML (tags, numbers and
// shared string indexes, never free text) would otherwise be built as millions of small strings, joined
// and then encoded, most of a report's allocation.

/** The bytes of an ASCII text (one byte per character). */
export function asciiBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length)
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i)
  return out
}

export class AsciiChunks {
  private buf: Uint8Array
  private at = 0
  /** the buffers of chunks taken and not yet released, and released buffers to write again */
  private readonly lent = new Set<ArrayBufferLike>()
  private readonly spare: Uint8Array[] = []

  constructor(private readonly size: number) {
    this.buf = new Uint8Array(size)
  }

  /** The bytes written so far when fewer than `n` more would fit; writing then goes on in a new chunk. */
  cutFor(n: number): Uint8Array | null {
    if (this.buf.length - this.at >= n) return null
    const out = this.take()
    if (n > this.size) this.buf = new Uint8Array(n)
    return out
  }

  /** The bytes written so far, as one chunk; writing goes on in a new one. */
  take(): Uint8Array {
    const out = this.buf.subarray(0, this.at)
    if (this.buf.length === this.size) this.lent.add(this.buf.buffer)
    this.buf = this.spare.pop() ?? new Uint8Array(this.size)
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

  get position(): number {
    return this.at
  }

  /** Where direct writing into `buffer` stopped. */
  moveTo(at: number): void {
    this.at = at
  }

  /** A few bytes: a loop beats `set` at this size. */
  bytes(b: Uint8Array): void {
    const buf = this.buf
    let at = this.at
    for (let i = 0; i < b.length; i++) buf[at++] = b[i]!
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

/** Writes `b` into `buf` at `at`; returns where writing goes on. A loop beats `set` at this size. */
export function putBytes(buf: Uint8Array, at: number, b: Uint8Array): number {
  for (let i = 0; i < b.length; i++) buf[at++] = b[i] as number
  return at
}

/** Writes a number as `${n}` writes it into `buf` at `at`; whole numbers below 2^31 without a string. */
export function putNumber(buf: Uint8Array, at: number, n: number): number {
  if (!(n >= 0 && n < 0x80000000 && Math.floor(n) === n)) {
    const s = String(n)
    for (let i = 0; i < s.length; i++) buf[at++] = s.charCodeAt(i)
    return at
  }
  let v = n | 0
  let digits = 1
  for (let p = 10; p <= v && digits < 10; p *= 10) digits++
  const end = at + digits
  let i = end
  do {
    buf[--i] = 48 + (v % 10)
    v = (v / 10) | 0
  } while (v > 0)
  return end
}
