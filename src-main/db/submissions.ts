// Submitted files with their figures and problems: stored whole or not at all, read back with the
// provenance of every figure.
import type { Figure, SubmissionAnalysis } from '../core/submission/analysis'
import type { PeriodId, Season } from '../shared/period'
import type { Problem, ProblemValue } from '../shared/problem'
import { read, writeTransaction, type SheafDb } from './connection'
import { writeAudit } from './audit'
import { dbError } from './errors'
import { ensurePeriodRow } from './periods'
import type { FigureCache } from './figure-cache'
import type { Contribution, SubmissionOrigin } from '../core/merge/consolidation'
import { NO_NOTES, scanContributions, TextTable } from './scan-figures'
import {
  encodeFigures,
  figuresFromStored,
  parseFiguresJson,
  type EncodedFigures,
  type FigureTuple,
} from './figures-json'

export type StoredFile = Readonly<{
  /** the file's name (or the path as given), shown to people */
  name: string
  /** hex SHA-256 of the file's bytes */
  sha256: string
  size: number
  /** the file's modification time: a `Date`, milliseconds since the epoch, or ISO text */
  mtime: Date | number | string | null
}>

export type StoreSubmissionInput = Readonly<{
  /** the season (form and period) being consolidated (the file's own period is `analysis.period`) */
  season: Season
  file: StoredFile
  analysis: SubmissionAnalysis
  /** the analysis's figures already encoded (by a read worker): stored as they are */
  encodedFigures?: EncodedFigures
  actor?: string
  /** the import batch that brought the file */
  batchId?: number
  /** the received date the clerk set for the batch (`YYYY-MM-DD`) */
  receivedOn?: string | null
}>

export type StoreSubmissionResult = Readonly<{ submissionId: number; duplicate: boolean }>

export type Submission = Readonly<{
  id: number
  /** the form (template pack id) of the season the file was stored in */
  form: string
  period: PeriodId
  unit: string | null
  unitSource: string | null
  fileName: string
  sha256: string
  size: number
  fileMtime: string | null
  importedAt: string
  declaredPeriod: string | null
  /** another known form the file is of, when the database had no season of it (S10) */
  declaredForm: string | null
  templateVersion: string | null
  reportDate: string | null
  table: Readonly<{ sheet: string; headerRow: number; rowCount: number }> | null
  /** the file's own outcome; see `SubmissionVersion.accepted` for the validator's word */
  status: 'accepted' | 'rejected'
  /** the received date the clerk set (`YYYY-MM-DD`); null: the file's modification time counts */
  receivedOn: string | null
  /** set aside by the clerk: out of every count and export */
  setAsideAt: string | null
  batchId: number | null
  /** who prepared the file and their phone, as its `Thong tin` says */
  preparer: string | null
  phone: string | null
}>

export type SubmissionRow = {
  id: number
  form_id: string
  period_id: PeriodId
  unit_code: string | null
  unit_source: string | null
  file_name: string
  sha256: string
  size: number
  file_mtime: string | null
  imported_at: string
  declared_period: string | null
  declared_form: string | null
  template_version: string | null
  report_date: string | null
  table_sheet: string | null
  table_header_row: number | null
  table_row_count: number | null
  status: 'accepted' | 'rejected'
  received_on: string | null
  set_aside_at: string | null
  batch_id: number | null
  preparer: string | null
  phone: string | null
}

export function toSubmission(r: SubmissionRow): Submission {
  return {
    id: r.id,
    form: r.form_id,
    period: r.period_id,
    unit: r.unit_code,
    unitSource: r.unit_source,
    fileName: r.file_name,
    sha256: r.sha256,
    size: r.size,
    fileMtime: r.file_mtime,
    importedAt: r.imported_at,
    declaredPeriod: r.declared_period,
    declaredForm: r.declared_form,
    templateVersion: r.template_version,
    reportDate: r.report_date,
    table:
      r.table_sheet === null
        ? null
        : { sheet: r.table_sheet, headerRow: r.table_header_row ?? 0, rowCount: r.table_row_count ?? 0 },
    status: r.status,
    receivedOn: r.received_on,
    setAsideAt: r.set_aside_at,
    batchId: r.batch_id,
    preparer: r.preparer,
    phone: r.phone,
  }
}

