// The one zip central-directory reader (core/zip) and everything that reads a zip through it: format
// detection, the zip guard, the fast reader's index and the report writer. Each edge case is tried on
// all of them: a comment after the end record (one holding the end record's own signature), ZIP64
// records and extra fields, sizes in data descriptors, names with backslashes, duplicate names.
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { centralEnd, walkCentralDirectory } from '../../src-main/core/zip/central-directory'
import { Unsupported, ZipIndex } from '../../src-main/core/zip/zip-index'
import { detectFormat } from '../../src-main/core/workbook/detect-format'
import { guardZip } from '../../src-main/core/workbook/guard-zip'
import { readWorkbook } from '../../src-main/core/workbook/read-workbook'
import { buildZip, crc32, unzip } from '../fixtures/hostile/zip'

const WORKBOOK = path.resolve(__dirname, '../fixtures/files/libreoffice/08001-xa-tam-duong.xlsx')
const enc = new TextEncoder()
const dec = new TextDecoder()

/** A workbook's parts as a list, in their order. */
function partsOf(bytes: Uint8Array): Array<[string, Uint8Array]> {
  return [...unzip(bytes)]
}

/**
 * A ZIP64 archive as some tools write one even when small: every size and offset 0xFFFFFFFF in the
 * records with the values in ZIP64 extra fields, and a ZIP64 end record found through its locator.
 */
function zip64Of(parts: ReadonlyArray<readonly [string, Uint8Array]>): Uint8Array {
  const chunks: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const [n, data] of parts) {
    const name = Buffer.from(n)
    const deflated = zlib.deflateRawSync(data)
    const extra = Buffer.alloc(4 + 16)
    extra.writeUInt16LE(0x0001, 0)
    extra.writeUInt16LE(16, 2)
    extra.writeBigUInt64LE(BigInt(data.length), 4)
    extra.writeBigUInt64LE(BigInt(deflated.length), 12)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(45, 4)
    local.writeUInt16LE(8, 8)
    local.writeUInt32LE(crc32(data), 14)
    local.writeUInt32LE(0xffffffff, 18)
    local.writeUInt32LE(0xffffffff, 22)
    local.writeUInt16LE(name.length, 26)
    local.writeUInt16LE(extra.length, 28)
    const at = offset
    chunks.push(local, name, extra, deflated)
    offset += 30 + name.length + extra.length + deflated.length
    const cextra = Buffer.alloc(4 + 24)
    cextra.writeUInt16LE(0x0001, 0)
    cextra.writeUInt16LE(24, 2)
    cextra.writeBigUInt64LE(BigInt(data.length), 4)
    cextra.writeBigUInt64LE(BigInt(deflated.length), 12)
    cextra.writeBigUInt64LE(BigInt(at), 20)
    const cd = Buffer.alloc(46)
    cd.writeUInt32LE(0x02014b50, 0)
    cd.writeUInt16LE(45, 4)
    cd.writeUInt16LE(45, 6)
    cd.writeUInt16LE(8, 10)
    cd.writeUInt32LE(crc32(data), 16)
    cd.writeUInt32LE(0xffffffff, 20)
    cd.writeUInt32LE(0xffffffff, 24)
    cd.writeUInt16LE(name.length, 28)
    cd.writeUInt16LE(cextra.length, 30)
    cd.writeUInt32LE(0xffffffff, 42)
    central.push(cd, name, cextra)
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0)
  const end64At = offset + cdSize
  const end64 = Buffer.alloc(56)
  end64.writeUInt32LE(0x06064b50, 0)
  end64.writeBigUInt64LE(44n, 4)
  end64.writeUInt16LE(45, 12)
  end64.writeUInt16LE(45, 14)
  end64.writeBigUInt64LE(BigInt(parts.length), 24)
  end64.writeBigUInt64LE(BigInt(parts.length), 32)
  end64.writeBigUInt64LE(BigInt(cdSize), 40)
  end64.writeBigUInt64LE(BigInt(offset), 48)
  const locator = Buffer.alloc(20)
  locator.writeUInt32LE(0x07064b50, 0)
  locator.writeBigUInt64LE(BigInt(end64At), 8)
  locator.writeUInt32LE(1, 16)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(0xffff, 8)
  end.writeUInt16LE(0xffff, 10)
  end.writeUInt32LE(0xffffffff, 12)
  end.writeUInt32LE(0xffffffff, 16)
  return new Uint8Array(Buffer.concat([...chunks, ...central, end64, locator, end]))
}

/** The archive with a comment after its end record. */
function withComment(zip: Uint8Array, comment: Uint8Array): Uint8Array {
  const out = new Uint8Array(zip.length + comment.length)
  out.set(zip)
  out.set(comment, zip.length)
  new DataView(out.buffer).setUint16(zip.length - 2, comment.length, true)
  return out
}

/** The entries' names and contents, as the one reader's index gives them. */
function contents(bytes: Uint8Array): Array<[string, string]> {
  const zip = new ZipIndex(bytes)
  return zip.entries().map((e) => [e.name, dec.decode(zip.inflate(e, zip.stored(e)))])
}

