// Seasons (a form and a period) and the template packs used: the frame every submission is stored in.
import type { PeriodId, Season } from '../shared/period'
import { isPeriodId } from '../shared/period'
import { read, writeTransaction, type SheafDb } from './connection'
import { writeAudit } from './audit'
import { dbError } from './errors'

export type Period = Readonly<{
  id: PeriodId
  /** the form (template pack id) whose season this is */
  templateId: string
  templateVersion: string | null
  /** `YYYY-MM-DD` */
  deadline: string | null
  createdAt: string
  /** set aside by the clerk (a period made by mistake): listed nowhere, kept, restorable */
  setAsideAt: string | null
}>

export type PeriodInput = Readonly<{
  id: PeriodId
  /** the form: a season is a form and a period */
  templateId: string
  templateVersion?: string | null
  deadline?: string | null
}>

export function assertSeason(s: Season): void {
  if (!isPeriodId(s.period)) {
    throw dbError(
      'DB_INVALID_INPUT',
      null,
      `kỳ báo cáo / period "${s.period}" (YYYY-Mtt | YYYY-Qn | YYYY-H1 | YYYY-9M | YYYY-Y)`,
    )
  }
  if (s.form.trim() === '') throw dbError('DB_INVALID_INPUT', null, 'mẫu biểu / form ""')
}

/** Inserts the season's row if absent (inside the caller's transaction). */
export function ensurePeriodRow(db: SheafDb, season: Season): void {
  assertSeason(season)
  db.prepare('INSERT OR IGNORE INTO periods (form_id, id, created_at) VALUES (?, ?, ?)').run(
    season.form,
    season.period,
    db.now(),
  )
}

/** Creates the period, or updates the fields given (a field left `undefined` is kept). */
export function savePeriod(db: SheafDb, input: PeriodInput, actor?: string): Period {
  return writeTransaction(db, () => {
    const season = { form: input.templateId, period: input.id }
    ensurePeriodRow(db, season)
    const before = getPeriod(db, season)!
    const next = {
      templateId: input.templateId,
      templateVersion: input.templateVersion === undefined ? before.templateVersion : input.templateVersion,
      deadline: input.deadline === undefined ? before.deadline : input.deadline,
    }
    db.prepare('UPDATE periods SET template_version = ?, deadline = ? WHERE form_id = ? AND id = ?').run(
      next.templateVersion,
      next.deadline,
      season.form,
      season.period,
    )
    writeAudit(db, 'period.save', 'period', `${season.form}/${season.period}`, next, actor)
    return getPeriod(db, season)!
  })
}

type PeriodRow = {
  id: PeriodId
  form_id: string
  template_version: string | null
  deadline: string | null
  created_at: string
  set_aside_at: string | null
}

function toPeriod(r: PeriodRow): Period {
  return {
    id: r.id,
    templateId: r.form_id,
    templateVersion: r.template_version,
    deadline: r.deadline,
    createdAt: r.created_at,
    setAsideAt: r.set_aside_at,
  }
}

export function getPeriod(db: SheafDb, season: Season): Period | null {
  return read(db, () => {
    const r = db
      .prepare('SELECT * FROM periods WHERE form_id = ? AND id = ?')
      .get(season.form, season.period) as PeriodRow | undefined
    return r ? toPeriod(r) : null
  })
}

/** Every season, by period then form (those set aside only when asked); or the seasons of one form. */
export function listPeriods(
  db: SheafDb,
  options: Readonly<{ includeSetAside?: boolean; form?: string }> = {},
): Period[] {
  const where = [
    ...(options.includeSetAside ? [] : ['set_aside_at IS NULL']),
    ...(options.form !== undefined ? ['form_id = ?'] : []),
  ]
  return read(db, () =>
    (
      db
        .prepare(
          `SELECT * FROM periods ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id, form_id`,
        )
        .all(...(options.form !== undefined ? [options.form] : [])) as PeriodRow[]
    ).map(toPeriod),
  )
}

/** Sets a season aside (made by mistake: listed nowhere, everything in it kept) or brings it back. */
export function setPeriodAside(db: SheafDb, season: Season, aside: boolean, actor?: string): Period {
  return writeTransaction(db, () => {
    const p = getPeriod(db, season)
    if (!p) throw dbError('DB_NOT_FOUND', null, `kỳ báo cáo / period ${season.form} ${season.period}`)
    if (aside !== (p.setAsideAt !== null)) {
      db.prepare('UPDATE periods SET set_aside_at = ? WHERE form_id = ? AND id = ?').run(
        aside ? db.now() : null,
        season.form,
        season.period,
      )
      writeAudit(
        db,
        aside ? 'period.set_aside' : 'period.restore',
        'period',
        `${season.form}/${season.period}`,
        {},
        actor,
      )
    }
    return getPeriod(db, season)!
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