function isoInstant(m: StoredFile['mtime']): string | null {
  if (m === null || m === undefined) return null
  const d = m instanceof Date ? m : new Date(m)
  if (Number.isNaN(d.getTime()))
    throw dbError('DB_INVALID_INPUT', null, `thời điểm tệp / file time "${String(m)}"`)
  return d.toISOString()
}

const SHA256 = /^[0-9a-f]{64}$/

/** Hook for tests: called inside the transaction after the figures are written. */
export type StoreHooks = Readonly<{ afterFigures?: () => void }>

/**
 * Stores one analysed file with its figures and problems in ONE transaction. The same bytes (same
 * sha256) already stored for the period add nothing: the stored submission is returned with
 * `duplicate: true`. A failure anywhere leaves no trace of the file.
 */
export function storeSubmission(
  db: SheafDb,
  input: StoreSubmissionInput,
  hooks: StoreHooks = {},
): StoreSubmissionResult {
  const sha = input.file.sha256.toLowerCase()
  if (!SHA256.test(sha)) throw dbError('DB_INVALID_INPUT', null, `sha256 "${input.file.sha256}"`)
  const mtime = isoInstant(input.file.mtime)
  const a = input.analysis
  return writeTransaction(db, () => {
    const existing = db
      .prepare('SELECT id FROM submissions WHERE form_id = ? AND period_id = ? AND sha256 = ?')
      .get(input.season.form, input.season.period, sha) as { id: number } | undefined
    if (existing) return { submissionId: existing.id, duplicate: true }

    ensurePeriodRow(db, input.season)
    const inserted = db
      .prepare(
        `INSERT INTO submissions (form_id, period_id, unit_code, unit_source, file_name, sha256, size, file_mtime,
           imported_at, declared_period, declared_form, template_version, report_date, table_sheet,
           table_header_row, table_row_count, status, batch_id, received_on, preparer, phone)
         VALUES (@form, @period, @unit, @unitSource, @fileName, @sha, @size, @mtime, @importedAt, @declared,
           @declaredForm, @templateVersion, @reportDate, @tableSheet, @headerRow, @rowCount, @status, @batchId,
           @receivedOn, @preparer, @phone)`,
      )
      .run({
        form: input.season.form,
        period: input.season.period,
        unit: a.unit,
        unitSource: a.unitSource,
        fileName: input.file.name,
        sha,
        size: input.file.size,
        mtime,
        importedAt: db.now(),
        declared: a.period,
        declaredForm: a.otherForm && !a.otherForm.stored ? a.otherForm.form : null,
        templateVersion: a.templateVersion,
        reportDate: a.reportDate,
        tableSheet: a.table?.sheet ?? null,
        headerRow: a.table?.headerRow ?? null,
        rowCount: a.table?.rowCount ?? null,
        status: a.status,
        batchId: input.batchId ?? null,
        receivedOn: input.receivedOn ?? null,
        preparer: a.contact?.preparer ?? null,
        phone: a.contact?.phone ?? null,
      })
    const id = Number(inserted.lastInsertRowid)

    writeFiguresAndProblems(db, id, a, hooks, input.encodedFigures)

    writeAudit(
      db,
      'submission.store',
      'submission',
      id,
      {
        form: input.season.form,
        period: input.season.period,
        unit: a.unit,
        file: input.file.name,
        sha256: sha,
        status: a.status,
        figures: input.encodedFigures?.count ?? a.figures.length,
        problems: a.problems.length,
      },
      input.actor,
    )
    return { submissionId: id, duplicate: false }
  })
}

