// What a zip writer is given: the parts of a workbook, whole or in chunks. The report writer makes them
// (core/output) and the services' zip deflates them (services/zip-files.ts), each chunk off the main
// thread while the next is made.

/**
 * A part in chunks made as they are read into buffers that their maker writes again: a zip that is done
 * with a chunk (its checksum taken, its bytes deflated) may hand it back with `release`, and then keeps
 * nothing of it; one that does not simply gets a new buffer for every chunk.
 */
export type RecycledChunks = Readonly<{ chunks: Iterable<Uint8Array>; release: (chunk: Uint8Array) => void }>

/**
 * A part of a workbook: its bytes, or its bytes in chunks (a long sheet is encoded chunk by chunk).
 * Chunks may be made as they are read: a zip reads each part once, in the order of the parts.
 */
export type ZipPart = Uint8Array | Iterable<Uint8Array> | RecycledChunks

/** Whether a part's chunk buffers are written again once released. */
export function isRecycled(part: ZipPart): part is RecycledChunks {
  return !(part instanceof Uint8Array) && !(Symbol.iterator in part)
}

/** Packs the parts of a workbook into its zip container; the services pass a faster native one. */
export type ZipFiles = (files: Record<string, ZipPart>) => Uint8Array | Promise<Uint8Array>
