// The committed LibreOffice re-saves of generated files (.xls, .ods, .xlsx) still hold the figures
// their expected.json promises, in the promised cells: other tests can rely on them.
import fs from 'node:fs'
import path from 'node:path'
import * as XLSX from '@e965/xlsx'
import { describe, expect, it } from 'vitest'
import type { ExpectedOutcome } from '../fixtures/generator'

const dir = path.resolve(__dirname, '../fixtures/files/libreoffice')
const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Record<
  string,
  ExpectedOutcome
>
const files = fs.readdirSync(dir).filter((f) => /\.(xls|ods|xlsx)$/.test(f))

function cellNumber(cell: XLSX.CellObject | undefined): number | null {
  if (!cell || cell.v === undefined || cell.v === '') return null
  if (typeof cell.v === 'number') return cell.v
  return Number(String(cell.v).replace(/\./g, '').replace(',', '.'))
}

describe('LibreOffice fixtures', () => {
  it('has each source in the three formats', () => {
    expect(files).toHaveLength(Object.keys(expected).length * 3)
  })

  it.each(files)('%s holds the expected figures, unit and date', (name) => {
    const base = name.replace(/\.(xls|ods|xlsx)$/, '')
    const e = expected[base] as ExpectedOutcome
    const wb = XLSX.read(fs.readFileSync(path.join(dir, name)))
    const ws = wb.Sheets[e.sheet as string] as XLSX.WorkSheet
    let n = 0
    for (const [code, row] of Object.entries(e.figures)) {
      for (const [col, v] of Object.entries(row)) {
        expect(cellNumber(ws[e.cells[code]?.[col] as string]), `${code}.${col}`).toBe(v)
        n++
      }
    }
    expect(n).toBeGreaterThan(20)
    const info = wb.Sheets['Thong tin'] as XLSX.WorkSheet
    expect(String(info['B1']?.v)).toBe(e.unit)
    const date = info['B7']
    expect(date?.t === 'n' || date?.t === 'd').toBe(true)
    const day = XLSX.SSF.parse_date_code(date?.v as number)
    expect(`${day.y}-${String(day.m).padStart(2, '0')}-${String(day.d).padStart(2, '0')}`).toBe(e.reportDate)
  })
})
