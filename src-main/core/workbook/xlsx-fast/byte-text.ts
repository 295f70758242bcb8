// Worksheets (and the parts that are only checked) are scanned as one-byte strings, one character per
// byte (latin1): making one is a copy, where decoding UTF-8 costs far more and yields two-byte strings
// for Vietnamese text. Their markup is ASCII, so the scanners read it alike either way, and a
// character's index is its byte's offset: only the texts a cell keeps are decoded from UTF-8, by range
// (see decoded-texts.ts). Shared strings are nearly all kept text, and are decoded whole.

/** What the scanning needs from the platform; the services give core Node's native Buffer methods. */
export type ByteDecoders = Readonly<{
  /** bytes[from, to), one character per byte */
  latin1: (bytes: Uint8Array, from: number, to: number) => string
  /** bytes[from, to) as UTF-8, a byte order mark kept as a character (the part is valid UTF-8) */
  utf8: (bytes: Uint8Array, from: number, to: number) => string
  isUtf8: (bytes: Uint8Array) => boolean
}>

const strict = new TextDecoder('utf-8', { fatal: true })
const lenient = new TextDecoder('utf-8', { ignoreBOM: true })
const CHUNK = 8192

const portable: ByteDecoders = {
  latin1: (bytes, from, to) => {
    let s = ''
    for (let i = from; i < to; i += CHUNK)
      s += String.fromCharCode(...bytes.subarray(i, Math.min(to, i + CHUNK)))
    return s
  },
  utf8: (bytes, from, to) => lenient.decode(bytes.subarray(from, to)),
  isUtf8: (bytes) => {
    try {
      strict.decode(bytes)
      return true
    } catch {
      return false
    }
  },
}

/** The decoders core uses without native ones (whose results they must equal). */
export const portableDecoders: ByteDecoders = portable

/** A part's bytes as checked UTF-8, and the same bytes as one-byte text for scanning. */
export class PartBytes {
  readonly text: string
  private constructor(
    readonly bytes: Uint8Array,
    private readonly decoders: ByteDecoders,
  ) {
    this.text = decoders.latin1(bytes, 0, bytes.length)
  }

  /** The part, or null when its bytes are not UTF-8 (the SheetJS path would read them otherwise). */
  static of(bytes: Uint8Array, decoders: ByteDecoders = portable): PartBytes | null {
    if (!decoders.isUtf8(bytes)) return null
    // the UTF-8 decoder drops a leading byte order mark, and so did the reading of a whole part
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
    return new PartBytes(bom ? bytes.subarray(3) : bytes, decoders)
  }

  /** Text given as a string (tests, edited parts): its UTF-8 bytes. */
  static ofString(text: string, decoders: ByteDecoders = portable): PartBytes {
    return new PartBytes(new TextEncoder().encode(text), decoders)
  }

  /** The decoded text of bytes[from, to). */
  utf8(from: number, to: number): string {
    return this.decoders.utf8(this.bytes, from, to)
  }

  /** bytes[from, to) as a string of its own, one character per byte. */
  latin1(from: number, to: number): string {
    return this.decoders.latin1(this.bytes, from, to)
  }
}
