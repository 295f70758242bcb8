// Step 2: one row per expected unit with its state for the season, when its file came and the report
// date it declares, how many files, its errors and warnings and the days to (or past) the deadline;
// filter by state or by all that are still missing; export who to chase.
import { useMemo, useState } from 'react'
import type { ColDef, ICellRendererParams } from 'ag-grid-community'
import type { ExportResult, StatusRow } from '../../../src-main/shared/api-types'
import type { UnitState } from '../../../src-main/shared/unit-state'
import { MISSING_STATES, UNIT_STATE_LABELS, UNIT_STATES } from '../../../src-main/shared/unit-state'
import { api, errorText } from '../../api/client'
import { DataGrid } from '../../components/DataGrid'
import { ErrorBox } from '../../components/ErrorBox'
import { askSavePath, ExportedFiles } from '../../components/exported'
import { useNotify } from '../../components/notify'
import { StateBadge } from '../../components/StateBadge'
import { useApiQuery } from '../../components/use-api'
import { SearchBox } from '../../components/SearchBox'
import { useI18n } from '../../i18n'
import { formatDate } from '../../components/dates'

export function StatusScreen({ period }: { period: string }) {
  const { t, loc } = useI18n()
  const notify = useNotify()
  const status = useApiQuery('status.list', { period })
  const [filter, setFilter] = useState<UnitState | 'all' | 'missing'>('all')
  const [quick, setQuick] = useState('')
  const [exported, setExported] = useState<ExportResult | null>(null)

  const rows = useMemo(() => status.data ?? [], [status.data])
  const counts = useMemo(() => {
    const c: Record<string, number> = {}
    for (const r of rows) c[r.state] = (c[r.state] ?? 0) + 1
    return c
  }, [rows])
  const shown = useMemo(
    () =>
      filter === 'all'
        ? [...rows]
        : filter === 'missing'
          ? rows.filter((r) => MISSING_STATES.includes(r.state))
          : rows.filter((r) => r.state === filter),
    [rows, filter],
  )
  const missingCount = rows.filter((r) => MISSING_STATES.includes(r.state)).length
  const acceptedCount = rows.length - missingCount

  const columns = useMemo<ColDef<StatusRow>[]>(
    () => [
      { field: 'unit', headerName: t('colUnitCode'), width: 95, pinned: 'left' },
      { field: 'name', headerName: t('colUnit'), flex: 2, minWidth: 200, pinned: 'left' },
      {
        field: 'state',
        headerName: t('colState'),
        width: 170,
        cellRenderer: (p: ICellRendererParams<StatusRow, UnitState>) =>
          p.value ? <StateBadge state={p.value} /> : null,
        tooltipValueGetter: (p) =>
          p.data?.rejectedBy
            ? t(p.data.rejectedBy === 'validator' ? 'rejectedByValidator' : 'rejectedByRule')
            : null,
        filterValueGetter: (p) => (p.data ? loc(UNIT_STATE_LABELS[p.data.state]) : ''),
      },
      {
        field: 'received',
        headerName: t('colReceived'),
        width: 110,
        valueFormatter: (p) => formatDate(p.value as string | null),
      },
      {
        field: 'reportDate',
        headerName: t('colReportDate'),
        width: 120,
        valueFormatter: (p) => formatDate(p.value as string | null),
      },
      { field: 'files', headerName: t('colFiles'), width: 80, type: 'numericColumn' },
      {
        field: 'errors',
        headerName: t('colErrors'),
        width: 80,
        type: 'numericColumn',
        cellClass: (p) => ((p.value as number) > 0 ? 'num-error' : ''),
      },
      {
        field: 'warnings',
        headerName: t('colWarnings'),
        width: 100,
        type: 'numericColumn',
        cellClass: (p) => ((p.value as number) > 0 ? 'num-warning' : ''),
      },
      {
        field: 'daysToDeadline',
        headerName: t('colDeadline'),
        width: 140,
        valueFormatter: (p) => {
          const n = p.value as number | null
          if (n === null || n === undefined) {
            const late = p.data?.lateDays
            if (late === null || late === undefined) return ''
            return late > 0 ? t('receivedLate', { n: late }) : t('receivedOnTime')
          }
          if (n === 0) return t('dueToday')
          return n > 0 ? t('daysLeft', { n }) : t('daysLate', { n: -n })
        },
        cellClass: (p) =>
          p.data &&
          MISSING_STATES.includes(p.data.state) &&
          (p.value as number | null) !== null &&
          (p.value as number) < 0
            ? 'late'
            : '',
      },
      { field: 'fileName', headerName: t('colFile'), flex: 2, minWidth: 180 },
      { field: 'reason', headerName: t('colReason'), flex: 1, minWidth: 120 },
    ],
    [t, loc],
  )

  const exportMissing = async () => {
    try {
      const target = await askSavePath(`don-vi-chua-nop-${period}.xlsx`, 'xlsx')
      if (target === null) return
      const r = await api.call('status.exportMissing', { period, target })
      setExported(r)
    } catch (e) {
      notify('error', loc(errorText(e)))
    }
  }

  return (
    <div className="screen">
      <div className="screen-head">
        <h1>{t('statusTitle')}</h1>
        <span className="summary" data-testid="status-summary">
          {t('statusSummary', { accepted: acceptedCount, total: rows.length })}
        </span>
      </div>
      <div className="toolbar">
        <div className="chips" role="group">
          <button
            type="button"
            className={`chip${filter === 'all' ? ' on' : ''}`}
            onClick={() => setFilter('all')}
          >
            {t('statusFilterAll', { n: rows.length })}
          </button>
          <button
            type="button"
            data-testid="filter-missing"
            className={`chip chip-rejected${filter === 'missing' ? ' on' : ''}`}
            onClick={() => setFilter('missing')}
          >
            {t('statusFilterMissing', { n: missingCount })}
          </button>
          {UNIT_STATES.map((s) => (
            <button
              key={s}
              type="button"
              data-testid={`filter-${s}`}
              className={`chip chip-${s}${filter === s ? ' on' : ''}`}
              onClick={() => setFilter(s)}
            >
              {loc(UNIT_STATE_LABELS[s])} ({counts[s] ?? 0})
            </button>
          ))}
        </div>
        <SearchBox value={quick} onChange={setQuick} testId="status-search" />
        <span className="spacer" />
        <button
          type="button"
          className="btn"
          data-testid="export-missing"
          onClick={() => void exportMissing()}
        >
          {t('statusExportMissing')}
        </button>
      </div>
      {status.error && <ErrorBox error={status.error} onRetry={status.reload} />}
      {exported && <ExportedFiles result={exported} />}
      <DataGrid<StatusRow>
        testId="status-grid"
        rowData={shown}
        columnDefs={columns}
        defaultColDef={{ sortable: true, filter: true, resizable: true }}
        quickFilterText={quick}
        getRowId={(p) => p.data.unit}
      />
    </div>
  )
}
