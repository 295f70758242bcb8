// Step 3: take in the files as they arrive: drop files or a folder, or pick them; a progress bar
// follows the batch file by file, each result shows as soon as it is known, a batch can be stopped
// (the files already taken in stay), and a file that matches no unit can be assigned to one by hand.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { ColDef, ICellRendererParams } from 'ag-grid-community'
import type { ApiResponse } from '../../../src-main/shared/api-contract'
import type {
  ApiEvent,
  BatchFileRow,
  BatchView,
  ImportFileInput,
  ImportResult,
} from '../../../src-main/shared/api-types'
import { api } from '../../api/client'
import { DataGrid } from '../../components/DataGrid'
import { LIST_COLUMNS } from '../../components/grid-setup'
import { droppedFiles, fileToUpload, pickBrowserFiles } from '../../components/files'
import { acceptList, isSpreadsheetName, SPREADSHEET_EXTENSIONS } from '../../../src-main/shared/file-kinds'
import { Modal } from '../../components/Modal'
import { SaveCancelButtons } from '../../components/SaveCancelButtons'
import { DateField, useDateText } from '../../components/DateField'
import { ReceivedDateDialog, useSeasonDeadline } from '../../components/ReceivedDateDialog'
import { useNotify, useNotifyError } from '../../components/notify'
import { useSession } from '../../components/session'
import { useApiQuery } from '../../components/use-api'
import { useI18n } from '../../i18n'
import { formatDate, formatInstant } from '../../components/dates'
import { useNames } from '../../components/names'
import type { Season } from '../../../src-main/shared/period'

type Progress = { index: number; total: number; fileName: string }
type Row = ImportResult & { key: string; outcome: 'new' | 'duplicate' | 'refused'; setAside: boolean }

/** A stored batch's file as a row of the results grid. */
function fileRow(b: BatchView, f: BatchFileRow): Row {
  return {
    key: `b${b.id}:${f.seq}`,
    fileName: f.fileName,
    submissionId: f.submissionId,
    unit: f.unit,
    unitName: f.unitName,
    period: f.declaredPeriod,
    version: f.version,
    status: f.status ?? 'rejected',
    errors: f.errors,
    warnings: f.warnings,
    duplicate: f.outcome === 'duplicate',
    firstProblem: f.reason,
    proposedUnit: f.proposedUnit,
    outcome: f.outcome,
    setAside: f.setAside,
  }
}

