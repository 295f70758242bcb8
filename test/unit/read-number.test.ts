import { describe, expect, it } from 'vitest'
import { isWhole, readDataCell, trimFloat } from '../../src-main/core/numbers/read-number'
import type { CellReading } from '../../src-main/core/numbers/cell-reading'
import type { GridCell } from '../../src-main/core/workbook/grid'
import type { IndicatorKind } from '../../src-main/core/template/pack-schema'

const text = (value: string): GridCell => ({ kind: 'text', value })
const num = (value: number, format?: string): GridCell => ({ kind: 'number', value, format })

function valueOf(r: CellReading): number | 'blank' | string {
  if (r.status === 'number') return r.value
  if (r.status === 'blank') return 'blank'
  return r.rule
}

const read = (s: string, kind: IndicatorKind = 'count') => valueOf(readDataCell(text(s), kind))
const codes = (r: CellReading) => r.notes.map((n) => n.code)

describe('number cells', () => {
  it('reads a number as it is, without notes', () => {
    const r = readDataCell(num(1234), 'count')
    expect(r).toEqual({ status: 'number', value: 1234, notes: [] })
  })

  it('trims float noise', () => {
    expect(valueOf(readDataCell(num(7.000000000000001), 'count'))).toBe(7)
    expect(valueOf(readDataCell(num(0.1 + 0.2), 'money'))).toBe(0.3)
  })

  it('reads a percentage-formatted number in a rate row as percent, with a note', () => {
    const r = readDataCell({ kind: 'number', value: 0.968, format: '0.0%', formatted: '96.8%' }, 'rate')
    expect(valueOf(r)).toBe(96.8)
    expect(codes(r)).toEqual(['percent-format'])
    expect(r.notes[0]?.text.vi).toContain('96,8')
  })

  it('does not scale a percent format outside rate rows, or a literal % sign', () => {
    expect(valueOf(readDataCell(num(0.968, '0.0%'), 'count'))).toBe(0.968)
    expect(valueOf(readDataCell(num(96.8, '0.0"%"'), 'rate'))).toBe(96.8)
    expect(valueOf(readDataCell(num(96.8, '0.0\\%'), 'rate'))).toBe(96.8)
  })

  it('rejects booleans and dates (V01), errors and formulas without a value (V13)', () => {
    expect(valueOf(readDataCell({ kind: 'boolean', value: true }, 'count'))).toBe('V01')
    expect(valueOf(readDataCell({ kind: 'date', value: 45000, formatted: '15/3/2023' }, 'count'))).toBe('V01')
    expect(valueOf(readDataCell({ kind: 'error', value: '#REF!', formula: 'A1/B1' }, 'count'))).toBe('V13')
    const noCache = readDataCell({ kind: 'blank', value: null, formula: 'SUM(D5:D9)' }, 'count')
    expect(valueOf(noCache)).toBe('V13')
    expect(noCache.status === 'invalid' && noCache.reason.vi).toContain('SUM(D5:D9)')
  })

  it('reads a missing or blank cell as blank without notes', () => {
    expect(readDataCell(undefined, 'count')).toEqual({ status: 'blank', notes: [] })
    expect(readDataCell({ kind: 'blank', value: null }, 'count')).toEqual({ status: 'blank', notes: [] })
  })
})

