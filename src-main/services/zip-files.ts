// Writes the report's zip container with node:zlib's deflater, faster than fflate's on a country's
// source list (docs/bench/code-choices.md); the core keeps fflate so that it needs no Node module and takes this as a
// parameter (as the readers take node:zlib's inflater, see read-pool/native-inflate.ts).
import zlib from 'node:zlib'
import { crc32Combine } from '../core/zip/crc32-combine'
import { isRecycled, type RecycledChunks, type ZipPart } from '../core/zip/zip-parts'

/** Little slower than level 1 for a smaller file, much faster than 4 or 6 (docs/bench/code-choices.md). */
const LEVEL = 2

const LOCAL_HEADER = 30
const CENTRAL_HEADER = 46
const END_RECORD = 22
/** Bit 11 of the general purpose flags: the name is UTF-8. */
const UTF8_NAME = 0x0800
/** 1980-01-01 00:00 in MS-DOS form: a fixed time makes the same workbook give the same bytes. */
const DOS_TIME = 0
const DOS_DATE = (0 << 9) | (1 << 5) | 1
const MAX_U16 = 0xffff
const MAX_U32 = 0xffffffff

type Entry = Readonly<{
  name: Uint8Array
  flags: number
  method: 0 | 8
  crc: number
  size: number
  /** the stored or deflated bytes, in pieces */
  data: readonly Uint8Array[]
  compressed: number
}>

const sum = (chunks: readonly Uint8Array[]): number => chunks.reduce((n, c) => n + c.length, 0)

/** A chunk deflated: its deflated bytes (in pieces), and the CRC-32 and size of the chunk itself. */
type Deflated = Readonly<{ data: readonly Uint8Array[]; crc: number; size: number }>

/**
 * A part given in chunks is deflated chunk by chunk: every chunk but the last ends on a byte boundary
 * (a sync flush) without the final-block bit, so the pieces put end to end are one deflate stream and
 * the raw chunks are never joined into one buffer.
 */
const deflateOptions = (last: boolean): zlib.ZlibOptions =>
  last ? { level: LEVEL } : { level: LEVEL, finishFlush: zlib.constants.Z_SYNC_FLUSH }

/** Deflates on this thread, at once. */
const deflateHere = (chunk: Uint8Array, last: boolean): Deflated => ({
  data: [zlib.deflateRawSync(chunk, deflateOptions(last))],
  crc: zlib.crc32(chunk),
  size: chunk.length,
})

/** A gzip member's header as zlib writes it (no name, time or extra field) and its trailer. */
const GZIP_HEADER = 10
const GZIP_TRAILER = 8
/** The empty final block that ends a member after a sync flush: fixed codes, end of block. */
const EMPTY_FINAL_BLOCK = [0x03, 0x00] as const

/** `pieces` joined, without their first `head` and last `tail` bytes (no copy). */
function trimmed(pieces: readonly Uint8Array[], head: number, tail: number): Uint8Array[] {
  const end = sum(pieces) - tail
  const out: Uint8Array[] = []
  let at = 0
  for (const p of pieces) {
    const from = Math.max(0, head - at)
    const to = Math.min(p.length, end - at)
    if (to > from) out.push(p.subarray(from, to))
    at += p.length
  }
  return out
}

/** The last `n` bytes of `pieces` joined. */
function lastBytes(pieces: readonly Uint8Array[], n: number): Uint8Array {
  const out = new Uint8Array(n)
  let k = n
  for (let i = pieces.length - 1; i >= 0 && k > 0; i--) {
    const p = pieces[i] as Uint8Array
    const take = Math.min(k, p.length)
    out.set(p.subarray(p.length - take), k - take)
    k -= take
  }
  return out
}

/**
 * The raw deflate stream and checksum inside a gzip member of `chunk` made by `deflateOffThread`: the
 * same bytes `deflateHere` gives, and the member's CRC-32. Null when the member is not laid out so.
 */
function fromGzip(pieces: readonly Uint8Array[], chunk: Uint8Array, last: boolean): Deflated | null {
  const ending = GZIP_TRAILER + (last ? 0 : EMPTY_FINAL_BLOCK.length)
  if (sum(pieces) < GZIP_HEADER + ending) return null
  const head = pieces[0] as Uint8Array
  if (head.length < GZIP_HEADER || head[0] !== 0x1f || head[1] !== 0x8b || head[3] !== 0) return null
  const end = lastBytes(pieces, ending)
  if (!last && (end[0] !== EMPTY_FINAL_BLOCK[0] || end[1] !== EMPTY_FINAL_BLOCK[1])) return null
  const trailer = new DataView(end.buffer, ending - GZIP_TRAILER, GZIP_TRAILER)
  if (trailer.getUint32(4, true) !== chunk.length % 2 ** 32) return null
  return { data: trimmed(pieces, GZIP_HEADER, ending), crc: trailer.getUint32(0, true), size: chunk.length }
}