const small: Array<[string, Uint8Array]> = [
  ['[Content_Types].xml', enc.encode('<Types/>')],
  ['xl/workbook.xml', enc.encode('<workbook>Sổ tổng hợp</workbook>')],
  ['xl/worksheets/sheet1.xml', enc.encode('<worksheet>' + 'x'.repeat(5000) + '</worksheet>')],
]
const smallText = small.map(([n, d]): [string, string] => [n, dec.decode(d)])

describe('the zip central-directory reader', () => {
  it('finds the end record behind a comment, even one that holds the end record signature', () => {
    const plain = buildZip(small.map(([name, data]) => ({ name, data })))
    // the comment spells an end record that points nowhere: the real one is the one whose comment ends the file
    const fake = new Uint8Array(22)
    new DataView(fake.buffer).setUint32(0, 0x06054b50, true)
    new DataView(fake.buffer).setUint16(10, 7, true)
    new DataView(fake.buffer).setUint32(16, 12345, true)
    const commented = withComment(
      plain,
      new Uint8Array([...enc.encode('saved '), ...fake, ...enc.encode(' by a tool')]),
    )
    expect(centralEnd(commented)?.at).toBe(plain.length - 22)
    expect(contents(commented)).toEqual(smallText)
    expect(detectFormat(commented)).toEqual({ kind: 'workbook', format: 'xlsx' })
    expect(guardZip(commented).ok).toBe(true)
  })

  it('reads ZIP64 end records and extra fields, in every reader', () => {
    const zip64 = zip64Of(small)
    const end = centralEnd(zip64)
    expect(end).toMatchObject({ count: 3, zip64: true })
    const sizes: number[] = []
    expect(walkCentralDirectory(zip64, end!, (r) => void sizes.push(r.usize))).toBe(true)
    expect(sizes).toEqual(small.map(([, d]) => d.length))
    expect(contents(zip64)).toEqual(smallText)
    expect(detectFormat(zip64)).toEqual({ kind: 'workbook', format: 'xlsx' })
    const guarded = guardZip(zip64)
    expect(guarded.ok && guarded.entries.map((e) => e.size)).toEqual(small.map(([, d]) => d.length))
    // a whole workbook so written reads as the original does
    const original = new Uint8Array(fs.readFileSync(WORKBOOK))
    expect(readWorkbook(zip64Of(partsOf(original)))).toEqual(readWorkbook(original))
  })

  it('takes the sizes of entries whose local header leaves them to a data descriptor from the directory', () => {
    const described = buildZip(small.map(([name, data]) => ({ name, data, dataDescriptor: true })))
    expect(contents(described)).toEqual(smallText)
    expect(detectFormat(described)).toEqual({ kind: 'workbook', format: 'xlsx' })
    const guarded = guardZip(described)
    expect(guarded.ok && guarded.entries.map((e) => e.size)).toEqual(small.map(([, d]) => d.length))
    const original = new Uint8Array(fs.readFileSync(WORKBOOK))
    const parts = partsOf(original).map(([name, data]) => ({ name, data, dataDescriptor: true }))
    expect(readWorkbook(buildZip(parts))).toEqual(readWorkbook(original))
  })

  it('finds parts named with backslashes under their slashed names', () => {
    const backslashed = buildZip(small.map(([name, data]) => ({ name: name.replace(/\//g, '\\'), data })))
    const zip = new ZipIndex(backslashed)
    expect(zip.has('xl/worksheets/sheet1.xml')).toBe(true)
    expect(dec.decode(zip.read('xl/workbook.xml')!)).toBe('<workbook>Sổ tổng hợp</workbook>')
    expect(detectFormat(backslashed)).toEqual({ kind: 'workbook', format: 'xlsx' })
  })

  it('refuses two entries of one name in the index, so the file goes to the guarded slow path', () => {
    const twice = buildZip([...small, small[1]!].map(([name, data]) => ({ name, data })))
    expect(() => new ZipIndex(twice)).toThrow(Unsupported)
    expect(() => new ZipIndex(twice)).toThrow('duplicate entry')
    // the same name in another case or with backslashes is the same part
    const cased = buildZip(
      [...small, ['XL\\Workbook.xml', small[1]![1]] as const].map(([name, data]) => ({ name, data })),
    )
    expect(() => new ZipIndex(cased)).toThrow('duplicate entry')
    expect(detectFormat(twice)).toEqual({ kind: 'workbook', format: 'xlsx' })
  })

  it('calls an archive cut inside its directory broken, in every reader', () => {
    const plain = buildZip(small.map(([name, data]) => ({ name, data })))
    const end = centralEnd(plain)!
    // the end record kept, the directory's last record gone (it lists three entries, holds two)
    const cut = new Uint8Array([
      ...plain.subarray(0, plain.length - 22 - 46 - 'xl/worksheets/sheet1.xml'.length),
      ...plain.subarray(plain.length - 22),
    ])
    new DataView(cut.buffer).setUint32(cut.length - 6, end.offset, true)
    expect(walkCentralDirectory(cut, centralEnd(cut)!, () => undefined)).toBe(false)
    expect(() => new ZipIndex(cut)).toThrow(Unsupported)
    expect(detectFormat(cut)).toEqual({ kind: 'not-spreadsheet', what: 'damaged-zip' })
    expect(guardZip(cut).ok).toBe(false)
  })
})