export function ImportScreen({ season }: { season: Season }) {
  const { t, loc, lang } = useI18n()
  const notify = useNotify()
  const notifyError = useNotifyError()
  const { touch, setSeason } = useSession()
  const names = useNames()
  // the live rows of the batch being imported; else the files of the batch picked in the history
  const [rows, setRows] = useState<Row[]>([])
  const history = useApiQuery('import.batches', { ...season })
  const [shownBatch, setShownBatch] = useState<number | null>(null)
  // the received date of the next batch, typed day first; empty: each file's own date
  const receivedOn = useDateText(null)
  const deadline = useSeasonDeadline(season)
  const [datingBatch, setDatingBatch] = useState<BatchView | null>(null)
  const [live, setLive] = useState(false)
  /** the batch whose files of another form the clerk is asked to move to a season made for them */
  const [asking, setAsking] = useState<number | null>(null)
  const [progress, setProgress] = useState<Progress | null>(null)
  const [busy, setBusy] = useState(false)
  const [over, setOver] = useState(false)
  const [assigning, setAssigning] = useState<Row | null>(null)
  // the running batch, once the main process has named it, and whether it was asked to stop
  const [batchId, setBatchId] = useState<string | null>(null)
  const [stopping, setStopping] = useState(false)
  const batchRef = useRef<string | null>(null)
  const pending = useRef<ApiEvent[]>([])

  const apply = useCallback(
    (e: ApiEvent) => {
      if (e.type === 'import.progress') {
        setProgress({ index: e.index + (e.phase === 'done' ? 1 : 0), total: e.total, fileName: e.fileName })
        const result = e.result
        if (result)
          setRows((r) => [
            {
              ...result,
              key: `${e.batchId}:${e.index}`,
              outcome: result.duplicate ? 'duplicate' : result.submissionId === null ? 'refused' : 'new',
              setAside: false,
            },
            ...r,
          ])
      } else if (e.type === 'import.finished') {
        setBusy(false)
        setProgress(null)
        setBatchId(null)
        setStopping(false)
        if (e.cancelled)
          notify(
            'ok',
            e.results.length === 0
              ? t('importStoppedNone', { total: e.total })
              : t('importStopped', { n: e.results.length, total: e.total }),
          )
        else if (e.batch) notify(e.batch.counts.new > 0 ? 'ok' : 'info', loc(e.batch.summary))
        setLive(false)
        setShownBatch(e.batch?.id ?? null)
        history.reload()
        touch()
      }
    },
    [notify, t, loc, touch, history],
  )

  useEffect(
    () =>
      api.onEvent((e) => {
        if (e.type !== 'import.progress' && e.type !== 'import.finished') return
        if (batchRef.current === null) pending.current.push(e)
        else if (e.batchId === batchRef.current) apply(e)
      }),
    [apply],
  )

  const run = async (files: ImportFileInput[], skipped: string[] = []) => {
    if ((files.length === 0 && skipped.length === 0) || busy) return
    if (receivedOn.iso === undefined) return notify('error', t('dateInvalidNotice'))
    setBusy(true)
    setLive(true)
    setRows([])
    batchRef.current = null
    pending.current = []
    setProgress({ index: 0, total: files.length, fileName: '' })
    try {
      const r = await api.call('import.start', {
        ...season,
        files,
        ...(skipped.length ? { skipped } : {}),
        ...(receivedOn.iso ? { receivedOn: receivedOn.iso } : {}),
      })
      batchRef.current = r.batchId
      setBatchId(r.batchId)
      for (const e of pending.current) if ('batchId' in e && e.batchId === r.batchId) apply(e)
      pending.current = []
    } catch (e) {
      setBusy(false)
      setProgress(null)
      notifyError(e)
    }
  }

  const stop = async () => {
    if (batchId === null || stopping) return
    setStopping(true)
    try {
      await api.call('import.cancel', { batchId })
    } catch (e) {
      setStopping(false)
      notifyError(e)
    }
  }

  const uploadFiles = async (files: File[]) => {
    const inputs: ImportFileInput[] = []
    // what is not a spreadsheet is not sent, but the batch's history says it came and why it was left
    const skipped = files.filter((x) => !isSpreadsheetName(x.name)).map((x) => x.name)
    for (const f of files.filter((x) => isSpreadsheetName(x.name))) inputs.push(await fileToUpload(f))
    if (inputs.length === 0 && skipped.length === 0) return notify('info', t('importNothing'))
    await run(inputs, skipped)
  }

  const setFileAside = useCallback(
    async (submissionId: number, aside: boolean) => {
      try {
        await api.call('submission.setAside', { submissionId, aside })
        notify('ok', t(aside ? 'fileSetAsideShort' : 'fileRestored'))
        setLive(false)
        history.reload()
        touch()
      } catch (e) {
        notifyError(e)
      }
    },
    [history, notify, notifyError, t, touch],
  )

  const batches = history.data ?? []
  const current = batches.find((b) => b.id === shownBatch) ?? batches[0] ?? null
  const gridRows = live ? rows : current ? current.files.map((f) => fileRow(current, f)) : []

  const batchAction = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn()
      notify('ok', done)
      history.reload()
      touch()
    } catch (e) {
      notifyError(e)
    }
  }

  const moveBatch = async (b: BatchView, to: string) => {
    try {
      // a period not made yet is made with this one's form and unit list
      const r = await api.call('batch.moveTo', { batchId: b.id, period: to })
      notify('ok', t('batchMoved', { n: r.total, period: names.period(to) }))
      history.reload()
      setSeason({ form: season.form, period: to } as Season)
      touch()
    } catch (e) {
      notifyError(e)
    }
  }

  /** Goes to another form's season: made first for the batch's files of that form (the clerk agreed). */
  const toOtherForm = async (b: BatchView, move: boolean) => {
    const f = b.mostlyForm
    if (!f) return
    const target = { form: f.form, period: f.period } as Season
    try {
      if (move) {
        const r = await api.call('batch.moveTo', { batchId: b.id, period: f.period, form: f.form })
        notify('ok', t('batchMovedForm', { n: r.total, period: names.period(f.period), form: loc(f.name) }))
      }
      setAsking(null)
      history.reload()
      setSeason(target)
      touch()
    } catch (e) {
      notifyError(e)
    }
  }

  const pick = async (folders: boolean) => {
    try {
      if (api.transport === 'electron') {
        const r = await api.call('dialog.openFiles', { folders })
        if (folders && r.files.length === 0) notify('info', t('importNoSpreadsheet'))
        await run(r.files.map((f) => ({ kind: 'held' as const, id: f.id })))
      } else {
        const files = await pickBrowserFiles({
          accept: acceptList(SPREADSHEET_EXTENSIONS),
          multiple: true,
          folder: folders,
        })
        await uploadFiles(files)
      }
    } catch (e) {
      notifyError(e)
    }
  }

  const columns = useMemo<ColDef<Row>[]>(
    () => [
      { field: 'fileName', headerName: t('colFile'), flex: 2, minWidth: 170 },
      {
        field: 'unitName',
        headerName: t('colUnit'),
        flex: 2,
        minWidth: 170,
        cellRenderer: (p: ICellRendererParams<Row>) => {
          const d = p.data
          if (!d) return null
          if (d.unit) return `${d.unit} – ${d.unitName ?? ''}`
          // a file not taken in (not a spreadsheet, lost on the way) has no unit to find
          if (d.submissionId === null) return ''
          // the button comes first: a narrow column cuts the end of the cell, never the control
          return (
            <span className="unknown-unit" title={t('importUnknownUnit')}>
              {d.submissionId !== null && (
                <button
                  type="button"
                  className="link"
                  data-testid="assign-unit"
                  onClick={() => setAssigning(d)}
                >
                  {t('importAssign')}
                </button>
              )}{' '}
              {t('importUnknownUnit')}
            </span>
          )
        },
      },
      { field: 'version', headerName: t('importVersion'), width: 80, filter: false },
      {
        field: 'status',
        headerName: t('colState'),
        width: 120,
        cellRenderer: (p: ICellRendererParams<Row>) =>
          p.data ? (
            p.data.outcome === 'refused' ? (
              <span className="badge state-not_received">{t('importStatusRefused')}</span>
            ) : (
              <span className={`badge ${p.data.status === 'accepted' ? 'state-accepted' : 'state-rejected'}`}>
                {p.data.status === 'accepted' ? t('importStatusAccepted') : t('importStatusRejected')}
              </span>
            )
          ) : null,
      },
      {
        field: 'errors',
        headerName: t('colErrors'),
        width: 64,
        filter: false,
        cellClass: (p) => ((p.value as number) > 0 ? 'num-error' : ''),
      },
      {
        field: 'warnings',
        headerName: t('colWarnings'),
        width: 84,
        filter: false,
        cellClass: (p) => ((p.value as number) > 0 ? 'num-warning' : ''),
      },
      {
        headerName: t('importFirstProblem'),
        colId: 'firstProblem',
        flex: 3,
        minWidth: 240,
        valueGetter: (p) => (p.data?.duplicate ? t('importDuplicate') : loc(p.data?.firstProblem)),
        wrapText: true,
        autoHeight: true,
        cellClass: 'cell-wrap',
      },
      {
        headerName: '',
        colId: 'actions',
        width: 112,
        sortable: false,
        filter: false,
        cellRenderer: (p: ICellRendererParams<Row>) => {
          const d = p.data
          if (!d || d.submissionId === null || d.outcome === 'duplicate') return null
          return (
            <button
              type="button"
              className="link"
              data-testid="file-set-aside"
              title={t('fileSetAsideHint')}
              onClick={() => void setFileAside(d.submissionId as number, !d.setAside)}
            >
              {d.setAside ? t('restore') : t('fileSetAsideDo')}
            </button>
          )
        },
      },
    ],
    [t, loc, setFileAside],
  )

  const pct = progress && progress.total ? Math.round((progress.index / progress.total) * 100) : 0

  return (
    <div
      className={`screen screen-import${over ? ' drag-over' : ''}`}
      onDragOver={(e) => {
        e.preventDefault()
        setOver(true)
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault()
        setOver(false)
        void droppedFiles(e.dataTransfer, true).then(uploadFiles)
      }}
    >
      <h1>{t('importTitle')}</h1>
      <div className="dropzone" data-testid="dropzone">
        <div className="dropzone-icon" aria-hidden="true">
          ⇩
        </div>
        <div className="dropzone-text">
          <strong>{t('importDrop')}</strong>
          <span className="muted">{t('importDropHint')}</span>
        </div>
        <div className="dropzone-actions">
          <button
            type="button"
            className="btn btn-primary"
            data-testid="pick-files"
            disabled={busy}
            onClick={() => void pick(false)}
          >
            {t('importPickFiles')}
          </button>
          <button type="button" className="btn" disabled={busy} onClick={() => void pick(true)}>
            {t('importPickFolder')}
          </button>
        </div>
      </div>
      {progress && (
        <div className="progress" data-testid="import-progress">
          <div className="progress-label">
            {t('importProgress', {
              index: Math.min(progress.index + 1, progress.total),
              total: progress.total,
              file: progress.fileName,
            })}
          </div>
          <div className="progress-row">
            <div className="progress-track">
              <div className="progress-bar" style={{ width: `${pct}%` }} />
            </div>
            <button
              type="button"
              className="btn"
              data-testid="import-stop"
              disabled={batchId === null || stopping}
              onClick={() => void stop()}
            >
              {stopping ? t('importStopping') : t('importStop')}
            </button>
          </div>
        </div>
      )}
      <div className="toolbar">
        <DateField date={receivedOn} testId="import-received-on" label={t('importReceivedOn')} inline />
        <span className="muted small">{t('importReceivedOnHint')}</span>
      </div>
      {batches.length > 0 && (
        <div className="batch-history" data-testid="batch-history">
          <label className="inline">
            {t('batchHistory', { n: batches.length })}
            <select
              data-testid="batch-select"
              value={current?.id ?? ''}
              onChange={(e) => {
                setLive(false)
                setShownBatch(Number(e.target.value))
              }}
            >
              {batches.map((b) => (
                <option key={b.id} value={b.id}>
                  {formatInstant(b.startedAt, lang)} – {loc(b.summary)}
                  {b.setAside ? ` (${t('batchSetAsideMark')})` : ''}
                </option>
              ))}
            </select>
          </label>
          {current && (
            <div
              className={`batch-item${current.setAside ? ' set-aside' : ''}${current.mostlyPeriod || current.mostlyOtherForm || current.mostlyForm ? ' batch-warning' : ''}`}
              data-testid="batch-summary"
            >
              <span>{loc(current.summary)}</span>
              {current.receivedOn && (
                <span className="muted">
                  · {t('colReceived')}: {formatDate(current.receivedOn)}
                </span>
              )}
              {current.mostlyForm && !current.setAside && (
                <strong data-testid="batch-warning">
                  ⚠{' '}
                  {t(current.mostlyForm.stored ? 'batchKnownFormStored' : 'batchKnownFormNoSeason', {
                    n: current.mostlyForm.count,
                    total: current.total,
                    form: loc(current.mostlyForm.name),
                    period: names.period(current.mostlyForm.period),
                  })}
                </strong>
              )}
              {(current.mostlyPeriod || current.mostlyOtherForm) && !current.setAside && (
                <strong data-testid="batch-warning">
                  ⚠{' '}
                  {current.mostlyPeriod
                    ? t('batchOtherPeriod', {
                        n: current.counts.otherPeriod,
                        total: current.total,
                        other: names.period(current.mostlyPeriod),
                        here: names.period(current.period),
                      })
                    : t('batchOtherForm', { n: current.counts.otherForm, total: current.total })}
                </strong>
              )}
              <span className="spacer" />
              {current.mostlyForm && !current.setAside && asking !== current.id && (
                <button
                  type="button"
                  className="btn btn-primary btn-small"
                  data-testid="batch-other-form"
                  onClick={() =>
                    current.mostlyForm?.stored ? void toOtherForm(current, false) : setAsking(current.id)
                  }
                >
                  {t(current.mostlyForm.stored ? 'batchSwitchForm' : 'batchMoveForm', {
                    n: current.mostlyForm.count,
                    form: loc(current.mostlyForm.name),
                    period: names.period(current.mostlyForm.period),
                  })}
                </button>
              )}
              {current.mostlyForm && asking === current.id && (
                <span className="batch-ask" data-testid="batch-other-form-ask">
                  {t('batchMoveFormAsk', {
                    n: current.mostlyForm.count,
                    form: loc(current.mostlyForm.name),
                    period: names.period(current.mostlyForm.period),
                  })}{' '}
                  <button
                    type="button"
                    className="btn btn-primary btn-small"
                    data-testid="batch-other-form-yes"
                    onClick={() => void toOtherForm(current, true)}
                  >
                    {t('batchMoveFormYes')}
                  </button>{' '}
                  <button type="button" className="btn btn-small" onClick={() => setAsking(null)}>
                    {t('cancel')}
                  </button>
                </span>
              )}
              {current.mostlyPeriod && !current.setAside && (
                <button
                  type="button"
                  className="btn btn-primary btn-small"
                  data-testid="batch-move"
                  onClick={() => void moveBatch(current, current.mostlyPeriod as string)}
                >
                  {t('batchMove', { period: names.period(current.mostlyPeriod) })}
                </button>
              )}
              <button
                type="button"
                className="btn btn-small"
                data-testid="batch-received"
                onClick={() => setDatingBatch(current)}
              >
                {t('receivedSet')}
              </button>
              <button
                type="button"
                className="btn btn-small"
                data-testid="batch-set-aside"
                onClick={() =>
                  void batchAction(
                    () => api.call('batch.setAside', { batchId: current.id, aside: !current.setAside }),
                    t(current.setAside ? 'batchRestored' : 'batchSetAside'),
                  )
                }
              >
                {current.setAside ? t('restore') : t('batchSetAsideDo')}
              </button>
            </div>
          )}
        </div>
      )}
      <DataGrid<Row>
        testId="import-grid"
        rowData={gridRows}
        columnDefs={columns}
        defaultColDef={LIST_COLUMNS}
        getRowId={(p) => p.data.key}
        // rules, not getRowClass: they are evaluated again when a file is assigned to its unit
        rowClassRules={{ 'row-unknown': (p) => !!p.data && !p.data.unit && p.data.submissionId !== null }}
      />
      {datingBatch && (
        <ReceivedDateDialog
          title={t('batchReceivedTitle')}
          what={`${loc(datingBatch.summary)}. ${t('batchReceivedWhat', { n: datingBatch.counts.new })}`}
          initial={datingBatch.receivedOn}
          deadline={deadline}
          onClose={() => setDatingBatch(null)}
          onSave={async (date) => {
            try {
              await api.call('batch.setReceived', { batchId: datingBatch.id, date })
              notify('ok', t('receivedSaved', { n: datingBatch.counts.new }))
              setDatingBatch(null)
              history.reload()
              touch()
            } catch (e) {
              notifyError(e)
            }
          }}
        />
      )}
      {assigning && (
        <AssignDialog
          season={season}
          row={assigning}
          onClose={() => setAssigning(null)}
          onAssigned={(a) => {
            // the file was read again as the chosen unit's: its counts and first problem are new
            history.reload()
            setRows((rs) =>
              rs.map((r) =>
                r.key === assigning.key
                  ? {
                      ...r,
                      unit: a.unit,
                      unitName: a.unitName,
                      status: a.status,
                      version: a.version,
                      errors: a.errors,
                      warnings: a.warnings,
                      firstProblem: a.firstProblem,
                    }
                  : r,
              ),
            )
            notify('ok', t('importAssigned', { file: assigning.fileName, unit: a.unitName }))
            setAssigning(null)
            touch()
          }}
        />
      )}
    </div>
  )
}

