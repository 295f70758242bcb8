// The XML guard's scans read the part's bytes in place: the .ods repeat counts' verdict and words, and
// whether a part declares entities, must be those of the plain readings they replaced (the references
// below: each row and cell tag as one-byte text with the guard's expressions; a scan from each `<`),
// for any bytes, however the attributes are spelt or spaced.
import { describe, expect, it } from 'vitest'
import type { XmlLimits } from '../../src-main/core/workbook/guard-xml'
import { declaresEntities, DEFAULT_XML_LIMITS, guardOdsRepeats } from '../../src-main/core/workbook/guard-xml'
import type { GuardRefusal } from '../../src-main/core/workbook/guard-zip'
import { seededRandom } from '../helpers/seeded-random'

const ROWS = /(?:^|[\s:])number-rows-repeated\s*=\s*["']\s*([0-9]+)/
const COLUMNS = /(?:^|[\s:])number-columns-repeated\s*=\s*["']\s*([0-9]+)/

/** The guard as it was written first: each tag's text, the counts found by regular expressions. */
function referenceGuard(b: Uint8Array, limits: XmlLimits): GuardRefusal | null {
  const text = String.fromCharCode(...b)
  const attrNumber = (tag: string, attr: string): number => {
    const m = (attr === 'number-rows-repeated' ? ROWS : COLUMNS).exec(tag)
    return m ? Number(m[1]) : 1
  }
  const unsafe = (vi: string, en: string): GuardRefusal => ({
    reason: 'unsafe',
    text: {
      vi: `Tệp bị từ chối vì có thể làm treo máy: ${vi}.`,
      en: `The file is refused because it could bring the computer down: ${en}.`,
    },
  })
  let rowRepeat = 1
  let expanded = 0
  let i = text.indexOf('<')
  while (i >= 0) {
    let p = i + 1
    const closing = text[p] === '/'
    if (closing) p++
    const start = p
    let local = p
    while (p < text.length && !/[ \t\n\r/>]/.test(text[p] as string)) {
      p++
      if (text[p - 1] === ':') local = p
      if (p - start > 64) break
    }
    const name = text.slice(local, p)
    const close = text.indexOf('>', p)
    if (close < 0) break
    if (!closing && (name === 'table-row' || name === 'table-cell' || name === 'covered-table-cell')) {
      const tag = text.slice(p, close)
      if (name === 'table-row') {
        rowRepeat = attrNumber(tag, 'number-rows-repeated')
        if (rowRepeat > limits.maxRowRepeat)
          return unsafe(`một dòng được lặp lại ${rowRepeat} lần`, `a row is repeated ${rowRepeat} times`)
      } else {
        const colRepeat = attrNumber(tag, 'number-columns-repeated')
        if (colRepeat > limits.maxColumnRepeat)
          return unsafe(`một ô được lặp lại ${colRepeat} lần`, `a cell is repeated ${colRepeat} times`)
        if (name === 'table-cell' && (text[close - 1] !== '/' || /value-type\s*=/.test(tag))) {
          expanded += rowRepeat * colRepeat
          if (expanded > limits.maxExpandedCells)
            return unsafe(
              `các ô lặp lại sẽ tạo ra hơn ${limits.maxExpandedCells.toLocaleString('en')} ô`,
              `its repeated cells would make more than ${limits.maxExpandedCells.toLocaleString('en')} cells`,
            )
        }
      }
    }
    i = text.indexOf('<', close + 1)
  }
  return null
}

const PIECES = [
  '<',
  '</',
  '>',
  '/>',
  '/',
  'table:',
  'table-row',
  'table-cell',
  'covered-table-cell',
  'table-cellx',
  ' ',
  ' ',
  '\t',
  '\n',
  '\r',
  '\u000b',
  '\u00a0',
  ':',
  'number-rows-repeated',
  'number-columns-repeated',
  'xnumber-rows-repeated',
  'value-type',
  'office:value-type="float"',
  '=',
  '"',
  "'",
  'Đ',
  'x',
]

const pick = <T>(random: () => number, xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T
const SPACES = [' ', ' ', '  ', '\t', '\n', '\r\n', '\u00a0', '']
const ATTRS = [
  'number-rows-repeated',
  'number-columns-repeated',
  'value-type',
  'style-name',
  'xnumber-rows-repeated',
]

/** Digits, mostly a few, now and then more than exact arithmetic holds. */
function digits(random: () => number): string {
  let s = ''
  const n = 1 + Math.floor(random() * (random() < 0.05 ? 25 : 3))
  for (let d = 0; d < n; d++) s += String(Math.floor(random() * 10))
  return s
}

/** A tag much like a spreadsheet's, its spelling and spacing now and then off. */
function randomTag(random: () => number): string {
  let s = '<' + (random() < 0.2 ? '/' : '') + pick(random, ['table:', 'table:', '', 'x:'])
  s += pick(random, ['table-row', 'table-cell', 'table-cell', 'covered-table-cell', 'p', 'table-cellx'])
  const attrs = Math.floor(random() * 4)
  for (let a = 0; a < attrs; a++) {
    s += pick(random, SPACES) + pick(random, ['table:', 'office:', '', ':'])
    s += pick(random, ATTRS) + pick(random, ['', ' ', '\u00a0']) + '=' + pick(random, ['', ' '])
    const q = pick(random, ['"', '"', "'", ''])
    s += q + pick(random, ['', ' ', '\t']) + (random() < 0.8 ? digits(random) : 'float') + q
  }
  return s + pick(random, ['', ' ', '\u00a0']) + pick(random, ['>', '/>', '/>', ''])
}

/** Bytes of tags and stray pieces put together at random. */
function randomPart(random: () => number): Uint8Array {
  let s = ''
  const n = 1 + Math.floor(random() * 30)
  for (let k = 0; k < n; k++) s += random() < 0.7 ? randomTag(random) : pick(random, PIECES)
  // one byte per character, as the guard reads the part (a UTF-8 letter's bytes as they are)
  return new TextEncoder().encode(s)
}

describe('the .ods repeat guard', { timeout: 30_000 }, () => {
  it('judges random tags as the expressions do, in the same words', () => {
    const random = seededRandom(1919)
    const limits: XmlLimits = { maxExpandedCells: 40, maxRowRepeat: 300, maxColumnRepeat: 20 }
    let refused = 0
    for (let k = 0; k < 8_000; k++) {
      const part = randomPart(random)
      const expected = referenceGuard(part, limits)
      if (expected) refused++
      expect(guardOdsRepeats(part, limits), String.fromCharCode(...part)).toEqual(expected)
    }
    // the cases reach both verdicts
    expect(refused).toBeGreaterThan(400)
    expect(refused).toBeLessThan(7_600)
  })

  it('judges a part without any repeat count as the expressions do, up to as many cells as bytes', () => {
    const random = seededRandom(2026)
    let without = 0
    for (let k = 0; k < 3_000; k++) {
      const part = randomPart(random)
      if (!String.fromCharCode(...part).includes('repeated')) without++
      // at most as many filled cells as the part has bytes, and one fewer
      for (const cells of [part.length, part.length - 1, 10_000]) {
        const limits: XmlLimits = { maxExpandedCells: cells, maxRowRepeat: 300, maxColumnRepeat: 20 }
        expect(guardOdsRepeats(part, limits), String.fromCharCode(...part)).toEqual(
          referenceGuard(part, limits),
        )
      }
    }
    expect(without).toBeGreaterThan(75)
  })

  it('names a count too long for exact arithmetic as its text does', () => {
    const part = new TextEncoder().encode(
      '<table:table-row table:number-rows-repeated="123456789012345678901"/>',
    )
    expect(guardOdsRepeats(part)).toEqual(referenceGuard(part, DEFAULT_XML_LIMITS))
    expect(guardOdsRepeats(part)?.text.en).toMatch(/a row is repeated 123456789012345680000 times/)
  })
})

/** The declaration scan as it was written first: from each `<`, the `!` one or two bytes on. */
function referenceDeclares(part: Uint8Array): boolean {
  const text = String.fromCharCode(...part)
  for (let i = text.indexOf('<'); i >= 0; i = text.indexOf('<', i + 1))
    for (const step of [1, 2])
      for (const d of ['<!ENTITY', '<!DOCTYPE']) {
        let k = 1
        while (k < d.length && text[i + k * step]?.toUpperCase() === d[k] && text[i + k * step] !== undefined)
          k++
        if (k === d.length) return true
      }
  return false
}

describe('the declaration scan', { timeout: 30_000 }, () => {
  it('finds what a scan from each `<` finds, in 8-bit and UTF-16 text', () => {
    const random = seededRandom(451)
    const pieces = [
      '<',
      '!',
      '<!',
      '<!ENTITY',
      '<!doctype',
      'DOCTYPE',
      'entity',
      'x',
      ' ',
      '\u0000',
      'Ent',
      'TYPE',
    ]
    let found = 0
    for (let k = 0; k < 8_000; k++) {
      let s = ''
      const n = 1 + Math.floor(random() * 12)
      for (let p = 0; p < n; p++) s += pick(random, pieces)
      const wide = random() < 0.3
      const bytes = wide
        ? new Uint8Array(
            [...s].flatMap((ch) => (random() < 0.5 ? [ch.charCodeAt(0), 0] : [0, ch.charCodeAt(0)])),
          )
        : new TextEncoder().encode(s)
      const expected = referenceDeclares(bytes)
      if (expected) found++
      expect(declaresEntities(bytes), JSON.stringify([...bytes])).toBe(expected)
    }
    expect(found).toBeGreaterThan(400)
    expect(found).toBeLessThan(7_600)
  })
})
