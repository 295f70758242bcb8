import * as XLSX from '@e965/xlsx'
import { strToU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { seededBytes } from '../helpers/seeded-random'
import { zipFiles } from '../../src-main/services/zip-files'

/** CRC-32 (IEEE) the slow, obvious way, to check the writer's against. */
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(data: Uint8Array): number {
  let c = 0xffffffff
  for (const b of data) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

type CentralEntry = {
  name: string
  method: number
  crc: number
  compressed: number
  size: number
  local: number
}

/** The central directory, read by hand from the end record. */
function centralDirectory(zip: Uint8Array): CentralEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  const end = zip.length - 22
  expect(view.getUint32(end, true)).toBe(0x06054b50)
  const count = view.getUint16(end + 10, true)
  let at = view.getUint32(end + 16, true)
  const out: CentralEntry[] = []
  for (let i = 0; i < count; i++) {
    expect(view.getUint32(at, true)).toBe(0x02014b50)
    const nameLength = view.getUint16(at + 28, true)
    const extra = view.getUint16(at + 30, true) + view.getUint16(at + 32, true)
    out.push({
      name: new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      crc: view.getUint32(at + 16, true),
      compressed: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      local: view.getUint32(at + 42, true),
    })
    at += 46 + nameLength + extra
  }
  return out
}

/** Byte equality without vitest's element-by-element diff, which takes seconds on megabytes. */
const same = (a: Uint8Array | undefined, b: Uint8Array): boolean =>
  a !== undefined && Buffer.from(a).equals(b)

const rows = Array.from(
  { length: 200_000 },
  (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`,
)
const parts: Record<string, Uint8Array> = {
  '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types/>'),
  'xl/empty.xml': new Uint8Array(),
  'tiny.txt': strToU8('x'),
  'xl/worksheets/sheet1.xml': strToU8(rows.join('')),
  'xl/media/noise.bin': seededBytes(300_000, 7),
  'Nguồn số liệu.txt': strToU8('tên có dấu'),
}

describe('zipFiles', () => {
  it('checks its CRC reference against the standard check value', () => {
    expect(crc32(strToU8('123456789'))).toBe(0xcbf43926)
  })

  it('writes a zip that fflate opens with every part intact, in order', () => {
    const zip = zipFiles(parts)
    const back = unzipSync(zip)
    expect(Object.keys(back)).toEqual(Object.keys(parts))
    for (const [name, data] of Object.entries(parts)) expect(same(back[name], data), name).toBe(true)
    expect(back['xl/empty.xml']?.length).toBe(0)
  })

  it('records the CRC and sizes of every part, compresses text and stores what does not shrink', () => {
    const zip = zipFiles(parts)
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
    const entries = centralDirectory(zip)
    expect(entries.map((e) => e.name)).toEqual(Object.keys(parts))
    for (const e of entries) {
      const data = parts[e.name]!
      expect(e.crc, e.name).toBe(crc32(data))
      expect(e.size, e.name).toBe(data.length)
      // the local header says the same as the central one
      expect(view.getUint32(e.local, true)).toBe(0x04034b50)
      expect(view.getUint32(e.local + 14, true), e.name).toBe(e.crc)
      expect(view.getUint32(e.local + 18, true), e.name).toBe(e.compressed)
    }
    const byName = new Map(entries.map((e) => [e.name, e]))
    const sheet = byName.get('xl/worksheets/sheet1.xml')!
    expect(sheet.method).toBe(8)
    expect(sheet.compressed).toBeLessThan(sheet.size / 5)
    for (const stored of ['tiny.txt', 'xl/media/noise.bin', 'xl/empty.xml']) {
      expect(byName.get(stored)?.method, stored).toBe(0)
      expect(byName.get(stored)?.compressed, stored).toBe(parts[stored]!.length)
    }
  })

  it('gives the same bytes for the same parts', () => {
    expect(same(zipFiles(parts), zipFiles(parts))).toBe(true)
  })

  it('repacks a workbook that SheetJS then reads with the same cells', () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['Chỉ tiêu', 'Số trẻ'],
      ['Trẻ em dưới 6 tuổi', 1234],
      ['Trẻ em 6-16 tuổi', 56.5],
    ])
    const wb = XLSX.utils.book_new()
    XLSX.utils.book_append_sheet(wb, ws, 'Bieu 1')
    const original = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer)
    const repacked = zipFiles(unzipSync(original))
    const read = XLSX.read(repacked, { type: 'array' })
    expect(read.SheetNames).toEqual(['Bieu 1'])
    expect(XLSX.utils.sheet_to_json(read.Sheets['Bieu 1']!, { header: 1 })).toEqual([
      ['Chỉ tiêu', 'Số trẻ'],
      ['Trẻ em dưới 6 tuổi', 1234],
      ['Trẻ em 6-16 tuổi', 56.5],
    ])
  })

  it('deflates a part given in chunks as one entry, joined end to end', () => {
    const sheet = parts['xl/worksheets/sheet1.xml']!
    const chunks = [sheet.subarray(0, 1000), sheet.subarray(1000, 1000), sheet.subarray(1000, 2_000_000)]
    chunks.push(sheet.subarray(2_000_000))
    const zip = zipFiles({ 'a.txt': parts['tiny.txt']!, 'xl/worksheets/sheet1.xml': chunks })
    expect(same(unzipSync(zip)['xl/worksheets/sheet1.xml'], sheet)).toBe(true)
    const entry = centralDirectory(zip).find((e) => e.name === 'xl/worksheets/sheet1.xml')!
    expect(entry).toMatchObject({ method: 8, size: sheet.length, crc: crc32(sheet) })
    expect(entry.compressed).toBeLessThan(sheet.length / 5)
  })
})
