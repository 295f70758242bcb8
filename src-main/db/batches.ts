// Import batches: the files a clerk dropped at once, and what became of each (stored, already there,
// refused and why), kept so that the import screen's history survives leaving it and restarting.
import type { PeriodId, Season } from '../shared/period'
import { read, writeTransaction, type SheafDb } from './connection'
import { writeAudit } from './audit'
import { dbError } from './errors'

export const BATCH_OUTCOMES = ['new', 'duplicate', 'refused'] as const
export type BatchOutcome = (typeof BATCH_OUTCOMES)[number]

export type BatchFile = Readonly<{
  seq: number
  fileName: string
  outcome: BatchOutcome
  submissionId: number | null
  unit: string | null
  declaredPeriod: string | null
  /** another known form the file is of: stored under its season, or not (rule S10) */
  otherForm?: string | null
  status: 'accepted' | 'rejected' | null
  errors: number
  warnings: number
  /** the rule of the first problem (`S01` for a refused file) */
  rule: string | null
  /** the first problem, or why the file was refused */
  reason: Readonly<{ vi: string; en: string }> | null
}>

export type Batch = Readonly<{
  id: number
  formId: string | null
  period: PeriodId
  startedAt: string
  finishedAt: string | null
  actor: string
  total: number
  cancelled: boolean
  /** the received date set for the whole batch */
  receivedOn: string | null
  setAsideAt: string | null
  files: readonly BatchFile[]
}>

export type BatchStart = Readonly<{
  formId: string | null
  period: PeriodId
  total: number
  receivedOn?: string | null
  actor?: string
}>

