import { describe, expect, it } from 'vitest'
import {
  DbError,
  getFigures,
  getProblems,
  getSubmission,
  integrityCheck,
  listAudit,
  listSubmissions,
  storeSubmission,
  type SheafDb,
} from '../../src-main/db/index'
import { analysis, figure, file, S } from './db-helpers'
import { databaseEachTest } from '../helpers/database-each-test'

const open = databaseEachTest({ onDisk: true, actor: 'clerk' })

function counts(d: SheafDb) {
  const n = (t: string) => (d.conn.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n
  return {
    submissions: n('submissions'),
    figures: (
      d.conn
        .prepare('SELECT coalesce(sum(json_array_length(figures)), 0) AS n FROM submission_figures')
        .get() as { n: number }
    ).n,
    problems: n('problems'),
    audit: n('audit_log'),
  }
}

describe('storeSubmission', () => {
  it('stores a file and reads back its figures with provenance and its problems', () => {
    const d = open()
    const problems = [
      {
        rule: 'V05',
        severity: 'error' as const,
        sheet: 'Bieu 01',
        cell: 'G11',
        indicator: 'TE.0101',
        column: 'male',
        value: 5400,
        message: { vi: 'Nam + Nữ khác Tổng số', en: 'Male + female differs from total' },
      },
      { rule: 'S09', severity: 'warning' as const, message: { vi: 'Không đọc được kỳ', en: 'No period' } },
      { rule: 'V01', severity: 'error' as const, value: null, message: { vi: 'x', en: 'x' } },
      { rule: 'V02', severity: 'error' as const, value: '1,234', message: { vi: 'y', en: 'y' } },
    ]
    const noted = {
      ...figure('TE.0102', 'total', 1234.5, 'F12'),
      raw: '1.234,5',
      notes: [{ code: 'vn-decimal', text: { vi: 'đọc kiểu Việt Nam', en: 'read the Vietnamese way' } }],
    }
    const a = analysis({ figures: [figure('TE.0101', 'total', 10480), noted], problems, status: 'rejected' })
    const r = storeSubmission(d, { season: S('2025-Y'), file: file('08001.xlsx'), analysis: a })
    expect(r.duplicate).toBe(false)

    const s = getSubmission(d, r.submissionId)!
    expect(s).toMatchObject({
      period: '2025-Y',
      unit: '08001',
      fileName: '08001.xlsx',
      status: 'rejected',
      reportDate: '2025-11-10',
      templateVersion: 'TE-2025.1',
      fileMtime: '2025-11-10T08:00:00.000Z',
      table: { sheet: 'Bieu 01', headerRow: 8, rowCount: 120 },
    })
    expect(getFigures(d, r.submissionId)).toEqual([figure('TE.0101', 'total', 10480), noted])
    expect(getProblems(d, r.submissionId)).toEqual(problems)
    expect(listAudit(d, { entity: 'submission' })[0]).toMatchObject({
      actor: 'clerk',
      action: 'submission.store',
    })
  })

  it('adds nothing when the same bytes are stored again for the period, and returns the stored one', () => {
    const d = open()
    const first = storeSubmission(d, {
      season: S('2025-Y'),
      file: file('a.xlsx', 'bytes'),
      analysis: analysis(),
    })
    const before = counts(d)
    const again = storeSubmission(d, {
      season: S('2025-Y'),
      file: file('a (copy).xlsx', 'bytes'),
      analysis: analysis({ figures: [figure('TE.0101', 'total', 1)] }),
    })
    expect(again).toEqual({ submissionId: first.submissionId, duplicate: true })
    expect(counts(d)).toEqual(before)
    // The same bytes for another period are another submission.
    const other = storeSubmission(d, {
      season: S('2025-H1'),
      file: file('a.xlsx', 'bytes'),
      analysis: analysis(),
    })
    expect(other.duplicate).toBe(false)
    expect(listSubmissions(d, S('2025-H1'))).toHaveLength(1)
  })

  it('leaves no trace of a file when a figure breaks a constraint in the middle', () => {
    const d = open()
    storeSubmission(d, { season: S('2025-Y'), file: file('ok.xlsx'), analysis: analysis() })
    const before = counts(d)
    const twice = analysis({
      unit: '08002',
      figures: [figure('TE.0101', 'total', 1), figure('TE.0101', 'total', 2)],
    })
    expect(() =>
      storeSubmission(d, { season: S('2025-Y'), file: file('dup.xlsx'), analysis: twice }),
    ).toThrow(DbError)
    const nan = analysis({
      unit: '08003',
      figures: [figure('TE.0101', 'total', 1), figure('TE.0102', 'total', NaN)],
    })
    expect(() => storeSubmission(d, { season: S('2025-Y'), file: file('nan.xlsx'), analysis: nan })).toThrow(
      DbError,
    )
    expect(counts(d)).toEqual(before)
    expect(listSubmissions(d, S('2025-Y')).map((s) => s.fileName)).toEqual(['ok.xlsx'])
  })

  it('leaves no trace of a file when the process fails after its figures were written', () => {
    const d = open()
    const before = counts(d)
    expect(() =>
      storeSubmission(
        d,
        { season: S('2025-Y'), file: file('boom.xlsx'), analysis: analysis() },
        {
          afterFigures: () => {
            throw new Error('disk unplugged')
          },
        },
      ),
    ).toThrow(/disk unplugged/)
    expect(counts(d)).toEqual(before)
    expect(integrityCheck(d)).toEqual({ ok: true, messages: ['ok'] })
    // and the same file can then be stored normally
    expect(
      storeSubmission(d, { season: S('2025-Y'), file: file('boom.xlsx'), analysis: analysis() }).duplicate,
    ).toBe(false)
  })

  it('refuses a malformed hash instead of storing a file that can never be found again', () => {
    const d = open()
    const bad = { name: 'x.xlsx', sha256: 'abc', size: 1, mtime: null }
    expect(() => storeSubmission(d, { season: S('2025-Y'), file: bad, analysis: analysis() })).toThrow(
      expect.objectContaining({ code: 'DB_INVALID_INPUT' }),
    )
  })

  it('stores a file whose unit could not be identified', () => {
    const d = open()
    const r = storeSubmission(d, {
      season: S('2025-Y'),
      file: file('unknown.xlsx'),
      analysis: analysis({ unit: null, status: 'rejected', figures: [] }),
    })
    expect(getSubmission(d, r.submissionId)?.unit).toBeNull()
  })
})
