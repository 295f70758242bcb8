// The one way screens show tables: ag-grid with the shared theme and, in Vietnamese, Vietnamese
// grid texts. ag-grid virtualises rows, so thousands of problems scroll smoothly.
import { AgGridReact } from 'ag-grid-react'
import type { AgGridReactProps } from 'ag-grid-react'
import type { Ref } from 'react'
import { useI18n } from '../i18n'
import { gridTheme, VI_GRID_TEXT } from './grid-setup'

export type DataGridProps<T> = AgGridReactProps<T> & { gridRef?: Ref<AgGridReact<T>>; testId?: string }

export function DataGrid<T>({ gridRef, testId, ...props }: DataGridProps<T>) {
  const { lang } = useI18n()
  return (
    <div className="grid-host" data-testid={testId}>
      <AgGridReact<T>
        ref={gridRef}
        theme={gridTheme}
        localeText={lang === 'vi' ? VI_GRID_TEXT : undefined}
        animateRows={false}
        suppressCellFocus={false}
        enableCellTextSelection
        {...props}
      />
    </div>
  )
}