/**
 * Deflates on the libuv threadpool, on another core while the main thread makes the next chunk, and
 * takes the chunk's checksum there too: the chunk goes in a gzip member (a chunk that is not the last
 * is sync-flushed, then the member ends with an empty final block), whose trailer carries its CRC-32
 * and whose deflate stream is the one `deflateHere` gives. The output buffer takes the whole result
 * of a sheet's XML (which deflates to well under a quarter), so that the deflater does not wait for
 * the busy main thread between pieces of it; no larger, since each one counts as memory allocated
 * outside the heap until it is collected, and a report's worth of them made V8 mark its whole heap
 * (a season's figures) again.
 */
function deflateOffThread(chunk: Uint8Array, last: boolean): Promise<Deflated> {
  const chunkSize = Math.max(zlib.constants.Z_MIN_CHUNK, (chunk.length >> 2) + 1024)
  return new Promise((resolve, reject) => {
    const gzip = zlib.createGzip({
      level: LEVEL,
      chunkSize,
      ...(last ? {} : { flush: zlib.constants.Z_SYNC_FLUSH }),
    })
    const pieces: Uint8Array[] = []
    gzip.on('data', (piece: Uint8Array) => pieces.push(piece))
    gzip.on('error', reject)
    // a member laid out otherwise (another zlib) is deflated here again rather than taken apart
    gzip.on('end', () => resolve(fromGzip(pieces, chunk, last) ?? deflateHere(chunk, last)))
    if (last) gzip.end(chunk)
    else {
      gzip.write(chunk)
      gzip.end()
    }
  })
}

/**
 * A part this small is deflated on this thread as it is read (`zipFilesOffThread`): sending it to the
 * thread pool costs this thread about as much (a stream, its buffers and a callback) as deflating it.
 */
const SMALL_PART = 64 * 1024

type ReadPart<T> = {
  name: Uint8Array
  flags: number
  size: number
  /** the part's bytes as they were read; null for a part whose chunks were handed back (deflated only) */
  raw: Uint8Array[] | null
  deflated: T[]
}

function partName(path: string): Pick<ReadPart<unknown>, 'name' | 'flags'> {
  const name = Buffer.from(path, 'utf8')
  // every character one byte: plain ASCII
  return { name, flags: name.length === path.length ? 0 : UTF8_NAME }
}

/** Reads a part once, in order (its chunks may be made as they are read), deflating each chunk. */
function readPart<T>(
  path: string,
  part: ZipPart,
  deflate: (chunk: Uint8Array, last: boolean) => T,
): ReadPart<T> {
  const raw: Uint8Array[] = []
  const deflated: T[] = []
  let size = 0
  // whether a chunk is the last is known when the next comes
  let pending: Uint8Array | undefined
  const chunks = part instanceof Uint8Array ? [part] : isRecycled(part) ? part.chunks : part
  for (const c of chunks) {
    size += c.length
    raw.push(c)
    if (pending) deflated.push(deflate(pending, false))
    pending = c
  }
  if (pending && size > 0) deflated.push(deflate(pending, true))
  return { ...partName(path), size, raw, deflated }
}

/** Deflates being made at once from a part whose chunks go back to their maker. */
const IN_FLIGHT = 4

/**
 * Reads a part whose chunk buffers are written again: each chunk goes back to its maker once it is
 * deflated (its checksum taken with it), and the maker waits to write a chunk until no more than
 * `IN_FLIGHT` are being deflated, so that it writes into a few buffers again and again.
 */
async function readRecycled(path: string, part: RecycledChunks): Promise<ReadPart<Promise<Deflated>>> {
  const deflated: Promise<Deflated>[] = []
  let size = 0
  const send = (chunk: Uint8Array, last: boolean): void => {
    const done = deflateOffThread(chunk, last).then((out) => {
      part.release(chunk)
      return out
    })
    // a failure is reported where every deflate is awaited, not as an unhandled rejection
    done.catch(() => undefined)
    deflated.push(done)
  }
  let pending: Uint8Array | undefined
  for (const c of part.chunks) {
    size += c.length
    if (pending) send(pending, false)
    pending = c
    if (deflated.length >= IN_FLIGHT) await deflated[deflated.length - IN_FLIGHT]
  }
  if (pending && size > 0) send(pending, true)
  return { ...partName(path), size, raw: null, deflated }
}

