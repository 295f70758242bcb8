// The texts of the header block above the figures table, where a unit writes its name, the title
// with the period, and the date.
import type { GridSheet } from '../workbook/grid'
import { a1 } from '../workbook/address'
import { textAt } from './sheet-text'
import type { HeaderText } from './read-period'

export function headerBlockTexts(sheet: GridSheet, untilRow: number): HeaderText[] {
  const out: HeaderText[] = []
  const rows = Math.min(untilRow, sheet.rows.length, 30)
  for (let r = 0; r < rows; r++) {
    const w = Math.min(sheet.rows[r]?.length ?? 0, 40)
    for (let c = 0; c < w; c++) {
      const text = textAt(sheet, r, c).trim()
      if (text !== '') out.push({ text, sheet: sheet.name, cell: a1(r, c) })
    }
  }
  return out
}
