// Receiving files: a batch imported in the read pool's workers, reported file by file as events;
// a batch stopped; a file that matched no unit assigned to one by hand and read again as its file.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { PeriodId, Season } from '../../shared/period'
import type { BatchView, ImportResult } from '../../shared/api-types'
import { prepareSeason } from '../prepare-season'
import {
  assignSubmissionUnit,
  getPeriod,
  importUnitList,
  DbError,
  getBatch,
  getSubmission,
  listUnits,
  listVersions,
  setBatchAside,
  setSubmissionAside,
  setBatchReceivedOn,
} from '../../db'
import { batchViews, proposedUnit } from '../batch-views'
import { indexUnits } from '../../core/submission/identify-unit'
import { batchContext } from '../analyse-inputs'
import type { InputFile } from '../collect-inputs'
import { safeFileName } from '../file-name'
import { OutputError, realFs, writeFileAtomic } from '../fs-seam'
import { withStoredChecks } from '../import-files'
import { importBatch } from '../import-batch'
import { knownPacks, otherFormsOf } from '../other-forms'
import { addedPacksRoot } from '../pack-library'
import { ReadPool, readPoolOptionsFromEnv } from '../read-pool/read-pool'
import type { ApiContext } from './api-context'
import { explained, explainedAsync, notFound } from './api-context'
import type { Handlers } from './router'
import { ApiFailure } from './router'

type ImportChannels =
  | 'import.start'
  | 'import.cancel'
  | 'import.assign'
  | 'import.batches'
  | 'batch.setReceived'
  | 'batch.setAside'
  | 'batch.moveTo'

/** A batch to import: the files given (held by id, or uploads written to the batch folder first). */
type BatchRequest = Readonly<{
  season: Season
  files: readonly GivenImportFile[]
  receivedOn: string | null
  /** names the page left out (not spreadsheets): kept in the batch's history as refused */
  skipped: readonly string[]
}>

type GivenImportFile =
  | Readonly<{ kind: 'held'; id: string }>
  | Readonly<{ kind: 'upload'; name: string; dataBase64: string; lastModified?: number | undefined }>

