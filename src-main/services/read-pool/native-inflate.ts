// Gives the fast .xlsx reader Node's native byte work: node:zlib's inflater (the core keeps fflate so
// that it needs no Node module; the native one is faster, docs/bench/code-choices.md) and Buffer's latin1 and
// UTF-8 decoding and UTF-8 check, for the reading threads and the in-process path alike.
import { Buffer, isUtf8 } from 'node:buffer'
import zlib from 'node:zlib'
import type { ByteDecoders } from '../../core/workbook/xlsx-fast/byte-text'
import type { ReadContext, XlsxReader } from '../../core/workbook/read-context'
import type { RawInflate } from '../../core/zip/zip-index'

/**
 * Node makes a longer latin1 string an external one, outside the V8 heap, where a reading thread's heap
 * limit would no longer bound what a huge part costs: a longer text is made of native pieces of at most
 * this length, joined (and flattened) on the heap.
 */
const MAX_NATIVE_STRING = 512 * 1024

function latin1(bytes: Uint8Array, from: number, to: number): string {
  const buffer = asBuffer(bytes)
  if (to - from <= MAX_NATIVE_STRING) return buffer.toString('latin1', from, to)
  let text = ''
  for (let i = from; i < to; i += MAX_NATIVE_STRING)
    text += buffer.toString('latin1', i, Math.min(to, i + MAX_NATIVE_STRING))
  return text
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

export const nativeByteDecoders: ByteDecoders = {
  latin1,
  utf8: (bytes, from, to) => asBuffer(bytes).toString('utf8', from, to),
  isUtf8: (bytes) => isUtf8(bytes),
}

/** node:zlib's inflater, into one output chunk of the known size (no 16 KiB chunks to join), a Buffer. */
export const nativeInflate: RawInflate = (raw, size) =>
  zlib.inflateRawSync(raw, { maxOutputLength: Math.max(1, size), chunkSize: Math.max(64, size + 1) })

/**
 * `SHEAF_XLSX_READER=sheetjs` reads every .xlsx with SheetJS, the slow way, so that a figure doubted in
 * the field can be checked; otherwise the fast reader. The value is checked with the other settings
 * (sheaf-env.ts) when a pool is made; the read threads, which carry no zod, only read it.
 */
export function xlsxReaderFromEnv(env: NodeJS.ProcessEnv = process.env): XlsxReader {
  return env.SHEAF_XLSX_READER?.trim() === 'sheetjs' ? 'sheetjs' : 'fast'
}

/** The reading context of the services: Node's byte work, the reader the environment asks for. */
export function nativeReadContext(env: NodeJS.ProcessEnv = process.env): ReadContext {
  return { xlsxReader: xlsxReaderFromEnv(env), inflateRaw: nativeInflate, decoders: nativeByteDecoders }
}
