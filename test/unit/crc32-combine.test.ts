import zlib from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { seededBytes } from '../helpers/seeded-random'
import { crc32Combine } from '../../src-main/core/zip/crc32-combine'

describe('crc32Combine', () => {
  it('gives the CRC-32 of two runs end to end, at every split, empty runs included', () => {
    const data = seededBytes(70_000, 11)
    const whole = zlib.crc32(data)
    for (const at of [0, 1, 3, 4, 5, 255, 256, 4096, 65_535, 65_536, 69_999, 70_000]) {
      const a = data.subarray(0, at)
      const b = data.subarray(at)
      expect(crc32Combine(zlib.crc32(a), zlib.crc32(b), b.length), `split at ${at}`).toBe(whole)
    }
  })

  it('folds a part of many chunks, as the zip does, starting from 0', () => {
    const data = seededBytes(1 << 20, 5)
    const cuts = [0, 10, 10, 5000, 400_000, 400_001, 1 << 20]
    let crc = 0
    for (let i = 1; i < cuts.length; i++) {
      const chunk = data.subarray(cuts[i - 1], cuts[i])
      crc = crc32Combine(crc, zlib.crc32(chunk), chunk.length)
    }
    expect(crc).toBe(zlib.crc32(data))
  })
})
