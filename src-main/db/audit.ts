// The audit log: every change to a season's data says who made it, when, and what it touched.
import { read, type SheafDb } from './connection'

export type AuditEntry = Readonly<{
  id: number
  at: string
  actor: string
  action: string
  entity: string
  entityId: string | null
  details: Readonly<Record<string, unknown>>
}>

/** Appends one entry; call it inside the transaction of the change it records. */
export function writeAudit(
  db: SheafDb,
  action: string,
  entity: string,
  entityId: string | number | null,
  details: Record<string, unknown>,
  actor?: string,
): void {
  db.prepare(
    'INSERT INTO audit_log (at, actor, action, entity, entity_id, details) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(
    db.now(),
    actor ?? db.actor,
    action,
    entity,
    entityId === null ? null : String(entityId),
    JSON.stringify(details),
  )
}

type AuditRow = {
  id: number
  at: string
  actor: string
  action: string
  entity: string
  entity_id: string | null
  details: string
}

/** The newest entries first; filter by entity (`submission`, `unit`, …) and its id. */
export function listAudit(
  db: SheafDb,
  filter: Readonly<{ entity?: string; entityId?: string | number; limit?: number }> = {},
): AuditEntry[] {
  return read(db, () => {
    const where: string[] = []
    const args: (string | number)[] = []
    if (filter.entity !== undefined) {
      where.push('entity = ?')
      args.push(filter.entity)
    }
    if (filter.entityId !== undefined) {
      where.push('entity_id = ?')
      args.push(String(filter.entityId))
    }
    const sql = `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY id DESC LIMIT ?`
    const rows = db.prepare(sql).all(...args, filter.limit ?? 1000) as AuditRow[]
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      details: JSON.parse(r.details) as Record<string, unknown>,
    }))
  })
}
