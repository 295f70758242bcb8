// Step 2: one row per expected unit with its state for the season, when its file came and the report
// date it declares, how many files, its errors and warnings and the days to (or past) the deadline;
// filter by state or by all that are still missing; export who to chase.
import { useMemo, useRef, useState } from 'react'
import type { AgGridReact } from 'ag-grid-react'
import type { ColDef, ICellRendererParams } from 'ag-grid-community'
import type { ExportResult, StatusRow } from '../../../src-main/shared/api-types'
import type { UnitState } from '../../../src-main/shared/unit-state'
import { MISSING_STATES, UNIT_STATE_LABELS, UNIT_STATES } from '../../../src-main/shared/unit-state'
import { api } from '../../api/client'
import { DataGrid } from '../../components/DataGrid'
import { LIST_COLUMNS_WRAPPED } from '../../components/grid-setup'
import { ErrorBox } from '../../components/ErrorBox'
import { askSavePath, ExportedFiles } from '../../components/exported'
import { useNotify, useNotifyError } from '../../components/notify'
import { StateBadge } from '../../components/StateBadge'
import { useApiQuery } from '../../components/use-api'
import { SearchBox } from '../../components/SearchBox'
import { useI18n } from '../../i18n'
import { formatDate } from '../../components/dates'
import { copyText, gridTableText } from '../../components/grid-copy'
import { Modal } from '../../components/Modal'
import { SaveCancelButtons } from '../../components/SaveCancelButtons'
import { deadlineText } from '../../../src-main/shared/deadline-text'
import { ReceivedDateDialog, useSeasonDeadline } from '../../components/ReceivedDateDialog'
import { useSession } from '../../components/session'
import type { Season } from '../../../src-main/shared/period'

/** Whom to call at a unit, as one text. */
function contactOf(r: StatusRow | undefined): string {
  return r ? [r.contactName, r.contactPhone].filter((x) => x).join(' – ') : ''
}

