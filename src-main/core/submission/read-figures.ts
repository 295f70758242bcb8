// Reads every figure cell of the located table: numbers with their conversion notes, and the
// problems of the cells themselves (V01, V02, V13; V04 for a number in a cell that does not apply).
import type { Problem } from '../../shared/problem'
import type { TemplatePack } from '../template/pack'
import { columnApplies } from '../template/pack'
import { readDataCell } from '../numbers/read-number'
import type { ColumnDef } from '../template/pack-schema'
import { columnLetter } from '../workbook/address'
import { cellText, isBlankCell } from '../workbook/grid'
import type { GridCell } from '../workbook/grid'
import type { FileValues, ValueCell } from '../rules/values'
import type { Figure } from './analysis'
import type { LocatedTable } from './locate-table'

export type ReadFigures = Readonly<{ figures: Figure[]; values: FileValues; problems: Problem[] }>

function rawText(cell: GridCell): string {
  if (cell.kind === 'number') return cell.formatted ?? String(cell.value)
  return cellText(cell)
}

function placeOf(sheet: string, cell: string, indicator: string, column: string) {
  return { sheet, cell, indicator, column }
}

export function readFigures(pack: TemplatePack, table: LocatedTable): ReadFigures {
  const figures: Figure[] = []
  const problems: Problem[] = []
  const values = new Map<string, Map<string, ValueCell>>()
  const sheet = table.sheet
  const columns: Array<{ col: ColumnDef; c: number; letter: string }> = []
  for (const col of pack.columns) {
    if (col.role !== 'prev' && col.role !== 'data' && col.role !== 'compare') continue
    const c = table.columns.get(col.key)
    if (c !== undefined) columns.push({ col, c, letter: columnLetter(c) })
  }
  for (const { row, indicator: ind } of table.rows.values()) {
    const cells = sheet.rows[row]
    if (!cells) continue
    for (const { col, c, letter } of columns) {
      const cell = cells[c]
      if (isBlankCell(cell) && !(cell?.kind === 'blank' && cell.formula)) continue
      const address = `${letter}${row + 1}`
      const header = col.header[col.header.length - 1] as string
      if (!columnApplies(pack, ind, col.key)) {
        const reading = readDataCell(cell, 'count')
        if (reading.status === 'number' && reading.value !== 0)
          problems.push({
            rule: 'V04',
            severity: 'error',
            ...placeOf(sheet.name, address, ind.code, col.key),
            value: reading.value,
            message: {
              vi: `Ô ${header} không áp dụng cho chỉ tiêu này (ô tô xám) nhưng có số ${reading.value}`,
              en: `The ${col.nameEn ?? col.key} cell does not apply to this row (greyed) but holds ${reading.value}`,
            },
          })
        continue
      }
      const kind = col.role === 'compare' ? 'rate' : ind.kind
      const reading = readDataCell(cell, kind === 'section' ? 'count' : kind)
      if (reading.status === 'blank') continue
      const raw = cell ? rawText(cell) : ''
      if (reading.status === 'invalid') {
        // So sánh cùng kỳ is recomputed by the merge; the spec checks it with W05 only.
        if (col.role === 'compare') continue
        problems.push({
          rule: reading.rule,
          severity: 'error',
          ...placeOf(sheet.name, address, ind.code, col.key),
          value: cell && cell.kind !== 'blank' ? (cell.value as string | number | boolean) : raw,
          message: {
            vi: `${header}: ${reading.reason.vi}`,
            en: `${col.nameEn ?? col.key}: ${reading.reason.en}`,
          },
        })
        continue
      }
      const figure: Figure = {
        indicator: ind.code,
        column: col.key,
        value: reading.value,
        sheet: sheet.name,
        cell: address,
        raw,
        notes: reading.notes,
      }
      figures.push(figure)
      let row_ = values.get(ind.code)
      if (!row_) values.set(ind.code, (row_ = new Map()))
      // a figure holds the value, cell and raw text the rules read
      row_.set(col.key, figure)
    }
  }
  return { figures, values, problems }
}
