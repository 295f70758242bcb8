// Copying grid rows as a table: the selected rows (else the focused one) with the column headers as
// shown, one line per row, cells separated by tabs, so that Excel pastes them into columns.
import type { GridApi, IRowNode } from 'ag-grid-community'

/** A cell's text for a tab-separated line: no tab or line break inside it. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return ''
  return String(v).replace(/[\t\r\n]+/g, ' ')
}

/** The rows to copy: the selected ones in display order, else the focused row. */
function rowsToCopy<T>(api: GridApi<T>): IRowNode<T>[] {
  const selected: IRowNode<T>[] = []
  api.forEachNodeAfterFilterAndSort((n) => {
    if (n.isSelected()) selected.push(n)
  })
  if (selected.length > 0) return selected
  const focused = api.getFocusedCell()
  const node = focused ? api.getDisplayedRowAtIndex(focused.rowIndex) : undefined
  return node ? [node] : []
}

/** The table text of the rows to copy, headers first; empty when there is no row. */
export function gridTableText<T>(api: GridApi<T>): string {
  const rows = rowsToCopy(api)
  if (rows.length === 0) return ''
  const columns = api.getAllDisplayedColumns()
  const header = columns.map((c) => cellText(api.getDisplayNameForColumn(c, 'header')))
  const lines = rows.map((n) =>
    columns.map((c) => cellText(api.getCellValue({ rowNode: n, colKey: c, useFormatter: true }))).join('\t'),
  )
  return [header.join('\t'), ...lines].join('\r\n') + '\r\n'
}

/** Puts text on the clipboard (the async API, else the older command the desktop window allows). */
export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text)
    return
  } catch {
    const area = document.createElement('textarea')
    area.value = text
    area.style.position = 'fixed'
    area.style.opacity = '0'
    document.body.appendChild(area)
    area.select()
    document.execCommand('copy')
    area.remove()
  }
}
