import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { appliedMigrations, MIGRATIONS, openDatabase, type Migration } from '../../../src-main/db/index'
import { tempDir } from '../db-helpers'

function tables(p: string): string[] {
  const raw = new Database(p, { readonly: true })
  try {
    return (
      raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as {
        name: string
      }[]
    ).map((r) => r.name)
  } finally {
    raw.close()
  }
}

describe('migration runner', () => {
  it('applies each migration in its own transaction: a failing one leaves the earlier ones and none of itself', () => {
    const p = path.join(tempDir(), 'season.sqlite')
    const broken: Migration = {
      id: 9000,
      name: '9000_broken',
      sql: 'CREATE TABLE half_done (a INTEGER); INSERT INTO no_such_table VALUES (1);',
    }
    expect(() => openDatabase(p, { migrations: [...MIGRATIONS, broken] })).toThrow()
    expect(tables(p)).not.toContain('half_done')
    expect(tables(p)).toContain('decisions')

    const db = openDatabase(p)
    expect(appliedMigrations(db.conn).map((m) => m.name)).toEqual(MIGRATIONS.map((m) => m.name))
    db.close()
  })

  it('brings an older database up to date, one migration at a time', () => {
    const p = path.join(tempDir(), 'season.sqlite')
    openDatabase(p, { migrations: MIGRATIONS.slice(0, 1) }).close()
    expect(tables(p)).not.toContain('decisions')
    const db = openDatabase(p)
    expect(appliedMigrations(db.conn).map((m) => m.id)).toEqual(MIGRATIONS.map((m) => m.id))
    db.close()
  })

  it('refuses a file that holds tables but no migration record (not a Sheaf database)', () => {
    const p = path.join(tempDir(), 'other.sqlite')
    const raw = new Database(p)
    raw.exec('CREATE TABLE customers (id INTEGER)')
    raw.close()
    expect(() => openDatabase(p)).toThrow(expect.objectContaining({ code: 'DB_SCHEMA_MISMATCH' }))
  })
})
