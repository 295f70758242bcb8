// Which known form a file is: its template version when that form's table is in it (or this form's
// is not), else the table of another form when this form's is missing; never another form for a
// file that holds this form's table and names no other form's version.
import { describe, expect, it } from 'vitest'
import { recogniseOtherForm } from '../../src-main/core/submission/recognise-form'
import { analyseGrid } from '../../src-main/core/submission/analyse-submission'
import { indexUnits } from '../../src-main/core/submission/identify-unit'
import type { PeriodId } from '../../src-main/shared/period'
import { formSheet, grid, infoSheet } from '../helpers/form-grid'
import { loadImmunizationPack } from '../helpers/immunization-pack'
import { loadTestPack, MONTHLY_PACK_DIR } from '../helpers/load-test-pack'

const childWork = loadTestPack()
const immunization = loadImmunizationPack()
const monthly = loadTestPack(MONTHLY_PACK_DIR)
const units = indexUnits([{ code: '08001', name: 'Xã Tam Đường', kind: 'xa', dept: null, aliases: [] }])
const others = [immunization, monthly].map((pack) => ({ pack, seasons: [] }))
const fileOf = (pack: typeof childWork, version: string | null) =>
  grid(
    infoSheet({ unitCode: '08001', period: '6 tháng đầu năm', year: 2025, templateVersion: version }),
    formSheet(pack, {}, pack.layout.sheets.figures),
  )

describe('recogniseOtherForm', () => {
  it('takes the other form’s version when that form’s table is found', () => {
    expect(
      recogniseOtherForm(fileOf(immunization, 'TCMR-2025.1'), childWork, false, 'TCMR-2025.1', others)?.pack,
    ).toBe(immunization)
  })

  it('keeps this form for its own table, even under another form’s version, and for its own version', () => {
    const own = fileOf(childWork, 'TCMR-2025.1')
    expect(recogniseOtherForm(own, childWork, true, 'TCMR-2025.1', others)).toBeNull()
    expect(
      recogniseOtherForm(fileOf(childWork, 'TE-2025.1'), childWork, true, 'TE-2025.1', others),
    ).toBeNull()
    expect(recogniseOtherForm(fileOf(childWork, null), childWork, true, null, others)).toBeNull()
  })

  it('finds another form by its table when the file names no version and this form’s table is missing', () => {
    expect(recogniseOtherForm(fileOf(monthly, null), childWork, false, null, others)?.pack).toBe(monthly)
    expect(recogniseOtherForm(fileOf(monthly, null), childWork, false, null, [])).toBeNull()
  })

  it('reads a file of another form as that form’s for its season, or tells S10 without one', () => {
    const ctx = { pack: childWork, units, period: '2025-H1' as PeriodId, fileName: 'x.xlsx' }
    const file = fileOf(immunization, 'TCMR-2025.1')
    const none = analyseGrid(file, { ...ctx, otherForms: others })
    expect(none.otherForm).toEqual({ form: 'immunization-6m-2025', period: '2025-H1', stored: false })
    expect(none.problems[0]?.rule).toBe('S10')
    expect(none.status).toBe('rejected')
    const withSeason = analyseGrid(file, {
      ...ctx,
      otherForms: [{ pack: immunization, seasons: [{ period: '2025-H1' as PeriodId, units }] }],
    })
    expect(withSeason.otherForm).toEqual({ form: 'immunization-6m-2025', period: '2025-H1', stored: true })
    expect(withSeason.problems.map((p) => p.rule)).not.toContain('S10')
    expect(withSeason.table?.sheet).toBe(immunization.layout.sheets.figures)
    expect(withSeason.unit).toBe('08001')
  })
})
