// Reads the `Thong tin` sheet (label in one column, value to its right), wherever it was moved or
// however it was renamed: it is the sheet whose first columns hold the most of the pack's labels.
import type { TemplatePack } from '../template/pack'
import type { Grid, GridCell, GridSheet } from '../workbook/grid'
import { cellAt, isBlankCell } from '../workbook/grid'
import { a1 } from '../workbook/address'
import { foldLabel } from '../text/normalize'
import { derivedFromPack } from '../template/pack-derived'
import { foldedLabelAt, labelRuledOutAt, textAt } from './sheet-text'

export type InfoValue = Readonly<{ text: string; cell: GridCell; sheet: string; address: string }>

export type InfoSheet = Readonly<{ sheet: string; values: ReadonlyMap<string, InfoValue> }>

// The pack's labels folded, with their keys: once per pack.
const infoLabels = derivedFromPack((pack) => {
  const labels: ReadonlyMap<string, string> = new Map(
    pack.layout.info.map((i) => [foldLabel(i.label), i.key]),
  )
  return { labels, labelList: [...labels.keys()] }
})

export function readInfoSheet(grid: Grid, pack: TemplatePack): InfoSheet | null {
  const { labels, labelList } = infoLabels(pack)
  let best: { sheet: GridSheet; values: Map<string, InfoValue> } | null = null
  for (const sheet of grid.sheets) {
    const values = new Map<string, InfoValue>()
    const rows = Math.min(sheet.rows.length, 40)
    for (let r = 0; r < rows; r++) {
      const w = Math.min(sheet.rows[r]?.length ?? 0, 6)
      for (let c = 0; c < w; c++) {
        // most rows of other sheets start with a text no label starts with: no need to fold it
        if (labelRuledOutAt(sheet, r, c, labelList)) break
        const label = foldedLabelAt(sheet, r, c).replace(/:$/, '')
        if (label === '') continue
        const key = labels.get(label)
        // The first text of a row is its label; what follows is its value (`Năm` can be both).
        if (!key || values.has(key)) break
        for (let v = c + 1; v < Math.min(c + 4, w + 1); v++) {
          const cell = cellAt(sheet, r, v)
          if (cell && !isBlankCell(cell)) {
            values.set(key, { text: textAt(sheet, r, v).trim(), cell, sheet: sheet.name, address: a1(r, v) })
            break
          }
        }
        if (!values.has(key))
          values.set(key, {
            text: '',
            cell: { kind: 'blank', value: null },
            sheet: sheet.name,
            address: a1(r, c + 1),
          })
        break
      }
    }
    const filled = [...values.values()].filter((v) => v.text !== '').length
    if (filled >= 2 && (!best || filled > [...best.values.values()].filter((v) => v.text !== '').length))
      best = { sheet, values }
  }
  return best ? { sheet: best.sheet.name, values: best.values } : null
}
