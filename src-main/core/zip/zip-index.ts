// A zip's entries by name, read from its central directory (central-directory.ts), and the bytes of the
// parts asked for, inflated with fflate unless the caller gives a native inflater (core stays free of
// node:zlib): the fast .xlsx reader, the guards and the report writer read their parts through it.
// Anything it does not take (an encrypted entry, two entries of one name, a part beyond its bound, an
// unknown compression) is thrown as `Unsupported`, for the caller to hand the file to another path.
import { inflateSync } from 'fflate'
import { centralEnd, entryKey, isLocalHeader, walkCentralDirectory } from './central-directory'

/**
 * Inflates raw deflate data into exactly `size` bytes, or throws (the services give node:zlib's, native
 * and faster than fflate: docs/bench/code-choices.md). Whatever it throws sends the file to the SheetJS path.
 */
export type RawInflate = (raw: Uint8Array, size: number) => Uint8Array

/** fflate's inflater: what core uses without a native one. */
export const portableInflate: RawInflate = (raw, size) => inflateSync(raw, { out: new Uint8Array(size) })

/** Whether an entry's path (`entryKey`) names an XML part: what the guards scan for declarations. */
export function isXmlPart(key: string): boolean {
  return key.endsWith('.xml') || key.endsWith('.rels') || key.endsWith('.vml')
}

/** What a reading path does not take; its message names what (`duplicate entry`, `encrypted entry`…), for tests and logs. */
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
    const out: string[] = []
    for (const k of this.byLower.keys()) if (isXmlPart(k) && !read.has(k)) out.push(k)
    return out
  }

  /** Every entry, in the directory's order, with its name as the archive spells it. */
  entries(): ZipEntry[] {
    return [...this.byLower.values()]
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
    const view = new DataView(b.buffer, b.byteOffset, b.byteLength)
    if (!isLocalHeader(view, offset)) throw new Unsupported('local header')
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
