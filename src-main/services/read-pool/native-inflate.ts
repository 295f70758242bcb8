// Gives the fast .xlsx reader node:zlib's inflater: the core keeps fflate so that it needs no Node
// module, and reading threads (and the in-process path) use the native one, about three times faster.
import zlib from 'node:zlib'
import { useRawInflate } from '../../core/workbook/xlsx-fast/zip'

let done = false

export function useNativeInflate(): void {
  if (done) return
  done = true
  useRawInflate((raw, size) => {
    const out = zlib.inflateRawSync(raw, { maxOutputLength: Math.max(1, size) })
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength)
  })
}
