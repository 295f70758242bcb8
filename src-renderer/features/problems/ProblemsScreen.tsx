// Step 4: every problem of the period in one grid (filter, sort); selecting one shows the unit's
// sheet as received with the cell highlighted; the validator accepts a submission despite its
// errors with a written reason, or rejects it; two versions of a unit can be compared cell by cell.
import { useMemo, useState } from 'react'
import type { ColDef, ICellRendererParams } from 'ag-grid-community'
import type { ProblemRow } from '../../../src-main/shared/api-types'
import { api, errorText } from '../../api/client'
import { DataGrid } from '../../components/DataGrid'
import { ErrorBox } from '../../components/ErrorBox'
import { Modal } from '../../components/Modal'
import { useNotify } from '../../components/notify'
import { useSession } from '../../components/session'
import { SeverityBadge } from '../../components/StateBadge'
import { useApiQuery } from '../../components/use-api'
import { SearchBox } from '../../components/SearchBox'
import { useI18n } from '../../i18n'
import { SheetPreview } from './SheetPreview'
import { CompareDialog } from './CompareDialog'

type Decision = { kind: 'accept' | 'reject'; row: ProblemRow }

export function ProblemsScreen({ period }: { period: string }) {
  const { t, loc } = useI18n()
  const notify = useNotify()
  const { touch } = useSession()
  const problems = useApiQuery('problems.list', { period })
  const [severity, setSeverity] = useState<'all' | 'error' | 'warning'>('all')
  const [onlyActive, setOnlyActive] = useState(true)
  const [quick, setQuick] = useState('')
  const [selected, setSelected] = useState<ProblemRow | null>(null)
  const [decision, setDecision] = useState<Decision | null>(null)
  const [reason, setReason] = useState('')
  const [comparing, setComparing] = useState<string | null>(null)

  const rows = useMemo(
    () =>
      (problems.data ?? []).filter(
        (p) => (severity === 'all' || p.severity === severity) && (!onlyActive || p.active),
      ),
    [problems.data, severity, onlyActive],
  )

  const columns = useMemo<ColDef<ProblemRow>[]>(
    () => [
      {
        headerName: t('colUnit'),
        colId: 'unit',
        valueGetter: (p) => (p.data ? (p.data.unit ? `${p.data.unit} – ${p.data.unitName ?? ''}` : '—') : ''),
        width: 220,
        pinned: 'left',
      },
      { field: 'fileName', headerName: t('colFile'), width: 200 },
      { field: 'version', headerName: t('colVersion'), width: 90 },
      { field: 'rule', headerName: t('colRule'), width: 90 },
      {
        field: 'severity',
        headerName: t('colSeverity'),
        width: 110,
        cellRenderer: (p: ICellRendererParams<ProblemRow>) =>
          p.data ? <SeverityBadge severity={p.data.severity} /> : null,
        filterValueGetter: (p) => (p.data ? t(`severity_${p.data.severity}`) : ''),
      },
      {
        headerName: t('colCell'),
        colId: 'cell',
        width: 120,
        valueGetter: (p) => (p.data?.cell ? `${p.data.sheet ?? ''}!${p.data.cell}` : (p.data?.sheet ?? '')),
      },
      { field: 'indicator', headerName: t('colIndicator'), width: 110 },
      {
        headerName: t('colMessage'),
        colId: 'message',
        flex: 3,
        minWidth: 300,
        valueGetter: (p) => loc(p.data?.message),
        tooltipValueGetter: (p) => loc(p.data?.message),
      },
      {
        headerName: t('colValue'),
        colId: 'value',
        width: 110,
        valueGetter: (p) =>
          p.data?.value === null || p.data?.value === undefined ? '' : String(p.data.value),
      },
    ],
    [t, loc],
  )

  const decide = async (kind: 'accept' | 'reject', row: ProblemRow, text: string) => {
    if (row.submissionId === null) return
    try {
      await api.call('submission.decide', { submissionId: row.submissionId, decision: kind, reason: text })
      notify('ok', t('problemsDecided'))
      setDecision(null)
      setReason('')
      problems.reload()
      touch()
    } catch (e) {
      notify('error', loc(errorText(e)))
    }
  }

  const errorCount = (problems.data ?? []).filter((p) => p.severity === 'error' && p.active).length
  const warningCount = (problems.data ?? []).filter((p) => p.severity === 'warning' && p.active).length
  const unitLabel = selected ? `${selected.unit ?? ''} – ${selected.unitName ?? ''}` : ''

  return (
    <div className="screen screen-problems">
      <div className="screen-head">
        <h1>{t('problemsTitle')}</h1>
        <span className="summary">
          <span className="num-error">
            {errorCount} {t('severity_error').toLowerCase()}
          </span>{' '}
          ·{' '}
          <span className="num-warning">
            {warningCount} {t('severity_warning').toLowerCase()}
          </span>
        </span>
      </div>
      <div className="toolbar">
        <div className="chips">
          {(['all', 'error', 'warning'] as const).map((s) => (
            <button
              key={s}
              type="button"
              className={`chip${s !== 'all' ? ` chip-${s}` : ''}${severity === s ? ' on' : ''}`}
              onClick={() => setSeverity(s)}
            >
              {s === 'all' ? t('all') : t(`severity_${s}`)}
            </button>
          ))}
        </div>
        <label className="inline">
          <input type="checkbox" checked={onlyActive} onChange={(e) => setOnlyActive(e.target.checked)} />
          {t('problemsOnlyActive')}
        </label>
        <SearchBox value={quick} onChange={setQuick} testId="problems-search" />
        <span className="spacer" />
        <button
          type="button"
          className="btn btn-accept"
          data-testid="accept-selected"
          disabled={!selected?.submissionId || !selected.unit}
          onClick={() => selected && setDecision({ kind: 'accept', row: selected })}
        >
          {t('problemsAccept')}
        </button>
        <button
          type="button"
          className="btn btn-danger"
          disabled={!selected?.submissionId || !selected.unit}
          onClick={() => selected && setDecision({ kind: 'reject', row: selected })}
        >
          {t('problemsReject')}
        </button>
        <button
          type="button"
          className="btn"
          disabled={!selected?.unit}
          onClick={() => selected?.unit && setComparing(selected.unit)}
        >
          {t('problemsCompare')}
        </button>
      </div>
      {problems.error && <ErrorBox error={problems.error} onRetry={problems.reload} />}
      <div className="split-v">
        <div className="split-top">
          <DataGrid<ProblemRow>
            testId="problems-grid"
            rowData={rows}
            columnDefs={columns}
            defaultColDef={{ sortable: true, filter: true, resizable: true }}
            quickFilterText={quick}
            getRowId={(p) => p.data.id}
            rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
            onSelectionChanged={(e) => setSelected(e.api.getSelectedRows()[0] ?? null)}
            tooltipShowDelay={400}
            overlayNoRowsTemplate={`<span>${t('problemsNone')}</span>`}
          />
        </div>
        <div className="split-bottom">
          {selected?.submissionId ? (
            <SheetPreview submissionId={selected.submissionId} sheet={selected.sheet} cell={selected.cell} />
          ) : (
            <p className="muted hint">{t('problemsSelectHint')}</p>
          )}
        </div>
      </div>
      {decision && (
        <Modal
          title={t(decision.kind === 'accept' ? 'problemsAcceptTitle' : 'problemsRejectTitle', {
            unit: unitLabel,
          })}
          onClose={() => setDecision(null)}
          footer={
            <>
              <button type="button" className="btn" onClick={() => setDecision(null)}>
                {t('cancel')}
              </button>
              <button
                type="button"
                className={`btn ${decision.kind === 'accept' ? 'btn-accept' : 'btn-danger'}`}
                data-testid="decision-save"
                disabled={reason.trim().length === 0}
                onClick={() => void decide(decision.kind, decision.row, reason)}
              >
                {t('save')}
              </button>
            </>
          }
        >
          <p className="file-name">{decision.row.fileName}</p>
          <label className="block">
            {t('problemsReason')}
            <textarea
              data-testid="decision-reason"
              rows={4}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              autoFocus
            />
          </label>
        </Modal>
      )}
      {comparing && <CompareDialog period={period} unit={comparing} onClose={() => setComparing(null)} />}
    </div>
  )
}
