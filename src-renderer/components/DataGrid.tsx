// The one way screens show tables: ag-grid with the shared theme and, in Vietnamese, Vietnamese
// grid texts. ag-grid virtualises rows, so thousands of problems scroll smoothly. Ctrl+C copies the
// selected rows (or the focused one) as a table that Excel pastes into columns.
import { AgGridReact } from 'ag-grid-react'
import type { AgGridReactProps } from 'ag-grid-react'
import type { CellKeyDownEvent } from 'ag-grid-community'
import type { Ref } from 'react'
import { useI18n } from '../i18n'
import { copyText, gridTableText } from './grid-copy'
import { gridTheme, VI_GRID_TEXT } from './grid-setup'

export type DataGridProps<T> = AgGridReactProps<T> & { gridRef?: Ref<AgGridReact<T>>; testId?: string }

export function DataGrid<T>({ gridRef, testId, onCellKeyDown, ...props }: DataGridProps<T>) {
  const { lang } = useI18n()
  const keyDown = (e: CellKeyDownEvent<T>) => {
    const k = e.event as KeyboardEvent | null | undefined
    // a text selected in a cell is copied by the browser itself
    if (k && (k.ctrlKey || k.metaKey) && k.key.toLowerCase() === 'c' && !window.getSelection()?.toString()) {
      const text = gridTableText(e.api)
      if (text) {
        k.preventDefault()
        void copyText(text)
      }
    }
    onCellKeyDown?.(e)
  }
  return (
    <div className="grid-host" data-testid={testId}>
      <AgGridReact<T>
        // the grid's own words are read once when it is made: made again in the other language
        key={lang}
        ref={gridRef}
        theme={gridTheme}
        localeText={lang === 'vi' ? VI_GRID_TEXT : undefined}
        animateRows={false}
        suppressCellFocus={false}
        enableCellTextSelection
        onCellKeyDown={keyDown}
        {...props}
      />
    </div>
  )
}
