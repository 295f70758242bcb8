import { afterEach, describe, expect, it } from 'vitest'
import { MIGRATIONS, openDatabase, type SheafDb } from '../../../src-main/db/index'

let db: SheafDb | null = null
afterEach(() => db?.close())

// The database as 0010_init alone leaves it.
function at0010(): SheafDb {
  db = openDatabase(':memory:', { migrations: MIGRATIONS.filter((m) => m.id <= 10) })
  return db
}

const SHA = 'a'.repeat(64)

function insertSubmission(
  d: SheafDb,
  o: { id: number; unit: string | null; date: string | null; mtime: string | null; at: string },
) {
  d.conn
    .prepare(
      `INSERT INTO submissions (id, period_id, unit_code, file_name, sha256, size, file_mtime, imported_at, report_date, status)
       VALUES (?, '2025-Y', ?, ?, ?, 1, ?, ?, ?, 'accepted')`,
    )
    .run(o.id, o.unit, `f${o.id}.xlsx`, o.id.toString(16).padStart(64, '0'), o.mtime, o.at, o.date)
}

describe('migration 0010_init', () => {
  it('creates the season’s tables', () => {
    const d = at0010()
    const names = (
      d.conn
        .prepare(`SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name`)
        .all() as { name: string }[]
    ).map((r) => r.name)
    expect(names).toEqual([
      'audit_log',
      'figures',
      'periods',
      'problems',
      'schema_migrations',
      'settings',
      'submission_versions',
      'submissions',
      'template_packs',
      'units',
    ])
  })

  it('refuses malformed rows: a period id, a unit kind, a hash, a figure of a missing submission', () => {
    const d = at0010()
    const run = (sql: string) => () => d.conn.exec(sql)
    expect(run(`INSERT INTO periods (id, created_at) VALUES ('2025-H2', 'x')`)).toThrow(/CHECK/)
    d.conn.exec(`INSERT INTO periods (id, created_at) VALUES ('2025-Y', 'x')`)
    expect(
      run(`INSERT INTO units (period_id, code, name, kind) VALUES ('2025-Y', '1', 'A', 'tinh')`),
    ).toThrow(/CHECK/)
    expect(
      run(`INSERT INTO submissions (period_id, file_name, sha256, size, imported_at, status)
           VALUES ('2025-Y', 'a', 'XYZ', 1, 'x', 'accepted')`),
    ).toThrow(/CHECK/)
    expect(
      run(
        `INSERT INTO figures (submission_id, indicator, column_key, value, sheet, cell, raw) VALUES (999, 'a', 'total', 1, 's', 'A1', '1')`,
      ),
    ).toThrow(/FOREIGN KEY/)
    expect(
      run(`INSERT INTO submissions (period_id, file_name, sha256, size, imported_at, status)
           VALUES ('2025-Y', 'a', '${SHA}', 1, 'x', 'maybe')`),
    ).toThrow(/CHECK/)
  })

  it('numbers versions in S08 order in the submission_versions view', () => {
    const d = at0010()
    d.conn.exec(`INSERT INTO periods (id, created_at) VALUES ('2025-Y', 'x')`)
    insertSubmission(d, { id: 1, unit: 'A', date: '2025-11-09', mtime: null, at: '2025-11-12T00:00:01Z' })
    insertSubmission(d, {
      id: 2,
      unit: 'A',
      date: null,
      mtime: '2025-12-01T00:00:00Z',
      at: '2025-11-12T00:00:02Z',
    })
    insertSubmission(d, {
      id: 3,
      unit: 'A',
      date: '2025-11-09',
      mtime: '2025-11-01T00:00:00Z',
      at: '2025-11-12T00:00:00Z',
    })
    insertSubmission(d, { id: 4, unit: null, date: '2025-11-09', mtime: null, at: 'x' })
    const rows = d.conn
      .prepare('SELECT id, version, version_count FROM submission_versions ORDER BY version')
      .all()
    // no report date is oldest; then the same date is ordered by file time (none is older).
    expect(rows).toEqual([
      { id: 2, version: 1, version_count: 3 },
      { id: 1, version: 2, version_count: 3 },
      { id: 3, version: 3, version_count: 3 },
    ])
  })
})