describe('text read the Vietnamese way', () => {
  it.each([
    ['1.234', 1234],
    ['26,85', 26.85],
    ['1.234,5', 1234.5],
    ['1.234.567', 1234567],
    ['1 234', 1234],
    ['1\u00a0234', 1234],
    ['1\u202f234,5', 1234.5],
    ['12', 12],
    ['0', 0],
    ['1,5', 1.5],
    ['0,968', 0.968],
    ['-5', -5],
    ['−1.234', -1234],
    ['  42  ', 42],
  ])('%s → %d', (s, expected) => {
    expect(read(s)).toBe(expected)
  })

  it('notes the conversion in Vietnamese first', () => {
    const r = readDataCell(text('1.234'), 'count')
    expect(r.notes[0]).toEqual({
      code: 'text-number',
      text: { vi: "Đọc chữ '1.234' thành số 1234", en: "Read the text '1.234' as the number 1234" },
    })
  })

  it.each([
    ['12 em', 12, 'em'],
    ['5 vụ', 5, 'vụ'],
    ['80%', 80, '%'],
    ['3 người', 3, 'người'],
    ['12 trẻ em', 12, 'trẻ em'],
    ['1,5 triệu đồng', 1.5, 'triệu đồng'],
    ['12,5‰', 12.5, '‰'],
  ])('strips the unit in %s', (s, expected, unit) => {
    const r = readDataCell(text(s), 'money')
    expect(valueOf(r)).toBe(expected)
    const stripped = r.notes.find((n) => n.code === 'unit-stripped')
    expect(stripped?.text.vi).toContain(`'${unit}'`)
  })

  it.each(['-', '–', 'x', 'X', 'không', 'Không', 'KCS', ' '])('takes %j as blank with a note', (s) => {
    const r = readDataCell(text(s), 'count')
    expect(r.status).toBe('blank')
    expect(codes(r)).toEqual(['blank-word'])
  })

  it('takes an empty text as blank', () => {
    expect(read('')).toBe('blank')
  })

  it.each([
    ['12.5', 12.5, 'dot-decimal'],
    ['1.5', 1.5, 'dot-decimal'],
    ['0.968', 0.968, 'dot-decimal'],
    ['1,234.5', 1234.5, 'english-format'],
    ['1,234,567', 1234567, 'english-format'],
  ])('reads %s, which has one reading, with a note', (s, expected, code) => {
    const r = readDataCell(text(s), 'count')
    expect(valueOf(r)).toBe(expected)
    expect(codes(r)).toContain(code)
  })

  it('refuses a text with two readings in count and money rows (V02)', () => {
    for (const kind of ['count', 'money'] as const) {
      for (const s of ['1,234', '12,500', '-1,234']) {
        const r = readDataCell(text(s), kind)
        expect(valueOf(r)).toBe('V02')
      }
    }
    const r = readDataCell(text('1,234'), 'count')
    expect(r.status === 'invalid' && r.reason.vi).toContain('1234')
    expect(r.status === 'invalid' && r.reason.vi).toContain('1,234')
  })

  it('reads 1,234 in rate, permille and ratio rows as a decimal comma, with a note', () => {
    for (const kind of ['rate', 'permille', 'ratio'] as const) {
      const r = readDataCell(text('1,234'), kind)
      expect(valueOf(r)).toBe(1.234)
      expect(codes(r)).toContain('comma-decimal')
    }
  })

  it.each([
    'abc',
    '12/5',
    '1.2.3,4,5',
    '5 + 3',
    '=SUM(A1:A3)',
    '12 5',
    '1.23.4',
    '12.',
    '1,2,3',
    'TRUE',
    '1e5',
  ])('refuses %j as not a number (V01)', (s) => {
    const r = readDataCell(text(s), 'count')
    expect(valueOf(r)).toBe('V01')
    expect(r.status === 'invalid' && r.reason.vi).toContain(s.trim())
  })

  it('reads percent text in a rate row as the percent', () => {
    expect(read('96,8%', 'rate')).toBe(96.8)
  })
})

describe('trimFloat and isWhole', () => {
  it('trims noise but keeps real digits', () => {
    expect(trimFloat(0.1 + 0.2)).toBe(0.3)
    expect(trimFloat(123456789012345)).toBe(123456789012345)
    expect(trimFloat(1.5)).toBe(1.5)
    // a money sum of the sample province: rounding at the stray digit would leave 3313.700000000001
    expect(String(3313.7000000000007)).toBe('3313.7000000000007')
    expect(trimFloat(3313.7000000000007)).toBe(3313.7)
    expect(trimFloat(0.7999999999999999)).toBe(0.8)
    expect(trimFloat(9.99999999999998)).toBe(10)
    // a real quotient keeps its digits
    expect(trimFloat(102.40375219855385)).toBe(102.40375219855385)
  })

  it('judges wholeness with a small tolerance', () => {
    expect(isWhole(7.000000000000001)).toBe(true)
    expect(isWhole(1e12 + 1e-4)).toBe(true)
    expect(isWhole(1.5)).toBe(false)
    expect(isWhole(0.001)).toBe(false)
    expect(isWhole(-3)).toBe(true)
  })
})
