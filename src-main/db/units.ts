// The unit list of each period: imported whole, or changed one unit at a time. A unit is never
// deleted, only deactivated, so that its earlier submissions keep their name.
import type { Season } from '../shared/period'
import type { Unit } from '../core/units/unit'
import type { UnitKind } from '../shared/unit-kinds'
import { isUnitKind } from '../shared/unit-kinds'
import { read, writeTransaction, type SheafDb } from './connection'
import { writeAudit } from './audit'
import { dbError } from './errors'
import { ensurePeriodRow } from './periods'

type UnitRow = {
  code: string
  name: string
  kind: UnitKind
  dept: string | null
  aliases: string
  active: number
}

function toUnit(r: UnitRow): Unit {
  return {
    code: r.code,
    name: r.name,
    kind: r.kind,
    dept: r.dept,
    aliases: JSON.parse(r.aliases) as string[],
    active: r.active === 1,
  }
}

function checkUnit(u: Unit): void {
  if (!u.code.trim()) throw dbError('DB_INVALID_INPUT', null, 'mã đơn vị trống / empty unit code')
  if (!isUnitKind(u.kind)) {
    throw dbError('DB_INVALID_INPUT', null, `loại đơn vị / unit kind "${u.kind}"`)
  }
}

const UPSERT = `INSERT INTO units (form_id, period_id, code, name, kind, dept, aliases, active)
  VALUES (@form, @period, @code, @name, @kind, @dept, @aliases, @active)
  ON CONFLICT (form_id, period_id, code) DO UPDATE SET
    name = excluded.name, kind = excluded.kind, dept = excluded.dept,
    aliases = excluded.aliases, active = excluded.active`

function upsert(db: SheafDb, season: Season, u: Unit): void {
  db.prepare(UPSERT).run({
    form: season.form,
    period: season.period,
    code: u.code,
    name: u.name,
    kind: u.kind,
    dept: u.dept,
    aliases: JSON.stringify(u.aliases),
    active: u.active === false ? 0 : 1,
  })
}

export type UnitListImport = Readonly<{ added: string[]; updated: string[]; deactivated: string[] }>

/**
 * Makes `units` the period's list: new codes are added, known ones updated, and units of the
 * stored list that are absent from `units` are deactivated. One transaction.
 */
export function importUnitList(
  db: SheafDb,
  season: Season,
  units: readonly Unit[],
  actor?: string,
): UnitListImport {
  units.forEach(checkUnit)
  const codes = new Set<string>()
  for (const u of units) {
    if (codes.has(u.code))
      throw dbError('DB_INVALID_INPUT', null, `mã đơn vị trùng / duplicate unit code ${u.code}`)
    codes.add(u.code)
  }
  return writeTransaction(db, () => {
    ensurePeriodRow(db, season)
    const before = new Map(listUnits(db, season, { includeInactive: true }).map((u) => [u.code, u]))
    const added: string[] = []
    const updated: string[] = []
    const deactivated: string[] = []
    for (const u of units) {
      const old = before.get(u.code)
      if (!old) added.push(u.code)
      else if (JSON.stringify(old) !== JSON.stringify(toUnit(asRow({ ...u, active: u.active !== false }))))
        updated.push(u.code)
      upsert(db, season, u)
    }
    for (const old of before.values()) {
      if (!codes.has(old.code) && old.active) {
        db.prepare('UPDATE units SET active = 0 WHERE form_id = ? AND period_id = ? AND code = ?').run(
          season.form,
          season.period,
          old.code,
        )
        deactivated.push(old.code)
      }
    }
    writeAudit(
      db,
      'units.import',
      'unit_list',
      `${season.form}/${season.period}`,
      { count: units.length, added, updated, deactivated },
      actor,
    )
    return { added, updated, deactivated }
  })
}

function asRow(u: Unit): UnitRow {
  return {
    code: u.code,
    name: u.name,
    kind: u.kind,
    dept: u.dept,
    aliases: JSON.stringify(u.aliases),
    active: u.active === false ? 0 : 1,
  }
}

/** Adds one unit to the period's list; a code already there is an error. */
export function addUnit(db: SheafDb, season: Season, unit: Unit, actor?: string): void {
  checkUnit(unit)
  writeTransaction(db, () => {
    ensurePeriodRow(db, season)
    if (getUnit(db, season, unit.code)) {
      throw dbError('DB_INVALID_INPUT', null, `đơn vị đã có / unit already listed: ${unit.code}`)
    }
    upsert(db, season, unit)
    writeAudit(db, 'unit.add', 'unit', `${season.form}/${season.period}/${unit.code}`, { ...unit }, actor)
  })
}

