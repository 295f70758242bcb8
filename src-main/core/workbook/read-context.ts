// What a reading is given by whoever runs it, instead of module-wide setters: which .xlsx reader reads
// (the fast one, with SheetJS for what it leaves; or SheetJS for every file, so that a figure doubted in
// the field can be read the slow way), and the byte work the platform does faster than core can
// (Node's native inflater and decoders, given by the services).
import type { ByteDecoders } from './xlsx-fast/byte-text'
import { portableDecoders } from './xlsx-fast/byte-text'
import type { RawInflate } from '../zip/zip-index'
import { portableInflate } from '../zip/zip-index'

export type XlsxReader = 'fast' | 'sheetjs'

export type ReadContext = Readonly<{
  xlsxReader: XlsxReader
  inflateRaw: RawInflate
  decoders: ByteDecoders
}>

/** Core's own byte work (fflate, TextDecoder), the fast reader first. */
export const PORTABLE_READ_CONTEXT: ReadContext = {
  xlsxReader: 'fast',
  inflateRaw: portableInflate,
  decoders: portableDecoders,
}
