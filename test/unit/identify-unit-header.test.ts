// A header line names a unit by the longest name of the list it starts with, as written or after one
// of the pack's unit prefixes (identify-unit.ts).
import { describe, expect, it } from 'vitest'
import { foldedUnitPrefixes, identifyUnit, indexUnits } from '../../src-main/core/submission/identify-unit'
import type { Unit } from '../../src-main/core/units/unit'

const unit = (code: string, name: string, aliases: string[] = []): Unit => ({
  code,
  name,
  kind: 'so_nganh',
  dept: code,
  aliases,
})

const units = indexUnits([
  unit('CA', 'Công an tỉnh'),
  unit('CAL', 'Công an tỉnh Lai Châu xa'),
  unit('SYT', 'Sở Y tế'),
  unit('TAN', 'Tòa án nhân dân tỉnh', ['TAND tỉnh']),
  unit('X1', 'Xã Minh Sơn'),
  unit('X2', 'Bản'),
])
const prefixes = foldedUnitPrefixes(['UBND', 'SỞ', 'TRẠM Y TẾ', 'CÔNG AN'])

function fromHeader(...lines: string[]): string | null {
  const match = identifyUnit(units, {
    code: null,
    name: null,
    header: lines.map((text) => ({ source: 'header', text, where: { sheet: 'Bieu 01', cell: 'A1' } })),
    fileName: 'bao-cao.xlsx',
    prefixes,
  })
  return match.ok ? match.unit.code : match.reason
}

describe('a unit named at the start of a header line', () => {
  it('is the longest name of the list the line starts with, word for word', () => {
    expect(fromHeader('CÔNG AN TỈNH LAI CHÂU')).toBe('CA')
    expect(fromHeader('CÔNG AN TỈNH LAI CHÂU XA - PHÒNG 2')).toBe('CAL')
    expect(fromHeader('Công an tỉnh')).toBe('CA')
    // a name is whole words: `Công an tỉnhx` does not start with `Công an tỉnh`
    expect(fromHeader('CÔNG AN TỈNHX LAI CHÂU')).toBe('none')
    expect(fromHeader('TAND TỈNH LAI CHÂU')).toBe('TAN')
  })

  it('is found after one of the pack’s prefixes when the line as written names none', () => {
    expect(fromHeader('TRẠM Y TẾ XÃ MINH SƠN')).toBe('X1')
    expect(fromHeader('SỞ Y TẾ TỈNH LAI CHÂU')).toBe('SYT')
  })

  it('is never a name shorter than four letters', () => {
    expect(fromHeader('BẢN TIN SỐ 1')).toBe('none')
  })
})
