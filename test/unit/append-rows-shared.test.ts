// Rows that share texts (a unit's code, name and file on each of its rows of the sources list) have
// those texts numbered once per workbook: the same rows appended to two workbooks whose own texts
// differ in number must show the same texts in both.
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { appendRows, SharedTexts, type AppendedRow } from '../../src-main/core/output/append-rows'
import { newWorkbook, toBytes } from '../../src-main/core/output/excel-util'

/** A workbook whose list sheet has `ownTexts` texts of its own before the rows are appended. */
async function workbook(ownTexts: number): Promise<Uint8Array> {
  const wb = newWorkbook()
  const ws = wb.addWorksheet('List')
  for (let i = 0; i < ownTexts; i++) ws.getCell(1, i + 1).value = `own ${i}`
  ws.getCell(2, 1).value = 'first row'
  return toBytes(wb)
}

async function texts(bytes: Uint8Array): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer)
  const out: unknown[][] = []
  wb.getWorksheet('List')!.eachRow((row, r) => {
    if (r > 2) out.push((row.values as unknown[]).slice(1))
  })
  return out
}

describe('appended rows with shared texts', () => {
  it('shows the shared texts in every workbook the rows are appended to', async () => {
    const a = new SharedTexts([undefined, 'Xã A', 'a.xlsx'])
    const b = new SharedTexts([undefined, 'Xã B', 'b.xlsx'])
    const rows: AppendedRow[] = []
    for (const code of ['TE.01', 'TE.02', 'TE.03'])
      for (const [shared, name, file] of [
        [a, 'Xã A', 'a.xlsx'],
        [b, 'Xã B', 'b.xlsx'],
      ] as const)
        rows.push({ values: [code, name, file, 7], styleFrom: 2, shared })
    // a row whose value differs from its shared text is written as it is
    rows.push({ values: ['TE.04', 'Xã A', 'other.xlsx', 8], styleFrom: 2, shared: a })
    const expected = rows.map((r) => r.values)
    const append = [{ sheetName: 'List', rows: { length: rows.length, at: (i: number) => rows[i] } }]
    const first = await texts(await appendRows(await workbook(0), append))
    const second = await texts(await appendRows(await workbook(5), append))
    expect(first).toEqual(expected)
    expect(second).toEqual(expected)
  })
})
