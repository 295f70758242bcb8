import { describe, expect, it } from 'vitest'
import type { Figure } from '../../src-main/core/submission/analysis'
import { checkAgainstHalfYear } from '../../src-main/core/rules/check-half-year'
import { loadTestPack } from '../helpers/load-test-pack'

const pack = loadTestPack()
const fig = (indicator: string, column: string, value: number, cell: string): Figure => ({
  indicator,
  column,
  value,
  sheet: 'Biểu TE',
  cell,
  raw: String(value),
  notes: [],
})

describe('W03: an annual flow figure below the 6-month figure already stored', () => {
  const h1 = [
    fig('TE.0205', 'total', 100, 'F20'),
    fig('TE.0205', 'male', 60, 'G20'),
    fig('TE.0209', 'total', 9, 'F26'),
  ]

  it('names each such cell, in the order of the form whatever order the figures come in', () => {
    const year = [
      fig('TE.0209', 'total', 8, 'F26'),
      fig('TE.0205', 'male', 50, 'G20'),
      fig('TE.0205', 'total', 90, 'F20'),
    ]
    const problems = checkAgainstHalfYear(pack, year, h1)
    expect(problems.map((p) => [p.rule, p.cell, p.value])).toEqual([
      ['W03', 'F20', 90],
      ['W03', 'G20', 50],
      ['W03', 'F26', 8],
    ])
    expect(problems[0]!.message.vi).toBe(
      'Số cả năm (90) nhỏ hơn số 6 tháng đầu năm đã nộp (100); số cả năm gồm cả 6 tháng đầu năm, hãy kiểm tra lại',
    )
    expect(checkAgainstHalfYear(pack, [...year].reverse(), h1)).toEqual(problems)
  })

  it('says nothing when the year reaches the 6 months, or when a figure has no 6-month value', () => {
    expect(
      checkAgainstHalfYear(pack, [fig('TE.0205', 'total', 100, 'F20'), fig('TE.0209', 'male', 1, 'G26')], h1),
    ).toEqual([])
  })
})