export function renameUnit(db: SheafDb, season: Season, code: string, name: string, actor?: string): void {
  writeTransaction(db, () => {
    const old = requireUnit(db, season, code)
    db.prepare('UPDATE units SET name = ? WHERE form_id = ? AND period_id = ? AND code = ?').run(
      name,
      season.form,
      season.period,
      code,
    )
    writeAudit(
      db,
      'unit.rename',
      'unit',
      `${season.form}/${season.period}/${code}`,
      { from: old.name, to: name },
      actor,
    )
  })
}

export function setUnitActive(
  db: SheafDb,
  season: Season,
  code: string,
  active: boolean,
  actor?: string,
): void {
  writeTransaction(db, () => {
    requireUnit(db, season, code)
    db.prepare('UPDATE units SET active = ? WHERE form_id = ? AND period_id = ? AND code = ?').run(
      active ? 1 : 0,
      season.form,
      season.period,
      code,
    )
    writeAudit(
      db,
      active ? 'unit.activate' : 'unit.deactivate',
      'unit',
      `${season.form}/${season.period}/${code}`,
      {},
      actor,
    )
  })
}

function requireUnit(db: SheafDb, season: Season, code: string): Unit {
  const u = getUnit(db, season, code)
  if (!u) throw dbError('DB_NOT_FOUND', null, `đơn vị / unit ${code} (${season.form} ${season.period})`)
  return u
}

export function getUnit(db: SheafDb, season: Season, code: string): Unit | null {
  return read(db, () => {
    const r = db
      .prepare('SELECT * FROM units WHERE form_id = ? AND period_id = ? AND code = ?')
      .get(season.form, season.period, code) as UnitRow | undefined
    return r ? toUnit(r) : null
  })
}

/** The period's units in code order; active ones only unless `includeInactive`. */
export function listUnits(
  db: SheafDb,
  season: Season,
  options: Readonly<{ includeInactive?: boolean }> = {},
): Unit[] {
  const all = options.includeInactive === true
  // read once while nothing is written: one report asks for a season's units several times
  return read(db, () =>
    db.remember(`units ${season.form} ${season.period} ${all}`, () => {
      const rows = db
        .prepare(
          `SELECT * FROM units WHERE form_id = ? AND period_id = ? ${all ? '' : 'AND active = 1'} ORDER BY code`,
        )
        .all(season.form, season.period) as UnitRow[]
      return rows.map(toUnit)
    }),
  ).slice()
}

export type UnitContact = Readonly<{ name: string | null; phone: string | null }>

/** The contacts the clerk set for the season's units (units with none are absent). */
export function listUnitContacts(db: SheafDb, season: Season): Map<string, UnitContact> {
  return read(db, () => {
    const rows = db
      .prepare(
        `SELECT code, contact_name, contact_phone FROM units WHERE form_id = ? AND period_id = ?
           AND (contact_name IS NOT NULL OR contact_phone IS NOT NULL)`,
      )
      .all(season.form, season.period) as {
      code: string
      contact_name: string | null
      contact_phone: string | null
    }[]
    return new Map(rows.map((r) => [r.code, { name: r.contact_name, phone: r.contact_phone }]))
  })
}

/** Sets whom to call at a unit (blank texts clear it: the files' preparer and phone count again). */
export function setUnitContact(
  db: SheafDb,
  season: Season,
  code: string,
  contact: UnitContact,
  actor?: string,
): void {
  const clean = (s: string | null) => (s && s.trim() ? s.trim() : null)
  writeTransaction(db, () => {
    const r = db
      .prepare(
        'UPDATE units SET contact_name = ?, contact_phone = ? WHERE form_id = ? AND period_id = ? AND code = ?',
      )
      .run(clean(contact.name), clean(contact.phone), season.form, season.period, code)
    if (r.changes === 0)
      throw dbError('DB_NOT_FOUND', null, `đơn vị / unit ${code} (${season.form} ${season.period})`)
    writeAudit(
      db,
      'unit.contact',
      'unit',
      `${season.form}/${season.period}/${code}`,
      { name: clean(contact.name), phone: clean(contact.phone) },
      actor,
    )
  })
}
