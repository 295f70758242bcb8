import { describe, expect, it } from 'vitest'
import type { Figure } from '../../src-main/core/submission/analysis'
import { encodeFigures, parseFiguresJson } from '../../src-main/db/figures-json'

const fig = (indicator: string, column: string, value: number, over: Partial<Figure> = {}): Figure => ({
  indicator,
  column,
  value,
  sheet: 'Biểu 01',
  cell: 'F11',
  raw: String(value),
  notes: [],
  ...over,
})

/** What JSON.stringify writes of the rows after a stable sort by indicator, then column. */
const sortedJson = (figures: readonly Figure[]): string => {
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
  const sorted = [...figures].sort((a, b) => cmp(a.indicator, b.indicator) || cmp(a.column, b.column))
  return JSON.stringify(sorted.map((f) => [f.indicator, f.column, f.value, f.sheet, f.cell, f.raw]))
}

describe('the stored form of a file’s figures', () => {
  it('orders them by indicator then column and gives back every field, notes included', () => {
    const noted = fig('TE.0101', 'male', 1234, {
      raw: '1.234',
      notes: [{ code: 'thousands-dot', text: { vi: 'dấu chấm hàng nghìn', en: 'thousands dot' } }],
    })
    const e = encodeFigures([fig('TE.0102', 'total', 7), noted, fig('TE.0101', 'total', 0.5)])
    expect(e.ok).toBe(true)
    if (!e.ok) return
    expect(e.count).toBe(3)
    expect(parseFiguresJson(e.json)).toEqual([
      ['TE.0101', 'male', 1234, 'Biểu 01', 'F11', '1.234', noted.notes],
      ['TE.0101', 'total', 0.5, 'Biểu 01', 'F11', '0.5'],
      ['TE.0102', 'total', 7, 'Biểu 01', 'F11', '7'],
    ])
  })

  it('refuses a value that is not a number and a cell given twice, naming the figure', () => {
    const nan = encodeFigures([fig('TE.0101', 'total', NaN, { cell: 'F12' })])
    expect(nan).toEqual({ ok: false, error: 'TE.0101/total = NaN (Biểu 01!F12)' })
    const twice = encodeFigures([fig('TE.0101', 'total', 1), fig('TE.0101', 'total', 2, { cell: 'F13' })])
    expect(twice.ok).toBe(false)
    if (!twice.ok) expect(twice.error).toMatch(/TE\.0101\/total hai lần \/ twice \(Biểu 01!F13\)/)
  })

  it('writes exactly what JSON.stringify writes of the rows, odd texts and numbers included', () => {
    const texts = [
      'F11',
      'Biểu 01',
      'a"b',
      'back\\slash',
      'tab\tnew\nline',
      '\u0001',
      'x\ud800',
      '😀',
      '',
      ' 1.234 ',
    ]
    const values = [0, -0, 1, -17, 0.1 + 0.2, 1e21, 1e-7, 123456789012345, Number.MAX_SAFE_INTEGER + 2]
    let seed = 7
    const pick = <T>(xs: readonly T[]): T => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
      return xs[seed % xs.length]!
    }
    const figures = Array.from({ length: 300 }, (_, i) =>
      fig(`TE.${String(i).padStart(4, '0')}`, pick(['total', 'male', 'q"uote']), pick(values), {
        sheet: pick(texts),
        cell: pick(texts),
        raw: pick(texts),
        notes: i % 7 === 0 ? [{ code: 'n', text: { vi: pick(texts), en: pick(texts) } }] : [],
      }),
    )
    const e = encodeFigures(figures)
    expect(e.ok).toBe(true)
    if (!e.ok) return
    const rows = figures.map((f) => [
      f.indicator,
      f.column,
      f.value,
      f.sheet,
      f.cell,
      f.raw,
      ...(f.notes.length > 0 ? [f.notes] : []),
    ])
    expect(e.json).toBe(JSON.stringify(rows))
    // texts longer than the buffer the figures are written into, plain and not
    const long = [
      fig('TE.0001', 'total', 1, { cell: 'A'.repeat(70_000), raw: '1' }),
      fig('TE.0002', 'total', 2, { cell: 'B1', raw: 'ệ'.repeat(40_000) }),
      fig('TE.0003', 'total', 3, { cell: 'C1', raw: '"'.repeat(50_000) }),
    ]
    const l = encodeFigures(long)
    expect(l.ok && l.json).toBe(
      JSON.stringify(long.map((f) => [f.indicator, f.column, f.value, f.sheet, f.cell, f.raw])),
    )
  })

  it('writes a fraction as JSON does, whether its cell text is written the same way or not', () => {
    // [value, the cell's text]: most fractions are written in the cell as JSON writes them
    const pairs: [number, string][] = [
      [12.5, '12.5'],
      [12.5, '12.50'],
      [12.5, '012.5'],
      [12.5, '+12.5'],
      [12.5, '12,5'],
      [-0.5, '-0.5'],
      [0.5, '.5'],
      [0.1 + 0.2, '0.3'],
      [0.1 + 0.2, '0.30000000000000004'],
      [0.000001, '0.000001'],
      [1e-7, '0.0000001'],
      [123456789012.25, '123456789012.25'],
      [1234567890123.25, '1234567890123.25'],
      [97.3, '97.30000000000001'],
      [1.5, '1.6'],
    ]
    const figures = pairs.map(([value, raw], i) =>
      fig(`TE.${String(i).padStart(4, '0')}`, 'total', value, { raw }),
    )
    const e = encodeFigures(figures)
    expect(e.ok && e.json).toBe(sortedJson(figures))
  })

  it('orders figures given row by row, or in any order, as a sort by indicator then column would', () => {
    const columns = ['prev', 'total', 'male', 'female', 'ethnic']
    const rowByRow = ['TE.0101', 'TE.0102', 'TE.0201'].flatMap((code) =>
      columns.map((column, k) => fig(code, column, k)),
    )
    let seed = 3
    const shuffled = [...rowByRow].sort(() => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
      return (seed % 3) - 1
    })
    const twoRuns = [...rowByRow.slice(5, 10), ...rowByRow.slice(0, 5)]
    for (const figures of [rowByRow, shuffled, twoRuns]) {
      const e = encodeFigures(figures)
      expect(e.ok).toBe(true)
      if (e.ok) expect(e.json).toBe(sortedJson(figures))
    }
  })

  it('orders each file of a batch alike, whether it repeats the layout of the file before or not', () => {
    const columns = ['prev', 'total', 'male', 'female']
    const layout = (codes: string[], value: number): Figure[] =>
      codes.flatMap((code) =>
        columns.map((column, k) => fig(code, column, value + k, { cell: `${column}-${code}` })),
      )
    const a = ['TE.0201', 'TE.0101', 'TE.0102']
    const swapped = layout(a, 7)
    ;[swapped[1], swapped[2]] = [swapped[2]!, swapped[1]!]
    const files = [
      layout(a, 1),
      layout(a, 100),
      swapped,
      layout(['TE.0201', 'TE.0101'], 5),
      layout(a, 9),
      layout(['TE.0101', 'TE.0102', 'TE.0201'], 3),
      layout(a, 4),
    ]
    for (const figures of files) {
      const e = encodeFigures(figures)
      if (!e.ok) throw new Error(e.error)
      expect(e.json).toBe(sortedJson(figures))
    }
  })

  it('reads nothing that is not what it writes', () => {
    expect(parseFiguresJson('{}')).toBeNull()
    expect(parseFiguresJson('[["TE.0101","total","12","S","F11","12"]]')).toBeNull()
    expect(parseFiguresJson('[["TE.0101","total",12,"S","F11","12",{}]]')).toBeNull()
    expect(parseFiguresJson('not json')).toBeNull()
    expect(parseFiguresJson('[]')).toEqual([])
  })
})
