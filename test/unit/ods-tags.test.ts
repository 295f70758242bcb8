// The fast .ods reader finds tags with a scanner instead of SheetJS's tokenising expression: it must find
// exactly the tags the expression matches, at the same places with the same names, in any text, however
// odd (prefixes, stray `<`, quotes, every kind of white space the expression knows).
import { describe, expect, it } from 'vitest'
import type { CellAttrs } from '../../src-main/core/workbook/ods-fast/xml-tags'
import {
  CELL_KEYS,
  newTagMatch,
  nextTag,
  plainCellAttrs,
  tagAttrs,
  tagRegex,
} from '../../src-main/core/workbook/ods-fast/xml-tags'
import { seededRandom } from '../helpers/seeded-random'

type Found = Readonly<{ start: number; end: number; closing: boolean; local: string }>

function byExpression(text: string): Found[] {
  const re = tagRegex()
  const out: Found[] = []
  let m: RegExpExecArray | null
  while ((m = re.exec(text)))
    out.push({ start: m.index, end: m.index + m[0].length, closing: m[1] === '/', local: m[3] as string })
  return out
}

function byScanner(text: string): Found[] {
  const out: Found[] = []
  const m = newTagMatch()
  for (let at = 0; nextTag(text, at, m); at = m.end)
    out.push({ start: m.start, end: m.end, closing: m.closing, local: text.slice(m.localStart, m.localEnd) })
  return out
}

const PIECES = [
  '<',
  '</',
  '>',
  '/>',
  '/',
  '?',
  '!',
  ':',
  '=',
  '"',
  "'",
  '="',
  ' ',
  '  ',
  '\t',
  '\n',
  '\r',
  '\u000b',
  '\u00a0',
  '\u2003',
  '\u2028',
  '\u3000',
  '\ufeff',
  '\u0085',
  'table:',
  'table-cell',
  'text:p',
  'p',
  'office:value-type="float"',
  ' table:style-name="ce1"',
  'a="x>y"',
  'Đồng',
  '😀',
  '_',
  'x',
]

const pick = (random: () => number, xs: readonly string[]): string =>
  xs[Math.floor(random() * xs.length)] as string
const SPACES = [' ', ' ', '\t', '\n', '\r\n', '\u00a0', '\u2003', '\u2028', '\ufeff', '\u0085', '']

/** A tag much like a spreadsheet's, now and then spelt or spaced as the expression does not take. */
function randomTag(random: () => number): string {
  let s =
    '<' + (random() < 0.3 ? '/' : '') + pick(random, ['table:', 'table:', '', ':', 'x!:', 'a b:', 'ta"b:'])
  s += pick(random, ['table-cell', 'p', 'table-row', 's', 'x!y', 'number_3', 'a?', 'Đ', ''])
  const attrs = Math.floor(random() * 4)
  for (let a = 0; a < attrs; a++) {
    s += pick(random, SPACES) + pick(random, ['office:value-type', 'a', '/x', "x'y", 'x?', 'c:d:e', ''])
    s += pick(random, ['="', '="', '=', '= "', '="']) + pick(random, ['float', '', 'a>b', "x'y", '<', ' '])
    s += pick(random, ['"', '"', '"', ''])
  }
  return s + pick(random, SPACES) + pick(random, ['>', '/>', '/>', '', '/ >', '?>'])
}

/** Tags and stray pieces put together at random. */
function randomText(random: () => number): string {
  let s = ''
  const n = 1 + Math.floor(random() * 20)
  for (let k = 0; k < n; k++) s += random() < 0.6 ? randomTag(random) : pick(random, PIECES)
  return s
}

describe('the .ods tag scanner', { timeout: 30_000 }, () => {
  it('finds the tags SheetJS’s expression finds in random text', () => {
    const random = seededRandom(36)
    let tags = 0
    for (let k = 0; k < 12_000; k++) {
      const text = randomText(random)
      const expected = byExpression(text)
      tags += expected.length
      expect(byScanner(text), JSON.stringify(text)).toEqual(expected)
    }
    expect(tags).toBeGreaterThan(4_000)
  })

  it('finds the tags of a spreadsheet’s content', () => {
    const text =
      '<?xml version="1.0"?><office:document-content office:version="1.2"><office:body><table:table table:name="Bieu 01">' +
      '<table:table-row table:number-rows-repeated="2"><table:table-cell office:value-type="string"><text:p>Xã <text:s text:c="3"/>Sơn</text:p>' +
      '</table:table-cell><table:table-cell table:number-columns-repeated="3"/><!-- a note --></table:table-row></table:table>' +
      '</office:body></office:document-content>'
    const found = byScanner(text)
    expect(found).toEqual(byExpression(text))
    expect(found.map((t) => t.local)).toContain('table-cell')
  })

  it('reads a plainly spelt row or cell tag’s attributes as SheetJS’s parsexmltag does', () => {
    const random = seededRandom(57)
    const keys: (keyof CellAttrs)[] = [...CELL_KEYS]
    const names = [...keys, 'Value-Type', 'value_x', 'name', 'xmlns', 'a:b:value', '']
    const prefixes = ['office:', 'calcext:', 'table:', 'loext:', 'xmlns:', 'ext:', 'aext:', '', ':']
    let plain = 0
    let tags = 0
    for (let k = 0; k < 10_000; k++) {
      let text = '<' + pick(random, ['table:table-cell', 'table:table-row', 'table:covered-table-cell'])
      const n = Math.floor(random() * 5)
      for (let a = 0; a < n; a++) {
        text += pick(random, [' ', ' ', ' ', '  ', '\t', '\n'])
        text += pick(random, prefixes) + pick(random, names) + '="'
        text += pick(random, ['float', 'string', '', '12.5', 'a>b', 'x y', 'of:=SUM([.A1:.A3])']) + '"'
      }
      text += pick(random, ['>', '/>', ' />', '\t>'])
      const m = newTagMatch()
      if (!nextTag(text, 0, m)) continue
      tags++
      const fast = plainCellAttrs(text, m)
      if (fast === null) continue
      plain++
      const slow = tagAttrs(text.slice(m.start, m.end))
      for (const key of keys) expect(fast[key], `${key} of ${text}`).toBe(slow[key])
    }
    expect(tags).toBeGreaterThan(7_500)
    expect(plain).toBeGreaterThan(2_500)
  })
})
