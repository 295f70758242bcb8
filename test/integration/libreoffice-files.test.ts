// Files written by another program than Sheaf's own writers: unit workbooks re-saved by LibreOffice
// as .xls, .ods and .xlsx must give the same unit, status and figures as the generator wrote.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { analyseBytes } from '../../src-main/core/submission/analyse-submission'
import { indexUnits } from '../../src-main/core/submission/identify-unit'
import { parseUnitList } from '../../src-main/core/units/parse-unit-list'
import type { ExpectedOutcome } from '../fixtures/generator'
import { DEPARTMENTS, makeCommunes, makeRng, unitsCsv } from '../fixtures/generator'
import { loadTestPack } from '../helpers/load-test-pack'

const dir = path.resolve(__dirname, '../fixtures/files/libreoffice')
const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Record<
  string,
  ExpectedOutcome
>
const pack = loadTestPack()

describe('workbooks re-saved by LibreOffice', () => {
  const files = fs.readdirSync(dir).filter((f) => /\.(xls|xlsx|ods)$/.test(f))
  const csv = unitsCsv([...makeCommunes(3, makeRng(1).fork('units')), ...DEPARTMENTS])
  const list = parseUnitList(new TextEncoder().encode(csv), 'units.csv')
  if (!list.ok) throw new Error(list.errors.join('\n'))
  const units = indexUnits(list.units)

  it('has the three formats of each file', () => {
    expect(files.filter((f) => f.endsWith('.xls')).length).toBeGreaterThanOrEqual(3)
    expect(files.filter((f) => f.endsWith('.ods')).length).toBeGreaterThanOrEqual(3)
  })

  it.each(files)('%s', (name) => {
    const e = expected[name.replace(/\.[^.]+$/, '')]!
    const a = analyseBytes(new Uint8Array(fs.readFileSync(path.join(dir, name))), {
      pack,
      units,
      period: '2025-Y',
      fileName: name,
    })
    expect(a.unit).toBe(e.unit)
    expect(a.status).toBe(e.status)
    expect(a.problems.map((p) => p.rule).sort()).toEqual(e.problems.map((p) => p.rule).sort())
    expect(a.reportDate).toBe(e.reportDate)
    const got: Record<string, Record<string, number>> = {}
    for (const f of a.figures) (got[f.indicator] ??= {})[f.column] = f.value
    for (const [code, row] of Object.entries(e.figures))
      for (const [col, v] of Object.entries(row))
        if (v !== null) expect([code, col, got[code]?.[col]]).toEqual([code, col, v])
  })
})
