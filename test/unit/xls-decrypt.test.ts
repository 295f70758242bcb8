// The decryption of RC4-encrypted .xls files: the digests it derives keys with (against Node's), and
// the Workbook stream of Excel's own encrypted files (RC4 CryptoAPI, 40 and 128 bits, their password
// "password") opened with the right password only, XOR left to SheetJS.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import * as XLSX from '@e965/xlsx'
import { describe, expect, it } from 'vitest'
import { md5, rc4Stream, sha1 } from '../../src-main/core/workbook/xls-decrypt/digests'
import { decryptWorkbookStream } from '../../src-main/core/workbook/xls-decrypt/xls-decrypt'
import { makeRng } from '../fixtures/generator/rng'

const CORPUS = path.resolve(__dirname, '../fixtures/files/sheetjs-test-files')

function workbookStream(name: string): Uint8Array {
  const cfb = XLSX.CFB.read(fs.readFileSync(path.join(CORPUS, name)), { type: 'buffer' })
  return new Uint8Array(XLSX.CFB.find(cfb, 'Workbook')!.content as ArrayLike<number>)
}

describe('the digests behind the keys', () => {
  it('are MD5, SHA-1 and RC4', () => {
    const rng = makeRng('digests')
    for (const n of [0, 1, 55, 56, 63, 64, 65, 119, 120, 336, 1000]) {
      const b = Uint8Array.from({ length: n }, () => Math.floor(rng.next() * 256))
      const hex = (x: Uint8Array): string => Buffer.from(x).toString('hex')
      expect(hex(md5(b)), `md5 ${n}`).toBe(crypto.createHash('md5').update(b).digest('hex'))
      expect(hex(sha1(b)), `sha1 ${n}`).toBe(crypto.createHash('sha1').update(b).digest('hex'))
    }
    // the test vector of RC4: key "Key", plaintext "Plaintext"
    const plain = new TextEncoder().encode('Plaintext')
    const stream = rc4Stream(new TextEncoder().encode('Key'), plain.length)
    expect(Buffer.from(plain.map((x, i) => x ^ stream[i]!)).toString('hex')).toBe('bbf316e8d940af0ad3')
  })
})

describe('decryptWorkbookStream', () => {
  it.each(['password_2002_40_972000.xls', 'password_2002_40_basecrypto.xls', 'password_2002_128_strong.xls'])(
    'opens %s with its password only',
    (name) => {
      const stream = workbookStream(name)
      expect(decryptWorkbookStream(stream).kind).toBe('wrong-password')
      expect(decryptWorkbookStream(stream, 'passw0rd').kind).toBe('wrong-password')
      const opened = decryptWorkbookStream(stream, 'password')
      if (opened.kind !== 'decrypted') throw new Error(opened.kind)
      const wb = XLSX.read(opened.stream, { type: 'array' })
      expect(wb.SheetNames).toEqual(['Sheet1', 'Sheet2', 'Sheet3'])
      expect(XLSX.utils.sheet_to_json(wb.Sheets.Sheet1!, { header: 1 })).toEqual([[1], [2, 10], [3], [4]])
    },
  )

  it('leaves XOR obfuscation and plain streams alone', () => {
    expect(decryptWorkbookStream(workbookStream('password_2002_40_xor.xls'), 'password')).toEqual({
      kind: 'unsupported',
      scheme: 'xor',
    })
    expect(decryptWorkbookStream(workbookStream('RkNumber.xls'))).toEqual({ kind: 'plain' })
  })
})
