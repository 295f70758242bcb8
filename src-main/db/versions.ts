// A unit's versions for a period (S08 order), which one is active, which count as accepted, and how
// two versions differ: what consolidation merges and what the validator reviews.
import type { Figure } from '../core/submission/analysis'
import type { Season } from '../shared/period'
import { nearlyEqual } from '../shared/nearly-equal'
import { read, type SheafDb } from './connection'
import type { FigureCache } from './figure-cache'
import type { Contribution } from '../core/merge/consolidation'
import { listDecisions, type Decision } from './decisions'
import { dbError } from './errors'
import {
  getFigures,
  getContributions,
  listSubmissions,
  requireSubmission,
  TextTable,
  toSubmission,
  type Submission,
  type SubmissionRow,
} from './submissions'

export type SubmissionVersion = Submission &
  Readonly<{
    unit: string
    /** 1 for the oldest, in S08 order */
    version: number
    versionCount: number
    errorCount: number
    warningCount: number
    /** the file's status, unless the latest accept/reject decision says otherwise */
    accepted: boolean
    /** the reason, when a validator accepted this file despite its errors */
    acceptedWithReason: string | null
    /** the unit's active version for the period */
    active: boolean
    /** active because a validator chose it, not because it is the newest */
    activeByDecision: boolean
    /** every decision about this file, oldest first */
    decisions: readonly Decision[]
  }>

type VersionRow = SubmissionRow & {
  error_count: number
  warning_count: number
}

/**
 * The files of the `submission_versions` view (migration 0070) and its order within a unit: read from
 * `submissions` with these, a season's list is not sorted twice through the view's window. The view
 * stays the definition: a test holds this copy to it (db-versions.test.ts).
 */
const VERSION_FILTER = `s.unit_code IS NOT NULL
  AND (s.declared_period IS NULL OR s.declared_period = s.period_id) AND s.declared_form IS NULL`
const VERSION_ORDER =
  's.report_date ASC NULLS FIRST, s.file_mtime ASC NULLS FIRST, s.imported_at ASC, s.id ASC'

/**
 * Every identified submission of the period (of one unit when given), ordered by unit then version.
 * The active version: the newest, unless the latest `choose_active` decision for the unit chose
 * another and no file of that unit was imported after that decision (a new file from the unit
 * reopens the question, and the newest wins again).
 */
export function listVersions(db: SheafDb, season: Season, unit?: string): SubmissionVersion[] {
  if (unit !== undefined) return read(db, () => versionsOf(db, season, unit))
  // a season's whole list is asked for several times by one report (the merge, the unit states, the
  // consolidation's record): read once while nothing is written
  return read(db, () =>
    db.remember(`versions ${season.form} ${season.period}`, () => versionsOf(db, season)),
  ).slice()
}

/** A list of versions (`listVersions`' order) by unit, each unit's in their order, units as they come. */
export function versionsByUnit(versions: readonly SubmissionVersion[]): Map<string, SubmissionVersion[]> {
  const byUnit = new Map<string, SubmissionVersion[]>()
  for (const v of versions) {
    const own = byUnit.get(v.unit)
    if (own) own.push(v)
    else byUnit.set(v.unit, [v])
  }
  return byUnit
}

/** A file that is a version, with its problems counted. */
type Counted = Readonly<{ file: Submission; errors: number; warnings: number }>

/** The files of the versions and their order (`unit`'s only, when given), their problems counted. */
const versionsQuery = (columns: string, unit: boolean): string =>
  `SELECT ${columns},
     (SELECT count(*) FROM problems p WHERE p.submission_id = s.id AND p.severity = 'error') AS error_count,
     (SELECT count(*) FROM problems p WHERE p.submission_id = s.id AND p.severity = 'warning') AS warning_count
   FROM submissions s
   WHERE s.form_id = ? AND s.period_id = ? AND s.set_aside_at IS NULL ${unit ? 'AND s.unit_code = ?' : ''}
     AND ${VERSION_FILTER}
   ORDER BY s.unit_code, ${VERSION_ORDER}`

function versionsOf(db: SheafDb, season: Season, unit?: string): SubmissionVersion[] {
  // the versions view's files and its order, without its numbering: the files set aside are left
  // out, and the others numbered among themselves (`resolve`)
  const decisions = listDecisions(db, unit === undefined ? { season } : { season, unit })
  if (unit === undefined) {
    // The season's files are read once while nothing is written (`listSubmissions`), and a report
    // asks for them too: here only which of them are versions, in which order, with what problems.
    const files = new Map(listSubmissions(db, season).map((f) => [f.id, f]))
    const order = db.prepare(versionsQuery('s.id', false)).raw().all(season.form, season.period) as [
      number,
      number,
      number,
    ][]
    const counted: Counted[] = []
    for (const [id, errors, warnings] of order) {
      const file = files.get(id)
      // another program stored a file between the two reads: read them whole
      if (file === undefined) return resolve(fileRows(db, season), decisions)
      counted.push({ file, errors, warnings })
    }
    return resolve(counted, decisions)
  }
  return resolve(fileRows(db, season, unit), decisions)
}

