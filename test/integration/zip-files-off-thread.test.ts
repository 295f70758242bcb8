import zlib from 'node:zlib'
import { strToU8, unzipSync } from 'fflate'
import { describe, expect, it, vi } from 'vitest'
import { AsciiChunks } from '../../src-main/core/output/ascii-chunks'
import type { RecycledChunks } from '../../src-main/core/zip/zip-parts'
import { zipFiles, zipFilesOffThread } from '../../src-main/services/zip-files'
import { seededBytes } from '../helpers/seeded-random'

const rows = Array.from(
  { length: 50_000 },
  (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`,
)
const sheet = strToU8(rows.join(''))
const pieces = (): Uint8Array[] => [
  sheet.subarray(0, 1000),
  sheet.subarray(1000, 300_000),
  sheet.subarray(300_000),
]

/** Chunks made as they are read, as the report's long sheet gives them. */
function* made(log: string[]): Generator<Uint8Array> {
  for (const p of pieces()) {
    log.push('chunk')
    yield p
  }
}

describe('zipFilesOffThread', () => {
  it('gives the bytes zipFiles gives, for whole parts, chunks and chunks made as they are read', async () => {
    const parts = () => ({
      'a.xml': strToU8('<a/>'),
      'empty.xml': new Uint8Array(),
      'xl/worksheets/sheet1.xml': pieces(),
      'xl/worksheets/sheet2.xml': made([]),
      'z.xml': sheet,
      // empty chunks between others and last, and a part of empty chunks only
      'gaps.xml': [sheet.subarray(0, 500), sheet.subarray(500, 500), sheet.subarray(500), new Uint8Array()],
      'nothing.xml': [new Uint8Array(), new Uint8Array()],
    })
    const off = await zipFilesOffThread(parts())
    expect(Buffer.from(off).equals(Buffer.from(zipFiles(parts())))).toBe(true)
    const back = unzipSync(off)
    expect(Object.keys(back)).toEqual([
      'a.xml',
      'empty.xml',
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
      'z.xml',
      'gaps.xml',
      'nothing.xml',
    ])
    expect(Buffer.from(back['xl/worksheets/sheet2.xml']!).equals(sheet)).toBe(true)
    expect(Buffer.from(back['gaps.xml']!).equals(sheet)).toBe(true)
    expect(back['nothing.xml']?.length).toBe(0)
  })

  it('reads a part made as it is read once, in order', async () => {
    const log: string[] = []
    const later = (function* () {
      log.push('later')
      yield strToU8('<b/>')
    })()
    await zipFilesOffThread({ 'one.xml': made(log), 'two.xml': later })
    expect(log).toEqual(['chunk', 'chunk', 'chunk', 'later'])
  })

  it('writes a long part into a few buffers again and again, each read whole before it is written again', async () => {
    const size = 64 * 1024
    /** the sheet written row by row into chunks of `size`, as the report's sources list is */
    const recycled = (): { part: RecycledChunks; buffers: Set<ArrayBufferLike>; chunks: () => number } => {
      const out = new AsciiChunks(size)
      const buffers = new Set<ArrayBufferLike>()
      let count = 0
      function* chunks(): Generator<Uint8Array> {
        for (const row of rows) {
          const full = out.cutFor(row.length)
          if (full) {
            buffers.add(full.buffer)
            count++
            yield full
          }
          out.text(row)
        }
        count++
        yield out.take()
      }
      return { part: { chunks: chunks(), release: (c) => out.release(c) }, buffers, chunks: () => count }
    }
    const made = recycled()
    const zip = await zipFilesOffThread({ 'a.xml': strToU8('<a/>'), 'xl/worksheets/sheet1.xml': made.part })
    // every row where it was, though the 2.7 MB went through a handful of buffers
    expect(Buffer.from(unzipSync(zip)['xl/worksheets/sheet1.xml']!).equals(sheet)).toBe(true)
    expect(made.chunks()).toBeGreaterThan(30)
    expect(made.buffers.size).toBeLessThanOrEqual(8)
    // a zip that does not hand chunks back gets a new buffer for each, and the same bytes
    const kept = recycled()
    const same = zipFiles({ 'a.xml': strToU8('<a/>'), 'xl/worksheets/sheet1.xml': kept.part })
    expect(Buffer.from(unzipSync(same)['xl/worksheets/sheet1.xml']!).equals(sheet)).toBe(true)
    expect(kept.buffers.size).toBe(kept.chunks() - 1)
  })

  it("takes each chunk's checksum where the chunk is deflated, not on this thread", async () => {
    const crc = vi.spyOn(zlib, 'crc32')
    const deflateHere = vi.spyOn(zlib, 'deflateRawSync')
    let zip: Uint8Array
    try {
      zip = await zipFilesOffThread({ 'xl/worksheets/sheet1.xml': pieces(), 'z.xml': sheet })
      expect(crc).not.toHaveBeenCalled()
      expect(deflateHere).not.toHaveBeenCalled()
    } finally {
      crc.mockRestore()
      deflateHere.mockRestore()
    }
    // the central directory's checksums are those of the parts
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
    const central = view.getUint32(zip.length - 22 + 16, true)
    const first = view.getUint32(central + 16, true)
    const second = view.getUint32(central + 46 + 'xl/worksheets/sheet1.xml'.length + 16, true)
    expect([first, second]).toEqual([zlib.crc32(sheet), zlib.crc32(sheet)])
  })

  it('takes apart a member deflated into several pieces of output, as bytes that do not shrink are', async () => {
    const noise = seededBytes(600_000, 3)
    const halves = (): Uint8Array[] => [noise.subarray(0, 250_000), noise.subarray(250_000)]
    const recycled: RecycledChunks = { chunks: halves(), release: () => undefined }
    const crc = vi.spyOn(zlib, 'crc32')
    const deflateHere = vi.spyOn(zlib, 'deflateRawSync')
    let zip: Uint8Array
    try {
      zip = await zipFilesOffThread({ 'stored.bin': halves(), 'deflated.bin': recycled })
      expect(crc).not.toHaveBeenCalled()
      expect(deflateHere).not.toHaveBeenCalled()
    } finally {
      crc.mockRestore()
      deflateHere.mockRestore()
    }
    const back = unzipSync(zip)
    expect(Buffer.from(back['stored.bin']!).equals(noise)).toBe(true)
    expect(Buffer.from(back['deflated.bin']!).equals(noise)).toBe(true)
    // stored as it is when deflating does not shrink it, deflated when its chunks were handed back
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
    let at = view.getUint32(zip.length - 22 + 16, true)
    for (const method of [0, 8]) {
      expect(view.getUint16(at + 10, true)).toBe(method)
      expect(view.getUint32(at + 16, true)).toBe(zlib.crc32(noise))
      at += 46 + view.getUint16(at + 28, true)
    }
  })
})
