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

/** node:zlib's inflater made anew for one part, into one output chunk of the known size, a Buffer. */
function inflateOnce(raw: Uint8Array, size: number): Uint8Array {
  return zlib.inflateRawSync(raw, { maxOutputLength: Math.max(1, size), chunkSize: Math.max(64, size + 1) })
}

/**
 * The native side of a node:zlib stream, which `inflateRawSync` drives itself (`writeSync`, `reset`)
 * and `_writeState`, where it leaves the output and input bytes it did not use.
 */
type NativeZlib = Readonly<{
  writeSync(
    flush: number,
    input: Uint8Array,
    inOff: number,
    inLen: number,
    out: Uint8Array,
    outOff: number,
    outLen: number,
  ): void
  reset(): void
}>

/** One raw inflater for the thread, reset between parts, or null once it failed (a damaged part closes it). */
type Inflater = Readonly<{ stream: zlib.InflateRaw; native: NativeZlib; state: Uint32Array }>

let inflater: Inflater | null = null
/** false when this Node's zlib stream lacks the pieces a reused inflater needs: every part gets its own */
let reusable = true

function newInflater(): Inflater | null {
  const stream = zlib.createInflateRaw()
  const inner = stream as unknown as { _handle?: Partial<NativeZlib>; _writeState?: unknown }
  const native = inner._handle
  const state = inner._writeState
  if (
    typeof native?.writeSync !== 'function' ||
    typeof native.reset !== 'function' ||
    !(state instanceof Uint32Array) ||
    state.length !== 2
  ) {
    stream.close()
    return null
  }
  // a damaged part makes the stream emit its error later: it is thrown from here instead
  stream.on('error', () => undefined)
  return { stream, native: native as NativeZlib, state }
}

/**
 * node:zlib's raw inflater, one per thread, reset for each part: `inflateRawSync` makes a stream (a
 * Transform with its state) and a native inflater for every part, a tenth of a country's inflating
 * (docs/bench/findings.md). The output is the part's own Buffer, one byte longer than its declared
 * size, so that a part that inflates to more is seen (the zip index refuses any other length). What
 * the stream's pieces lack or a part that does not inflate makes it fall back to `inflateRawSync`,
 * which says why.
 */
export const nativeInflate: RawInflate = (raw, size) => {
  if (reusable && inflater === null) {
    inflater = newInflater()
    reusable = inflater !== null
  }
  const z = inflater
  if (z === null) return inflateOnce(raw, size)
  const out = Buffer.allocUnsafe(size + 1)
  z.native.reset()
  z.native.writeSync(zlib.constants.Z_FINISH, raw, 0, raw.length, out, 0, out.length)
  if (z.stream.destroyed) {
    // its error closed the native inflater: the next part gets a new one, this one says what failed
    inflater = null
    return inflateOnce(raw, size)
  }
  return out.subarray(0, out.length - (z.state[0] as number))
}

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
