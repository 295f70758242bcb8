// The validator's decisions: accept a rejected file with a written reason, reject a file, or make
// an earlier version the unit's active one. Recorded, never edited: the latest decision counts.
import type { Season } from '../shared/period'
import { read, writeTransaction, type SheafDb } from './connection'
import { writeAudit } from './audit'
import { dbError } from './errors'
import { requireSubmission } from './submissions'

export const DECISION_KINDS = ['accept', 'reject', 'choose_active'] as const
export type DecisionKind = (typeof DECISION_KINDS)[number]

export type Decision = Readonly<{
  id: number
  kind: DecisionKind
  submissionId: number
  reason: string | null
  by: string
  at: string
  /** taken back ("Bỏ quyết định"): kept, and no longer counts */
  revokedAt: string | null
  revokedBy: string | null
}>

export type DecisionInput = Readonly<{
  kind: DecisionKind
  submissionId: number
  /** required for `accept` */
  reason?: string | null
  /** the person deciding */
  by: string
}>

/** Records a decision; `accept` without a reason, or a choice of a file with no unit, is refused. */
export function recordDecision(db: SheafDb, input: DecisionInput): Decision {
  const reason = input.reason?.trim() ? input.reason.trim() : null
  if (!(DECISION_KINDS as readonly string[]).includes(input.kind)) {
    throw dbError('DB_INVALID_INPUT', null, `quyết định / decision "${input.kind}"`)
  }
  if (input.kind === 'accept' && !reason) {
    throw dbError(
      'DB_INVALID_INPUT',
      null,
      'chấp nhận hồ sơ có lỗi phải ghi lý do / accepting a file with errors needs a reason',
    )
  }
  if (!input.by.trim())
    throw dbError('DB_INVALID_INPUT', null, 'người quyết định trống / who decided is empty')
  return writeTransaction(db, () => {
    const s = requireSubmission(db, input.submissionId)
    if (input.kind === 'choose_active' && s.unit === null) {
      throw dbError(
        'DB_INVALID_INPUT',
        null,
        'hồ sơ chưa xác định đơn vị không thể là phiên bản hiện hành / a file with no unit cannot be the active version',
      )
    }
    const at = db.now()
    const r = db
      .prepare(
        'INSERT INTO decisions (kind, submission_id, reason, decided_by, decided_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(input.kind, input.submissionId, reason, input.by.trim(), at)
    const id = Number(r.lastInsertRowid)
    writeAudit(
      db,
      `decision.${input.kind}`,
      'submission',
      input.submissionId,
      { decision: id, reason, form: s.form, period: s.period, unit: s.unit, file: s.fileName },
      input.by.trim(),
    )
    return {
      id,
      kind: input.kind,
      submissionId: input.submissionId,
      reason,
      by: input.by.trim(),
      at,
      revokedAt: null,
      revokedBy: null,
    }
  })
}

type DecisionRow = {
  id: number
  kind: DecisionKind
  submission_id: number
  reason: string | null
  decided_by: string
  decided_at: string
  revoked_at: string | null
  revoked_by: string | null
}

export function toDecision(r: DecisionRow): Decision {
  return {
    id: r.id,
    kind: r.kind,
    submissionId: r.submission_id,
    reason: r.reason,
    by: r.decided_by,
    at: r.decided_at,
    revokedAt: r.revoked_at,
    revokedBy: r.revoked_by,
  }
}

/**
 * Takes a decision back ("Bỏ quyết định"): it stays recorded with who took it back and when, and the
 * file's standing returns to what it was before it (an earlier decision, or the file's own outcome).
 */
export function revokeDecision(db: SheafDb, decisionId: number, by: string): Decision {
  if (!by.trim()) throw dbError('DB_INVALID_INPUT', null, 'người quyết định trống / who decided is empty')
  return writeTransaction(db, () => {
    const r = db.prepare('SELECT * FROM decisions WHERE id = ?').get(decisionId) as DecisionRow | undefined
    if (!r) throw dbError('DB_NOT_FOUND', null, `quyết định / decision #${decisionId}`)
    if (r.revoked_at !== null)
      throw dbError(
        'DB_INVALID_INPUT',
        null,
        `quyết định đã được bỏ / decision #${decisionId} already taken back`,
      )
    const at = db.now()
    db.prepare('UPDATE decisions SET revoked_at = ?, revoked_by = ? WHERE id = ?').run(
      at,
      by.trim(),
      decisionId,
    )
    const s = requireSubmission(db, r.submission_id)
    writeAudit(
      db,
      `decision.revoke`,
      'submission',
      r.submission_id,
      {
        decision: decisionId,
        kind: r.kind,
        reason: r.reason,
        period: s.period,
        unit: s.unit,
        file: s.fileName,
      },
      by.trim(),
    )
    return toDecision({ ...r, revoked_at: at, revoked_by: by.trim() })
  })
}

/** Decisions oldest first, for one submission, or for a period (and unit); taken back ones when asked. */
export function listDecisions(
  db: SheafDb,
  filter: Readonly<{ submissionId?: number; season?: Season; unit?: string; includeRevoked?: boolean }>,
): Decision[] {
  return read(db, () => {
    const where: string[] = filter.includeRevoked ? [] : ['d.revoked_at IS NULL']
    const args: (string | number)[] = []
    if (filter.submissionId !== undefined) {
      where.push('d.submission_id = ?')
      args.push(filter.submissionId)
    }
    if (filter.season !== undefined) {
      where.push('s.form_id = ? AND s.period_id = ?')
      args.push(filter.season.form, filter.season.period)
    }
    if (filter.unit !== undefined) {
      where.push('s.unit_code = ?')
      args.push(filter.unit)
    }
    const rows = db
      .prepare(
        `SELECT d.* FROM decisions d JOIN submissions s ON s.id = d.submission_id
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY d.decided_at, d.id`,
      )
      .all(...args) as DecisionRow[]
    return rows.map(toDecision)
  })
}