export function importHandlers(ctx: ApiContext): Pick<Handlers, ImportChannels> {
  const { db, actor, options, store, batches, figureCache, held } = ctx
  const addedRoot = addedPacksRoot(options.dataDir)
  /** A form's name by its id, for a batch of another form */
  const formName = (form: string) => ctx.packs.pack(form)?.manifest.name ?? null
  /** The season a stored batch went into (a batch that names no form: its period's only season). */
  const seasonOfBatch = (b: Readonly<{ formId: string | null; period: PeriodId }>): Season =>
    b.formId === null ? ctx.seasonOf({ period: b.period }) : { form: b.formId, period: b.period }

  /** Starts a batch in the background; its files are reported as events, its history kept in the database. */
  const startBatchRun = (req: BatchRequest): { batchId: string; total: number } => {
    {
      const { season } = req
      const { period } = season
      const pack = ctx.packOf(season.form)
      const batchId = crypto.randomBytes(8).toString('hex')
      const files = req.files
      const total = files.length
      const batch = { cancelled: false }
      batches.set(batchId, batch)
      const run = async () => {
        const results: ImportResult[] = []
        // the stored batch, once recorded
        const stored: { id: number | null } = { id: null }
        // the index in the request of each file sent to the reader, and how many came back stored
        const where: number[] = []
        let reported = 0
        const batchDir = path.join(ctx.uploads, batchId)
        // every name the batch stores a file under is made by the one name function, unique in the batch
        const taken = new Set<string>()
        const displays = files.map((f) =>
          f.kind === 'held' ? (held.get(f.id, 'file')?.name ?? '?') : safeFileName(f.name, { taken }),
        )
        const failed = (fileName: string, e: unknown): ImportResult => {
          options.onError?.(e)
          const text =
            e instanceof DbError || e instanceof OutputError || e instanceof ApiFailure
              ? e.text
              : { vi: `Lỗi khi nhận tệp: ${String(e)}`, en: `Import failed: ${String(e)}` }
          return {
            fileName,
            submissionId: null,
            unit: null,
            unitName: null,
            period: null,
            version: null,
            status: 'rejected',
            errors: 1,
            warnings: 0,
            duplicate: false,
            firstProblem: text,
            proposedUnit: null,
          }
        }
        const done = (index: number, result: ImportResult) => {
          results.push(result)
          const fileName = displays[index] ?? ''
          ctx.emit({ type: 'import.progress', batchId, index, total, fileName, phase: 'done', result })
        }
        try {
          // uploads become files in the batch folder (the read pool reads paths); a file that cannot
          // be had (an id no longer held, an upload over the limit, a full disk) fails alone
          const inputs: InputFile[] = []
          files.forEach((f, i) => {
            const display = displays[i] as string
            try {
              if (f.kind === 'held') inputs.push({ path: ctx.heldFile(f.id).path, display })
              else {
                const p = path.join(batchDir, display)
                realFs.mkdir(batchDir)
                writeFileAtomic(realFs, p, Buffer.from(f.dataBase64, 'base64'))
                if (f.lastModified) fs.utimesSync(p, new Date(), new Date(f.lastModified))
                inputs.push({ path: p, display })
              }
              where.push(i)
            } catch (e) {
              done(i, failed(display, e))
            }
          })
          const units = listUnits(db, season)
          const unitName = new Map(units.map((u) => [u.code, u.name]))
          const unitIndex = indexUnits(units)
          // each file is read in a worker thread; this thread only stores, so the window stays live
          await importBatch(
            db,
            // a file of another form Sheaf knows goes to that form's season (or is told S10)
            {
              ...batchContext(pack, units, period),
              otherForms: otherFormsOf(db, knownPacks(addedRoot), season.form),
            },
            inputs,
            {
              actor,
              figureCache,
              receivedOn: req.receivedOn,
              skipped: req.skipped,
              unread: total - inputs.length,
              onBatch: (b) => {
                stored.id = b.id
              },
              isCancelled: () => batch.cancelled,
              read: readPoolOptionsFromEnv(process.env),
              onProgress: (p) => {
                const index = where[p.done]
                if (index !== undefined && p.file !== '')
                  ctx.emit({
                    type: 'import.progress',
                    batchId,
                    index,
                    total,
                    fileName: displays[index] ?? p.file,
                    phase: 'reading',
                  })
              },
              onFile: (out) => {
                const index = where[reported++] ?? results.length
                try {
                  if (out.analysed?.bytes && out.analysed.sha256)
                    store.put(out.analysed.sha256, out.analysed.bytes)
                  const v = out.unit
                    ? listVersions(db, season, out.unit).find((x) => x.id === out.submissionId)
                    : undefined
                  const errors = out.problems.filter((p) => p.severity === 'error')
                  done(index, {
                    fileName: displays[index] ?? out.file,
                    submissionId: out.submissionId,
                    unit: out.unit,
                    unitName: out.unit ? (unitName.get(out.unit) ?? null) : null,
                    period: out.analysed?.analysis.period ?? null,
                    version: v?.version ?? null,
                    status: out.status,
                    errors: errors.length,
                    warnings: out.problems.length - errors.length,
                    duplicate: out.duplicate,
                    firstProblem: (errors[0] ?? out.problems[0])?.message ?? null,
                    proposedUnit:
                      out.unit === null ? proposedUnit(unitIndex, displays[index] ?? out.file) : null,
                  })
                } catch (e) {
                  done(index, failed(displays[index] ?? out.file, e))
                }
              },
            },
          )
        } catch (e) {
          // the database refused a file (locked, full): the files not stored are reported as failed,
          // unless the batch was stopped (the window closing closes the database)
          if (!batch.cancelled) for (const i of where.slice(reported)) done(i, failed(displays[i] ?? '', e))
        }
        batches.delete(batchId)
        fs.rmSync(batchDir, { recursive: true, force: true })
        // the uploads streamed to disk for this batch are read and stored: gone
        for (const f of files) if (f.kind === 'held') held.release(f.id)
        // a cancel that came after the last file was stored stopped nothing
        const cancelled = batch.cancelled && results.length < total
        let view: BatchView | null = null
        try {
          view = batchViews(db, season, formName).find((b) => b.id === stored.id) ?? null
        } catch (e) {
          options.onError?.(e)
        }
        ctx.emit({ type: 'import.finished', batchId, results, total, cancelled, batch: view })
        ctx.emit({ type: 'data.changed', period })
      }
      setImmediate(
        () =>
          void run()
            .catch((e: unknown) => options.onError?.(e))
            // forgotten also when the run failed before it ended
            .finally(() => batches.delete(batchId)),
      )
      return { batchId, total }
    }
  }

  return {
    'import.start': (req) =>
      explained(() =>
        startBatchRun({
          season: ctx.seasonOf(req),
          files: req.files,
          receivedOn: req.receivedOn ?? null,
          skipped: req.skipped ?? [],
        }),
      ),
    'import.batches': (req) =>
      explained(() => {
        return batchViews(db, ctx.seasonOf(req), formName)
      }),
    'batch.setReceived': (req) =>
      explained(() => {
        const b = getBatch(db, req.batchId)
        if (!b) throw notFound(`đợt nhận #${req.batchId}`)
        setBatchReceivedOn(db, req.batchId, req.date, actor)
        ctx.emit({ type: 'data.changed', period: b.period })
        return batchViews(db, seasonOfBatch(b), formName).find((x) => x.id === b.id) as BatchView
      }),
    'batch.setAside': (req) =>
      explained(() => {
        const b = getBatch(db, req.batchId)
        if (!b) throw notFound(`đợt nhận #${req.batchId}`)
        setBatchAside(db, req.batchId, req.aside, actor)
        ctx.merges.invalidate()
        ctx.emit({ type: 'data.changed', period: b.period })
        return batchViews(db, seasonOfBatch(b), formName).find((x) => x.id === b.id) as BatchView
      }),
    'batch.moveTo': (req) =>
      explained(() => {
        const b = getBatch(db, req.batchId)
        if (!b) throw notFound(`đợt nhận #${req.batchId}`)
        const from = seasonOfBatch(b)
        // the same form's season of the other period, or another form's season for its files
        const target: Season = { form: req.form ?? from.form, period: req.period }
        const toForm = req.form !== undefined && req.form !== from.form
        // a season not made yet is made for the move (the clerk agreed): the same unit list
        if (!getPeriod(db, target)) {
          prepareSeason(
            db,
            ctx.packOf(target.form),
            target.period,
            listUnits(db, from, { includeInactive: true }),
            actor,
          )
        } else if (listUnits(db, target).length === 0) {
          importUnitList(db, target, listUnits(db, from, { includeInactive: true }), actor)
        }
        // the batch's files as they were received, from the store, into the other period
        const files: GivenImportFile[] = []
        const view = batchViews(db, seasonOfBatch(b), formName).find((x) => x.id === b.id)
        // to another form: only that form's files, each set aside here once it is on its way
        // (those stored here with S10; those stored there already stay as they are)
        const moving = (view?.files ?? []).filter(
          (f) => !toForm || (f.otherForm === target.form && f.rule === 'S10'),
        )
        for (const f of moving) {
          const s = f.submissionId === null ? null : getSubmission(db, f.submissionId)
          const bytes = s ? store.get(s.sha256) : null
          if (s && bytes)
            files.push({
              kind: 'upload',
              name: f.fileName,
              dataBase64: Buffer.from(bytes).toString('base64'),
              ...(s.fileMtime ? { lastModified: Date.parse(s.fileMtime) } : {}),
            })
        }
        if (files.length === 0)
          throw new ApiFailure('not_found', {
            vi: 'Không còn bản lưu của các tệp trong đợt này: hãy nhận lại các tệp vào kỳ kia',
            en: 'The stored copies of this batch are gone: import the files into the other period again',
          })
        if (toForm) {
          for (const f of moving)
            if (f.submissionId !== null) setSubmissionAside(db, f.submissionId, true, actor)
        } else setBatchAside(db, b.id, true, actor)
        ctx.merges.invalidate()
        ctx.emit({ type: 'data.changed', period: b.period })
        return startBatchRun({
          season: target,
          files,
          receivedOn: b.receivedOn,
          skipped: [],
        })
      }),
    'import.cancel': (req) => {
      const batch = batches.get(req.batchId)
      if (batch) batch.cancelled = true
      return { batchId: req.batchId, cancelled: batch !== undefined }
    },
    'import.assign': (req) =>
      explainedAsync(async () => {
        const s = getSubmission(db, req.submissionId)
        if (!s) throw notFound(`tệp #${req.submissionId}`)
        const period = s.period
        const season = { form: s.form, period }
        const pack = ctx.packOf(s.form)
        const units = listUnits(db, season)
        const unit = units.find((u) => u.code === req.unit)
        if (!unit) throw notFound(`đơn vị ${req.unit} trong danh sách kỳ ${period}`)
        const bytes = store.get(s.sha256)
        if (!bytes)
          throw new ApiFailure('not_found', {
            vi: 'Không còn bản lưu của tệp này trong thư mục dữ liệu: hãy nhận lại tệp',
            en: 'The stored copy of this file is gone from the data folder: import the file again',
          })
        // read again as the chosen unit's file (its required rows, S06, and W03 are now checked), in a
        // read worker with the pool's limits like every read of a unit's workbook
        const batch = { ...batchContext(pack, units, period), forcedUnit: unit.code }
        const pool = new ReadPool(batch, { ...readPoolOptionsFromEnv(process.env), workers: 1 })
        let read
        try {
          read = await pool.analyse(bytes, s.fileName)
        } finally {
          await pool.close()
        }
        // a file the reader gave up on is still the chosen unit's, as an unreadable one
        const forced = read.unit === null ? { ...read, unit: unit.code, unitSource: 'manual' as const } : read
        const analysis = withStoredChecks(db, batch, forced)
        assignSubmissionUnit(db, { submissionId: s.id, unit: unit.code, analysis, by: actor })
        ctx.merges.invalidate()
        ctx.emit({ type: 'data.changed', period })
        const version = listVersions(db, season, unit.code).find((v) => v.id === s.id)?.version ?? null
        const errors = analysis.problems.filter((p) => p.severity === 'error')
        return {
          submissionId: s.id,
          unit: unit.code,
          unitName: unit.name,
          status: analysis.status,
          version,
          errors: errors.length,
          warnings: analysis.problems.length - errors.length,
          firstProblem: (errors[0] ?? analysis.problems[0])?.message ?? null,
        }
      }),
  }
}