function entry(p: ReadPart<unknown>, deflated: readonly Deflated[]): Entry {
  const { name, flags, size, raw } = p
  // the part's checksum from its chunks' (a part of no bytes has none to deflate: 0)
  const crc = deflated.reduce((c, d) => crc32Combine(c, d.crc, d.size), 0)
  const data = deflated.flatMap((d) => d.data)
  const compressed = size === 0 ? 0 : sum(data)
  // An entry that deflating does not shrink (tiny or already compressed, like an image) is stored;
  // one whose chunks were handed back is always deflated (a long sheet's XML always shrinks).
  return size > 0 && (compressed < size || raw === null)
    ? { name, flags, method: 8, crc, size, data, compressed }
    : { name, flags, method: 0, crc, size, data: raw ?? [], compressed: size }
}

/** A standard zip (no zip64: an .xlsx report is far below 4 GB and 65,535 parts) of the files, in order. */
export function zipFiles(files: Record<string, ZipPart>): Uint8Array {
  const read = Object.entries(files).map(([path, part]) => readPart(path, part, deflateHere))
  return container(read.map((p) => entry(p, p.deflated)))
}

/**
 * `zipFiles` with the deflating done on the libuv threadpool: a part whose chunks are made as they are
 * read (the report's long sheets) is deflated on the other core meanwhile. The same bytes for chunks
 * that deflate into one output buffer (a sheet's XML); a chunk of bytes that do not shrink (an image)
 * is deflated in several pieces, each flush of which may end the stream's blocks elsewhere: the same
 * part when inflated, and stored anyway unless its chunks were handed back.
 */
export async function zipFilesOffThread(files: Record<string, ZipPart>): Promise<Uint8Array> {
  const read: ReadPart<Promise<Deflated> | Deflated>[] = []
  for (const [path, part] of Object.entries(files))
    read.push(
      isRecycled(part)
        ? await readRecycled(path, part)
        : readPart<Promise<Deflated> | Deflated>(
            path,
            part,
            part instanceof Uint8Array && part.length <= SMALL_PART ? deflateHere : deflateOffThread,
          ),
    )
  const deflated = await Promise.all(read.map((p) => Promise.all(p.deflated)))
  return container(read.map((p, i) => entry(p, deflated[i]!)))
}

/** A standard zip (no zip64) of the entries, in order. */
function container(entries: readonly Entry[]): Uint8Array {
  let localBytes = 0
  let centralBytes = 0
  for (const e of entries) {
    localBytes += LOCAL_HEADER + e.name.length + e.compressed
    centralBytes += CENTRAL_HEADER + e.name.length
    if (e.size > MAX_U32 || e.compressed > MAX_U32) throw new Error('zipFiles: an entry exceeds 4 GB')
  }
  if (entries.length > MAX_U16 || localBytes + centralBytes > MAX_U32)
    throw new Error('zipFiles: too many or too large entries for a zip without zip64')

  const out = new Uint8Array(localBytes + centralBytes + END_RECORD)
  const view = new DataView(out.buffer)
  const offsets: number[] = []
  let at = 0
  // The fields from `version needed` to `name length` are the same in local and central headers.
  const common = (e: Entry, p: number): void => {
    view.setUint16(p, 20, true)
    view.setUint16(p + 2, e.flags, true)
    view.setUint16(p + 4, e.method, true)
    view.setUint16(p + 6, DOS_TIME, true)
    view.setUint16(p + 8, DOS_DATE, true)
    view.setUint32(p + 10, e.crc, true)
    view.setUint32(p + 14, e.compressed, true)
    view.setUint32(p + 18, e.size, true)
    view.setUint16(p + 22, e.name.length, true)
  }
  for (const e of entries) {
    offsets.push(at)
    view.setUint32(at, 0x04034b50, true)
    common(e, at + 4)
    view.setUint16(at + 28, 0, true)
    out.set(e.name, at + LOCAL_HEADER)
    at += LOCAL_HEADER + e.name.length
    for (const c of e.data) {
      out.set(c, at)
      at += c.length
    }
  }
  const centralStart = at
  entries.forEach((e, i) => {
    view.setUint32(at, 0x02014b50, true)
    view.setUint16(at + 4, 20, true) // version made by: MS-DOS, 2.0
    common(e, at + 6)
    // extra length, comment length, disk, internal and external attributes stay 0
    view.setUint32(at + 42, offsets[i]!, true)
    out.set(e.name, at + CENTRAL_HEADER)
    at += CENTRAL_HEADER + e.name.length
  })
  view.setUint32(at, 0x06054b50, true)
  view.setUint16(at + 8, entries.length, true)
  view.setUint16(at + 10, entries.length, true)
  view.setUint32(at + 12, at - centralStart, true)
  view.setUint32(at + 16, centralStart, true)
  return out
}