/** The versions' files read whole (`unit`'s only, when given). */
function fileRows(db: SheafDb, season: Season, unit?: string): Counted[] {
  const rows = db
    .prepare(versionsQuery('s.*', unit !== undefined))
    .all(
      ...(unit === undefined ? [season.form, season.period] : [season.form, season.period, unit]),
    ) as VersionRow[]
  return rows.map((r) => ({ file: toSubmission(r), errors: r.error_count, warnings: r.warning_count }))
}

function resolve(files: readonly Counted[], decisions: readonly Decision[]): SubmissionVersion[] {
  // one pass over each list: a period holds a version per unit and file, thousands for a country
  const bySubmission = new Map<number, Decision[]>()
  for (const d of decisions) {
    const own = bySubmission.get(d.submissionId)
    if (own) own.push(d)
    else bySubmission.set(d.submissionId, [d])
  }
  const byUnit = new Map<string, Counted[]>()
  const unitOf = new Map<number, string>()
  for (const c of files) {
    const unit = c.file.unit as string
    unitOf.set(c.file.id, unit)
    const versions = byUnit.get(unit)
    if (versions) versions.push(c)
    else byUnit.set(unit, [c])
  }
  // the latest choose_active decision of each unit (decisions come oldest first)
  const choiceOf = new Map<string, Decision>()
  for (const d of decisions) {
    const unit = d.kind === 'choose_active' ? unitOf.get(d.submissionId) : undefined
    if (unit !== undefined) choiceOf.set(unit, d)
  }

  const out: SubmissionVersion[] = []
  for (const [unit, versions] of byUnit) {
    const choice = choiceOf.get(unit)
    const lastImport = versions.reduce((m, v) => (v.file.importedAt > m ? v.file.importedAt : m), '')
    const chosen = choice && lastImport <= choice.at ? choice.submissionId : null
    const newest = versions[versions.length - 1]!.file.id
    const activeId = chosen ?? newest
    // numbered among the files not set aside (the view numbers them all)
    for (let i = 0; i < versions.length; i++) {
      const { file: f, errors, warnings } = versions[i]!
      const own = bySubmission.get(f.id) ?? NO_DECISIONS
      let verdict: Decision | undefined
      for (const d of own) if (d.kind === 'accept' || d.kind === 'reject') verdict = d
      // every field written out, not spread from the file: thousands of these for a country
      out.push({
        id: f.id,
        form: f.form,
        period: f.period,
        unit,
        unitSource: f.unitSource,
        fileName: f.fileName,
        sha256: f.sha256,
        size: f.size,
        fileMtime: f.fileMtime,
        importedAt: f.importedAt,
        declaredPeriod: f.declaredPeriod,
        declaredForm: f.declaredForm,
        templateVersion: f.templateVersion,
        reportDate: f.reportDate,
        table: f.table,
        status: f.status,
        receivedOn: f.receivedOn,
        setAsideAt: f.setAsideAt,
        batchId: f.batchId,
        preparer: f.preparer,
        phone: f.phone,
        version: i + 1,
        versionCount: versions.length,
        errorCount: errors,
        warningCount: warnings,
        accepted: verdict ? verdict.kind === 'accept' : f.status === 'accepted',
        acceptedWithReason: verdict?.kind === 'accept' ? verdict.reason : null,
        active: f.id === activeId,
        activeByDecision: f.id === activeId && chosen !== null && chosen !== newest,
        decisions: own,
      })
    }
  }
  return out
}

const NO_DECISIONS: readonly Decision[] = []

/** The unit's active version for the period, or null when it sent nothing. */
export function getActiveVersion(db: SheafDb, season: Season, unit: string): SubmissionVersion | null {
  return listVersions(db, season, unit).find((v) => v.active) ?? null
}

/** One active version per unit that sent something, accepted or not. */
export function listActiveVersions(db: SheafDb, season: Season): SubmissionVersion[] {
  return listVersions(db, season).filter((v) => v.active)
}

export type SubmissionWithFigures = SubmissionVersion & Readonly<{ figures: readonly Figure[] }>

/**
 * What consolidation merges: for each unit, its active version if it counts as accepted (status
 * accepted, or accepted by a validator with a reason), with its figures. A unit whose active
 * version is rejected is absent (missing).
 */
