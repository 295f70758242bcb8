import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  getConsolidation,
  getFigures,
  getHistory,
  getPeriod,
  getProblems,
  listDecisions,
  listExports,
  listSubmissions,
  listUnits,
  listVersions,
  MIGRATIONS,
  openDatabase,
  storeSubmission,
} from '../../../src-main/db/index'
import { analysis, figure, file, sha, tempDir } from '../db-helpers'

const CW = { form: 'child-work-2025', period: '2025-Y' } as const
const H1 = { form: 'child-work-2025', period: '2025-H1' } as const

/** A season as Sheaf stored it before 0040 (one form per period), written with SQL of that schema. */
function oldSeason(p: string): { a: number; b: number; consolidation: number } {
  const old = openDatabase(p, { migrations: MIGRATIONS.filter((m) => m.id <= 30) })
  const c = old.conn
  const at = '2025-11-12T00:00:00Z'
  c.prepare(
    `INSERT INTO periods (id, template_id, template_version, deadline, created_at)
     VALUES ('2025-Y', 'child-work-2025', 'TE-2025.1', '2025-11-20', ?)`,
  ).run(at)
  // a period made by a unit list import alone never recorded its template
  c.prepare(`INSERT INTO periods (id, created_at) VALUES ('2025-H1', ?)`).run(at)
  const unit = c.prepare(
    `INSERT INTO units (period_id, code, name, kind, dept, aliases, active) VALUES (?, ?, ?, 'xa', NULL, '[]', 1)`,
  )
  unit.run('2025-Y', '08001', 'Xã Tam Đường')
  unit.run('2025-H1', '08001', 'Xã Tam Đường')
  const sub = c.prepare(
    `INSERT INTO submissions (period_id, unit_code, unit_source, file_name, sha256, size, imported_at,
       declared_period, report_date, status)
     VALUES (?, '08001', 'info-code', ?, ?, 10, ?, ?, ?, ?)`,
  )
  const a = Number(
    sub.run('2025-Y', 'v1.xlsx', sha('v1'), at, '2025-Y', '2025-11-01', 'accepted').lastInsertRowid,
  )
  const b = Number(
    sub.run('2025-Y', 'v2.xlsx', sha('v2'), at, '2025-Y', '2025-11-02', 'rejected').lastInsertRowid,
  )
  sub.run('2025-H1', 'h1.xlsx', sha('h1'), at, '2025-H1', '2025-06-30', 'accepted')
  c.prepare(`INSERT INTO submission_figures (submission_id, figures) VALUES (?, ?)`).run(
    a,
    JSON.stringify([['TE.0101', 'total', 10480, 'Bieu 01', 'F11', '10480']]),
  )
  c.prepare(
    `INSERT INTO problems (submission_id, seq, rule, severity, message_vi, message_en)
     VALUES (?, 0, 'V05', 'error', 'lệch', 'differs')`,
  ).run(b)
  c.prepare(
    `INSERT INTO decisions (kind, submission_id, reason, decided_by, decided_at)
     VALUES ('accept', ?, 'đã gọi điện', 'clerk', ?)`,
  ).run(b, at)
  const consolidation = Number(
    c
      .prepare(
        `INSERT INTO consolidations (period_id, template_id, template_version, created_at, created_by,
           provisional) VALUES ('2025-Y', 'child-work-2025', 'TE-2025.1', ?, 'clerk', 0)`,
      )
      .run(at).lastInsertRowid,
  )
  c.prepare(
    `INSERT INTO consolidation_sources (consolidation_id, submission_id, unit_code, version) VALUES (?, ?, '08001', 1)`,
  ).run(consolidation, a)
  c.prepare(
    `INSERT INTO exports (kind, consolidation_id, output_path, sha256, created_at, created_by)
     VALUES ('report', ?, '/out/bao-cao.xlsx', ?, ?, 'clerk')`,
  ).run(consolidation, sha('out'), at)
  old.close()
  return { a, b, consolidation }
}

describe('migration 0040_seasons', () => {
  it('moves every period of an existing database into a season of its form, losing nothing', () => {
    const p = path.join(tempDir(), 'season.sqlite')
    const { a, b, consolidation } = oldSeason(p)

    const db = openDatabase(p)
    try {
      expect(getPeriod(db, CW)).toMatchObject({ templateId: 'child-work-2025', deadline: '2025-11-20' })
      // the period without a recorded template belongs to the only form there was
      expect(getPeriod(db, H1)?.templateId).toBe('child-work-2025')
      expect(listUnits(db, CW).map((u) => u.name)).toEqual(['Xã Tam Đường'])
      expect(listSubmissions(db, CW).map((s) => [s.fileName, s.form])).toEqual([
        ['v1.xlsx', 'child-work-2025'],
        ['v2.xlsx', 'child-work-2025'],
      ])
      // rebuilding the submissions table cascaded nothing away
      expect(getFigures(db, a)).toEqual([{ ...figure('TE.0101', 'total', 10480), raw: '10480' }])
      expect(getProblems(db, b).map((x) => x.rule)).toEqual(['V05'])
      expect(listDecisions(db, { submissionId: b }).map((d) => d.reason)).toEqual(['đã gọi điện'])
      expect(listVersions(db, CW, '08001').map((v) => [v.fileName, v.version])).toEqual([
        ['v1.xlsx', 1],
        ['v2.xlsx', 2],
      ])
      expect(getConsolidation(db, consolidation)?.sources.map((s) => s.submissionId)).toEqual([a])
      expect(listExports(db, CW).map((e) => e.outputPath)).toEqual(['/out/bao-cao.xlsx'])
      expect(getHistory(db).map((e) => [e.form, e.period, e.unit])).toEqual([
        ['child-work-2025', '2025-H1', '08001'],
        ['child-work-2025', '2025-Y', '08001'],
      ])
      expect(db.conn.pragma('foreign_key_check')).toEqual([])
      expect(db.conn.pragma('foreign_keys', { simple: true })).toBe(1)
    } finally {
      db.close()
    }
  })

  it('keeps another form of the same period apart: its own units, files and versions', () => {
    const p = path.join(tempDir(), 'season.sqlite')
    oldSeason(p)
    const db = openDatabase(p)
    try {
      const imm = { form: 'immunization-6m-2025', period: '2025-Y' } as const
      // the same bytes under the other form are another submission, not a duplicate
      const r = storeSubmission(db, { season: imm, file: file('v1.xlsx', 'v1'), analysis: analysis() })
      expect(r.duplicate).toBe(false)
      expect(listSubmissions(db, imm).map((s) => s.fileName)).toEqual(['v1.xlsx'])
      expect(listSubmissions(db, CW)).toHaveLength(2)
      expect(listVersions(db, imm, '08001').map((v) => v.version)).toEqual([1])
      expect(listUnits(db, imm)).toEqual([])
      expect(getHistory(db, { form: 'immunization-6m-2025' }).map((e) => e.period)).toEqual(['2025-Y'])
      expect(getPeriod(db, imm)?.templateId).toBe('immunization-6m-2025')
      // the season's period ids now cover months, quarters and nine months
      for (const period of ['2025-M03', '2025-Q1', '2025-9M'] as const)
        storeSubmission(db, {
          season: { form: 'monthly', period },
          file: file(period),
          analysis: analysis({ period }),
        })
      expect(getHistory(db, { form: 'monthly' }).map((e) => e.period)).toEqual([
        '2025-9M',
        '2025-M03',
        '2025-Q1',
      ])
    } finally {
      db.close()
    }
  })
})
