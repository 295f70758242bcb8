// The one reader of a zip's central directory, for every part of Sheaf that looks into a zip: format
// detection, the guards, the fast .xlsx reader and the report writer. It finds the end record and
// walks the entries' records, handing each to the caller as positions and numbers (no name decoded,
// nothing inflated): each caller takes what it needs, with the same edge cases for all.

/** The end of central directory record: where the directory is and how many entries it lists. */
export type CentralEnd = Readonly<{ at: number; count: number; offset: number }>

/** One entry's central record, as positions in the archive; the same object is reused from entry to entry. */
export type CentralRecord = {
  /** where the record starts */
  at: number
  flags: number
  method: number
  /** as the archive declares it: a hint, never trusted */
  crc: number
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
/** the end record is 22 bytes, followed by a comment of at most 65,535 */
const MAX_END_SEARCH = 65_557

/** The end record, searched for from the end of the archive, or null when there is none. */
export function centralEnd(b: Uint8Array): CentralEnd | null {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength)
  const stop = Math.max(0, b.length - 22 - MAX_END_SEARCH)
  for (let e = b.length - 22; e >= stop; e--)
    if (view.getUint32(e, true) === END_SIGNATURE)
      return { at: e, count: view.getUint16(e + 10, true), offset: view.getUint32(e + 16, true) }
  return null
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
    if (visit(r, view) === false) return true
    p = r.extraStart + r.extraLength + commentLength
  }
  return true
}

/** The key an entry is found by: its name in lower case, backslashes read as slashes. */
export function entryKey(name: string): string {
  return name.toLowerCase().replace(/\\/g, '/')
}
