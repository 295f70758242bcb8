import { describe, expect, it } from 'vitest'
import {
  diffVersions,
  getAcceptedSubmissions,
  getActiveVersion,
  getHistory,
  getUnitFigures,
  importUnitList,
  listVersions,
  recordDecision,
  storeSubmission,
  type SheafDb,
} from '../../src-main/db/index'
import type { PeriodId } from '../../src-main/shared/period'
import { analysis, figure, file, S } from './db-helpers'
import { databaseEachTest } from '../helpers/database-each-test'
import { seededRandom } from '../helpers/seeded-random'

const open = databaseEachTest()

function store(
  d: SheafDb,
  name: string,
  o: { unit?: string; reportDate?: string | null; mtime?: string | null; period?: PeriodId } & Parameters<
    typeof analysis
  >[0] = {},
): number {
  return storeSubmission(d, {
    season: S(o.period ?? '2025-Y'),
    file: file(name, name, o.mtime === undefined ? '2025-11-10T08:00:00Z' : o.mtime),
    analysis: analysis({ ...o, fileName: name }),
  }).submissionId
}

describe('versions', () => {
  it('numbers a unit’s files in S08 order: later report date, then later file time, then later import', () => {
    const d = open()
    store(d, 'late-date.xlsx', { reportDate: '2025-11-15', mtime: '2025-11-01T00:00:00Z' })
    store(d, 'early-date-late-mtime.xlsx', { reportDate: '2025-11-05', mtime: '2025-11-20T00:00:00Z' })
    store(d, 'early-date-early-mtime-b.xlsx', { reportDate: '2025-11-05', mtime: '2025-11-02T00:00:00Z' })
    store(d, 'early-date-early-mtime-a.xlsx', { reportDate: '2025-11-05', mtime: '2025-11-02T00:00:00Z' })
    store(d, 'other-unit.xlsx', { unit: '08002' })
    const vs = listVersions(d, S('2025-Y'), '08001')
    expect(vs.map((v) => [v.version, v.fileName])).toEqual([
      [1, 'early-date-early-mtime-b.xlsx'],
      [2, 'early-date-early-mtime-a.xlsx'],
      [3, 'early-date-late-mtime.xlsx'],
      [4, 'late-date.xlsx'],
    ])
    expect(vs.every((v) => v.versionCount === 4)).toBe(true)
    expect(getActiveVersion(d, S('2025-Y'), '08001')?.fileName).toBe('late-date.xlsx')
    expect(listVersions(d, S('2025-Y')).map((v) => v.unit)).toEqual([
      '08001',
      '08001',
      '08001',
      '08001',
      '08002',
    ])
  })

  it('lists the files of the versions view in its order (versions.ts reads them without the view)', () => {
    const d = open()
    const random = seededRandom(19)
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T
    for (let k = 0; k < 60; k++) {
      const id = store(d, `f${k}.xlsx`, {
        unit: pick(['08001', '08002', '08003']),
        reportDate: pick([null, '2025-11-05', '2025-11-15']),
        mtime: pick([null, '2025-11-02T00:00:00Z', '2025-11-20T00:00:00Z']),
      })
      // files that are no version of the season (another period or form declared), and files set aside
      const change = pick([
        null,
        null,
        null,
        "declared_period = '2025-H1'",
        "declared_period = '2025-Y'",
        "declared_form = 'immunization-6m-2025'",
        "set_aside_at = '2025-11-30T00:00:00Z'",
      ])
      if (change !== null) d.prepare(`UPDATE submissions SET ${change} WHERE id = ?`).run(id)
    }
    const season = S('2025-Y')
    const viewOrder = d
      .prepare(
        `SELECT id FROM submission_versions WHERE form_id = ? AND period_id = ?
           AND set_aside_at IS NULL ORDER BY unit_code, version`,
      )
      .pluck()
      .all(season.form, season.period)
    expect(viewOrder.length).toBeGreaterThan(20)
    expect(listVersions(d, season).map((v) => v.id)).toEqual(viewOrder)
    expect(listVersions(d, season, '08002').map((v) => v.id)).toEqual(
      d
        .prepare(
          `SELECT id FROM submission_versions WHERE form_id = ? AND period_id = ?
             AND set_aside_at IS NULL AND unit_code = '08002' ORDER BY version`,
        )
        .pluck()
        .all(season.form, season.period),
    )
  })

  it('lets a validator make an earlier version active, until the unit sends another file', () => {
    const d = open()
    const v1 = store(d, 'v1.xlsx', { reportDate: '2025-11-01' })
    store(d, 'v2.xlsx', { reportDate: '2025-11-02' })
    recordDecision(d, { kind: 'choose_active', submissionId: v1, by: 'validator', reason: 'v2 is a draft' })
    const active = getActiveVersion(d, S('2025-Y'), '08001')!
    expect(active).toMatchObject({ fileName: 'v1.xlsx', version: 1, activeByDecision: true })
    expect(getAcceptedSubmissions(d, S('2025-Y')).map((s) => s.fileName)).toEqual(['v1.xlsx'])

    store(d, 'v3.xlsx', { reportDate: '2025-11-03' })
    expect(getActiveVersion(d, S('2025-Y'), '08001')).toMatchObject({
      fileName: 'v3.xlsx',
      activeByDecision: false,
    })
  })

  it('merges a rejected file only when a validator accepted it with a reason', () => {
    const d = open()
    const bad = store(d, 'bad.xlsx', { status: 'rejected' })
    store(d, 'fine.xlsx', { unit: '08002' })
    expect(getAcceptedSubmissions(d, S('2025-Y')).map((s) => s.unit)).toEqual(['08002'])
    expect(() =>
      recordDecision(d, { kind: 'accept', submissionId: bad, by: 'validator', reason: '  ' }),
    ).toThrow(expect.objectContaining({ code: 'DB_INVALID_INPUT' }))

    recordDecision(d, {
      kind: 'accept',
      submissionId: bad,
      by: 'validator',
      reason: 'Lỗi làm tròn, đã xác nhận',
    })
    const merged = getAcceptedSubmissions(d, S('2025-Y'))
    expect(merged.map((s) => [s.unit, s.status, s.acceptedWithReason])).toEqual([
      ['08001', 'rejected', 'Lỗi làm tròn, đã xác nhận'],
      ['08002', 'accepted', null],
    ])
    expect(merged[0]!.figures.map((f) => f.indicator)).toEqual(['TE.0101', 'TE.0101'])

    recordDecision(d, { kind: 'reject', submissionId: bad, by: 'head' })
    expect(getAcceptedSubmissions(d, S('2025-Y')).map((s) => s.unit)).toEqual(['08002'])
  })

  it('lists the season again once something is written, never a list read in a store that failed', () => {
    const d = open()
    store(d, 'v1.xlsx', { reportDate: '2025-11-01' })
    const season = S('2025-Y')
    expect(listVersions(d, season).map((v) => v.fileName)).toEqual(['v1.xlsx'])
    // a list read inside a store that is then rolled back
    expect(() =>
      storeSubmission(
        d,
        {
          season,
          file: file('failed.xlsx', 'failed.xlsx', '2025-11-10T08:00:00Z'),
          analysis: analysis({ fileName: 'failed.xlsx', reportDate: '2025-11-03' }),
        },
        {
          afterFigures: () => {
            expect(listVersions(d, season).map((v) => v.fileName)).toEqual(['v1.xlsx', 'failed.xlsx'])
            throw new Error('disk full')
          },
        },
      ),
    ).toThrow()
    expect(listVersions(d, season).map((v) => v.fileName)).toEqual(['v1.xlsx'])
    const v2 = store(d, 'v2.xlsx', { reportDate: '2025-11-02' })
    expect(listVersions(d, season).map((v) => [v.fileName, v.active])).toEqual([
      ['v1.xlsx', false],
      ['v2.xlsx', true],
    ])
    recordDecision(d, { kind: 'reject', submissionId: v2, by: 'validator', reason: 'a draft' })
    expect(listVersions(d, season).map((v) => [v.fileName, v.accepted])).toEqual([
      ['v1.xlsx', true],
      ['v2.xlsx', false],
    ])
  })

  it('diffs two versions cell by cell', () => {
    const d = open()
    const a = store(d, 'v1.xlsx', {
      reportDate: '2025-11-01',
      figures: [
        figure('TE.0101', 'total', 100),
        figure('TE.0101', 'male', 50),
        figure('TE.0102', 'total', 7),
      ],
    })
    const b = store(d, 'v2.xlsx', {
      reportDate: '2025-11-02',
      figures: [
        figure('TE.0101', 'total', 137),
        figure('TE.0101', 'male', 50),
        figure('TE.0103', 'total', 3, 'F13'),
      ],
    })
    const diff = diffVersions(d, a, b)
    expect(diff.from.version).toBe(1)
    expect(diff.to.version).toBe(2)
    expect(diff.changes).toEqual([
      {
        indicator: 'TE.0101',
        column: 'total',
        old: 100,
        new: 137,
        delta: 37,
        oldCell: 'Bieu 01!F11',
        newCell: 'Bieu 01!F11',
      },
      {
        indicator: 'TE.0102',
        column: 'total',
        old: 7,
        new: null,
        delta: null,
        oldCell: 'Bieu 01!F11',
        newCell: null,
      },
      {
        indicator: 'TE.0103',
        column: 'total',
        old: null,
        new: 3,
        delta: null,
        oldCell: null,
        newCell: 'Bieu 01!F13',
      },
    ])
    const other = store(d, 'other.xlsx', { unit: '08002' })
    expect(() => diffVersions(d, a, other)).toThrow(expect.objectContaining({ code: 'DB_INVALID_INPUT' }))
  })

  it('reads a unit’s stored figures for another period (the 6-month figures behind W03)', () => {
    const d = open()
    store(d, 'h1.xlsx', { period: '2025-H1', figures: [figure('TE.0201', 'total', 40)] })
    expect(getUnitFigures(d, S('2025-H1'), '08001')?.figures.map((f) => f.value)).toEqual([40])
    expect(getUnitFigures(d, S('2025-H1'), '08002')).toBeNull()
  })

  it('gives `sheaf history` each unit’s versions with their decisions', () => {
    const d = open()
    importUnitList(d, S('2025-Y'), [
      { code: '08001', name: 'Xã Tam Đường', kind: 'xa', dept: null, aliases: [] },
      { code: '08002', name: 'Phường Tân Phong', kind: 'phuong', dept: null, aliases: [] },
    ])
    const v1 = store(d, 'v1.xlsx', { reportDate: '2025-11-01', status: 'rejected' })
    store(d, 'v2.xlsx', { reportDate: '2025-11-02' })
    store(d, 'b.xlsx', { unit: '08002' })
    store(d, 'h1.xlsx', { period: '2025-H1' })
    recordDecision(d, {
      kind: 'accept',
      submissionId: v1,
      by: 'Nguyễn Văn A',
      reason: 'đã gọi điện xác nhận',
    })

    const h = getHistory(d, { unit: '08001' })
    expect(h.map((e) => [e.period, e.unit, e.versions.length])).toEqual([
      ['2025-H1', '08001', 1],
      ['2025-Y', '08001', 2],
    ])
    const season = h[1]!
    expect(season.unitName).toBe('Xã Tam Đường')
    expect(season.versions[0]!.decisions).toMatchObject([
      { kind: 'accept', by: 'Nguyễn Văn A', reason: 'đã gọi điện xác nhận' },
    ])
    expect(getHistory(d, { period: '2025-Y' }).map((e) => e.unit)).toEqual(['08001', '08002'])
  })
})