// A file has a handful of problems: one INSERT of many rows costs less than as many single-row
// INSERTs (each run crosses into SQLite and back). The statements are prepared once per connection.
const PROBLEM_COLUMNS = 11
const PROBLEM_BATCH = 25

function problemSql(rows: number): string {
  return `INSERT INTO problems (submission_id, seq, rule, severity, sheet, cell, indicator, column_key, value,
       message_vi, message_en)
     VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`
}

/** Runs `rows` rows of `width` parameters each, `batch` rows per statement, the rest one statement. */
function insertRows(
  db: SheafDb,
  sql: (rows: number) => string,
  width: number,
  batch: number,
  rows: number,
  fill: (params: unknown[], at: number, row: number) => void,
): void {
  let row = 0
  if (rows >= batch) {
    const full = db.prepare(sql(batch))
    const params: unknown[] = new Array<unknown>(width * batch)
    for (; row + batch <= rows; row += batch) {
      for (let k = 0; k < batch; k++) fill(params, k * width, row + k)
      full.run(params)
    }
  }
  const rest = rows - row
  if (rest === 0) return
  const params: unknown[] = new Array<unknown>(width * rest)
  for (let k = 0; k < rest; k++) fill(params, k * width, row + k)
  db.prepare(sql(rest)).run(params)
}

/** Writes an analysis's figures and problems for a submission that has none (inside a transaction). */
function writeFiguresAndProblems(
  db: SheafDb,
  id: number,
  a: SubmissionAnalysis,
  hooks: StoreHooks,
  encoded?: EncodedFigures,
): void {
  let json = encoded?.json
  if (json === undefined) {
    const e = encodeFigures(a.figures)
    if (!e.ok) throw dbError('DB_INVALID_INPUT', null, e.error)
    json = e.json
  }
  db.prepare('INSERT INTO submission_figures (submission_id, figures) VALUES (?, ?)').run(id, json)
  hooks.afterFigures?.()

  const problems = a.problems
  insertRows(db, problemSql, PROBLEM_COLUMNS, PROBLEM_BATCH, problems.length, (p, at, seq) => {
    const x = problems[seq] as Problem
    p[at] = id
    p[at + 1] = seq
    p[at + 2] = x.rule
    p[at + 3] = x.severity
    p[at + 4] = x.sheet ?? null
    p[at + 5] = x.cell ?? null
    p[at + 6] = x.indicator ?? null
    p[at + 7] = x.column ?? null
    p[at + 8] = x.value === undefined ? null : JSON.stringify(x.value)
    p[at + 9] = x.message.vi
    p[at + 10] = x.message.en
  })
}

export type AssignSubmissionInput = Readonly<{
  submissionId: number
  /** a unit code of the submission's period */
  unit: string
  /** the file analysed again for that unit (`analyseBytes` with `forcedUnit`) */
  analysis: SubmissionAnalysis
  /** who assigned it */
  by?: string
}>

/**
 * A file that matched no unit (S03), or the wrong one, assigned to a unit by a person: in ONE
 * transaction the stored file takes the unit, the status, the figures and the problems of its new
 * analysis, and the audit log says who moved it from which unit to which. Decisions already taken
 * on the file stay.
 */
