// Reporting periods and the template packs used: the frame every submission is stored in.
import type { PeriodId } from '../shared/period'
import { read, writeTransaction, type SheafDb } from './connection'
import { writeAudit } from './audit'
import { dbError } from './errors'

export type Period = Readonly<{
  id: PeriodId
  templateId: string | null
  templateVersion: string | null
  /** `YYYY-MM-DD` */
  deadline: string | null
  createdAt: string
  /** set aside by the clerk (a period made by mistake): listed nowhere, kept, restorable */
  setAsideAt: string | null
}>

export type PeriodInput = Readonly<{
  id: PeriodId
  templateId?: string | null
  templateVersion?: string | null
  deadline?: string | null
}>

const PERIOD = /^\d{4}-(H1|Y)$/

export function assertPeriod(id: string): asserts id is PeriodId {
  if (!PERIOD.test(id)) {
    throw dbError('DB_INVALID_INPUT', null, `kỳ báo cáo / period "${id}" (YYYY-H1 | YYYY-Y)`)
  }
}

/** Inserts the period row if absent (inside the caller's transaction). */
export function ensurePeriodRow(db: SheafDb, id: PeriodId): void {
  assertPeriod(id)
  db.prepare('INSERT OR IGNORE INTO periods (id, created_at) VALUES (?, ?)').run(id, db.now())
}

/** Creates the period, or updates the fields given (a field left `undefined` is kept). */
export function savePeriod(db: SheafDb, input: PeriodInput, actor?: string): Period {
  return writeTransaction(db, () => {
    ensurePeriodRow(db, input.id)
    const before = getPeriod(db, input.id)!
    const next = {
      templateId: input.templateId === undefined ? before.templateId : input.templateId,
      templateVersion: input.templateVersion === undefined ? before.templateVersion : input.templateVersion,
      deadline: input.deadline === undefined ? before.deadline : input.deadline,
    }
    db.prepare('UPDATE periods SET template_id = ?, template_version = ?, deadline = ? WHERE id = ?').run(
      next.templateId,
      next.templateVersion,
      next.deadline,
      input.id,
    )
    writeAudit(db, 'period.save', 'period', input.id, next, actor)
    return getPeriod(db, input.id)!
  })
}

type PeriodRow = {
  id: PeriodId
  template_id: string | null
  template_version: string | null
  deadline: string | null
  created_at: string
  set_aside_at: string | null
}

function toPeriod(r: PeriodRow): Period {
  return {
    id: r.id,
    templateId: r.template_id,
    templateVersion: r.template_version,
    deadline: r.deadline,
    createdAt: r.created_at,
    setAsideAt: r.set_aside_at,
  }
}

export function getPeriod(db: SheafDb, id: PeriodId): Period | null {
  return read(db, () => {
    const r = db.prepare('SELECT * FROM periods WHERE id = ?').get(id) as PeriodRow | undefined
    return r ? toPeriod(r) : null
  })
}

/** The periods, those set aside only when asked. */
export function listPeriods(db: SheafDb, options: Readonly<{ includeSetAside?: boolean }> = {}): Period[] {
  return read(db, () =>
    (
      db
        .prepare(
          `SELECT * FROM periods ${options.includeSetAside ? '' : 'WHERE set_aside_at IS NULL'} ORDER BY id`,
        )
        .all() as PeriodRow[]
    ).map(toPeriod),
  )
}

/** Sets a period aside (made by mistake: listed nowhere, everything in it kept) or brings it back. */
export function setPeriodAside(db: SheafDb, id: PeriodId, aside: boolean, actor?: string): Period {
  return writeTransaction(db, () => {
    const p = getPeriod(db, id)
    if (!p) throw dbError('DB_NOT_FOUND', null, `kỳ báo cáo / period ${id}`)
    if (aside !== (p.setAsideAt !== null)) {
      db.prepare('UPDATE periods SET set_aside_at = ? WHERE id = ?').run(aside ? db.now() : null, id)
      writeAudit(db, aside ? 'period.set_aside' : 'period.restore', 'period', id, {}, actor)
    }
    return getPeriod(db, id)!
  })
}

export type TemplatePackRecord = Readonly<{ id: string; version: string; hash: string; firstUsedAt: string }>

/** Remembers that a pack (by id, version and content hash) was used; idempotent. */
export function recordTemplatePack(
  db: SheafDb,
  pack: Readonly<{ id: string; version: string; hash: string }>,
  actor?: string,
): void {
  writeTransaction(db, () => {
    const r = db
      .prepare('INSERT OR IGNORE INTO template_packs (id, version, hash, first_used_at) VALUES (?, ?, ?, ?)')
      .run(pack.id, pack.version, pack.hash, db.now())
    if (r.changes > 0)
      writeAudit(db, 'template.record', 'template_pack', `${pack.id}@${pack.version}`, pack, actor)
  })
}

export function listTemplatePacks(db: SheafDb): TemplatePackRecord[] {
  return read(
    db,
    () =>
      db
        .prepare(
          'SELECT id, version, hash, first_used_at AS firstUsedAt FROM template_packs ORDER BY id, version, first_used_at',
        )
        .all() as TemplatePackRecord[],
  )
}