export function getAcceptedSubmissions(db: SheafDb, season: Season): SubmissionWithFigures[] {
  return read(db, () =>
    listActiveVersions(db, season)
      .filter((v) => v.accepted)
      .map((v) => ({ ...v, figures: getFigures(db, v.id) })),
  )
}

export type SubmissionWithContributions = SubmissionVersion & Readonly<{ figures: readonly Contribution[] }>

/**
 * `getAcceptedSubmissions` for the merge: the same submissions, each figure carrying its unit, file
 * and version (the merge keeps it as the contribution), repeated texts stored once for the period.
 * Figures that `cache` kept from the import of the same text and source are taken from it.
 */
export function getAcceptedForMerge(
  db: SheafDb,
  season: Season,
  cache?: FigureCache,
): SubmissionWithContributions[] {
  return read(db, () => {
    const texts = cache?.texts ?? new TextTable()
    const unchanged = cache?.unchangedSince(db) ?? false
    return listActiveVersions(db, season)
      .filter((v) => v.accepted)
      .map((v) => ({
        ...v,
        figures: getContributions(
          db,
          v.id,
          { unit: v.unit, fileName: v.fileName, version: v.version },
          texts,
          cache,
          unchanged,
        ),
      }))
  })
}

/**
 * The version number a unit's submission has for the period when it is the unit's only one (1), else
 * null: the number of one among several depends on their report dates, which only the versions view
 * orders.
 */
export function soleVersion(db: SheafDb, season: Season, unit: string): 1 | null {
  const r = read(
    db,
    () =>
      db
        .prepare(
          `SELECT count(*) AS n FROM submissions WHERE form_id = ? AND period_id = ? AND unit_code = ?
             AND (declared_period IS NULL OR declared_period = period_id) AND declared_form IS NULL
             AND set_aside_at IS NULL`,
        )
        .get(season.form, season.period, unit) as { n: number },
  )
  return r.n === 1 ? 1 : null
}

/**
 * The stored figures of a unit for a period (its active version), e.g. the 6-month figures when
 * checking an annual file (W03); null when the unit has nothing stored for that period.
 */
export function getUnitFigures(db: SheafDb, season: Season, unit: string): SubmissionWithFigures | null {
  // most units have nothing stored for the other period: say so from the index, not the versions view
  const any = read(db, () =>
    db
      .prepare(
        'SELECT 1 FROM submissions WHERE form_id = ? AND period_id = ? AND unit_code = ? AND set_aside_at IS NULL LIMIT 1',
      )
      .get(season.form, season.period, unit),
  )
  if (any === undefined) return null
  const v = getActiveVersion(db, season, unit)
  return v ? { ...v, figures: getFigures(db, v.id) } : null
}

export type FigureChange = Readonly<{
  indicator: string
  column: string
  /** null: blank in the older version */
  old: number | null
  /** null: blank in the newer version */
  new: number | null
  /** new - old when both are numbers */
  delta: number | null
  oldCell: string | null
  newCell: string | null
}>

export type VersionDiff = Readonly<{
  from: Readonly<{ submissionId: number; version: number | null }>
  to: Readonly<{ submissionId: number; version: number | null }>
  changes: readonly FigureChange[]
}>

/** Cell by cell, what changed from submission `a` to submission `b` (by indicator then column). */
export function diffVersions(db: SheafDb, a: number, b: number): VersionDiff {
  const sa = requireSubmission(db, a)
  const sb = requireSubmission(db, b)
  if (sa.form !== sb.form || sa.period !== sb.period || sa.unit !== sb.unit) {
    throw dbError(
      'DB_INVALID_INPUT',
      null,
      `#${a} và #${b} không cùng đơn vị và kỳ / not the same unit and period`,
    )
  }
  const key = (f: Figure) => `${f.indicator}\u0000${f.column}`
  const before = new Map(getFigures(db, a).map((f) => [key(f), f]))
  const after = new Map(getFigures(db, b).map((f) => [key(f), f]))
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort()
  const changes: FigureChange[] = []
  for (const k of keys) {
    const o = before.get(k)
    const n = after.get(k)
    if (o && n && nearlyEqual(o.value, n.value)) continue
    const f = (n ?? o)!
    changes.push({
      indicator: f.indicator,
      column: f.column,
      old: o?.value ?? null,
      new: n?.value ?? null,
      delta: o && n ? n.value - o.value : null,
      oldCell: o ? `${o.sheet}!${o.cell}` : null,
      newCell: n ? `${n.sheet}!${n.cell}` : null,
    })
  }
  const versions = sa.unit === null ? [] : listVersions(db, { form: sa.form, period: sa.period }, sa.unit)
  const numberOf = (id: number) => versions.find((v) => v.id === id)?.version ?? null
  return {
    from: { submissionId: a, version: numberOf(a) },
    to: { submissionId: b, version: numberOf(b) },
    changes,
  }
}
