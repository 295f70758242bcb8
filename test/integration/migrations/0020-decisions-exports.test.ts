import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  getSubmission,
  MIGRATIONS,
  openDatabase,
  recordConsolidation,
  recordDecision,
} from '../../../src-main/db/index'
import { storeUnderOldSchema, tempDir } from '../db-helpers'

describe('migration 0020_decisions_exports', () => {
  it('upgrades a season stored under 0010 without losing it, and adds decisions and exports', () => {
    const p = path.join(tempDir(), 'season.sqlite')
    const old = openDatabase(p, { migrations: MIGRATIONS.filter((m) => m.id <= 10) })
    const submissionId = storeUnderOldSchema(old.conn, 'a.xlsx', [], 'rejected')
    old.close()

    const db = openDatabase(p)
    try {
      expect(getSubmission(db, submissionId)?.fileName).toBe('a.xlsx')
      const d = recordDecision(db, { kind: 'accept', submissionId, reason: 'đã xác minh', by: 'validator' })
      expect(d.kind).toBe('accept')
      // The table itself refuses an acceptance with no reason, whoever writes it.
      expect(() =>
        db.conn
          .prepare(
            `INSERT INTO decisions (kind, submission_id, decided_by, decided_at) VALUES ('accept', ?, 'x', 'now')`,
          )
          .run(submissionId),
      ).toThrow(/CHECK/)
      const c = recordConsolidation(db, {
        period: '2025-Y',
        templateId: 'child-work-2025',
        templateVersion: 'TE-2025.1',
        submissionIds: [submissionId],
        missing: [],
        provisional: false,
      })
      expect(c).toBeGreaterThan(0)
      expect(() =>
        db.conn
          .prepare(
            `INSERT INTO exports (kind, output_path, sha256, created_at, created_by) VALUES ('report', 'x', ?, 'n', 'x')`,
          )
          .run('b'.repeat(64)),
      ).toThrow(/CHECK/)
    } finally {
      db.close()
    }
  })
})