export function assignSubmissionUnit(db: SheafDb, input: AssignSubmissionInput): Submission {
  const a = input.analysis
  if (a.unit !== input.unit)
    throw dbError(
      'DB_INVALID_INPUT',
      null,
      `phân tích cho đơn vị ${String(a.unit)}, không phải ${input.unit} / analysis is for ${String(a.unit)}, not ${input.unit}`,
    )
  return writeTransaction(db, () => {
    const before = db.prepare('SELECT * FROM submissions WHERE id = ?').get(input.submissionId) as
      SubmissionRow | undefined
    if (!before) throw dbError('DB_NOT_FOUND', null, `hồ sơ / submission #${input.submissionId}`)
    const listed = db
      .prepare('SELECT 1 FROM units WHERE form_id = ? AND period_id = ? AND code = ?')
      .get(before.form_id, before.period_id, input.unit)
    if (!listed)
      throw dbError(
        'DB_NOT_FOUND',
        null,
        `đơn vị / unit ${input.unit} (${before.form_id} ${before.period_id})`,
      )
    db.prepare(
      `UPDATE submissions SET unit_code = @unit, unit_source = @unitSource, declared_period = @declared,
           template_version = @templateVersion, report_date = @reportDate, table_sheet = @tableSheet,
           table_header_row = @headerRow, table_row_count = @rowCount, status = @status
         WHERE id = @id`,
    ).run({
      id: before.id,
      unit: input.unit,
      unitSource: a.unitSource,
      declared: a.period,
      templateVersion: a.templateVersion,
      reportDate: a.reportDate,
      tableSheet: a.table?.sheet ?? null,
      headerRow: a.table?.headerRow ?? null,
      rowCount: a.table?.rowCount ?? null,
      status: a.status,
    })
    db.prepare('DELETE FROM submission_figures WHERE submission_id = ?').run(before.id)
    db.prepare('DELETE FROM problems WHERE submission_id = ?').run(before.id)
    writeFiguresAndProblems(db, before.id, a, {})
    writeAudit(
      db,
      'submission.assign',
      'submission',
      before.id,
      {
        form: before.form_id,
        period: before.period_id,
        file: before.file_name,
        from: before.unit_code,
        to: input.unit,
        statusBefore: before.status,
        status: a.status,
        figures: a.figures.length,
        problems: a.problems.length,
      },
      input.by,
    )
    const after = db.prepare('SELECT * FROM submissions WHERE id = ?').get(before.id) as SubmissionRow
    return toSubmission(after)
  })
}

export function getSubmission(db: SheafDb, id: number): Submission | null {
  return read(db, () => {
    const r = db.prepare('SELECT * FROM submissions WHERE id = ?').get(id) as SubmissionRow | undefined
    return r ? toSubmission(r) : null
  })
}

export function requireSubmission(db: SheafDb, id: number): Submission {
  const s = getSubmission(db, id)
  if (!s) throw dbError('DB_NOT_FOUND', null, `hồ sơ / submission #${id}`)
  return s
}

export function findSubmissionByHash(db: SheafDb, season: Season, sha256: string): Submission | null {
  return read(db, () => {
    const r = db
      .prepare('SELECT * FROM submissions WHERE form_id = ? AND period_id = ? AND sha256 = ?')
      .get(season.form, season.period, sha256.toLowerCase()) as SubmissionRow | undefined
    return r ? toSubmission(r) : null
  })
}

const FIGURES_SQL = 'SELECT figures FROM submission_figures WHERE submission_id = ?'

const SAME_FIGURES_SQL = 'SELECT figures = ? AS same FROM submission_figures WHERE submission_id = ?'

function storedText(db: SheafDb, submissionId: number): string | undefined {
  return (db.prepare(FIGURES_SQL).get(submissionId) as { figures: string } | undefined)?.figures
}

/** A submission whose stored figures are not what `encodeFigures` writes. */
function damagedFigures(submissionId: number) {
  return dbError('DB_DAMAGED', null, `số liệu của hồ sơ / figures of submission #${submissionId}`)
}

/** The stored figures of a submission as written by `encodeFigures` (none when it has no row). */
function readStoredFigures(db: SheafDb, submissionId: number): FigureTuple[] {
  const text = storedText(db, submissionId)
  if (text === undefined) return []
  const rows = parseFiguresJson(text)
  if (!rows) throw damagedFigures(submissionId)
  return rows
}

export { TextTable } from './scan-figures'

