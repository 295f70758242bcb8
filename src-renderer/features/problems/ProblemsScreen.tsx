// Step 4: every problem of the period in one grid (filter, sort); selecting one shows the unit's
// sheet as received with the cell highlighted; the validator accepts a submission despite its
// errors with a written reason, or rejects it; two versions of a unit can be compared cell by cell.
import { useEffect, useMemo, useState } from 'react'
import type { ColDef, ICellRendererParams } from 'ag-grid-community'
import type { ExportResult, ProblemRow } from '../../../src-main/shared/api-types'
import { askSavePath, ExportedFiles } from '../../components/exported'
import { api } from '../../api/client'
import { DataGrid } from '../../components/DataGrid'
import { LIST_COLUMNS } from '../../components/grid-setup'
import { ErrorBox } from '../../components/ErrorBox'
import { Modal } from '../../components/Modal'
import { SaveCancelButtons } from '../../components/SaveCancelButtons'
import { useNotify, useNotifyError } from '../../components/notify'
import { useSession } from '../../components/session'
import { SeverityBadge } from '../../components/StateBadge'
import { useApiQuery } from '../../components/use-api'
import { SearchBox } from '../../components/SearchBox'
import { useI18n } from '../../i18n'
import { SheetPreview } from './SheetPreview'
import { CompareDialog } from './CompareDialog'
import type { Season } from '../../../src-main/shared/period'

type Decision = { kind: 'accept' | 'reject'; row: ProblemRow }