export function StatusScreen({ season }: { season: Season }) {
  const { t, loc } = useI18n()
  const notify = useNotify()
  const notifyError = useNotifyError()
  const status = useApiQuery('status.list', { ...season })
  const [filter, setFilter] = useState<UnitState | 'all' | 'missing'>('all')
  const [quick, setQuick] = useState('')
  const [exported, setExported] = useState<ExportResult | null>(null)
  const [dating, setDating] = useState<{ ids: number[]; date: string | null; units: string[] } | null>(null)
  const deadline = useSeasonDeadline(season)
  const [contact, setContact] = useState<{ unit: string; name: string; phone: string } | null>(null)
  const grid = useRef<AgGridReact<StatusRow>>(null)
  const { touch } = useSession()

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
      { field: 'unit', headerName: t('colUnitCode'), width: 76, pinned: 'left' },
      {
        field: 'name',
        headerName: t('colUnit'),
        flex: 1.3,
        minWidth: 140,
        pinned: 'left',
        tooltipValueGetter: (p) => contactOf(p.data) || null,
      },
      {
        field: 'state',
        headerName: t('colState'),
        width: 156,
        cellRenderer: (p: ICellRendererParams<StatusRow, UnitState>) =>
          p.value ? <StateBadge state={p.value} byValidator={p.data?.rejectedBy === 'validator'} /> : null,
        valueFormatter: (p) => (p.value ? loc(UNIT_STATE_LABELS[p.value as UnitState]) : ''),
        tooltipValueGetter: (p) =>
          p.data?.rejectedBy
            ? t(p.data.rejectedBy === 'validator' ? 'rejectedByValidator' : 'rejectedByRule')
            : null,
        filterValueGetter: (p) => (p.data ? loc(UNIT_STATE_LABELS[p.data.state]) : ''),
      },
      {
        field: 'received',
        headerName: t('colReceived'),
        width: 96,
        filter: false,
        valueFormatter: (p) => formatDate(p.value as string | null),
      },
      {
        field: 'reportDate',
        headerName: t('colReportDate'),
        width: 96,
        filter: false,
        valueFormatter: (p) => formatDate(p.value as string | null),
      },
      {
        field: 'daysToDeadline',
        headerName: t('colDeadline'),
        width: 132,
        valueFormatter: (p) => {
          const d = p.data ? deadlineText(p.data) : null
          return d ? t(d.key, 'n' in d ? { n: d.n } : {}) : ''
        },
        cellClass: (p) => (p.data && deadlineText(p.data)?.red ? 'late' : ''),
      },
      { field: 'files', headerName: t('colFiles'), width: 62, type: 'numericColumn', filter: false },
      {
        field: 'errors',
        headerName: t('colErrors'),
        width: 56,
        type: 'numericColumn',
        filter: false,
        cellClass: (p) => ((p.value as number) > 0 ? 'num-error' : ''),
      },
      {
        colId: 'toFix',
        headerName: t('colToFix'),
        flex: 2,
        minWidth: 160,
        valueGetter: (p) => (p.data ? loc(p.data.toFix) || p.data.reason || '' : ''),
        tooltipValueGetter: (p) => (p.data ? loc(p.data.toFix) || p.data.reason || null : null),
        wrapText: true,
        autoHeight: true,
        cellClass: 'cell-wrap',
      },
      {
        colId: 'contact',
        headerName: t('colContact'),
        flex: 1,
        minWidth: 120,
        valueGetter: (p) => contactOf(p.data),
        tooltipValueGetter: (p) => p.data?.fileName ?? null,
        wrapText: true,
        autoHeight: true,
        cellClass: 'cell-wrap',
      },
    ],
    [t, loc],
  )

  const exportAs = async (channel: 'status.exportMissing' | 'status.export', name: string) => {
    try {
      const target = await askSavePath(name, 'xlsx')
      if (target === null) return
      const r = await api.call(channel, { ...season, target })
      setExported(r)
    } catch (e) {
      notifyError(e)
    }
  }

  const selectedRows = () => grid.current?.api.getSelectedRows() ?? []

  const copyRows = async () => {
    const gridApi = grid.current?.api
    const text = gridApi ? gridTableText(gridApi) : ''
    if (!text) return notify('info', t('copyNothing'))
    await copyText(text)
    notify('ok', t('copied', { n: text.trim().split('\n').length - 1 }))
  }

  const saveReceived = async (date: string | null) => {
    if (!dating) return
    try {
      const r = await api.call('submission.setReceived', { submissionIds: dating.ids, date })
      notify('ok', t('receivedSaved', { n: r.changed }))
      setDating(null)
      status.reload()
      touch()
    } catch (e) {
      notifyError(e)
    }
  }

  const saveContact = async () => {
    if (!contact) return
    try {
      await api.call('units.setContact', {
        ...season,
        code: contact.unit,
        name: contact.name,
        phone: contact.phone,
      })
      notify('ok', t('contactSaved'))
      setContact(null)
      status.reload()
    } catch (e) {
      notifyError(e)
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
      </div>
      <div className="toolbar">
        <SearchBox value={quick} onChange={setQuick} testId="status-search" />
        <span className="spacer" />
        <button type="button" className="btn" data-testid="copy-rows" onClick={() => void copyRows()}>
          {t('copyRows')}
        </button>
        <button
          type="button"
          className="btn"
          data-testid="set-received"
          onClick={() => {
            const picked = selectedRows().filter((r) => r.submissionId !== null)
            if (picked.length === 0) notify('info', t('receivedPickRows'))
            else
              setDating({
                ids: picked.map((r) => r.submissionId as number),
                // the date the clerk already set for all of them, else none (each file's own)
                date: picked.every((r) => r.receivedSet && r.received === picked[0]?.received)
                  ? (picked[0]?.received ?? null)
                  : null,
                units: picked.map((r) => r.name),
              })
          }}
        >
          {t('receivedSet')}
        </button>
        <button
          type="button"
          className="btn"
          data-testid="edit-contact"
          onClick={() => {
            const r = selectedRows()[0]
            if (!r) notify('info', t('contactPickRow'))
            else setContact({ unit: r.unit, name: r.contactName ?? '', phone: r.contactPhone ?? '' })
          }}
        >
          {t('contactEdit')}
        </button>
        <button
          type="button"
          className="btn"
          data-testid="export-status"
          onClick={() => void exportAs('status.export', `tinh-hinh-nop-${season.period}.xlsx`)}
        >
          {t('statusExport')}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          data-testid="export-missing"
          onClick={() => void exportAs('status.exportMissing', `don-vi-chua-nop-${season.period}.xlsx`)}
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
        gridRef={grid}
        defaultColDef={LIST_COLUMNS_WRAPPED}
        quickFilterText={quick}
        getRowId={(p) => p.data.unit}
        rowSelection={{
          mode: 'multiRow',
          checkboxes: false,
          headerCheckbox: false,
          enableClickSelection: true,
        }}
        tooltipShowDelay={300}
      />
      {dating && (
        <ReceivedDateDialog
          title={t('receivedTitle', { n: dating.ids.length })}
          what={t('receivedFilesWhat', {
            units:
              dating.units.length > 6
                ? `${dating.units.slice(0, 6).join(', ')}… (+${dating.units.length - 6})`
                : dating.units.join(', '),
          })}
          initial={dating.date}
          deadline={deadline}
          onSave={saveReceived}
          onClose={() => setDating(null)}
        />
      )}
      {contact && (
        <Modal
          title={t('contactTitle', { unit: contact.unit })}
          onClose={() => setContact(null)}
          footer={
            <SaveCancelButtons
              onCancel={() => setContact(null)}
              onSave={() => void saveContact()}
              saveTestId="contact-save"
            />
          }
        >
          <label className="block">
            {t('contactName')}
            <input
              data-testid="contact-name"
              value={contact.name}
              onChange={(e) => setContact({ ...contact, name: e.target.value })}
            />
          </label>
          <label className="block">
            {t('contactPhone')}
            <input
              data-testid="contact-phone"
              value={contact.phone}
              onChange={(e) => setContact({ ...contact, phone: e.target.value })}
            />
          </label>
        </Modal>
      )}
    </div>
  )
}
