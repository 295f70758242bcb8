// Receiving files: a batch imported in the read pool's workers, reported file by file as events;
// a batch stopped; a file that matched no unit assigned to one by hand and read again as its file.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { PeriodId } from '../../shared/period'
import type { ImportResult } from '../../shared/api-types'
import { analyseBytes } from '../../core/submission/analyse-submission'
import { assignSubmissionUnit, DbError, getSubmission, listUnits, listVersions } from '../../db'
import { batchContext } from '../analyse-inputs'
import type { InputFile } from '../collect-inputs'
import { OutputError } from '../fs-seam'
import { importFiles, withStoredChecks } from '../import-files'
import { readPoolOptionsFromEnv } from '../read-pool/read-pool'
import type { ApiContext } from './api-context'
import { explained, notFound, safeName } from './api-context'
import type { Handlers } from './router'
import { ApiFailure } from './router'

export function importHandlers(
  ctx: ApiContext,
): Pick<Handlers, 'import.start' | 'import.cancel' | 'import.assign'> {
  const { db, actor, options, store, batches, figureCache } = ctx
  return {
    'import.start': (req) => {
      const period = req.period as PeriodId
      const pack = ctx.packOf(period)
      const batchId = crypto.randomBytes(8).toString('hex')
      const files = req.files
      const total = files.length
      const batch = { cancelled: false }
      batches.set(batchId, batch)
      const run = async () => {
        const results: ImportResult[] = []
        const batchDir = path.join(ctx.uploads, batchId)
        const displays = files.map((f) => (f.kind === 'path' ? path.basename(f.path) : safeName(f.name)))
        const failed = (fileName: string, e: unknown): ImportResult => {
          options.onError?.(e)
          const text =
            e instanceof DbError || e instanceof OutputError
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
          }
        }
        const done = (index: number, result: ImportResult) => {
          results.push(result)
          const fileName = displays[index] ?? ''
          ctx.emit({ type: 'import.progress', batchId, index, total, fileName, phase: 'done', result })
        }
        try {
          // uploads become files in the batch folder: the read pool reads paths
          const inputs: InputFile[] = files.map((f, i) => {
            const display = displays[i] as string
            if (f.kind === 'path') return { path: f.path, display }
            fs.mkdirSync(path.join(batchDir, String(i)), { recursive: true })
            const p = path.join(batchDir, String(i), display)
            fs.writeFileSync(p, Buffer.from(f.dataBase64, 'base64'))
            if (f.lastModified) fs.utimesSync(p, new Date(), new Date(f.lastModified))
            return { path: p, display }
          })
          const units = listUnits(db, period)
          const unitName = new Map(units.map((u) => [u.code, u.name]))
          // each file is read in a worker thread; this thread only stores, so the window stays live
          await importFiles(db, batchContext(pack, units, period), inputs, {
            actor,
            figureCache,
            isCancelled: () => batch.cancelled,
            read: readPoolOptionsFromEnv(process.env),
            onProgress: (p) => {
              if (p.done < total && p.file !== '')
                ctx.emit({
                  type: 'import.progress',
                  batchId,
                  index: p.done,
                  total,
                  fileName: displays[p.done] ?? p.file,
                  phase: 'reading',
                })
            },
            onFile: (out) => {
              const index = results.length
              try {
                if (out.analysed?.bytes && out.analysed.sha256)
                  store.put(out.analysed.sha256, out.analysed.bytes)
                const v = out.unit
                  ? listVersions(db, period, out.unit).find((x) => x.id === out.submissionId)
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
                })
              } catch (e) {
                done(index, failed(displays[index] ?? out.file, e))
              }
            },
          })
        } catch (e) {
          // the database refused a file (locked, full): the files not stored are reported as failed,
          // unless the batch was stopped (the window closing closes the database)
          if (!batch.cancelled)
            for (let i = results.length; i < total; i++) done(i, failed(displays[i] ?? '', e))
        }
        batches.delete(batchId)
        fs.rmSync(batchDir, { recursive: true, force: true })
        // a cancel that came after the last file was stored stopped nothing
        const cancelled = batch.cancelled && results.length < total
        ctx.emit({ type: 'import.finished', batchId, results, total, cancelled })
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
    },
    'import.cancel': (req) => {
      const batch = batches.get(req.batchId)
      if (batch) batch.cancelled = true
      return { batchId: req.batchId, cancelled: batch !== undefined }
    },
    'import.assign': (req) =>
      explained(() => {
        const s = getSubmission(db, req.submissionId)
        if (!s) throw notFound(`tệp #${req.submissionId}`)
        const period = s.period
        const pack = ctx.packOf(period)
        const units = listUnits(db, period)
        const unit = units.find((u) => u.code === req.unit)
        if (!unit) throw notFound(`đơn vị ${req.unit} trong danh sách kỳ ${period}`)
        const bytes = store.get(s.sha256)
        if (!bytes)
          throw new ApiFailure('not_found', {
            vi: 'Không còn bản lưu của tệp này trong thư mục dữ liệu: hãy nhận lại tệp',
            en: 'The stored copy of this file is gone from the data folder: import the file again',
          })
        // read again as the chosen unit's file: its required rows (S06) and W03 are now checked
        const batch = batchContext(pack, units, period)
        const analysis = withStoredChecks(
          db,
          batch,
          analyseBytes(bytes, { ...batch, fileName: s.fileName, forcedUnit: unit.code }),
        )
        assignSubmissionUnit(db, { submissionId: s.id, unit: unit.code, analysis, by: actor })
        ctx.merges.invalidate(period)
        ctx.emit({ type: 'data.changed', period })
        const version = listVersions(db, period, unit.code).find((v) => v.id === s.id)?.version ?? null
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
