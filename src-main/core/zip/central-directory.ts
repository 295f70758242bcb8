// The one reader of a zip's central directory, for every part of Sheaf that looks into a zip: format
// detection, the guards, the fast .xlsx reader and the report writer. It finds the end record and
// walks the entries' records, handing each to the caller as positions and numbers (no name decoded,
// nothing inflated): each caller takes what it needs, with the same edge cases for all: a comment after
// the end record (even one that holds the end record's signature), ZIP64 end records and extra fields,
// names with backslashes (`entryKey`). Entries whose sizes follow their data (a data descriptor) are
// described by their central record, which is complete; duplicate names are for the caller to refuse.

/** The end of central directory record: where the directory is and how many entries it lists. */
export type CentralEnd = Readonly<{ at: number; count: number; offset: number; zip64: boolean }>

/** One entry's central record, as positions in the archive; the same object is reused from entry to entry. */
export type CentralRecord = {
  /** where the record starts */
  at: number
  flags: number
  method: number
  /** as the archive declares it: a hint, never trusted */
  crc: number
  /** the sizes and the local header's offset, from the ZIP64 extra field where the record says so */
  csize: number
  usize: number
  nameStart: number
  nameLength: number
  extraStart: number
  extraLength: number
  /** where the entry's local header is */
  localOffset: number
}

const END_SIGNATURE = 0x06054b50
const RECORD_SIGNATURE = 0x02014b50
const LOCAL_SIGNATURE = 0x04034b50
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50
const ZIP64_END_SIGNATURE = 0x06064b50
/** the end record is 22 bytes, followed by a comment of at most 65,535 */
const MAX_END_SEARCH = 65_557
/** the extra field that holds 64-bit sizes and offsets */
export const ZIP64_EXTRA = 0x0001
const U32_MAX = 0xffffffff

/** The local header's signature, which every entry's data is preceded by. */
export function isLocalHeader(view: DataView, at: number): boolean {
  return at + 30 <= view.byteLength && view.getUint32(at, true) === LOCAL_SIGNATURE
}

/**
 * The end record, searched for from the end of the archive, or null when there is none. The last
 * record whose comment reaches the archive's end is taken (a comment may hold the signature); failing
 * that, the last signature found (an archive with bytes after its comment).
 */
export function centralEnd(b: Uint8Array): CentralEnd | null {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength)
  const stop = Math.max(0, b.length - MAX_END_SEARCH)
  let found = -1
  for (let e = b.length - 22; e >= stop; e--) {
    if (view.getUint32(e, true) !== END_SIGNATURE) continue
    if (found < 0) found = e
    if (e + 22 + view.getUint16(e + 20, true) === b.length) {
      found = e
      break
    }
  }
  if (found < 0) return null
  const count = view.getUint16(found + 10, true)
  const offset = view.getUint32(found + 16, true)
  if (count !== 0xffff && offset !== U32_MAX) return { at: found, count, offset, zip64: false }
  return zip64End(view, found) ?? { at: found, count, offset, zip64: false }
}

/** The ZIP64 end record that the locator before the end record points to, when there is one. */
function zip64End(view: DataView, end: number): CentralEnd | null {
  const locator = end - 20
  if (locator < 0 || view.getUint32(locator, true) !== ZIP64_LOCATOR_SIGNATURE) return null
  const at = Number(view.getBigUint64(locator + 8, true))
  if (at + 56 > locator || view.getUint32(at, true) !== ZIP64_END_SIGNATURE) return null
  const count = Number(view.getBigUint64(at + 32, true))
  const offset = Number(view.getBigUint64(at + 48, true))
  return { at: end, count, offset, zip64: true }
}

/**
 * The 64-bit values of a ZIP64 extra field between `start` and `end`, in their order (uncompressed size,
 * compressed size, local header offset), each present only when `wanted` says its 32-bit field is full.
 */
export function zip64Values(
  view: DataView,
  start: number,
  end: number,
  wanted: readonly boolean[],
): (number | undefined)[] {
  const out: (number | undefined)[] = []
  for (let p = start; p + 4 <= end;) {
    const id = view.getUint16(p, true)
    const len = view.getUint16(p + 2, true)
    const body = p + 4
    if (body + len > end) break
    if (id === ZIP64_EXTRA) {
      let q = body
      for (const want of wanted) {
        if (want && q + 8 <= body + len) {
          out.push(Number(view.getBigUint64(q, true)))
          q += 8
        } else out.push(undefined)
      }
      return out
    }
    p = body + len
  }
  return out
}

/**
 * Calls `visit` for each entry's central record, in the directory's order (it may return false to stop).
 * Returns false when a record is missing or cut short: the directory is broken.
 */
export function walkCentralDirectory(
  b: Uint8Array,
  end: CentralEnd,
  visit: (record: CentralRecord, view: DataView) => boolean | void,
): boolean {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength)
  const r: CentralRecord = {
    at: end.offset,
    flags: 0,
    method: 0,
    crc: 0,
    csize: 0,
    usize: 0,
    nameStart: 0,
    nameLength: 0,
    extraStart: 0,
    extraLength: 0,
    localOffset: 0,
  }
  let p = end.offset
  for (let i = 0; i < end.count; i++) {
    if (p + 46 > b.length || view.getUint32(p, true) !== RECORD_SIGNATURE) return false
    r.at = p
    r.flags = view.getUint16(p + 8, true)
    r.method = view.getUint16(p + 10, true)
    r.crc = view.getUint32(p + 16, true)
    r.csize = view.getUint32(p + 20, true)
    r.usize = view.getUint32(p + 24, true)
    r.nameLength = view.getUint16(p + 28, true)
    r.extraLength = view.getUint16(p + 30, true)
    const commentLength = view.getUint16(p + 32, true)
    r.localOffset = view.getUint32(p + 42, true)
    r.nameStart = p + 46
    r.extraStart = r.nameStart + r.nameLength
    if (r.extraStart + r.extraLength > b.length) return false
    if (r.usize === U32_MAX || r.csize === U32_MAX || r.localOffset === U32_MAX) {
      const [usize, csize, offset] = zip64Values(view, r.extraStart, r.extraStart + r.extraLength, [
        r.usize === U32_MAX,
        r.csize === U32_MAX,
        r.localOffset === U32_MAX,
      ])
      r.usize = usize ?? r.usize
      r.csize = csize ?? r.csize
      r.localOffset = offset ?? r.localOffset
    }
    if (visit(r, view) === false) return true
    p = r.extraStart + r.extraLength + commentLength
  }
  return true
}

/** The key an entry is found by: its name in lower case, backslashes read as slashes. */
export function entryKey(name: string): string {
  return name.toLowerCase().replace(/\\/g, '/')
}
