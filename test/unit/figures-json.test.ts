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

  it('reads nothing that is not what it writes', () => {
    expect(parseFiguresJson('{}')).toBeNull()
    expect(parseFiguresJson('[["TE.0101","total","12","S","F11","12"]]')).toBeNull()
    expect(parseFiguresJson('[["TE.0101","total",12,"S","F11","12",{}]]')).toBeNull()
    expect(parseFiguresJson('not json')).toBeNull()
    expect(parseFiguresJson('[]')).toEqual([])
  })
})
