// "Import files": read and check each file (in the read pool's worker threads), and store it with its
// figures and problems in one transaction, so that a batch cut short keeps every finished file and no
// trace of the others.
import type { PeriodId, Season } from '../shared/period'
import { makePeriodId, periodParts } from '../shared/period'
import type { Problem } from '../shared/problem'
import type { SubmissionAnalysis } from '../core/submission/analysis'
import { checkAgainstHalfYear } from '../core/rules/check-half-year'
import type { SheafDb } from '../db'
import type { FigureCache } from '../db'
import type { BatchFile } from '../db'
import {
  finishBatch,
  recordBatchFiles,
  findSubmissionByHash,
  getProblems,
  getSubmission,
  getUnitFigures,
  soleVersion,
  storeSubmission,
} from '../db'
import { prepareUnitSources } from '../core/output/write-report'
import { prepareMergeCells } from '../core/merge/merge-submissions'
import type { AnalysedFile, BatchContext, Progress } from './analyse-inputs'
import { batchSeason, loadInput, seasonOfFile } from './analyse-inputs'
import {
  analyseBytes,
  rejectedUnreadable,
  unreadableFromFileName,
} from '../core/submission/analyse-submission'
import { unitByCode } from '../core/submission/identify-unit'
import type { ReadPoolOptions, ReadResult } from './read-pool/read-pool'
import { coreCount, DEFAULT_READ_POOL_OPTIONS, ReadPool } from './read-pool/read-pool'
import type { InputFile } from './collect-inputs'
import type { FileSystem } from './fs-seam'
import { realFs } from './fs-seam'
import { nativeReadContext } from './read-pool/native-inflate'

/** What the merge needs of each file, kept as the import stores it (`figureCache` below). */
export { FigureCache } from '../db'

export type ImportedFile = Readonly<{
  file: string
  submissionId: number | null
  unit: string | null
  status: 'accepted' | 'rejected'
  problems: readonly Problem[]
  duplicate: boolean
  analysed: AnalysedFile | null
  /** the season the file is stored in: the batch's, or another form's that it was read for */
  season: Season
}>

/** Adds what needs the stored season: W03 against the unit's stored 6-month figures. */
export function withStoredChecks(
  db: SheafDb,
  ctx: BatchContext,
  analysis: SubmissionAnalysis,
): SubmissionAnalysis {
  const { year, kind } = periodParts(ctx.period)
  if (kind !== 'Y' || !analysis.unit) return analysis
  const h1 = getUnitFigures(
    db,
    { form: ctx.pack.manifest.id, period: makePeriodId(year, 'H1') },
    analysis.unit,
  )
  // the figures are built only when there is something to compare them with
  if (!h1 || analysis.figures.length === 0) return analysis
  const extra = checkAgainstHalfYear(ctx.pack, analysis.figures, h1.figures)
  return extra.length === 0 ? analysis : { ...analysis, problems: [...analysis.problems, ...extra] }
}

/** Stores one analysed file in its own transaction (or finds it already stored, byte for byte). */
export function storeAnalysed(
  db: SheafDb,
  ctx: BatchContext,
  analysed: AnalysedFile,
  actor?: string,
  batch?: BatchRecord,
): ImportedFile {
  const input = analysed.input
  // a file of another form read for that form's season is stored there
  const { season, ctx: here } = seasonOfFile(ctx, analysed.analysis)
  if (analysed.sha256 !== null) {
    const stored = findSubmissionByHash(db, season, analysed.sha256)
    if (stored) return storedOutcome(db, stored.id, input.display, analysed, season)
  }
  const analysis = unreadableFromFileName(withStoredChecks(db, here, analysed.analysis), here.units)
  if (analysed.sha256 === null) {
    return {
      file: input.display,
      submissionId: null,
      unit: null,
      status: 'rejected',
      problems: analysis.problems,
      duplicate: false,
      analysed,
      season,
    }
  }
  const r = storeSubmission(db, {
    season,
    file: { name: input.display, sha256: analysed.sha256, size: analysed.size, mtime: analysed.mtimeMs },
    analysis,
    // the stored checks add problems, never figures: the worker's encoding still holds
    ...(analysed.encodedFigures ? { encodedFigures: analysed.encodedFigures } : {}),
    ...(actor ? { actor } : {}),
    ...(batch ? { batchId: batch.id, receivedOn: batch.receivedOn } : {}),
  })
  return {
    file: input.display,
    submissionId: r.submissionId,
    unit: analysis.unit,
    status: analysis.status,
    problems: analysis.problems,
    duplicate: r.duplicate,
    analysed: { ...analysed, analysis },
    season,
  }
}