/**
 * A stored figures text read into figures that carry `source`, texts repeated across figures (and
 * across calls sharing `texts`) stored once; null when the text is damaged.
 */
export function contributionsOf(
  text: string,
  source: SubmissionOrigin,
  texts: TextTable,
): Contribution[] | null {
  const scanned = scanContributions(text, source, texts)
  if (scanned) return scanned
  const rows = parseFiguresJson(text)
  return rows
    ? rows.map((r) => ({
        indicator: texts.text(r[0]),
        column: texts.text(r[1]),
        unit: source.unit,
        value: r[2],
        fileName: source.fileName,
        version: source.version,
        sheet: texts.text(r[3]),
        cell: texts.text(r[4]),
        raw: texts.text(r[5]),
        notes: r[6] ?? NO_NOTES,
      }))
    : null
}

/**
 * The figures of one submission as `getFigures` gives them, each also carrying its unit, file and
 * version, so that the merge can keep it as its contribution without copying it. Texts repeated
 * across figures (and across calls sharing `texts`) are stored once. Figures that `cache` kept from
 * the import of this very text and source are taken from it.
 */
export function getContributions(
  db: SheafDb,
  submissionId: number,
  source: SubmissionOrigin,
  texts: TextTable = new TextTable(),
  cache?: FigureCache,
  /** the cache's texts are known to be the stored ones (`FigureCache.unchangedSince`) */
  unchanged = false,
): readonly Contribution[] {
  return read(db, () => {
    // kept figures whose text SQLite finds unchanged: the stored text is not even read
    const candidate = cache?.candidate(submissionId, source)
    if (candidate && unchanged) return candidate.figures
    if (candidate) {
      const same = db.prepare(SAME_FIGURES_SQL).get(candidate.text, submissionId) as
        { same: number } | undefined
      if (same?.same === 1) return candidate.figures
    }
    const text = storedText(db, submissionId)
    if (text === undefined) return []
    const figures = contributionsOf(text, source, texts)
    if (!figures) throw damagedFigures(submissionId)
    return figures
  })
}

/** The figures of one submission, by indicator then column. */
export function getFigures(db: SheafDb, submissionId: number): Figure[] {
  return read(db, () => figuresFromStored(readStoredFigures(db, submissionId)))
}

type ProblemRow = {
  rule: string
  severity: 'error' | 'warning'
  sheet: string | null
  cell: string | null
  indicator: string | null
  column_key: string | null
  value: string | null
  message_vi: string
  message_en: string
}

function toProblem(r: ProblemRow): Problem {
  const p: {
    rule: string
    severity: 'error' | 'warning'
    sheet?: string
    cell?: string
    indicator?: string
    column?: string
    value?: ProblemValue
    message: { vi: string; en: string }
  } = { rule: r.rule, severity: r.severity, message: { vi: r.message_vi, en: r.message_en } }
  if (r.sheet !== null) p.sheet = r.sheet
  if (r.cell !== null) p.cell = r.cell
  if (r.indicator !== null) p.indicator = r.indicator
  if (r.column_key !== null) p.column = r.column_key
  if (r.value !== null) p.value = JSON.parse(r.value) as ProblemValue
  return p
}

/** The problems of one submission, in the order the analysis reported them. */
export function getProblems(db: SheafDb, submissionId: number): Problem[] {
  return read(db, () =>
    (
      db
        .prepare('SELECT * FROM problems WHERE submission_id = ? ORDER BY seq')
        .all(submissionId) as ProblemRow[]
    ).map(toProblem),
  )
}

/**
 * Every submission imported into a season (identified or not), oldest import first; those set aside
 * only when asked.
 */