function AssignDialog({
  season,
  row,
  onClose,
  onAssigned,
}: {
  season: Season
  row: Row
  onClose: () => void
  onAssigned: (result: ApiResponse<'import.assign'>) => void
}) {
  const { t } = useI18n()
  const notifyError = useNotifyError()
  const units = useApiQuery('units.list', { ...season })
  // the unit the file's name names, proposed
  const [code, setCode] = useState(row.proposedUnit ?? '')
  const [q, setQ] = useState('')
  const list = (units.data ?? []).filter(
    (u) => u.active && (q === '' || `${u.code} ${u.name}`.toLowerCase().includes(q.toLowerCase())),
  )
  const submit = async () => {
    if (!code || row.submissionId === null) return
    try {
      onAssigned(await api.call('import.assign', { submissionId: row.submissionId, unit: code }))
    } catch (e) {
      notifyError(e)
    }
  }
  return (
    <Modal
      title={t('importAssignTitle')}
      onClose={onClose}
      footer={
        <SaveCancelButtons
          onCancel={onClose}
          onSave={() => void submit()}
          saveTestId="assign-save"
          saveDisabled={!code}
        />
      }
    >
      <p className="file-name">{row.fileName}</p>
      {row.proposedUnit && (
        <p className="muted" data-testid="assign-proposal">
          {t('importAssignProposal', {
            unit: units.data?.find((u) => u.code === row.proposedUnit)?.name ?? row.proposedUnit,
          })}
        </p>
      )}
      <input
        className="search wide"
        placeholder={t('search')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      <select
        className="unit-list"
        size={10}
        value={code}
        data-testid="assign-select"
        onChange={(e) => setCode(e.target.value)}
      >
        {list.map((u) => (
          <option key={u.code} value={u.code}>
            {u.code} – {u.name}
          </option>
        ))}
      </select>
    </Modal>
  )
}
