// Builders for the database tests: analysed files made by hand, temporary folders, hashes.
import type Database from 'better-sqlite3'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Figure, SubmissionAnalysis } from '../../src-main/core/submission/analysis'
import type { Problem } from '../../src-main/shared/problem'
import type { PeriodId, Season } from '../../src-main/shared/period'

/** The form of the seasons the database tests store into. */
export const FORM = 'child-work-2025'

/** The season of the test form for a period. */
export function S(period: PeriodId): Season {
  return { form: FORM, period }
}

export function tempDir(prefix = 'sheaf-db-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix))
}

export function sha(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex')
}

export function figure(indicator: string, column: string, value: number, cell = 'F11'): Figure {
  return { indicator, column, value, sheet: 'Bieu 01', cell, raw: String(value), notes: [] }
}

export function analysis(
  over: Partial<{
    fileName: string
    unit: string | null
    period: PeriodId | null
    reportDate: string | null
    figures: Figure[]
    problems: Problem[]
    status: 'accepted' | 'rejected'
  }> = {},
): SubmissionAnalysis {
  return {
    fileName: over.fileName ?? 'f.xlsx',
    unit: over.unit === undefined ? '08001' : over.unit,
    unitSource: 'info-code',
    period: over.period === undefined ? '2025-Y' : over.period,
    templateVersion: 'TE-2025.1',
    reportDate: over.reportDate === undefined ? '2025-11-10' : over.reportDate,
    table: { sheet: 'Bieu 01', headerRow: 8, rowCount: 120 },
    figures: over.figures ?? [figure('TE.0101', 'total', 10480), figure('TE.0101', 'male', 5400, 'G11')],
    problems: over.problems ?? [],
    status: over.status ?? 'accepted',
  }
}

export function file(name: string, content = name, mtime: string | null = '2025-11-10T08:00:00Z') {
  return { name, sha256: sha(content), size: content.length, mtime }
}

/** A clock that moves one second per reading, so that every stored instant differs. */
export function tickingClock(start = '2025-11-12T00:00:00Z'): () => Date {
  let t = Date.parse(start)
  return () => new Date((t += 1000))
}

/** A submission as the schema of 0010/0020 stored it (a row per figure), written without today's code. */
export function storeUnderOldSchema(
  conn: Database.Database,
  fileName: string,
  figures: readonly Figure[],
  status: 'accepted' | 'rejected' = 'accepted',
): number {
  conn
    .prepare(`INSERT OR IGNORE INTO periods (id, created_at) VALUES ('2025-Y', '2025-11-12T00:00:00Z')`)
    .run()
  const id = Number(
    conn
      .prepare(
        `INSERT INTO submissions (period_id, unit_code, unit_source, file_name, sha256, size, imported_at, status)
         VALUES ('2025-Y', '08001', 'info-code', ?, ?, 10, '2025-11-12T00:00:01Z', ?)`,
      )
      .run(fileName, sha(fileName), status).lastInsertRowid,
  )
  for (const f of figures)
    conn
      .prepare(
        `INSERT INTO figures (submission_id, indicator, column_key, value, sheet, cell, raw, notes)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, f.indicator, f.column, f.value, f.sheet, f.cell, f.raw, JSON.stringify(f.notes))
  return id
}
