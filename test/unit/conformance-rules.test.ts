// Conformance of the figure rules with the spec's catalogue: the edge cases of blank operands,
// values that count as blank, placement and the `value` each problem carries.
import { describe, expect, it } from 'vitest'
import { analyseGrid } from '../../src-main/core/submission/analyse-submission'
import { indexUnits } from '../../src-main/core/submission/identify-unit'
import type { Unit } from '../../src-main/core/units/unit'
import type { PeriodId } from '../../src-main/shared/period'
import { loadTestPack } from '../helpers/load-test-pack'
import { addressOf, formSheet, grid, infoSheet } from '../helpers/form-grid'
import type { FormOptions } from '../helpers/form-grid'

const pack = loadTestPack()
const UNITS: Unit[] = [
  { code: '08001', name: 'Xã Tam Đường', kind: 'xa', dept: null, aliases: [] },
  { code: '08002', name: 'Phường Tân Phong', kind: 'phuong', dept: null, aliases: [] },
  { code: 'CA', name: 'Công an tỉnh', kind: 'so_nganh', dept: 'CA', aliases: [] },
]
const units = indexUnits(UNITS)
const period = '2025-Y' as PeriodId
const INFO = { unitCode: '08001', period: 'Năm', year: 2025, templateVersion: 'TE-2025.1' }

function analyse(values: FormOptions['values'], o: FormOptions = {}) {
  return analyseGrid(grid(infoSheet(INFO as never), formSheet(pack, { ...o, values })), {
    pack,
    units,
    period,
    fileName: 'x.xlsx',
  })
}
const at = (code: string, col: string) => addressOf(pack, code, col)
const rules = (values: FormOptions['values']) =>
  analyse(values)
    .problems.map((p) => `${p.rule}@${p.cell ?? '-'}`)
    .sort()
const problem = (values: FormOptions['values'], rule: string) =>
  analyse(values).problems.find((p) => p.rule === rule)

const pct = (value: number, formatted: string) => ({
  kind: 'number' as const,
  value,
  format: '0.0%',
  formatted,
})

describe('V12: the stated rate, whatever way it was written', () => {
  const base = { 'TE.0203': { total: 300 }, 'TE.0204': { total: 290 } } // 96.666…%
  it.each([
    ['text with a decimal comma', '96,7', []],
    ['text with a dot', '96.67', []],
    ['text with a percent sign', '96,7%', []],
    ['a percent-formatted fraction', pct(0.9667, '96.7%'), []],
    ['a percent-formatted fraction shown whole', pct(0.97, '97%'), []],
    ['text far off', '90,5', [`V12@${at('TE.0204r', 'total')}`]],
    ['a percent-formatted fraction far off', pct(0.9, '90.0%'), [`V12@${at('TE.0204r', 'total')}`]],
  ])('%s', (_n, stated, expected) => {
    expect(rules({ ...base, 'TE.0204r': { total: stated as never } })).toEqual(expected)
  })

  it('half a unit of the last decimal written: 97 for 96.6 is allowed, 96.0 is not', () => {
    const b = { 'TE.0203': { total: 1000 }, 'TE.0204': { total: 966 } }
    expect(rules({ ...b, 'TE.0204r': { total: 97 } })).toEqual([])
    expect(rules({ ...b, 'TE.0204r': { total: '96,0' } })).toEqual([`V12@${at('TE.0204r', 'total')}`])
  })

  it('carries the stated rate as its value and is not checked when the denominator is 0 or blank', () => {
    const p = problem({ ...base, 'TE.0204r': { total: 80 } }, 'V12')
    expect(p).toMatchObject({ severity: 'error', indicator: 'TE.0204r', column: 'total', value: 80 })
    expect(rules({ 'TE.0203': { total: 0 }, 'TE.0204': { total: 0 }, 'TE.0204r': { total: 50 } })).toEqual([])
    expect(rules({ 'TE.0204': { total: 5 }, 'TE.0204r': { total: 50 } })).toEqual([])
  })

  it('checks each column both operands have (TE.0104r by sex)', () => {
    const v = {
      'TE.0103': { total: 100, male: 50, female: 50 },
      'TE.0104': { total: 90, male: 45, female: 45 },
      'TE.0104r': { total: 90, male: 80, female: 90 },
    }
    expect(rules(v)).toEqual([`V12@${at('TE.0104r', 'male')}`])
  })
})

