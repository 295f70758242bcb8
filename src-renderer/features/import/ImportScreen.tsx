// Step 3: take in the files as they arrive: drop files or a folder, or pick them; a progress bar
// follows the batch file by file, each result shows as soon as it is known, a batch can be stopped
// (the files already taken in stay), and a file that matches no unit can be assigned to one by hand.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { ColDef, ICellRendererParams } from 'ag-grid-community'
import type { ApiResponse } from '../../../src-main/shared/api-contract'
import type { ApiEvent, ImportFileInput, ImportResult } from '../../../src-main/shared/api-types'
import { api, errorText } from '../../api/client'
import { DataGrid } from '../../components/DataGrid'
import { droppedFiles, fileToUpload, pickBrowserFiles } from '../../components/files'
import { acceptList, isSpreadsheetName, SPREADSHEET_EXTENSIONS } from '../../../src-main/shared/file-kinds'
import { Modal } from '../../components/Modal'
import { useNotify } from '../../components/notify'
import { useSession } from '../../components/session'
import { useApiQuery } from '../../components/use-api'
import { useI18n } from '../../i18n'

type Progress = { index: number; total: number; fileName: string }
type Row = ImportResult & { key: string }

export function ImportScreen({ period }: { period: string }) {
  const { t, loc } = useI18n()
  const notify = useNotify()
  const { touch } = useSession()
  const [rows, setRows] = useState<Row[]>([])
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
        if (result) setRows((r) => [{ ...result, key: `${e.batchId}:${e.index}` }, ...r])
      } else if (e.type === 'import.finished') {
        setBusy(false)
        setProgress(null)
        setBatchId(null)
        setStopping(false)
        notify(
          'ok',
          !e.cancelled
            ? t('importFinished', { n: e.results.length })
            : e.results.length === 0
              ? t('importStoppedNone', { total: e.total })
              : t('importStopped', { n: e.results.length, total: e.total }),
        )
        touch()
      }
    },
    [notify, t, touch],
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

  const run = async (files: ImportFileInput[]) => {
    if (files.length === 0 || busy) return
    setBusy(true)
    batchRef.current = null
    pending.current = []
    setProgress({ index: 0, total: files.length, fileName: '' })
    try {
      const r = await api.call('import.start', { period, files })
      batchRef.current = r.batchId
      setBatchId(r.batchId)
      for (const e of pending.current) if ('batchId' in e && e.batchId === r.batchId) apply(e)
      pending.current = []
    } catch (e) {
      setBusy(false)
      setProgress(null)
      notify('error', loc(errorText(e)))
    }
  }

  const stop = async () => {
    if (batchId === null || stopping) return
    setStopping(true)
    try {
      await api.call('import.cancel', { batchId })
    } catch (e) {
      setStopping(false)
      notify('error', loc(errorText(e)))
    }
  }

  const uploadFiles = async (files: File[]) => {
    const inputs: ImportFileInput[] = []
    for (const f of files.filter((x) => isSpreadsheetName(x.name))) inputs.push(await fileToUpload(f))
    await run(inputs)
  }

  const pick = async (folders: boolean) => {
    try {
      if (api.transport === 'electron') {
        const r = await api.call('dialog.openFiles', { folders })
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
      notify('error', loc(errorText(e)))
    }
  }

  const columns = useMemo<ColDef<Row>[]>(
    () => [
      { field: 'fileName', headerName: t('colFile'), flex: 2, minWidth: 220 },
      {
        field: 'unitName',
        headerName: t('colUnit'),
        flex: 2,
        minWidth: 200,
        cellRenderer: (p: ICellRendererParams<Row>) => {
          const d = p.data
          if (!d) return null
          if (d.unit) return `${d.unit} – ${d.unitName ?? ''}`
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
      { field: 'version', headerName: t('importVersion'), width: 90 },
      {
        field: 'status',
        headerName: t('colState'),
        width: 120,
        cellRenderer: (p: ICellRendererParams<Row>) =>
          p.data ? (
            <span className={`badge ${p.data.status === 'accepted' ? 'state-valid' : 'state-rejected'}`}>
              {p.data.status === 'accepted' ? t('importStatusAccepted') : t('importStatusRejected')}
            </span>
          ) : null,
      },
      {
        field: 'errors',
        headerName: t('colErrors'),
        width: 80,
        cellClass: (p) => ((p.value as number) > 0 ? 'num-error' : ''),
      },
      {
        field: 'warnings',
        headerName: t('colWarnings'),
        width: 100,
        cellClass: (p) => ((p.value as number) > 0 ? 'num-warning' : ''),
      },
      {
        headerName: t('importFirstProblem'),
        flex: 3,
        minWidth: 240,
        valueGetter: (p) => (p.data?.duplicate ? t('importDuplicate') : loc(p.data?.firstProblem)),
      },
    ],
    [t, loc],
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
        void droppedFiles(e.dataTransfer).then(uploadFiles)
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
      <h2>
        {t('importResults')} ({rows.length})
      </h2>
      <DataGrid<Row>
        testId="import-grid"
        rowData={rows}
        columnDefs={columns}
        defaultColDef={{ sortable: true, filter: true, resizable: true }}
        getRowId={(p) => p.data.key}
        // rules, not getRowClass: they are evaluated again when a file is assigned to its unit
        rowClassRules={{ 'row-unknown': (p) => !!p.data && !p.data.unit }}
      />
      {assigning && (
        <AssignDialog
          period={period}
          row={assigning}
          onClose={() => setAssigning(null)}
          onAssigned={(a) => {
            // the file was read again as the chosen unit's: its counts and first problem are new
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
  period,
  row,
  onClose,
  onAssigned,
}: {
  period: string
  row: Row
  onClose: () => void
  onAssigned: (result: ApiResponse<'import.assign'>) => void
}) {
  const { t, loc } = useI18n()
  const notify = useNotify()
  const units = useApiQuery('units.list', { period })
  const [code, setCode] = useState('')
  const [q, setQ] = useState('')
  const list = (units.data ?? []).filter(
    (u) => u.active && (q === '' || `${u.code} ${u.name}`.toLowerCase().includes(q.toLowerCase())),
  )
  const submit = async () => {
    if (!code || row.submissionId === null) return
    try {
      onAssigned(await api.call('import.assign', { submissionId: row.submissionId, unit: code }))
    } catch (e) {
      notify('error', loc(errorText(e)))
    }
  }
  return (
    <Modal
      title={t('importAssignTitle')}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('cancel')}
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={!code}
            data-testid="assign-save"
            onClick={() => void submit()}
          >
            {t('save')}
          </button>
        </>
      }
    >
      <p className="file-name">{row.fileName}</p>
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
