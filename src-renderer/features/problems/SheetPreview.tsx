// A unit's sheet as it was received, read-only, with the cell of the selected problem highlighted
// and scrolled into view, so the validator sees the value in its context.
import { useEffect, useMemo, useRef, useState } from 'react'
import type { AgGridReact } from 'ag-grid-react'
import type { ColDef } from 'ag-grid-community'
import { parseA1, columnLetter } from '../../components/a1'
import { DataGrid } from '../../components/DataGrid'
import { ErrorBox } from '../../components/ErrorBox'
import { useApiQuery } from '../../components/use-api'
import { useI18n } from '../../i18n'

type SheetRow = { __row: number; cells: ReadonlyArray<string | null> }

export function SheetPreview({
  submissionId,
  sheet,
  cell,
}: {
  submissionId: number
  sheet: string | null
  cell: string | null
}) {
  const { t } = useI18n()
  const [chosen, setChosen] = useState<string | null>(sheet)
  useEffect(() => setChosen(sheet), [sheet, submissionId])
  const view = useApiQuery('submission.sheet', chosen ? { submissionId, sheet: chosen } : { submissionId })
  const gridRef = useRef<AgGridReact<SheetRow>>(null)
  const target = chosen === sheet || !sheet ? parseA1(cell) : null
  const data = view.data

  const rows = useMemo<SheetRow[]>(
    () => (data ? data.rows.map((cells, i) => ({ __row: i, cells })) : []),
    [data],
  )
  const width = useMemo(() => Math.max(1, ...(data?.rows.map((r) => r.length) ?? [1])), [data])
  const columns = useMemo<ColDef<SheetRow>[]>(() => {
    const cols: ColDef<SheetRow>[] = [
      {
        headerName: '',
        colId: '__row',
        valueGetter: (p) => (p.data ? p.data.__row + 1 : ''),
        width: 52,
        pinned: 'left',
        cellClass: 'sheet-rownum',
      },
    ]
    for (let c = 0; c < width; c++) {
      cols.push({
        headerName: columnLetter(c),
        colId: `c${c}`,
        valueGetter: (p) => p.data?.cells[c] ?? '',
        width: c === 2 ? 320 : 96,
        cellClassRules: {
          'sheet-target': (p) => !!target && p.data?.__row === target.r && c === target.c,
          'sheet-target-row': (p) => !!target && p.data?.__row === target.r && c !== target.c,
        },
      })
    }
    return cols
  }, [width, target])

  useEffect(() => {
    const api = gridRef.current?.api
    if (!api || !target || rows.length === 0) return
    const id = setTimeout(() => {
      api.ensureIndexVisible(Math.min(target.r, rows.length - 1), 'middle')
      api.ensureColumnVisible(`c${target.c}`, 'auto')
    }, 50)
    return () => clearTimeout(id)
  }, [rows, target])

  return (
    <div className="sheet-preview" data-testid="sheet-preview">
      <div className="toolbar">
        <strong className="toolbar-title">{t('sheetAsReceived', { file: data?.fileName ?? '' })}</strong>
        {cell && <span className="badge sev-error">{`${sheet ?? ''}!${cell}`}</span>}
        <span className="spacer" />
        <div className="tabs">
          {data?.sheets.map((s) => (
            <button
              key={s}
              type="button"
              className={`tab${s === data.sheet ? ' on' : ''}`}
              onClick={() => setChosen(s)}
            >
              {s}
            </button>
          ))}
        </div>
      </div>
      {view.error && <ErrorBox error={view.error} onRetry={view.reload} />}
      <DataGrid<SheetRow>
        gridRef={gridRef}
        rowData={rows}
        columnDefs={columns}
        defaultColDef={{ sortable: false, filter: false, resizable: true, suppressMovable: true }}
        rowHeight={24}
        headerHeight={26}
      />
    </div>
  )
}
