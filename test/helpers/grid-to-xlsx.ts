// Writes a test Grid as real workbook bytes with SheetJS, so that integration tests can feed the
// CLI files whose every cell they chose.
import * as XLSX from '@e965/xlsx'
import type { Grid } from '../../src-main/core/workbook/grid'

export function gridToBytes(grid: Grid, bookType: 'xlsx' | 'xls' | 'ods' = 'xlsx'): Uint8Array {
  const wb = XLSX.utils.book_new()
  for (const sheet of grid.sheets) {
    const aoa = sheet.rows.map((r) =>
      (r ?? []).map((c) => {
        if (!c || c.value === null) return null
        if (c.kind === 'error') return { t: 'e', v: 0x17 }
        return c.value
      }),
    )
    const ws = XLSX.utils.aoa_to_sheet(aoa)
    ws['!merges'] = sheet.merges.map((m) => ({ s: { r: m.r1, c: m.c1 }, e: { r: m.r2, c: m.c2 } }))
    XLSX.utils.book_append_sheet(wb, ws, sheet.name)
    if (sheet.hidden) {
      wb.Workbook ??= { Sheets: [] }
      wb.Workbook.Sheets ??= []
      wb.Workbook.Sheets[wb.SheetNames.length - 1] = { Hidden: 1 }
    }
  }
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType }) as ArrayBuffer)
}
