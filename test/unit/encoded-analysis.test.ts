import { describe, expect, it } from 'vitest'
import type { SubmissionAnalysis } from '../../src-main/core/submission/analysis'
import {
  decodeAnalysis,
  encodeAnalysis,
  transferList,
} from '../../src-main/services/read-pool/encoded-analysis'
import type { PeriodId } from '../../src-main/shared/period'
import { loadTestPack } from '../helpers/load-test-pack'
import { addressOf, formSheet, grid, infoSheet } from '../helpers/form-grid'
import type { FormOptions } from '../helpers/form-grid'
import { gridToBytes } from '../helpers/grid-to-xlsx'
import {
  analyseBytes,
  analyseBytesUnchecked,
  requiredRows,
} from '../../src-main/core/submission/analyse-submission'
import type { Unit } from '../../src-main/core/units/unit'
import { indexUnits } from '../../src-main/core/submission/identify-unit'

const FORM = { pack: loadTestPack(), period: '2025-Y' as PeriodId }
/** An analysis as the worker hands it over, with no check left to run. */
const unchecked = (analysis: SubmissionAnalysis) => ({ analysis, checks: null })

const analysis = (figures: SubmissionAnalysis['figures']): SubmissionAnalysis => ({
  fileName: 'xa-a.xlsx',
  unit: '08001',
  unitSource: 'info-code',
  period: '2025-Y',
  templateVersion: 'TE-2025.1',
  reportDate: '2025-11-06',
  table: { sheet: 'Bieu 01', headerRow: 6, rowCount: 2 },
  figures,
  problems: [{ rule: 'V01', severity: 'error', message: { vi: 'Ô E12', en: 'Cell E12' } }],
  status: 'rejected',
})

const noted = {
  indicator: 'TE.0102',
  column: 'male',
  value: 1234,
  sheet: 'Biểu 01',
  cell: 'G12',
  raw: '1.234',
  notes: [{ code: 'N01', text: { vi: 'số có dấu chấm', en: 'dotted number' } }],
}
const plain = {
  indicator: 'TE.0101',
  column: 'total',
  value: 12.5,
  sheet: 'Biểu 01',
  cell: 'F11',
  raw: '12,5',
  notes: [],
}

describe('an analysis sent from a read worker with its figures in their stored form', () => {
  it('comes back equal through a structured clone, key order and notes included', () => {
    const a = analysis([plain, noted])
    const encoded = encodeAnalysis(unchecked(a))
    expect(encoded?.figures.count).toBe(2)
    const back = decodeAnalysis(structuredClone(encoded!), FORM).analysis
    expect(back).toEqual(a)
    expect(JSON.stringify(back)).toBe(JSON.stringify(a))
  })

  it('gives the figures in stored order (by indicator, then column) and builds them once', () => {
    const back = decodeAnalysis(encodeAnalysis(unchecked(analysis([noted, plain])))!, FORM).analysis
    expect(back.figures.map((f) => `${f.indicator}/${f.column}`)).toEqual(['TE.0101/total', 'TE.0102/male'])
    expect(back.figures).toBe(back.figures)
  })

  it('handles a file without figures', () => {
    const a = analysis([])
    expect(decodeAnalysis(encodeAnalysis(unchecked(a))!, FORM).analysis).toEqual(a)
  })

  it('hands its figures over as bytes that the message can move, with their stored text', () => {
    const encoded = encodeAnalysis(unchecked(analysis([plain, noted])))!
    const moved = structuredClone(encoded, { transfer: transferList(encoded) })
    expect(encoded.figures.bytes.byteLength).toBe(0)
    const back = decodeAnalysis(moved, FORM)
    expect(back.figures.count).toBe(2)
    expect(JSON.parse(back.figures.json)).toHaveLength(2)
    expect(back.analysis.figures.map((f) => f.value)).toEqual([plain.value, noted.value])
  })

  it('is not used when a figure cannot be stored, so that storing it says why', () => {
    expect(encodeAnalysis(unchecked(analysis([{ ...plain, value: Number.NaN }])))).toBeNull()
    expect(encodeAnalysis(unchecked(analysis([plain, { ...plain, cell: 'F12' }])))).toBeNull()
  })
})

describe('the checks a read worker leaves to the thread that decodes its reply', () => {
  const pack = FORM.pack
  const unit: Unit = { code: '08001', name: 'Xã Tam Đường', kind: 'xa', dept: null, aliases: [] }
  const ctx = { ...FORM, units: indexUnits([unit]), fileName: 'xa-a.xlsx' }
  const INFO = { unitCode: '08001', period: 'Năm', year: 2025, templateVersion: 'TE-2025.1' }
  const file = (o: FormOptions) => gridToBytes(grid(infoSheet(INFO), formSheet(pack, o)))
  const decoded = (bytes: Uint8Array) => {
    const encoded = encodeAnalysis(analyseBytesUnchecked(bytes, ctx))!
    return decodeAnalysis(structuredClone(encoded, { transfer: transferList(encoded) }), FORM).analysis
  }
  const rules = (a: SubmissionAnalysis) => a.problems.map((p) => `${p.rule}@${p.cell ?? '-'}`)

  it('puts their problems after the reading problems and before S06 and S07, as in one thread', () => {
    const bytes = file({
      values: { 'TE.0101': { total: 'nhiều' }, 'TE.0103': { total: -3, male: 1, female: 1 } },
      // the last row the unit must fill, so that the rows above keep their places
      omit: [requiredRows(pack, unit).at(-1)!],
      extraRows: [[null, 'XX.9999', 'Dòng lạ', null, 7]],
    })
    const back = decoded(bytes)
    expect(rules(back)).toEqual([
      `V01@${addressOf(pack, 'TE.0101', 'total')}`,
      `V03@${addressOf(pack, 'TE.0103', 'total')}`,
      'S06@-',
      expect.stringMatching(/^S07@/),
    ])
    expect(back.problems).toEqual(analyseBytes(bytes, ctx).problems)
  })

  it('works the status out again: a file whose only error a check finds is rejected', () => {
    const bytes = file({ values: { 'TE.0103': { total: 2.5 } } })
    expect(analyseBytesUnchecked(bytes, ctx).analysis.status).toBe('accepted')
    const back = decoded(bytes)
    expect(rules(back)).toEqual([`V03@${addressOf(pack, 'TE.0103', 'total')}`])
    expect(back.status).toBe('rejected')
  })
})
