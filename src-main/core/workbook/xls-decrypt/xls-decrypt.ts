// Opens an .xls encrypted with RC4 (MS-XLS 2.2.10, MS-OFFCRYPTO 2.3.5.2 and 2.3.6) when the password is
// known: above all Excel's built-in one, "VelvetSweatshop", which Excel uses for a workbook that is only
// protected against changes and opens without asking. The Workbook stream is decrypted record by record
// (record headers, and the records and fields the format leaves in clear, keep their bytes; the key
// stream follows the offset in the stream, a new key every 1,024 bytes), and its encryption record is
// renamed so that a reader takes the stream as plain. XOR obfuscation is left to SheetJS.
import { md5, rc4Stream, sha1 } from './digests'
import { concatBytes } from '../../bytes/concat-bytes'

/** The password Excel encrypts with when the user gave none (a workbook protected against changes). */
export const EXCEL_DEFAULT_PASSWORD = 'VelvetSweatshop'

export type XlsDecryption =
  | Readonly<{ kind: 'plain' }>
  | Readonly<{ kind: 'decrypted'; stream: Uint8Array }>
  | Readonly<{ kind: 'wrong-password' }>
  /** XOR obfuscation, or an encryption this reader does not know */
  | Readonly<{ kind: 'unsupported'; scheme: string }>

const FILEPASS = 0x002f
const BOUNDSHEET = 0x0085
/** records the format never encrypts (BOF, FilePass, UsrExcl, FileLock, InterfaceHdr, RRDInfo, RRDHead) */
const CLEAR = new Set([0x0809, FILEPASS, 0x0194, 0x0195, 0x00e1, 0x0196, 0x0138])
/** the type the encryption record gets once the stream is decrypted: one no reader knows, skipped */
const DONE = 0x7fff
const BLOCK = 1024

type KeyOf = (block: number) => Uint8Array

function utf16le(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 2)
  for (let i = 0; i < s.length; i++) {
    out[2 * i] = s.charCodeAt(i) & 0xff
    out[2 * i + 1] = s.charCodeAt(i) >> 8
  }
  return out
}

function le32(n: number): Uint8Array {
  return new Uint8Array([n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff])
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}

/** RC4 of `data` from the start of block 0's key stream: the verifier and its hash, one after the other. */
function verifies(keyOf: KeyOf, verifier: Uint8Array, hash: Uint8Array, digest: typeof md5): boolean {
  const stream = rc4Stream(keyOf(0), verifier.length + hash.length)
  const plain = verifier.map((x, i) => x ^ (stream[i] as number))
  const plainHash = hash.map((x, i) => x ^ (stream[verifier.length + i] as number))
  return equal(digest(plain), plainHash)
}

/** RC4 encryption, Office 97/2000 compatible (version 1.1): keys from MD5. */
function standardKeys(body: DataView, at: number, password: string): KeyOf | 'wrong' {
  const bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength)
  const salt = bytes.slice(at, at + 16)
  const truncated = md5(utf16le(password)).slice(0, 5)
  const intermediate = new Uint8Array(21 * 16)
  for (let i = 0; i < 16; i++) {
    intermediate.set(truncated, 21 * i)
    intermediate.set(salt, 21 * i + 5)
  }
  const base = md5(intermediate).slice(0, 5)
  const keyOf: KeyOf = (block) => md5(concatBytes([base, le32(block)]))
  const ok = verifies(keyOf, bytes.slice(at + 16, at + 32), bytes.slice(at + 32, at + 48), md5)
  return ok ? keyOf : 'wrong'
}

