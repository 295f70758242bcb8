import { describe, expect, it } from 'vitest'
import { encodeFigures, parseFiguresJson } from '../../src-main/db/figures-json'
import { scanContributions, TextTable } from '../../src-main/db/scan-figures'
import type { Figure } from '../../src-main/core/submission/analysis'

const source = { unit: '08001', fileName: 'a.xlsx', version: 2 }
const figure = (column: string, value: number, raw = String(value)): Figure => ({
  indicator: 'TE.0101',
  column,
  value,
  sheet: 'Biểu 01 - Trẻ em có hoàn cảnh đặc biệt',
  cell: 'F11',
  raw,
  notes: [],
})

/** What JSON.parse gives for the same text, in the same shape. */
function parsed(json: string): unknown[] {
  return parseFiguresJson(json)!.map((r) => ({
    indicator: r[0],
    column: r[1],
    unit: source.unit,
    value: r[2],
    fileName: source.fileName,
    version: source.version,
    sheet: r[3],
    cell: r[4],
    raw: r[5],
    notes: r[6] ?? [],
  }))
}

describe('scanContributions', () => {
  it('reads what encodeFigures writes as JSON.parse does, each text stored once', () => {
    const values = [0, -0, 3138, 105.1, -2.5, 1e-7, 1e21, 2 ** 60 + 2 ** 8, 0.1 + 0.2]
    const e = encodeFigures(values.map((v, i) => figure(`c${i}`, v, i % 2 ? 'raw' : String(v))))
    if (!e.ok) throw new Error(e.error)
    const texts = new TextTable()
    const scanned = scanContributions(e.json, source, texts)!
    expect(scanned).toEqual(parsed(e.json))
    // the same numbers to the bit (−0 is stored as 0)
    const numbers = parseFiguresJson(e.json)!.map((r) => r[2])
    scanned.forEach((f, i) => expect(Object.is(f.value, numbers[i]), String(values[i])).toBe(true))
    const again = scanContributions(e.json, source, texts)!
    expect(again[0]!.sheet).toBe(scanned[0]!.sheet)
    expect(texts.text(scanned[3]!.raw)).toBe(scanned[3]!.raw)
    expect(scanContributions('[]', source, texts)).toEqual([])
  })

  it('reads each text of a batch right when it starts like the text at the same place before', () => {
    const texts = new TextTable()
    const file = (indicator: string, sheet: string, cells: string[]): string => {
      const e = encodeFigures(cells.map((cell, i) => ({ ...figure(`c${i}`, i + 1), indicator, sheet, cell })))
      if (!e.ok) throw new Error(e.error)
      return e.json
    }
    const batch = [
      file('TE.01', 'Biểu 01', ['F11', 'G11', 'H11']),
      file('TE.01', 'Biểu 01', ['F11', 'G11', 'H11']),
      file('TE.0101', 'Biểu 01 (sửa)', ['F1', 'G111', 'H11']),
      file('TE.01', 'Biểu', ['F11', 'G11']),
      file('TE.01', 'Biểu 01', ['F11', 'G11', 'H11', 'I11']),
    ]
    for (const json of batch) expect(scanContributions(json, source, texts)).toEqual(parsed(json))
  })

  it('leaves notes, escapes and anything JSON.parse would refuse to JSON.parse', () => {
    const texts = new TextTable()
    for (const json of [
      '[["a","b",3,"s","c","r",[{"x":1}]]]',
      '[["a\\"","b",1,"s","c","r"]]',
      '[["a","b",01,"s","c","r"]]',
      '[["a","b",1.,"s","c","r"]]',
      '[["a","b",1,"s","c","r"],]',
      '[["a","b",1,"s","c","r"]] ',
      '[["a","b","1","s","c","r"]]',
      '[["a","b",1,"s","c"]]',
      '[["a","b",1,"s","c","r"]',
      '',
    ])
      expect(scanContributions(json, source, texts), json).toBeNull()
  })

  it('keeps its table right as it grows', () => {
    const texts = new TextTable()
    const words = Array.from({ length: 5000 }, (_, i) => `text number ${i}`)
    const first = words.map((w) => texts.text(w))
    expect(words.map((w) => texts.text(`${w}`))).toEqual(first)
    first.forEach((w, i) => expect(texts.text(words[i]!.slice(0))).toBe(w))
  })
})
