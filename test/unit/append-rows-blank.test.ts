// Appended rows copy the styles of a row ExcelJS wrote: a blank value in a styled column is a styled
// blank cell, one in a column without a style is no cell at all, and the cells around it keep their
// references and values.
import ExcelJS from 'exceljs'
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { appendRows, type AppendedRow } from '../../src-main/core/output/append-rows'
import { newWorkbook, toBytes } from '../../src-main/core/output/excel-util'

/** A list sheet whose row 2 has its first and third columns styled, its second and fourth not. */
async function workbook(): Promise<Uint8Array> {
  const wb = newWorkbook()
  const ws = wb.addWorksheet('List')
  ws.getCell(2, 1).value = 1
  ws.getCell(2, 1).font = { bold: true }
  ws.getCell(2, 2).value = 'plain'
  ws.getCell(2, 3).numFmt = '#,##0'
  ws.getCell(2, 4).value = 'plain too'
  return toBytes(wb)
}

/** Each appended row's cells as `ref:style` (`s` styled, `-` not), from the sheet's XML. */
function cells(bytes: Uint8Array): string[][] {
  const xml = strFromU8(unzipSync(bytes)['xl/worksheets/sheet1.xml']!)
  const rows = [...xml.matchAll(/<row r="(\d+)"[^>]*>(.*?)<\/row>/g)].filter((m) => Number(m[1]) > 2)
  return rows.map((m) =>
    [...m[2]!.matchAll(/<c r="([A-Z]+\d+)"( s="\d+")?/g)].map((c) => `${c[1]}:${c[2] ? 's' : '-'}`),
  )
}

describe('appended rows with blank values', () => {
  it('writes a styled blank cell, leaves an unstyled blank one out, and keeps the others in place', async () => {
    const rows: AppendedRow[] = [
      { values: [5, null, 6, 'x'], styleFrom: 2 },
      { values: ['', 'y', null, undefined], styleFrom: 2, height: 30 },
      { values: [null, '', Number.NaN, null], styleFrom: 2 },
      { values: [7], styleFrom: 2, number: 1 },
    ]
    const bytes = await appendRows(await workbook(), [
      { sheetName: 'List', rows: { length: rows.length, at: (i) => rows[i] } },
    ])
    expect(cells(bytes)).toEqual([
      ['A3:s', 'C3:s', 'D3:-'],
      ['A4:s', 'B4:-', 'C4:s'],
      ['A5:s', 'C5:s'],
      ['A6:s', 'B6:-', 'C6:s'],
    ])
    // read back, the texts and numbers are where they were given
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer)
    const ws = wb.getWorksheet('List')!
    expect([3, 4, 5, 6].map((r) => (ws.getRow(r).values as unknown[]).slice(1))).toEqual([
      [5, undefined, 6, 'x'],
      [undefined, 'y'],
      [],
      [1, 7],
    ])
    expect(ws.getRow(4).height).toBe(30)
    expect(ws.getCell('C3').numFmt).toBe('#,##0')
  })
})
