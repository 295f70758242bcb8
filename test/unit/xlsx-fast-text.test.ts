// The fast reader's un-escaping (one pass over a text) and General number format must give exactly
// what SheetJS's regular expressions and formatter give, on the odd inputs as on the usual ones.
import * as XLSX from '@e965/xlsx'
import { describe, expect, it } from 'vitest'
import { generalNumber, isGeneralFormat } from '../../src-main/core/workbook/xlsx-fast/general-number'
import { unescapeXml } from '../../src-main/core/workbook/xlsx-fast/sheetjs-text'
import { makeRng } from '../fixtures/generator/rng'

// SheetJS's unescapexml, as written in its source: the reference the one-pass scanner must equal
const ENCODINGS: Record<string, string> = {
  '&quot;': '"',
  '&apos;': "'",
  '&gt;': '>',
  '&lt;': '<',
  '&amp;': '&',
}
function referenceUnescape(text: string, xlsx: boolean): string {
  const out = text
    .replace(
      /&(?:quot|apos|gt|lt|amp|#x?([\da-fA-F]+));/gi,
      ($$: string, $1: string) =>
        ENCODINGS[$$] || String.fromCharCode(parseInt($1, $$.indexOf('x') > -1 ? 16 : 10)) || $$,
    )
    .replace(/_x([\da-fA-F]{4})_/gi, (_m: string, c: string) => String.fromCharCode(parseInt(c, 16)))
  return xlsx ? out.replace(/\r\n/g, '\n') : out
}

describe('unescapeXml', () => {
  it('reads character references, entities and escapes as SheetJS does', () => {
    const cases = [
      'S&#7889; tr&#7867; em',
      '&#x1EA0;&#X41;&#Xa;&#xa;&#a;&#;&#x;&#xx41;&#65',
      '&AMP;&Lt;&amp;amp;&quot;&apos;&gt;&lt;&am;',
      '_x000D_&#95;x0041_ _X0041_ _x00_',
      '&#13;&#10;a\r\nb',
      '&#128512; &#99999999999999999999;',
      'plain',
      '',
    ]
    for (const c of cases)
      for (const xlsx of [false, true]) expect(unescapeXml(c, xlsx), c).toBe(referenceUnescape(c, xlsx))
  })

  it('equals the reference on random texts made of the characters that matter', () => {
    const rng = makeRng('unescape')
    const pieces = [
      '&',
      '#',
      'x',
      'X',
      ';',
      'amp',
      'lt',
      'quot',
      '7',
      'a',
      'F',
      '_',
      '0',
      'ố',
      '\r',
      '\n',
      ' ',
    ]
    for (let k = 0; k < 3000; k++) {
      let s = ''
      for (let n = rng.int(0, 14); n > 0; n--) s += rng.pick(pieces)
      expect(unescapeXml(s, true), JSON.stringify(s)).toBe(referenceUnescape(s, true))
    }
  })
})

describe('generalNumber', () => {
  it('formats numbers as SheetJS formats them in the General format', () => {
    const rng = makeRng('general')
    const values = [
      0,
      -0,
      1,
      -1,
      0.1,
      1 / 3,
      -2 / 3,
      1e-5,
      1.5e-10,
      123456789012,
      1e21,
      9999999999.5,
      12.5,
      26.85,
    ]
    for (let k = 0; k < 2000; k++) {
      const scale = 10 ** rng.int(-12, 14)
      values.push((rng.next() - 0.5) * scale, Math.round(rng.next() * 1e6) / 100)
    }
    for (const v of values) expect(generalNumber(v), String(v)).toBe(XLSX.SSF.format('General', v))
  })

  it('gives short fractions their shortest text exactly where SheetJS does, at the edges of that reading too', () => {
    const rng = makeRng('general-short')
    // the double next to x, up or down
    const step = (x: number, up: boolean): number => {
      const f = new Float64Array([x])
      const bits = new BigInt64Array(f.buffer)
      bits[0] = (bits[0] as bigint) + (x > 0 === up ? 1n : -1n)
      return f[0] as number
    }
    const values: number[] = []
    for (let k = 0; k < 3000; k++) {
      // a few significant digits at every magnitude the short reading covers, and beyond it
      const digits = rng.int(1, 12)
      const v = Number((rng.int(1, 10 ** digits - 1) / 10 ** rng.int(0, 14)).toPrecision(digits))
      values.push(v, -v)
    }
    for (const edge of [1e-5, 1e-4, 0.001, 0.01, 0.1, 1, 10, 100, 1000, 4096, 1e4, 1e9, 1e10]) {
      let up = edge
      let down = edge
      for (let k = 0; k < 30; k++) {
        values.push(up, -up, down, -down, edge * (1 + k / 1000), edge * (1 - k / 10000))
        up = step(up, true)
        down = step(down, false)
      }
    }
    for (const v of values) expect(generalNumber(v), String(v)).toBe(XLSX.SSF.format('General', v))
  })

  it('knows the formats SheetJS treats as General', () => {
    for (const f of ['General', 'general', 'GENERAL;@']) expect(isGeneralFormat(f), f).toBe(true)
    for (const f of ['0', '#,##0', 'Gen', '@', '"General"']) expect(isGeneralFormat(f), f).toBe(false)
  })
})