export function ProblemsScreen({ season }: { season: Season }) {
  const { t, loc } = useI18n()
  const notify = useNotify()
  const notifyError = useNotifyError()
  const { touch } = useSession()
  const problems = useApiQuery('problems.list', { ...season })
  const [severity, setSeverity] = useState<'all' | 'error' | 'warning'>('all')
  const [onlyActive, setOnlyActive] = useState(true)
  const [quick, setQuick] = useState('')
  const [selected, setSelected] = useState<ProblemRow | null>(null)
  const [decision, setDecision] = useState<Decision | null>(null)
  const [reason, setReason] = useState('')
  const [comparing, setComparing] = useState<{ unit: string; name: string } | null>(null)
  const [exported, setExported] = useState<ExportResult | null>(null)

  // the selected row as the list now has it (a decision changes it)
  useEffect(() => {
    setSelected((sel) => (sel ? (problems.data?.find((p) => p.id === sel.id) ?? null) : null))
  }, [problems.data])

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
        valueGetter: (p) => (p.data ? (p.data.unitName ?? p.data.unit ?? t('importUnknownUnit')) : ''),
        // found by its code as well as by its name
        getQuickFilterText: (p) => (p.data ? `${p.data.unit ?? ''} ${p.data.unitName ?? ''}` : ''),
        tooltipValueGetter: (p) => (p.data ? `${p.data.unit ?? ''} · ${p.data.fileName ?? ''}` : null),
        width: 150,
        pinned: 'left',
      },
      {
        headerName: t('colSeverity'),
        colId: 'severity',
        width: 88,
        cellRenderer: (p: ICellRendererParams<ProblemRow>) =>
          p.data ? <SeverityBadge severity={p.data.severity} /> : null,
        valueGetter: (p) => (p.data ? t(`severity_${p.data.severity}`) : ''),
      },
      {
        headerName: t('colDecision'),
        colId: 'decision',
        width: 124,
        valueGetter: (p) =>
          p.data?.decision === 'accept'
            ? t('decisionAccepted')
            : p.data?.decision === 'reject'
              ? t('decisionRejected')
              : '',
        tooltipValueGetter: (p) => p.data?.reason ?? null,
        cellClass: (p) => (p.data?.decision ? `decision-mark decision-${p.data.decision}` : ''),
      },
      {
        headerName: t('colCell'),
        colId: 'cell',
        width: 96,
        valueGetter: (p) => (p.data?.cell ? `${p.data.sheet ?? ''}!${p.data.cell}` : (p.data?.sheet ?? '')),
      },
      {
        headerName: t('colMessage'),
        colId: 'message',
        flex: 3,
        minWidth: 300,
        valueGetter: (p) => loc(p.data?.message),
        wrapText: true,
        autoHeight: true,
        cellClass: 'cell-wrap',
      },
      {
        headerName: t('colIndicator'),
        colId: 'indicator',
        flex: 1.2,
        minWidth: 150,
        valueGetter: (p) => p.data?.indicatorLabel ?? p.data?.indicator ?? '',
        wrapText: true,
        autoHeight: true,
        cellClass: 'cell-wrap',
      },
      {
        headerName: t('colVersion'),
        colId: 'version',
        width: 74,
        valueGetter: (p) => p.data?.version ?? null,
        filter: false,
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
      notifyError(e)
    }
  }

  // the counts follow the decisions: an error a validator accepted is no longer one to deal with
  const activeRows = (problems.data ?? []).filter((p) => p.active)
  const errorCount = activeRows.filter((p) => p.severity === 'error' && p.decision !== 'accept').length
  const acceptedCount = activeRows.filter((p) => p.severity === 'error' && p.decision === 'accept').length
  const warningCount = activeRows.filter((p) => p.severity === 'warning').length

  const revoke = async (row: ProblemRow) => {
    if (row.decisionId === null) return
    try {
      await api.call('decision.revoke', { decisionId: row.decisionId })
      notify('ok', t('decisionRevoked'))
      problems.reload()
      touch()
    } catch (e) {
      notifyError(e)
    }
  }

  const setAside = async (row: ProblemRow) => {
    if (row.submissionId === null) return
    try {
      await api.call('submission.setAside', { submissionId: row.submissionId, aside: true })
      notify('ok', t('fileSetAside', { file: row.fileName ?? '' }))
      setSelected(null)
      problems.reload()
      touch()
    } catch (e) {
      notifyError(e)
    }
  }

  const exportProblems = async () => {
    try {
      const target = await askSavePath(`loi-va-canh-bao-${season.period}.xlsx`, 'xlsx')
      if (target === null) return
      setExported(await api.call('problems.export', { ...season, target }))
    } catch (e) {
      notifyError(e)
    }
  }
  const unitLabel = selected ? `${selected.unit ?? ''} – ${selected.unitName ?? ''}` : ''

  return (
    <div className="screen screen-problems">
      <div className="screen-head">
        <h1>{t('problemsTitle')}</h1>
        <span className="summary">
          <span className="num-error" data-testid="errors-to-handle">
            {t('problemsErrorsOpen', { n: errorCount })}
          </span>{' '}
          ·{' '}
          <span className="decision-accept" data-testid="errors-accepted">
            {t('problemsErrorsAccepted', { n: acceptedCount })}
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
          data-testid="revoke-decision"
          disabled={!selected?.decisionId}
          onClick={() => selected && void revoke(selected)}
        >
          {t('problemsClear')}
        </button>
        <button
          type="button"
          className="btn"
          disabled={!selected?.unit}
          onClick={() =>
            selected?.unit && setComparing({ unit: selected.unit, name: selected.unitName ?? selected.unit })
          }
        >
          {t('problemsCompare')}
        </button>
        <button
          type="button"
          className="btn"
          data-testid="set-aside-file"
          title={t('fileSetAsideHint')}
          disabled={!selected?.submissionId}
          onClick={() => selected && void setAside(selected)}
        >
          {t('fileSetAsideDo')}
        </button>
        <button
          type="button"
          className="btn"
          data-testid="export-problems"
          onClick={() => void exportProblems()}
        >
          {t('statusExport')}
        </button>
      </div>
      {exported && <ExportedFiles result={exported} />}
      {problems.error && <ErrorBox error={problems.error} onRetry={problems.reload} />}
      <div className="split-v">
        <div className="split-top">
          <DataGrid<ProblemRow>
            testId="problems-grid"
            rowData={rows}
            columnDefs={columns}
            defaultColDef={LIST_COLUMNS}
            quickFilterText={quick}
            getRowId={(p) => p.data.id}
            rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
            onSelectionChanged={(e) => setSelected(e.api.getSelectedRows()[0] ?? null)}
            // the first problem is shown at once: the lower half is never empty while there is one
            onFirstDataRendered={(e) => {
              if (e.api.getSelectedRows().length === 0) e.api.getDisplayedRowAtIndex(0)?.setSelected(true)
            }}
            tooltipShowDelay={400}
            overlayNoRowsTemplate={`<span>${t('problemsNone')}</span>`}
          />
        </div>
        <div className="split-bottom">
          {selected && (
            <div className="problem-detail" data-testid="problem-detail">
              <div className="detail-head">
                <SeverityBadge severity={selected.severity} />
                <strong>{selected.unitName ?? selected.unit ?? t('importUnknownUnit')}</strong>
                <span className="muted">
                  {selected.fileName}
                  {selected.cell ? ` · ${selected.sheet ?? ''}!${selected.cell}` : ''}
                  {selected.indicatorLabel ? ` · ${selected.indicatorLabel}` : ''}
                  {selected.columnLabel ? ` · ${selected.columnLabel}` : ''}
                </span>
                {selected.decision && (
                  <span className={`decision-mark decision-${selected.decision}`}>
                    {t(selected.decision === 'accept' ? 'decisionAccepted' : 'decisionRejected')}
                    {selected.reason ? `: ${selected.reason}` : ''}
                  </span>
                )}
              </div>
              <div>{loc(selected.message)}</div>
            </div>
          )}
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
            <SaveCancelButtons
              onCancel={() => setDecision(null)}
              onSave={() => void decide(decision.kind, decision.row, reason)}
              saveTestId="decision-save"
              saveDisabled={reason.trim().length === 0}
              saveClassName={decision.kind === 'accept' ? 'btn-accept' : 'btn-danger'}
            />
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
      {comparing && (
        <CompareDialog
          season={season}
          unit={comparing.unit}
          unitName={comparing.name}
          onClose={() => setComparing(null)}
        />
      )}
    </div>
  )
}
