// The reading threads inflate every part with one native inflater, reset between parts: each part
// must come out exactly as node:zlib alone inflates it, and a damaged part, a part cut short or one
// that inflates to more than its declared size must be refused without spoiling the parts after it.
import { deflateRawSync, inflateRawSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { nativeInflate } from '../../src-main/services/read-pool/native-inflate'
import { seededRandom } from '../helpers/seeded-random'

/** XML-like text of `n` bytes (repetitive, as sheets are, with random runs), deflated. */
function part(random: () => number, n: number): Readonly<{ text: Buffer; raw: Buffer }> {
  const words = ['<c r="A1" s="3">', '<v>', '</v></c>', 'Xã Sơn Thái', '<row r="12">', '</row>']
  let s = ''
  while (s.length < n)
    s += random() < 0.8 ? words[Math.floor(random() * words.length)] : String(Math.floor(random() * 1e6))
  const text = Buffer.from(s.slice(0, n))
  return { text, raw: deflateRawSync(text, { level: 1 + Math.floor(random() * 9) }) }
}

describe('the native inflater', () => {
  it('inflates parts of every size as node:zlib does, one after the other', () => {
    const random = seededRandom(19)
    for (const n of [0, 1, 7, 100, 4095, 4096, 4097, 20_000, 300_000, 50, 1_000_000, 12]) {
      const { text, raw } = part(random, n)
      const out = nativeInflate(raw, text.length)
      expect(Buffer.from(out).equals(inflateRawSync(raw)), `${n} bytes`).toBe(true)
      expect(out.length).toBe(text.length)
    }
  })

  it('gives back more than the declared size when a part holds more, and no more than one byte more', () => {
    const { text, raw } = part(seededRandom(7), 50_000)
    expect(nativeInflate(raw, 20_000).length).toBe(20_001)
    expect(nativeInflate(raw, text.length - 1).length).toBe(text.length)
    expect(nativeInflate(raw, text.length + 10).length).toBe(text.length)
  })

  it('throws for a damaged or cut part, and inflates the next parts right', () => {
    const random = seededRandom(2025)
    const { text, raw } = part(random, 30_000)
    const garbage = Buffer.from([0xff, 0xff, 0xff, 0xff, 1, 2, 3])
    for (const bad of [garbage, raw.subarray(0, raw.length >> 1), Buffer.alloc(0)]) {
      expect(() => nativeInflate(bad, text.length)).toThrow()
      const next = part(random, 1 + Math.floor(random() * 40_000))
      expect(Buffer.from(nativeInflate(next.raw, next.text.length)).equals(next.text)).toBe(true)
    }
  })

  it('gives each part its own bytes', () => {
    const random = seededRandom(3)
    const a = part(random, 10_000)
    const b = part(random, 10_000)
    const first = nativeInflate(a.raw, a.text.length)
    nativeInflate(b.raw, b.text.length)
    expect(Buffer.from(first).equals(a.text)).toBe(true)
  })
})
