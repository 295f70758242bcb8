import { strFromU8 } from 'fflate'
import { describe, expect, it } from 'vitest'
import { AsciiChunks, asciiWords, putWords } from '../../src-main/core/output/ascii-chunks'

describe('putWords', () => {
  it('writes a tag of any length at any offset, and not a byte past it', () => {
    for (const tag of [
      '',
      'a',
      '<c',
      '">',
      '<c r="',
      '</v></c>',
      '" s="37" t="s"><v>',
      '" customHeight="1">',
    ]) {
      for (let offset = 0; offset < 5; offset++) {
        const buf = new Uint8Array(40).fill(0x2e)
        const view = new DataView(buf.buffer, 3, 37)
        const end = putWords(view, buf.subarray(3), offset, asciiWords(tag))
        expect(end).toBe(offset + tag.length)
        expect(strFromU8(buf)).toBe('.'.repeat(3 + offset) + tag + '.'.repeat(37 - offset - tag.length))
      }
    }
  })

  it('writes through the view of the chunk being written, after a cut too', () => {
    const out = new AsciiChunks(16)
    const tag = asciiWords('<row r="')
    out.moveTo(putWords(out.view, out.buffer, out.position, tag))
    expect(strFromU8(out.cutFor(10)!)).toBe('<row r="')
    out.moveTo(putWords(out.view, out.buffer, out.position, tag))
    expect(strFromU8(out.take())).toBe('<row r="')
  })
})

describe('AsciiChunks', () => {
  it('writes numbers as `${n}` does', () => {
    const numbers = [
      0,
      -0,
      7,
      10,
      99,
      100,
      2 ** 31 - 1,
      2 ** 31,
      // every count of digits, at both ends
      ...Array.from({ length: 10 }, (_, k) => [10 ** k - 1, 10 ** k]).flat(),
      1e21,
      -5,
      0.1 + 0.2,
      105.1,
      1e-7,
      123456789012,
    ]
    const out = new AsciiChunks(1024)
    for (const n of numbers) {
      out.number(n)
      out.text('|')
    }
    expect(strFromU8(out.take())).toBe(numbers.map((n) => `${n}|`).join(''))
  })

  it('cuts a chunk when too little room is left, and makes room for more than a chunk', () => {
    const out = new AsciiChunks(8)
    out.text('abcdef')
    expect(out.cutFor(2)).toBeNull()
    expect(strFromU8(out.cutFor(3)!)).toBe('abcdef')
    expect(out.cutFor(20)?.length).toBe(0)
    out.text('x'.repeat(20))
    expect(strFromU8(out.take())).toBe('x'.repeat(20))
  })

  it('writes again into the buffer of a chunk given back, and never into one still lent', () => {
    const out = new AsciiChunks(8)
    out.text('abcdefgh')
    const first = out.take()
    out.text('ijkl')
    const second = out.take()
    // given back twice, or an array it never gave: ignored
    out.release(first)
    out.release(first)
    out.release(new Uint8Array(8))
    out.text('mnop')
    const third = out.take()
    out.text('qrst')
    const fourth = out.take()
    // the chunk being written when the first came back goes on in its own buffer; the next one reuses
    expect(third.buffer).not.toBe(first.buffer)
    expect(fourth.buffer).toBe(first.buffer)
    expect(new Set([first.buffer, second.buffer, third.buffer]).size).toBe(3)
    expect(strFromU8(second)).toBe('ijkl')
    expect(strFromU8(third)).toBe('mnop')
    expect(strFromU8(fourth)).toBe('qrst')
  })
})
