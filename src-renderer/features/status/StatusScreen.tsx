// Step 2: one row per expected unit with its state, when its file came, how many versions, its
// errors and warnings and the days to (or past) the deadline; filter by state; export who to chase.
import { useMemo, useState } from 'react'
import type { ColDef, ICellRendererParams } from 'ag-grid-community'
import type { ExportResult, StatusRow, SubmissionState } from '../../../src-main/shared/api-types'
import { SUBMISSION_STATES } from '../../../src-main/shared/api-types'
import { api, errorText } from '../../api/client'
import { DataGrid } from '../../components/DataGrid'
import { ErrorBox } from '../../components/ErrorBox'
import { askSavePath, ExportedFiles } from '../../components/exported'
import { useNotify } from '../../components/notify'
import { StateBadge } from '../../components/StateBadge'
import { useApiQuery } from '../../components/use-api'
import { SearchBox } from '../../components/SearchBox'
import { useI18n } from '../../i18n'

export function formatInstant(iso: string | null, lang: 'vi' | 'en'): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return d.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  })
}

export function StatusScreen({ period }: { period: string }) {
  const { t, loc, lang } = useI18n()
  const notify = useNotify()
  const status = useApiQuery('status.list', { period })
  const [filter, setFilter] = useState<SubmissionState | 'all'>('all')
  const [quick, setQuick] = useState('')
  const [exported, setExported] = useState<ExportResult | null>(null)

  const rows = useMemo(() => status.data ?? [], [status.data])
  const counts = useMemo(() => {
    const c: Record<string, number> = {}
    for (const r of rows) c[r.state] = (c[r.state] ?? 0) + 1
    return c
  }, [rows])
  const shown = useMemo(
    () => (filter === 'all' ? [...rows] : rows.filter((r) => r.state === filter)),
    [rows, filter],
  )
  const acceptedCount = (counts.valid ?? 0) + (counts.accepted ?? 0) + (counts.accepted_with_reason ?? 0)

  const columns = useMemo<ColDef<StatusRow>[]>(
    () => [
      { field: 'unit', headerName: t('colUnitCode'), width: 95, pinned: 'left' },
      { field: 'name', headerName: t('colUnit'), flex: 2, minWidth: 200, pinned: 'left' },
      {
        field: 'state',
        headerName: t('colState'),
        width: 170,
        cellRenderer: (p: ICellRendererParams<StatusRow, SubmissionState>) =>
          p.value ? <StateBadge state={p.value} /> : null,
        filterValueGetter: (p) => (p.data ? t(`state_${p.data.state}`) : ''),
      },
      {
        field: 'receivedAt',
        headerName: t('colReceived'),
        width: 150,
        valueFormatter: (p) => formatInstant(p.value as string | null, lang),
      },
      { field: 'versions', headerName: t('colVersions'), width: 105, type: 'numericColumn' },
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
            const late = p.data?.receivedLateDays
            if (late === null || late === undefined) return ''
            return late > 0 ? t('receivedLate', { n: late }) : t('receivedOnTime')
          }
          if (n === 0) return t('dueToday')
          return n > 0 ? t('daysLeft', { n }) : t('daysLate', { n: -n })
        },
        cellClass: (p) =>
          p.data &&
          p.data.state === 'missing' &&
          (p.value as number | null) !== null &&
          (p.value as number) < 0
            ? 'late'
            : '',
      },
      { field: 'fileName', headerName: t('colFile'), flex: 2, minWidth: 180 },
      { field: 'reason', headerName: t('colReason'), flex: 1, minWidth: 120 },
    ],
    [t, lang],
  )

  const exportMissing = async () => {
    try {
      const path = await askSavePath(`don-vi-chua-nop-${period}.xlsx`, 'xlsx')
      if (path === null) return
      const r = await api.call('status.exportMissing', { period, path })
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
          {SUBMISSION_STATES.map((s) => (
            <button
              key={s}
              type="button"
              data-testid={`filter-${s}`}
              className={`chip chip-${s}${filter === s ? ' on' : ''}`}
              onClick={() => setFilter(s)}
            >
              {t(`state_${s}`)} ({counts[s] ?? 0})
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
