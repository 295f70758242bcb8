import { describe, expect, it } from 'vitest'
import type { SubmissionAnalysis } from '../../src-main/core/submission/analysis'
import {
  decodeAnalysis,
  encodeAnalysis,
  transferList,
} from '../../src-main/services/read-pool/encoded-analysis'

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
    const encoded = encodeAnalysis(a)
    expect(encoded?.figures.count).toBe(2)
    const back = decodeAnalysis(structuredClone(encoded!)).analysis
    expect(back).toEqual(a)
    expect(JSON.stringify(back)).toBe(JSON.stringify(a))
  })

  it('gives the figures in stored order (by indicator, then column) and builds them once', () => {
    const back = decodeAnalysis(encodeAnalysis(analysis([noted, plain]))!).analysis
    expect(back.figures.map((f) => `${f.indicator}/${f.column}`)).toEqual(['TE.0101/total', 'TE.0102/male'])
    expect(back.figures).toBe(back.figures)
  })

  it('handles a file without figures', () => {
    const a = analysis([])
    expect(decodeAnalysis(encodeAnalysis(a)!).analysis).toEqual(a)
  })

  it('hands its figures over as bytes that the message can move, with their stored text', () => {
    const encoded = encodeAnalysis(analysis([plain, noted]))!
    const moved = structuredClone(encoded, { transfer: transferList(encoded) })
    expect(encoded.figures.bytes.byteLength).toBe(0)
    const back = decodeAnalysis(moved)
    expect(back.figures.count).toBe(2)
    expect(JSON.parse(back.figures.json)).toHaveLength(2)
    expect(back.analysis.figures.map((f) => f.value)).toEqual([plain.value, noted.value])
  })

  it('is not used when a figure cannot be stored, so that storing it says why', () => {
    expect(encodeAnalysis(analysis([{ ...plain, value: Number.NaN }]))).toBeNull()
    expect(encodeAnalysis(analysis([plain, { ...plain, cell: 'F12' }]))).toBeNull()
  })
})