/** Records the start of a batch; its files follow with `recordBatchFiles`. */
export function startBatch(db: SheafDb, input: BatchStart): number {
  return writeTransaction(db, () => {
    const r = db
      .prepare(
        `INSERT INTO import_batches (form_id, period_id, started_at, actor, total, received_on)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        input.formId,
        input.period,
        db.now(),
        input.actor ?? db.actor,
        input.total,
        input.receivedOn ?? null,
      )
    return Number(r.lastInsertRowid)
  })
}

/** Adds what became of some files of a batch (one transaction for all of them). */
export function recordBatchFiles(db: SheafDb, batchId: number, files: readonly BatchFile[]): void {
  if (files.length === 0) return
  writeTransaction(db, () => {
    const insert = db.prepare(
      `INSERT OR REPLACE INTO import_batch_files (batch_id, seq, file_name, outcome, submission_id, unit_code,
         declared_period, other_form, status, errors, warnings, reason_rule, reason_vi, reason_en)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    for (const f of files)
      insert.run(
        batchId,
        f.seq,
        f.fileName,
        f.outcome,
        f.submissionId,
        f.unit,
        f.declaredPeriod,
        f.otherForm ?? null,
        f.status,
        f.errors,
        f.warnings,
        f.rule,
        f.reason?.vi ?? null,
        f.reason?.en ?? null,
      )
  })
}

export function finishBatch(db: SheafDb, batchId: number, cancelled: boolean): void {
  writeTransaction(db, () => {
    db.prepare('UPDATE import_batches SET finished_at = ?, cancelled = ? WHERE id = ?').run(
      db.now(),
      cancelled ? 1 : 0,
      batchId,
    )
  })
}

type BatchRow = {
  id: number
  form_id: string | null
  period_id: PeriodId
  started_at: string
  finished_at: string | null
  actor: string
  total: number
  cancelled: number
  received_on: string | null
  set_aside_at: string | null
}

type BatchFileRow = {
  batch_id: number
  seq: number
  file_name: string
  outcome: BatchOutcome
  submission_id: number | null
  unit_code: string | null
  declared_period: string | null
  other_form: string | null
  status: 'accepted' | 'rejected' | null
  errors: number
  warnings: number
  reason_rule: string | null
  reason_vi: string | null
  reason_en: string | null
}

function toBatchFile(r: BatchFileRow): BatchFile {
  return {
    seq: r.seq,
    fileName: r.file_name,
    outcome: r.outcome,
    submissionId: r.submission_id,
    unit: r.unit_code,
    declaredPeriod: r.declared_period,
    otherForm: r.other_form,
    status: r.status,
    errors: r.errors,
    warnings: r.warnings,
    rule: r.reason_rule,
    reason: r.reason_vi === null ? null : { vi: r.reason_vi, en: r.reason_en ?? r.reason_vi },
  }
}

/** The batches of a season, newest first, each with its files in the order they were given. */
export function listBatches(db: SheafDb, season: Season): Batch[] {
  return read(db, () => {
    const batches = db
      .prepare(
        'SELECT * FROM import_batches WHERE form_id = ? AND period_id = ? ORDER BY started_at DESC, id DESC',
      )
      .all(season.form, season.period) as BatchRow[]
    const files = db
      .prepare(
        `SELECT f.* FROM import_batch_files f JOIN import_batches b ON b.id = f.batch_id
           WHERE b.form_id = ? AND b.period_id = ? ORDER BY f.batch_id, f.seq`,
      )
      .all(season.form, season.period) as BatchFileRow[]
    const byBatch = new Map<number, BatchFile[]>()
    for (const f of files) {
      const own = byBatch.get(f.batch_id)
      if (own) own.push(toBatchFile(f))
      else byBatch.set(f.batch_id, [toBatchFile(f)])
    }
    return batches.map((b) => ({ ...toBatchHead(b), files: byBatch.get(b.id) ?? [] }))
  })
}

/** A batch as stored, without its files. */
function toBatchHead(b: BatchRow): Omit<Batch, 'files'> {
  return {
    id: b.id,
    formId: b.form_id,
    period: b.period_id,
    startedAt: b.started_at,
    finishedAt: b.finished_at,
    actor: b.actor,
    total: b.total,
    cancelled: b.cancelled === 1,
    receivedOn: b.received_on,
    setAsideAt: b.set_aside_at,
  }
}

export function getBatch(db: SheafDb, batchId: number): Omit<Batch, 'files'> | null {
  return read(db, () => {
    const b = db.prepare('SELECT * FROM import_batches WHERE id = ?').get(batchId) as BatchRow | undefined
    return b ? toBatchHead(b) : null
  })
}

function requireBatch(db: SheafDb, batchId: number): Omit<Batch, 'files'> {
  const b = getBatch(db, batchId)
  if (!b) throw dbError('DB_NOT_FOUND', null, `đợt nhận / import batch #${batchId}`)
  return b
}

/**
 * Sets the received date of every file a batch stored (and the batch's own), or clears it (null:
 * each file's modification time counts again).
 */
export function setBatchReceivedOn(db: SheafDb, batchId: number, date: string | null, actor?: string): void {
  writeTransaction(db, () => {
    const b = requireBatch(db, batchId)
    db.prepare('UPDATE import_batches SET received_on = ? WHERE id = ?').run(date, batchId)
    const r = db.prepare('UPDATE submissions SET received_on = ? WHERE batch_id = ?').run(date, batchId)
    writeAudit(
      db,
      'batch.received',
      'import_batch',
      batchId,
      { period: b.period, before: b.receivedOn, date, files: r.changes },
      actor,
    )
  })
}

/**
 * Sets a whole batch aside (its files out of every count and export, kept and restorable), or
 * brings it back: the files set aside with it come back, a file set aside on its own stays aside.
 */
export function setBatchAside(db: SheafDb, batchId: number, aside: boolean, actor?: string): void {
  writeTransaction(db, () => {
    const b = requireBatch(db, batchId)
    if (aside === (b.setAsideAt !== null)) return
    let changed: number
    if (aside) {
      const at = db.now()
      db.prepare('UPDATE import_batches SET set_aside_at = ? WHERE id = ?').run(at, batchId)
      changed = db
        .prepare('UPDATE submissions SET set_aside_at = ? WHERE batch_id = ? AND set_aside_at IS NULL')
        .run(at, batchId).changes
    } else {
      db.prepare('UPDATE import_batches SET set_aside_at = NULL WHERE id = ?').run(batchId)
      changed = db
        .prepare('UPDATE submissions SET set_aside_at = NULL WHERE batch_id = ? AND set_aside_at = ?')
        .run(batchId, b.setAsideAt).changes
    }
    writeAudit(
      db,
      aside ? 'batch.set_aside' : 'batch.restore',
      'import_batch',
      batchId,
      { period: b.period, files: changed },
      actor,
    )
  })
}
