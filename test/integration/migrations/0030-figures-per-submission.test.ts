import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { getFigures, getSubmission, MIGRATIONS, openDatabase } from '../../../src-main/db/index'
import type { Figure } from '../../../src-main/core/submission/analysis'
import { figure, storeUnderOldSchema, tempDir } from '../db-helpers'

describe('migration 0030_figures_per_submission', () => {
  it('moves every stored figure, with its cell, raw text and notes, into one array per submission', () => {
    const p = path.join(tempDir(), 'season.sqlite')
    const old = openDatabase(p, { migrations: MIGRATIONS.filter((m) => m.id <= 20) })
    const noted: Figure = {
      ...figure('TE.0102', 'total', 1234, 'F12'),
      raw: '1.234',
      notes: [{ code: 'thousands-dot', text: { vi: 'dấu chấm hàng nghìn', en: 'thousands dot' } }],
    }
    // written out of order: the migration orders them by indicator then column, as reads always did
    const a = storeUnderOldSchema(old.conn, 'a.xlsx', [
      noted,
      figure('TE.0101', 'total', 10480),
      figure('TE.0101', 'male', 5400, 'G11'),
    ])
    const empty = storeUnderOldSchema(old.conn, 'b.xlsx', [], 'rejected')
    old.close()

    const db = openDatabase(p)
    try {
      expect(getFigures(db, a)).toEqual([
        figure('TE.0101', 'male', 5400, 'G11'),
        figure('TE.0101', 'total', 10480),
        noted,
      ])
      expect(getFigures(db, empty)).toEqual([])
      expect(getSubmission(db, empty)?.status).toBe('rejected')
      const tables = db.conn.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as {
        name: string
      }[]
      expect(tables.map((t) => t.name)).not.toContain('figures')
      // the table refuses what is not a JSON array
      expect(() =>
        db.conn
          .prepare(`INSERT INTO submission_figures (submission_id, figures) VALUES (?, '{}')`)
          .run(empty),
      ).toThrow(/CHECK/)
    } finally {
      db.close()
    }
  })
})
