// 0100 widens the kinds of unit to provinces (`tinh`, the ministry's units): the units table is made
// anew, and every unit of an existing database must come through with its contact and its state.
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { addUnit, listUnitContacts, listUnits, MIGRATIONS, openDatabase } from '../../../src-main/db/index'
import { tempDir } from '../db-helpers'

const CW = { form: 'child-work-2025', period: '2025-Y' } as const

describe('migration 0100_province_units', () => {
  it('keeps every unit with its kind, department, aliases, state and contact, and then takes provinces', () => {
    const p = path.join(tempDir(), 'units.sqlite')
    const old = openDatabase(p, { migrations: MIGRATIONS.filter((m) => m.id < 100) })
    const c = old.conn
    c.prepare(
      `INSERT INTO periods (form_id, id, created_at) VALUES ('child-work-2025', '2025-Y', '2025-11-01')`,
    ).run()
    const unit = c.prepare(
      `INSERT INTO units (form_id, period_id, code, name, kind, dept, aliases, active, contact_name, contact_phone)
       VALUES ('child-work-2025', '2025-Y', ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    unit.run('08001', 'Xã Tam Đường', 'xa', null, '["Tam Duong"]', 1, 'Lò Thị Mai', '0912 345 678')
    unit.run('CA', 'Công an tỉnh', 'so_nganh', 'CA', '[]', 0, null, null)
    expect(() => unit.run('12', 'Tỉnh Lai Châu', 'tinh', null, '[]', 1, null, null)).toThrow(/CHECK/)
    old.close()

    const db = openDatabase(p)
    try {
      expect(listUnits(db, CW, { includeInactive: true })).toEqual([
        expect.objectContaining({
          code: '08001',
          kind: 'xa',
          dept: null,
          aliases: ['Tam Duong'],
          active: true,
        }),
        expect.objectContaining({ code: 'CA', kind: 'so_nganh', dept: 'CA', active: false }),
      ])
      expect(listUnitContacts(db, CW).get('08001')).toEqual({ name: 'Lò Thị Mai', phone: '0912 345 678' })
      addUnit(db, CW, { code: '12', name: 'Tỉnh Lai Châu', kind: 'tinh', dept: null, aliases: ['Lai Châu'] })
      expect(listUnits(db, CW).map((u) => [u.code, u.kind])).toContainEqual(['12', 'tinh'])
      expect(db.conn.pragma('foreign_key_check')).toEqual([])
    } finally {
      db.close()
    }
  })
})
