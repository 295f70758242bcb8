// Each consolidation with the exact submission versions it merged, and each exported file with its
// checksum: any report sent to the ministry can be traced back to the files behind it.
import type { PeriodId, Season } from '../shared/period'
import type { Problem } from '../shared/problem'
import { read, writeTransaction, type SheafDb } from './connection'
import { writeAudit } from './audit'
import { dbError } from './errors'
import { ensurePeriodRow } from './periods'
import { listVersions } from './versions'
import { requireSubmission } from './submissions'

export type ConsolidationInput = Readonly<{
  period: PeriodId
  templateId: string
  templateVersion: string
  /** the submissions merged (each unit's active accepted version) */
  submissionIds: readonly number[]
  missing: readonly string[]
  provisional: boolean
  /** the decision to send the report as it is (`--final`) */
  final?: boolean
  /** the consolidation's own problems (R01) */
  problems?: readonly Problem[]
  actor?: string
}>

export type ConsolidationSource = Readonly<{
  submissionId: number
  unit: string
  /** the version number when merged */
  version: number
  fileName: string
  sha256: string
}>

export type ConsolidationRecord = Readonly<{
  id: number
  period: PeriodId
  templateId: string
  templateVersion: string
  createdAt: string
  createdBy: string
  provisional: boolean
  final: boolean
  missing: readonly string[]
  problems: readonly Problem[]
  sources: readonly ConsolidationSource[]
}>

/** Records a consolidation and the version of each submission it merged, as numbered now. */
export function recordConsolidation(db: SheafDb, input: ConsolidationInput): number {
  return writeTransaction(db, () => {
    const season = { form: input.templateId, period: input.period }
    ensurePeriodRow(db, season)
    // each identified file's unit and version number as the versions view numbers them now
    const versions = new Map(listVersions(db, season).map((v) => [v.id, v]))
    const actor = input.actor ?? db.actor
    const r = db
      .prepare(
        `INSERT INTO consolidations (period_id, template_id, template_version, created_at, created_by,
           provisional, final, missing, problems) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        input.period,
        input.templateId,
        input.templateVersion,
        db.now(),
        actor,
        input.provisional ? 1 : 0,
        input.final ? 1 : 0,
        JSON.stringify(input.missing),
        JSON.stringify(input.problems ?? []),
      )
    const id = Number(r.lastInsertRowid)
    const source = db.prepare(
      'INSERT INTO consolidation_sources (consolidation_id, submission_id, unit_code, version) VALUES (?, ?, ?, ?)',
    )
    for (const sid of new Set(input.submissionIds)) {
      const v = versions.get(sid)
      if (!v) {
        throw dbError(
          'DB_INVALID_INPUT',
          null,
          `hồ sơ #${sid} không thuộc kỳ ${input.period} hoặc chưa có đơn vị / submission #${sid} is not an identified file of ${input.period}`,
        )
      }
      source.run(id, sid, v.unit, v.version)
    }
    writeAudit(
      db,
      'consolidation.record',
      'consolidation',
      id,
      {
        period: input.period,
        submissions: input.submissionIds.length,
        missing: input.missing,
        provisional: input.provisional,
        final: input.final ?? false,
      },
      actor,
    )
    return id
  })
}

type ConsolidationRow = {
  id: number
  period_id: PeriodId
  template_id: string
  template_version: string
  created_at: string
  created_by: string
  provisional: number
  final: number
  missing: string
  problems: string
}

export function getConsolidation(db: SheafDb, id: number): ConsolidationRecord | null {
  return read(db, () => {
    const r = db.prepare('SELECT * FROM consolidations WHERE id = ?').get(id) as ConsolidationRow | undefined
    if (!r) return null
    const sources = db
      .prepare(
        `SELECT cs.submission_id AS submissionId, cs.unit_code AS unit, cs.version, s.file_name AS fileName, s.sha256
         FROM consolidation_sources cs JOIN submissions s ON s.id = cs.submission_id
         WHERE cs.consolidation_id = ? ORDER BY cs.unit_code`,
      )
      .all(id) as ConsolidationSource[]
    return {
      id: r.id,
      period: r.period_id,
      templateId: r.template_id,
      templateVersion: r.template_version,
      createdAt: r.created_at,
      createdBy: r.created_by,
      provisional: r.provisional === 1,
      final: r.final === 1,
      missing: JSON.parse(r.missing) as string[],
      problems: JSON.parse(r.problems) as Problem[],
      sources,
    }
  })
}

