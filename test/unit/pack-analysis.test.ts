import { describe, expect, it } from 'vitest'
import type { SubmissionAnalysis } from '../../src-main/core/submission/analysis'
import { packAnalysis, unpackAnalysis } from '../../src-main/services/read-pool/pack-analysis'

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

describe('an analysis sent between threads in its packed form', () => {
  it('comes back equal, key order, -0 and notes included, through a structured clone', () => {
    const a = analysis([
      {
        indicator: 'TE.0101',
        column: 'total',
        value: 12,
        sheet: 'Biểu 01',
        cell: 'F11',
        raw: '12',
        notes: [],
      },
      {
        indicator: 'TE.0102',
        column: 'male',
        value: -0,
        sheet: 'Biểu 01',
        cell: 'G12',
        raw: '',
        notes: [{ code: 'N01', text: { vi: 'số có dấu chấm', en: 'dotted number' } }],
      },
    ])
    const packed = packAnalysis(a)
    expect(packed).not.toBeNull()
    const back = unpackAnalysis(structuredClone(packed!))
    expect(back).toEqual(a)
    expect(Object.is(back.figures[1]!.value, -0)).toBe(true)
    expect(JSON.stringify(back)).toBe(JSON.stringify(a))
  })

  it('handles a file without figures', () => {
    const a = analysis([])
    expect(unpackAnalysis(packAnalysis(a)!)).toEqual(a)
  })

  it('is not used when a text holds the separator', () => {
    const a = analysis([
      {
        indicator: 'TE.0101',
        column: 'total',
        value: 1,
        sheet: 'S',
        cell: 'F11',
        raw: 'a\u0000b',
        notes: [],
      },
    ])
    expect(packAnalysis(a)).toBeNull()
  })
})
