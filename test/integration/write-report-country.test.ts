// The report at the scale of a country (2,000 units, 80,000 source rows): the size is what this
// checks (the sources list is written in chunks, the shared strings split by sheet), so it is slow
// and lives here rather than with the writer's unit tests (test/unit/write-report.test.ts).
import * as XLSX from '@e965/xlsx'
import ExcelJS from 'exceljs'
import { unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { numberFormatOf } from '../../src-main/core/output/form-sheet'
import {
  CHECKS_SHEET,
  DETAIL_SHEET,
  SOURCES_SHEET,
  verifyReport,
  writeReport,
} from '../../src-main/core/output/write-report'
import { TERRITORIAL } from '../../src-main/core/template/pack'
import { keepOnlySheet } from '../../src-main/core/output/append-rows'
import { readXlsxFastDetailed } from '../../src-main/core/workbook/read-xlsx-fast'
import { DEFAULT_READ_LIMITS } from '../../src-main/core/workbook/read-workbook'
import { loadTestPack } from '../helpers/load-test-pack'
import { HOSTILE_FILE, sampleConsolidation, sampleHeader, sampleUnits } from '../helpers/output-fixtures'

const pack = loadTestPack()

describe('writeReport at the scale of a country', () => {
  it('writes every source row of 2,000 units, styled like the first, strings never formulas', async () => {
    const base = sampleConsolidation(pack)
    const rows = pack.indicators
      .filter((i) => i.kind === 'count' && (i.owner ?? TERRITORIAL) === TERRITORIAL)
      .slice(0, 40)
    const unitCodes = Array.from({ length: 2000 }, (_, i) => `9${String(i).padStart(4, '0')}`)
    const contributions = unitCodes.flatMap((unit, k) =>
      rows.map((ind) => ({
        indicator: ind.code,
        column: 'total',
        unit,
        value: k,
        fileName: k === 1999 ? HOSTILE_FILE : `${unit}.xlsx`,
        version: 1,
        sheet: 'Bieu 01',
        cell: 'F11',
        raw: String(k),
        notes: [],
      })),
    )
    const big = {
      ...base,
      contributions,
      units: unitCodes.map((unit, k) => ({
        unit,
        fileName: `${unit}.xlsx`,
        version: 1,
        figures: Object.fromEntries(rows.map((r) => [r.code, { total: k }])),
        sources: contributions.slice(k * rows.length, (k + 1) * rows.length),
        acceptedWithReason: null,
      })),
    }
    const bigUnits = unitCodes.map((code) => ({
      code,
      name: `Xã ${code}`,
      kind: 'xa' as const,
      dept: null,
      aliases: [],
    }))
    const bytes = await writeReport({
      pack,
      consolidation: big,
      units: [...sampleUnits(), ...bigUnits],
      header: sampleHeader(),
    })
    expect(verifyReport(bytes, pack, big)).toEqual([])
    // the figures sheet alone, with only the shared strings it uses, reads as in the whole report
    const figuresSheet = pack.layout.sheets.figures
    const alone = keepOnlySheet(bytes, figuresSheet)
    const read = (b: Uint8Array) =>
      XLSX.utils.sheet_to_json(
        XLSX.read(b, { type: 'array', sheets: [figuresSheet] }).Sheets[figuresSheet]!,
        {
          header: 1,
          raw: true,
        },
      )
    expect(read(alone)).toEqual(read(bytes))
    // it lists that sheet alone, so that the fast reader reads it (the report's re-check)
    const fast = readXlsxFastDetailed(alone, 'xlsx', DEFAULT_READ_LIMITS)
    expect('grid' in fast ? fast.grid.sheets.map((s) => s.name) : fast.fallback).toEqual([figuresSheet])
    const sstOf = (b: Uint8Array) =>
      unzipSync(b, { filter: (f) => f.name === 'xl/sharedStrings.xml' })['xl/sharedStrings.xml']!
    expect(sstOf(alone).length * 20).toBeLessThan(sstOf(bytes).length)
    // the checks sheet, whose texts come after the sources list's, takes the shared strings to its last
    const checksAlone = keepOnlySheet(bytes, CHECKS_SHEET)
    const checksOf = (b: Uint8Array) =>
      XLSX.utils.sheet_to_json(
        XLSX.read(b, { type: 'array', sheets: [CHECKS_SHEET] }).Sheets[CHECKS_SHEET]!,
        {
          header: 1,
        },
      )
    expect(checksOf(checksAlone)).toEqual(checksOf(bytes))
    expect(sstOf(checksAlone).length * 1.05).toBeGreaterThan(sstOf(bytes).length)
    const wb = XLSX.read(bytes, { type: 'array', sheets: [SOURCES_SHEET, DETAIL_SHEET] })
    const src = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[SOURCES_SHEET]!, { header: 1, raw: true })
    expect(src.slice(3)).toHaveLength(2000 * rows.length)
    const last = src.at(-1)!
    expect(last[0]).toBe(2000 * rows.length)
    expect(last[5]).toBe(HOSTILE_FILE)
    const lastCell = wb.Sheets[SOURCES_SHEET]![`F${src.length}`] as XLSX.CellObject
    expect(lastCell.t).toBe('s')
    expect(lastCell.f).toBeUndefined()
    expect(wb.Sheets[SOURCES_SHEET]!['!autofilter']?.ref).toBe(`A3:N${src.length}`)
    const detail = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[DETAIL_SHEET]!, { header: 1, raw: true })
    const row = detail.find((r) => r[1] === rows[0]!.code)!
    expect(row[5 + 1999]).toBe(1999)
    // every unit names its column, in the list's order, the last as the first
    const header = detail[2]!
    expect(header.slice(5, 5 + 2000)).toEqual(unitCodes.map((code) => `Xã ${code} (${code})`))
    expect(header[5 + 2000]).toBe('Toàn tỉnh')
    // every unit's cell of every row has its row's kind's format, the last unit's as the first's
    const formats = XLSX.read(bytes, {
      type: 'array',
      sheets: [DETAIL_SHEET],
      cellNF: true,
      cellStyles: true,
    }).Sheets[DETAIL_SHEET]!
    const lastUnit = XLSX.utils.encode_col(5 + 1999)
    expect((formats[`${lastUnit}3`] as XLSX.CellObject).s).toEqual((formats['F3'] as XLSX.CellObject).s)
    pack.indicators.forEach((ind, i) => {
      const first = formats[`F${4 + i}`] as XLSX.CellObject | undefined
      const last = formats[`${lastUnit}${4 + i}`] as XLSX.CellObject | undefined
      expect(last?.s, ind.code).toEqual(first?.s)
      if (ind.kind !== 'section') expect(last?.z ?? 'General', ind.code).toBe(numberFormatOf(ind.kind))
    })
    const ej = new ExcelJS.Workbook()
    await ej.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer)
    const ws = ej.getWorksheet(SOURCES_SHEET)!
    expect(ws.getCell(src.length, 2).font?.name).toBe('Times New Roman')
  }, 240_000)
})