function storedOutcome(
  db: SheafDb,
  id: number,
  display: string,
  analysed: AnalysedFile,
  season: Season,
): ImportedFile {
  const s = getSubmission(db, id)
  return {
    file: display,
    submissionId: id,
    unit: s?.unit ?? null,
    status: s?.status ?? 'rejected',
    problems: getProblems(db, id),
    duplicate: true,
    analysed,
    season,
  }
}

/**
 * A reading thread pays for its start-up and warm-up (each compiles the reader anew) before it reads
 * its first file at full speed (docs/bench/code-choices.md): a second one pays only for a batch that
 * gives it a few hundred files.
 */
const FILES_PER_READER = 250

/**
 * The reading threads for a batch: one per few hundred files, leaving a core to this thread, which
 * stores each file and prepares the report while they read. On two cores that is one reader: a second
 * one made the country's batch slower (docs/bench/code-choices.md).
 */
function readerCount(files: number): number {
  return Math.max(1, Math.min(coreCount() - 1, Math.ceil(files / FILES_PER_READER)))
}

/** The stored import batch the files belong to, and the received date set for all of them. */
export type BatchRecord = Readonly<{ id: number; receivedOn: string | null }>

/** What became of a file of a batch, as the batch's history keeps it. */
export function batchFileOf(f: ImportedFile, seq: number, fileName: string = f.file): BatchFile {
  const errors = f.problems.filter((p) => p.severity === 'error')
  return {
    seq,
    fileName,
    outcome: f.duplicate ? 'duplicate' : f.submissionId === null ? 'refused' : 'new',
    submissionId: f.submissionId,
    unit: f.unit,
    declaredPeriod: f.analysed?.analysis.period ?? null,
    otherForm: f.analysed?.analysis.otherForm?.form ?? null,
    status: f.submissionId === null ? null : f.status,
    errors: errors.length,
    warnings: f.problems.length - errors.length,
    rule: (errors[0] ?? f.problems[0])?.rule ?? null,
    reason: (errors[0] ?? f.problems[0])?.message ?? null,
  }
}

/** Files of a batch written to its history together, so that a long batch costs few transactions. */
const BATCH_FLUSH = 50

export type ImportOptions = Readonly<{
  /** record the batch and what became of each file in the batch history (with `--db`, the app) */
  batch?: BatchRecord
  onProgress?: (p: Progress) => void
  onFile?: (f: ImportedFile) => void
  fsys?: FileSystem
  actor?: string
  isCancelled?: () => boolean
  /** limits of the read pool (threads, time, memory, file size) */
  read?: Partial<ReadPoolOptions>
  /** read in the calling thread, without the pool: only for trusted files */
  inProcess?: boolean
  /** keep each file's bytes and full analysis in the result (feedback needs them); default true */
  keepAnalysed?: boolean
  /**
   * for a report in the same run: the figures of each accepted file, read back as the merge takes them
   * (and its rows of the report's sources made) while the pool reads the next file
   */
  figureCache?: FigureCache
  /** with `figureCache`: also make each file's rows of the report's sources sheet (default true) */
  prepareSources?: boolean
  /**
   * Called once the first files are on their way to the reading threads, which take a while to start:
   * the time for this thread to do something long (load the report's libraries) without holding
   * them up later.
   */
  whileReadersStart?: () => void
}>

/** Prepares for the report what depends on this file alone: done while the pool reads the next one. */
function keepForReport(
  db: SheafDb,
  ctx: BatchContext,
  f: ImportedFile,
  analysed: AnalysedFile,
  cache: FigureCache,
  prepareSources: boolean,
): void {
  // a file stored under another form's season is not this report's
  if (f.season.form !== ctx.pack.manifest.id) return
  const unit = f.unit === null ? null : unitByCode(ctx.units, f.unit)
  const json = analysed.encodedFigures?.json
  if (!unit || json === undefined || f.submissionId === null || f.duplicate || f.status !== 'accepted') return
  // the version the report will name: known here only for a unit's first file
  const version = soleVersion(db, batchSeason(ctx), unit.code)
  if (version === null) return
  const figures = cache.remember(f.submissionId, json, { unit: unit.code, fileName: f.file, version })
  if (figures && prepareSources) {
    prepareUnitSources(ctx.pack, figures, unit.name)
    prepareMergeCells(ctx.pack, batchSeason(ctx).period, figures)
  }
}