/** The period's consolidations, newest first. */
export function listConsolidations(db: SheafDb, season: Season): ConsolidationRecord[] {
  const ids = read(
    db,
    () =>
      db
        .prepare('SELECT id FROM consolidations WHERE template_id = ? AND period_id = ? ORDER BY id DESC')
        .all(season.form, season.period) as {
        id: number
      }[],
  )
  return ids.map((r) => getConsolidation(db, r.id)!)
}

export type ExportKind = 'report' | 'feedback'

export type ExportInput = Readonly<{
  kind: ExportKind
  /** required for `report` */
  consolidationId?: number | null
  /** required for `feedback`: the submission whose problems are marked */
  submissionId?: number | null
  outputPath: string
  sha256: string
  size?: number | null
  actor?: string
}>

export type ExportRecord = Readonly<{
  id: number
  kind: ExportKind
  consolidationId: number | null
  submissionId: number | null
  outputPath: string
  sha256: string
  size: number | null
  createdAt: string
  createdBy: string
}>

/** Records a file Sheaf wrote, with its checksum. */
export function recordExport(db: SheafDb, input: ExportInput): number {
  if (input.kind === 'report' && input.consolidationId == null) {
    throw dbError(
      'DB_INVALID_INPUT',
      null,
      'báo cáo cần lần tổng hợp / a report export needs its consolidation',
    )
  }
  if (input.kind === 'feedback' && input.submissionId == null) {
    throw dbError('DB_INVALID_INPUT', null, 'tệp phản hồi cần hồ sơ / a feedback export needs its submission')
  }
  return writeTransaction(db, () => {
    if (input.consolidationId != null && !getConsolidation(db, input.consolidationId)) {
      throw dbError('DB_NOT_FOUND', null, `lần tổng hợp / consolidation #${input.consolidationId}`)
    }
    if (input.submissionId != null) requireSubmission(db, input.submissionId)
    const actor = input.actor ?? db.actor
    const r = db
      .prepare(
        `INSERT INTO exports (kind, consolidation_id, submission_id, output_path, sha256, size, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        input.kind,
        input.consolidationId ?? null,
        input.submissionId ?? null,
        input.outputPath,
        input.sha256.toLowerCase(),
        input.size ?? null,
        db.now(),
        actor,
      )
    const id = Number(r.lastInsertRowid)
    writeAudit(
      db,
      `export.${input.kind}`,
      'export',
      id,
      { path: input.outputPath, sha256: input.sha256 },
      actor,
    )
    return id
  })
}

type ExportRow = {
  id: number
  kind: ExportKind
  consolidation_id: number | null
  submission_id: number | null
  output_path: string
  sha256: string
  size: number | null
  created_at: string
  created_by: string
}

/** Exports of a period (its reports and its units' feedback files), newest first. */
export function listExports(db: SheafDb, season: Season): ExportRecord[] {
  return read(db, () => {
    const rows = db
      .prepare(
        `SELECT e.* FROM exports e
         LEFT JOIN consolidations c ON c.id = e.consolidation_id
         LEFT JOIN submissions s ON s.id = e.submission_id
         WHERE coalesce(c.template_id, s.form_id) = ? AND coalesce(c.period_id, s.period_id) = ?
         ORDER BY e.id DESC`,
      )
      .all(season.form, season.period) as ExportRow[]
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      consolidationId: r.consolidation_id,
      submissionId: r.submission_id,
      outputPath: r.output_path,
      sha256: r.sha256,
      size: r.size,
      createdAt: r.created_at,
      createdBy: r.created_by,
    }))
  })
}
