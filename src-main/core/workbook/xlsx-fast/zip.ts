// The few parts of a .xlsx the fast reader needs, taken straight from the zip's central directory and
// inflated with fflate (core stays free of node:zlib); anything unusual makes the caller fall back.
import { inflateSync } from 'fflate'
import type { ByteDecoders } from './byte-text'
import { PartBytes } from './byte-text'
import { indexOfBang } from './scan'
import { centralEnd, entryKey, walkCentralDirectory } from '../../zip/central-directory'

/**
 * Inflates raw deflate data into exactly `size` bytes, or throws (the services give node:zlib's, native
 * and faster than fflate: docs/bench/code-choices.md). Whatever it throws sends the file to the SheetJS path.
 */
export type RawInflate = (raw: Uint8Array, size: number) => Uint8Array

/** fflate's inflater: what core uses without a native one. */
export const portableInflate: RawInflate = (raw, size) => inflateSync(raw, { out: new Uint8Array(size) })

export class Unsupported extends Error {}

export type ZipEntry = Readonly<{
  name: string
  method: number
  flags: number
  csize: number
  usize: number
  offset: number
  /** as the archive declares it: a hint, never trusted */
  crc: number
}>

/** The largest part the fast path inflates; bigger parts (or zip bombs) go to the guarded SheetJS path. */
const MAX_PART_BYTES = 64 * 1024 * 1024

export class ZipIndex {
  private readonly byLower = new Map<string, ZipEntry>()
  constructor(
    private readonly bytes: Uint8Array,
    private readonly inflateRaw: RawInflate = portableInflate,
  ) {
    const b = bytes
    const end = centralEnd(b)
    if (end === null) throw new Unsupported('no end of central directory')
    if (end.count === 0xffff || end.offset === 0xffffffff) throw new Unsupported('zip64')
    const decoder = new TextDecoder()
    const whole = walkCentralDirectory(b, end, (r) => {
      const name = decoder.decode(b.subarray(r.nameStart, r.nameStart + r.nameLength))
      const key = entryKey(name)
      if (this.byLower.has(key)) throw new Unsupported('duplicate entry')
      const { method, flags, csize, usize, crc } = r
      this.byLower.set(key, { name, method, flags, csize, usize, offset: r.localOffset, crc })
    })
    if (!whole) throw new Unsupported('central directory')
  }

  /** Parts never read by the fast path (docProps, theme, …), to be scanned for declarations. */
  unreadXmlParts(read: ReadonlySet<string>): string[] {
    return [...this.byLower.keys()].filter((k) => /\.(xml|rels|vml)$/.test(k) && !read.has(k))
  }

  /** Every entry's path (lower case, `/` between folders). */
  entryPaths(): string[] {
    return [...this.byLower.keys()]
  }

  has(path: string): boolean {
    return this.byLower.has(entryKey(path))
  }

  /** The parts asked for, present or not. */
  readonly readParts = new Set<string>()

  /** The bytes of a part, or null when the archive has no such part. */
  read(path: string): Uint8Array | null {
    const entry = this.entry(path)
    return entry ? this.inflate(entry, this.stored(entry)) : null
  }

  /** The entry of a part (which counts as read), or undefined when the archive has no such part. */
  entry(path: string): ZipEntry | undefined {
    const key = entryKey(path)
    this.readParts.add(key)
    return this.byLower.get(key)
  }

  /** The bytes an entry stores, compressed or not, after the checks every part gets. */
  stored(entry: ZipEntry): Uint8Array {
    const { flags, csize, usize, offset } = entry
    if (flags & 1) throw new Unsupported('encrypted entry')
    if (usize > MAX_PART_BYTES || csize > MAX_PART_BYTES) throw new Unsupported('large part')
    const b = this.bytes
    if (offset + 30 > b.length) throw new Unsupported('local header')
    const view = new DataView(b.buffer, b.byteOffset, b.byteLength)
    if (view.getUint32(offset, true) !== 0x04034b50) throw new Unsupported('local header')
    const start = offset + 30 + view.getUint16(offset + 26, true) + view.getUint16(offset + 28, true)
    if (start + csize > b.length) throw new Unsupported('truncated entry')
    return b.subarray(start, start + csize)
  }

  /** The content of an entry from its stored bytes. */
  inflate(entry: ZipEntry, raw: Uint8Array): Uint8Array {
    const { method, csize, usize } = entry
    if (method === 0) {
      if (csize !== usize) throw new Unsupported('stored size')
      return raw
    }
    if (method !== 8) throw new Unsupported('compression method')
    const out = this.inflateRaw(raw, usize)
    if (out.length !== usize) throw new Unsupported('inflated size')
    return out
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** A small part as text; invalid UTF-8 is left to SheetJS, whose byte-level reading we would not match. */
export function partText(bytes: Uint8Array): string {
  let text: string
  try {
    text = utf8.decode(bytes)
  } catch {
    throw new Unsupported('invalid utf-8')
  }
  refuseDeclarations(text, (i) => text.slice(i, i + 7))
  return text
}

/** A worksheet, or a part only checked, as one-byte text, after the same checks as partText. */
export function partBytes(bytes: Uint8Array, decoders?: ByteDecoders): PartBytes {
  const part = PartBytes.of(bytes, decoders)
  if (part === null) throw new Unsupported('invalid utf-8')
  // seven characters take at most 28 bytes; the word is decoded as partText reads it
  refuseDeclarations(part.text, (i) => part.utf8(i, Math.min(part.bytes.length, i + 28)).slice(0, 7))
  return part
}

/** A part that declares a DTD or entities goes to the guarded SheetJS path, which refuses it. */
function refuseDeclarations(text: string, sevenCharsAt: (i: number) => string): void {
  for (let i = indexOfBang(text, 0); i >= 0; i = indexOfBang(text, i + 2)) {
    const word = sevenCharsAt(i + 2).toUpperCase()
    if (word.startsWith('DOCTYPE') || word.startsWith('ENTITY')) throw new Unsupported('xml declarations')
  }
}