/**
 * Reads the files in the read pool (each in a worker thread with a time and a memory limit) and
 * stores each on this thread, in the input order, one transaction per file. A file the pool could
 * not read is stored as rejected with S01; the batch always goes on.
 */
export async function importFiles(
  db: SheafDb,
  ctx: BatchContext,
  inputs: readonly InputFile[],
  options: ImportOptions = {},
): Promise<ImportedFile[]> {
  const out: ImportedFile[] = []
  const season = batchSeason(ctx)
  const fsys = options.fsys ?? realFs
  const pool = options.inProcess
    ? null
    : new ReadPool(ctx, { workers: readerCount(inputs.length), ...options.read })
  const inProcessRead = pool ? undefined : nativeReadContext()
  const maxFileBytes =
    pool?.options.maxFileBytes ?? options.read?.maxFileBytes ?? DEFAULT_READ_POOL_OPTIONS.maxFileBytes
  // files ahead of the one being stored, so that every thread has the files the pool sends ahead
  // (read-pool.ts, SLOT_DEPTH) and a few more, but memory stays bounded
  const window = (pool?.options.workers ?? 1) * 16 + 4
  const pending: (Promise<AnalysedFile> | undefined)[] = []
  const launch = (i: number): void => {
    const input = inputs[i] as InputFile
    const loaded = loadInput(input, i, fsys, maxFileBytes)
    if (!loaded.ok) {
      pending[i] = Promise.resolve(loaded.analysed)
      return
    }
    const stored = findSubmissionByHash(db, season, loaded.sha256)
    const read: Promise<ReadResult> =
      stored !== undefined && stored !== null
        ? // not read again: storeAnalysed answers with the stored outcome
          Promise.resolve({
            analysis: rejectedUnreadable(input.display, {
              vi: 'tệp đã được lưu trước đó',
              en: 'the file is already stored',
            }),
            encodedFigures: null,
          })
        : pool
          ? pool.read(loaded.bytes, input.display)
          : Promise.resolve({
              analysis: analyseBytes(loaded.bytes, {
                ...ctx,
                fileName: input.display,
                ...(inProcessRead ? { read: inProcessRead } : {}),
              }),
              encodedFigures: null,
            })
    pending[i] = read.then(({ analysis, encodedFigures }) => ({
      input,
      analysis,
      encodedFigures,
      sha256: loaded.sha256,
      size: loaded.size,
      mtimeMs: loaded.mtimeMs,
      importOrder: i,
      bytes: loaded.bytes,
    }))
  }
  let launched = 0
  let failed = true
  const batchFiles: BatchFile[] = []
  const flush = (): void => {
    if (options.batch && batchFiles.length > 0) recordBatchFiles(db, options.batch.id, batchFiles.splice(0))
  }
  const closeBatch = (): void => {
    flush()
    if (options.batch) finishBatch(db, options.batch.id, out.length < inputs.length)
  }
  try {
    for (let i = 0; i < inputs.length; i++) {
      if (options.isCancelled?.()) break
      while (launched < inputs.length && launched < i + window && !options.isCancelled?.()) launch(launched++)
      if (i === 0) options.whileReadersStart?.()
      const input = inputs[i] as InputFile
      options.onProgress?.({ done: i, total: inputs.length, file: input.display })
      const analysed = await (pending[i] as Promise<AnalysedFile>)
      pending[i] = undefined // a country's batch must not keep every file's bytes alive
      if (options.isCancelled?.()) break
      const f = storeAnalysed(db, ctx, analysed, options.actor, options.batch)
      if (options.batch) {
        batchFiles.push(batchFileOf(f, i))
        if (batchFiles.length >= BATCH_FLUSH) flush()
      }
      if (options.figureCache)
        keepForReport(db, ctx, f, analysed, options.figureCache, options.prepareSources !== false)
      out.push(options.keepAnalysed === false ? { ...f, analysed: null } : f)
      options.onFile?.(f)
    }
    failed = false
  } finally {
    // the threads end on their own cores while this one goes on (the report): not waited for
    void pool?.close()
    if (failed) {
      try {
        closeBatch()
      } catch {
        // a database that failed the batch fails its history too: the batch's own error is the one told
      }
    }
  }
  closeBatch()
  options.figureCache?.seal(db)
  options.onProgress?.({ done: out.length, total: inputs.length, file: '' })
  return out
}

export type { PeriodId }