describe('W04, W05, W06 against last year', () => {
  it('W05 is not checked when prev is 0', () => {
    expect(rules({ 'TE.0103': { prev: 0, total: 3, compare: 150 } })).toEqual([])
  })
  it('W05 reads a percent-formatted So sánh cùng kỳ', () => {
    expect(rules({ 'TE.0103': { prev: 100, total: 110, compare: pct(1.1, '110%') } })).toEqual([])
  })
  it('W05 carries the stated comparison', () => {
    expect(problem({ 'TE.0103': { prev: 100, total: 110, compare: 120 } }, 'W05')).toMatchObject({
      severity: 'warning',
      column: 'compare',
      value: 120,
    })
  })
  it('W04 places at total with the total as value; W06 has a null value at the blank total', () => {
    expect(problem({ 'TE.0103': { prev: 100, total: 200 } }, 'W04')).toMatchObject({ value: 200 })
    expect(problem({ 'TE.0103': { prev: 100 } }, 'W06')).toMatchObject({
      cell: at('TE.0103', 'total'),
      value: null,
    })
  })
})

describe('breakdowns with blanks', () => {
  it('V06 is not checked with one age band blank', () => {
    expect(rules({ 'TE.0209': { total: 10, age_0_6: 1, age_6_11: 2 } })).toEqual([])
  })
  it('V05 is not checked when a sex is blank, V07 not when the total is blank', () => {
    expect(rules({ 'TE.0103': { total: 10, male: 6 } })).toEqual([])
    expect(rules({ 'TE.0103': { ethnic: 11, male: 6, female: 5 } })).toEqual([])
  })
  it('V05 carries the male value; V06 the first age band; V07 the ethnic figure', () => {
    expect(problem({ 'TE.0103': { total: 10, male: 6, female: 5 } }, 'V05')?.value).toBe(6)
    expect(problem({ 'TE.0209': { total: 10, age_0_6: 1, age_6_11: 2, age_11_16: 3 } }, 'V06')?.value).toBe(1)
    expect(problem({ 'TE.0103': { total: 10, ethnic: 11 } }, 'V07')?.value).toBe(11)
  })
  it('V05-V07 do not concern a rate row with sexes', () => {
    expect(rules({ 'TE.0104r': { total: 50, male: 60, female: 60 } })).toEqual([])
  })
  it('a total that failed V01 is blank for V05 and W04, and W06 does not call it blank: one problem', () => {
    expect(rules({ 'TE.0103': { prev: 1, total: 'nhiều', male: 6, female: 5 } })).toEqual([
      `V01@${at('TE.0103', 'total')}`,
    ])
    // truly blank, it is W06
    expect(rules({ 'TE.0103': { prev: 1, male: 6, female: 5 } })).toEqual([`W06@${at('TE.0103', 'total')}`])
  })
  it('a negative figure is V03 once, and blank for the rules that would compare it (no pile of errors)', () => {
    // -4 girls: V05 (male + female vs total), V09/V10 with the parents, V08 comparisons would all fail
    expect(
      rules({
        'TE.0101': { total: 100, male: 104, female: -4 },
        'TE.0101a': { total: 30, male: 20, female: 10 },
      }),
    ).toEqual([`V03@${at('TE.0101', 'female')}`])
  })
  it('a breakdown that failed V04 elsewhere or V13 counts as blank', () => {
    expect(rules({ 'TE.0103': { total: 10, male: { kind: 'error', value: '#DIV/0!' }, female: 5 } })).toEqual(
      [`V13@${at('TE.0103', 'male')}`],
    )
  })
})