export function listSubmissions(
  db: SheafDb,
  season: Season,
  options: Readonly<{ includeSetAside?: boolean }> = {},
): Submission[] {
  const all = options.includeSetAside === true
  // read once while nothing is written: one report asks for a season's files several times
  return read(db, () =>
    db.remember(`submissions ${season.form} ${season.period} ${all}`, () =>
      (
        db
          .prepare(
            `SELECT * FROM submissions WHERE form_id = ? AND period_id = ? ${all ? '' : 'AND set_aside_at IS NULL'}
               ORDER BY imported_at, id`,
          )
          .all(season.form, season.period) as SubmissionRow[]
      ).map(toSubmission),
    ),
  ).slice()
}

/**
 * Sets the received date of files (`YYYY-MM-DD`), or clears it (null: the file's modification time
 * counts again); the audit log keeps each file's date before.
 */
export function setReceivedOn(
  db: SheafDb,
  submissionIds: readonly number[],
  date: string | null,
  actor?: string,
): void {
  if (date !== null && !/^\d{4}-\d{2}-\d{2}$/.test(date))
    throw dbError('DB_INVALID_INPUT', null, `ngày nhận / received date "${date}"`)
  writeTransaction(db, () => {
    for (const id of submissionIds) {
      const s = requireSubmission(db, id)
      db.prepare('UPDATE submissions SET received_on = ? WHERE id = ?').run(date, id)
      writeAudit(
        db,
        'submission.received',
        'submission',
        id,
        { period: s.period, unit: s.unit, file: s.fileName, before: s.receivedOn, date },
        actor,
      )
    }
  })
}

/** Sets one file aside (out of every count and export, kept) or brings it back. */
export function setSubmissionAside(db: SheafDb, submissionId: number, aside: boolean, actor?: string): void {
  writeTransaction(db, () => {
    const s = requireSubmission(db, submissionId)
    if (aside === (s.setAsideAt !== null)) return
    db.prepare('UPDATE submissions SET set_aside_at = ? WHERE id = ?').run(
      aside ? db.now() : null,
      submissionId,
    )
    writeAudit(
      db,
      aside ? 'submission.set_aside' : 'submission.restore',
      'submission',
      submissionId,
      { period: s.period, unit: s.unit, file: s.fileName },
      actor,
    )
  })
}

/** The submissions of a season that could not be read at all (S01): no table, nothing but the read error. */
export function unreadableSubmissionIds(db: SheafDb, season: Season): Set<number> {
  return read(
    db,
    () =>
      new Set(
        (
          db
            .prepare(
              `SELECT DISTINCT s.id FROM submissions s JOIN problems p ON p.submission_id = s.id
                 WHERE s.form_id = ? AND s.period_id = ? AND p.rule = 'S01' AND s.table_sheet IS NULL
                   AND s.set_aside_at IS NULL`,
            )
            .all(season.form, season.period) as { id: number }[]
        ).map((r) => r.id),
      ),
  )
}

/** The error and warning counts of every submission of a period, and its first problem (errors first), by id. */
export function problemCounts(
  db: SheafDb,
  season: Season,
): Map<number, Readonly<{ errors: number; warnings: number; first: Problem | null }>> {
  return read(db, () => {
    // SQLite takes the bare columns of the row that gives the min(): the first error, else the first warning
    const rows = db
      .prepare(
        `SELECT p.submission_id AS id, sum(p.severity = 'error') AS errors,
           sum(p.severity = 'warning') AS warnings,
           min(CASE WHEN p.severity = 'error' THEN p.seq ELSE 1000000000 + p.seq END) AS rank,
           p.rule, p.severity, p.sheet, p.cell, p.indicator, p.column_key, p.value, p.message_vi, p.message_en
         FROM problems p JOIN submissions s ON s.id = p.submission_id
         WHERE s.form_id = ? AND s.period_id = ? GROUP BY p.submission_id`,
      )
      .all(season.form, season.period) as (ProblemRow & { id: number; errors: number; warnings: number })[]
    return new Map(rows.map((r) => [r.id, { errors: r.errors, warnings: r.warnings, first: toProblem(r) }]))
  })
}