/** RC4 CryptoAPI encryption (versions 2–4 .2): keys from SHA-1, as long as the header says. */
function cryptoApiKeys(body: DataView, at: number, password: string): KeyOf | 'wrong' | 'unsupported' {
  const bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength)
  const headerSize = body.getUint32(at + 4, true)
  const header = at + 8
  const algorithm = body.getUint32(header + 8, true)
  // RC4 (0x6801), or 0 where the flags say RC4
  if (algorithm !== 0x6801 && algorithm !== 0) return 'unsupported'
  const bits = body.getUint32(header + 16, true) || 40
  if (bits < 40 || bits > 128 || bits % 8 !== 0) return 'unsupported'
  const verifier = header + headerSize
  const saltSize = body.getUint32(verifier, true)
  if (saltSize !== 16) return 'unsupported'
  const salt = bytes.slice(verifier + 4, verifier + 20)
  const hashSize = body.getUint32(verifier + 36, true)
  if (hashSize !== 20 || verifier + 60 > bytes.length) return 'unsupported'
  const h0 = sha1(concatBytes([salt, utf16le(password)]))
  const keyOf: KeyOf = (block) => {
    const key = sha1(concatBytes([h0, le32(block)])).slice(0, bits / 8)
    // a 40-bit key is used as 128 bits, zeros after its five bytes
    return bits === 40 ? concatBytes([key, new Uint8Array(11)]) : key
  }
  const ok = verifies(
    keyOf,
    bytes.slice(verifier + 20, verifier + 36),
    bytes.slice(verifier + 40, verifier + 60),
    sha1,
  )
  return ok ? keyOf : 'wrong'
}

/**
 * The Workbook stream of an .xls (BIFF8) decrypted with `password`, or why not. `stream` is the stream
 * as it is in the file's OLE container.
 */
export function decryptWorkbookStream(stream: Uint8Array, password = EXCEL_DEFAULT_PASSWORD): XlsDecryption {
  const view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength)
  let p = 0
  let filePass = -1
  // the encryption record comes right after the globals' BOF, among the first records
  while (p + 4 <= stream.length) {
    const type = view.getUint16(p, true)
    const length = view.getUint16(p + 2, true)
    if (type === FILEPASS) {
      filePass = p
      break
    }
    if (type === 0x000a /* EOF */) break
    p += 4 + length
  }
  if (filePass < 0) return { kind: 'plain' }
  const length = view.getUint16(filePass + 2, true)
  if (filePass + 4 + length > stream.length || length < 6) return { kind: 'unsupported', scheme: 'record' }
  const body = new DataView(stream.buffer, stream.byteOffset + filePass + 4, length)
  if (body.getUint16(0, true) !== 1) return { kind: 'unsupported', scheme: 'xor' }
  const major = body.getUint16(2, true)
  const minor = body.getUint16(4, true)
  let keys: KeyOf | 'wrong' | 'unsupported'
  if (major === 1 && minor === 1 && length >= 54) keys = standardKeys(body, 6, password)
  else if (major >= 2 && major <= 4 && minor === 2 && length >= 6 + 8 + 32)
    keys = cryptoApiKeys(body, 6, password)
  else keys = 'unsupported'
  if (keys === 'unsupported') return { kind: 'unsupported', scheme: `rc4 ${major}.${minor}` }
  if (keys === 'wrong') return { kind: 'wrong-password' }
  return { kind: 'decrypted', stream: decryptRecords(stream, filePass, keys) }
}

/** The records after the encryption record decrypted in a copy of the stream, that record renamed. */
function decryptRecords(stream: Uint8Array, filePass: number, keyOf: KeyOf): Uint8Array {
  const out = stream.slice()
  const view = new DataView(out.buffer)
  let block = -1
  let keyStream: Uint8Array = new Uint8Array(0)
  const decrypt = (from: number, to: number): void => {
    for (let o = from; o < to; o++) {
      const b = Math.floor(o / BLOCK)
      if (b !== block) {
        block = b
        keyStream = rc4Stream(keyOf(b), BLOCK)
      }
      out[o] = (out[o] as number) ^ (keyStream[o % BLOCK] as number)
    }
  }
  view.setUint16(filePass, DONE, true)
  let p = filePass + 4 + view.getUint16(filePass + 2, true)
  while (p + 4 <= out.length) {
    const type = view.getUint16(p, true)
    const length = view.getUint16(p + 2, true)
    const start = p + 4
    const end = Math.min(out.length, start + length)
    if (!CLEAR.has(type)) decrypt(type === BOUNDSHEET ? Math.min(end, start + 4) : start, end)
    p = start + length
  }
  return out
}