describe('parents and children', () => {
  it('V10 is not checked with a blank parent', () => {
    expect(rules({ 'TE.0210': { total: 6 }, 'TE.0211': { total: 3 } })).toEqual([])
  })
  it('V10 checks the filled children only, and fails when they alone exceed the parent', () => {
    expect(rules({ 'TE.0210': { total: 4 }, 'TE.0211': { total: 5 } })).toEqual([
      `V10@${at('TE.0210', 'total')}`,
    ])
    expect(rules({ 'TE.0210': { total: 6 }, 'TE.0211': { total: 5 } })).toEqual([])
  })
  it('V10 carries the parent value', () => {
    expect(problem({ 'TE.0210': { total: 4 }, 'TE.0211': { total: 5 } }, 'V10')?.value).toBe(4)
  })
  it('V11 for each children: each at its own cell, their sum not checked', () => {
    const v = { 'TE.0205': { total: 10 }, 'TE.0206': { total: 8 }, 'TE.0207': { total: 11 } }
    expect(rules(v)).toEqual([`V11@${at('TE.0207', 'total')}`])
    expect(problem(v, 'V11')?.value).toBe(11)
  })
  it('V11 compares each column both rows have', () => {
    expect(rules({ 'TE.0205': { total: 10, male: 4 }, 'TE.0206': { total: 8, male: 5 } })).toEqual([
      `V11@${at('TE.0206', 'male')}`,
    ])
  })
  it('V09 is not checked for a column a child lacks (XH.0101b by age)', () => {
    const kids = ['XH.0101b1', 'XH.0101b2', 'XH.0101b3', 'XH.0101b4']
    const v = {
      'XH.0101b': { total: 4, age_0_6: 9 },
      ...Object.fromEntries(kids.map((k) => [k, { total: 1 }])),
    }
    expect(rules(v)).toEqual([])
  })
  it('V09 carries the parent value', () => {
    const v = {
      'XH.0101b': { total: 5 },
      'XH.0101b1': { total: 1 },
      'XH.0101b2': { total: 1 },
      'XH.0101b3': { total: 1 },
      'XH.0101b4': { total: 1 },
    }
    expect(problem(v, 'V09')).toMatchObject({ cell: at('XH.0101b', 'total'), value: 5 })
  })
  it('W01 needs every group filled', () => {
    expect(rules({ 'TE.0301': { total: 100 }, 'TE.0301a': { total: 1 } })).toEqual([])
  })
  it('a child that failed V02 is blank: V09 not checked', () => {
    const v = {
      'XH.0101b': { total: 5 },
      'XH.0101b1': { total: '1,234' },
      'XH.0101b2': { total: 1 },
      'XH.0101b3': { total: 1 },
      'XH.0101b4': { total: 1 },
    }
    expect(rules(v)).toEqual([`V02@${at('XH.0101b1', 'total')}`])
  })
})

describe('each relation message says what is wrong and how to fix it, figures in Vietnamese style', () => {
  const msg = (values: FormOptions['values'], rule: string) => problem(values, rule)?.message
  it('V09: the parent must equal the sum of its rows', () => {
    const v = {
      'XH.0101b': { total: 1500 },
      'XH.0101b1': { total: 1000 },
      'XH.0101b2': { total: 1 },
      'XH.0101b3': { total: 1 },
      'XH.0101b4': { total: 1 },
    }
    const m = msg(v, 'V09')
    expect(m?.vi).toContain('XH.0101b (1.500) khác tổng các dòng con')
    expect(m?.vi).toContain('(1.003)')
    expect(m?.vi).toContain('; XH.0101b phải bằng tổng các dòng XH.0101b1, XH.0101b2, XH.0101b3, XH.0101b4')
    expect(m?.en).toContain('; XH.0101b must equal the sum of XH.0101b1')
  })
  it('V10: the "of which" rows are part of the parent', () => {
    const m = msg({ 'TE.0210': { total: 4 }, 'TE.0211': { total: 5 } }, 'V10')
    expect(m?.vi).toMatch(
      /lớn hơn TE\.0210 \(4\); các dòng "Trong đó" là một phần của TE\.0210, hãy sửa số sai/,
    )
    expect(m?.en).toContain('; the "of which" rows are part of TE.0210: correct the wrong figure')
  })
  it('V11: a child cannot exceed its parent', () => {
    const m = msg({ 'TE.0205': { total: 10 }, 'TE.0207': { total: 1100 } }, 'V11')
    expect(m?.vi).toContain('TE.0207 (1.100) lớn hơn dòng cha TE.0205 (10); TE.0207 là một phần của TE.0205')
    expect(m?.vi).toContain('hãy sửa số sai')
    expect(m?.en).toContain(
      'TE.0207 (1100) is greater than its parent TE.0205 (10); TE.0207 is part of TE.0205',
    )
  })
  it('W01: the groups under their parent ask to check or explain in the notes', () => {
    const groups = 'a b c d dd e g h i k l m n o'.split(' ').map((g) => [`TE.0301${g}`, { total: 1 }])
    const m = msg({ 'TE.0301': { total: 100 }, ...Object.fromEntries(groups) }, 'W01')
    expect(m?.vi).toContain('ít hơn TE.0301 (100); hãy kiểm tra đã ghi đủ số liệu các nhóm chưa')
    expect(m?.vi).toContain('ghi lý do vào cột Ghi chú')
    expect(m?.en).toContain('give the reason in the Notes column')
  })
  it("V08: the form's own message, both figures, then which figures to check", () => {
    const m = msg({ 'TE.0303': { total: 1100 }, 'TE.0301': { total: 1000 } }, 'V08a')
    expect(m?.vi).toContain('1.100')
    expect(m?.vi).toContain('1.000')
    expect(m?.vi).toMatch(/; hãy kiểm tra lại TE\.0303 và TE\.0301 rồi sửa số sai$/)
    expect(m?.en).toMatch(/; check TE\.0303 and TE\.0301 and correct the wrong figure$/)
  })
})

describe('cross rules, ranges, cell reading', () => {
  it('V08 with a blank operand is not checked; carries the left value', () => {
    expect(rules({ 'TE.0303': { total: 11 } })).toEqual([])
    expect(problem({ 'TE.0303': { total: 11 }, 'TE.0301': { total: 10 } }, 'V08a')).toMatchObject({
      severity: 'error',
      value: 11,
    })
  })
  it('V08 for plain codes holds column by column', () => {
    expect(rules({ 'TE.0303': { total: 5, male: 4 }, 'TE.0301': { total: 10, male: 3 } })).toEqual([
      `V08a@${at('TE.0303', 'male')}`,
    ])
  })
  it('V03 on prev, not on compare', () => {
    expect(rules({ 'TE.0103': { prev: -1, total: 1 } })).toEqual([`V03@${at('TE.0103', 'prev')}`])
    expect(rules({ 'TE.0103': { prev: 10, total: 10, compare: 100 } })).toEqual([])
  })
  it('a rate of 100 written as 100,0 is in range; 100,5 is not', () => {
    expect(rules({ 'TE.0605': { total: '100,0' } })).toEqual([])
    expect(rules({ 'TE.0605': { total: '100,5' } })).toEqual([`V03@${at('TE.0605', 'total')}`])
  })
  it('V04 for a number in the compare column of a rate row, with the number as value', () => {
    const p = problem({ 'TE.0605': { compare: 5 } }, 'V04')
    expect(p).toMatchObject({ cell: at('TE.0605', 'compare'), value: 5 })
  })
  it('V01 carries the text found; V02 the text; V13 the error', () => {
    expect(problem({ 'TE.0103': { total: 'nhiều' } }, 'V01')?.value).toBe('nhiều')
    expect(problem({ 'TE.0103': { total: '1,234' } }, 'V02')?.value).toBe('1,234')
    expect(problem({ 'TE.0103': { total: { kind: 'error', value: '#REF!' } } }, 'V13')?.value).toBe('#REF!')
  })
  it('V01 for a date in a data cell', () => {
    expect(rules({ 'TE.0103': { total: { kind: 'date', value: 45900, formatted: '01/09/2025' } } })).toEqual([
      `V01@${at('TE.0103', 'total')}`,
    ])
  })
  it('W08 on the ratio row at 79.9 and 140.1, not at 80 and 140', () => {
    expect(rules({ 'TE.0102': { total: 80 } })).toEqual([])
    expect(rules({ 'TE.0102': { total: '140' } })).toEqual([])
    expect(rules({ 'TE.0102': { total: '140,1' } })).toEqual([`W08@${at('TE.0102', 'total')}`])
    expect(rules({ 'TE.0102': { total: 79.9 } })).toEqual([`W08@${at('TE.0102', 'total')}`])
  })
  it('counts written with a unit or grouped with dots are read; 1.5 in a count row is V03', () => {
    expect(rules({ 'TE.0103': { total: '1.200 trẻ', male: '600', female: '600 em' } })).toEqual([])
    expect(rules({ 'TE.0103': { total: '1.5' } })).toEqual([`V03@${at('TE.0103', 'total')}`])
  })
  it('money accepts decimals, not negatives', () => {
    expect(rules({ 'TE.0705': { total: '12,5' } })).toEqual([])
    expect(rules({ 'TE.0705': { total: -1 } })).toEqual([`V03@${at('TE.0705', 'total')}`])
  })
})
