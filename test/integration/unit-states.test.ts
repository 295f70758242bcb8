// Each expected unit's state for the season, as every screen, the chase list and `--json` name it:
// what came, whether it could be read, whether it was for this period, what the rules and the
// validator made of it, when it came and whether that was late.
import { describe, expect, it } from 'vitest'
import type { SubmissionAnalysis } from '../../src-main/core/submission/analysis'
import type { Unit } from '../../src-main/core/units/unit'
import { importUnitList, recordDecision, savePeriod, storeSubmission } from '../../src-main/db'
import type { SheafDb } from '../../src-main/db'
import { unitStates, unitStatesJson } from '../../src-main/services/unit-states'
import { analysis, file, S } from './db-helpers'
import { databaseEachTest } from '../helpers/database-each-test'

const PERIOD = '2025-Y'
const SEASON = S(PERIOD)
const database = databaseEachTest({ clockFrom: '2026-12-01T00:00:00Z' })

const unit = (code: string, name: string): Unit => ({ code, name, kind: 'xa', dept: null, aliases: [] })
const UNITS = [
  unit('08001', 'Xã Tam Đường'),
  unit('08002', 'Xã Bình Lư'),
  unit('08003', 'Xã Bản Bo'),
  unit('08004', 'Xã Nà Tăm'),
  unit('08005', 'Xã Khun Há'),
  unit('08006', 'Xã Sơn Bình'),
  unit('08007', 'Xã Hồ Thầu'),
  unit('08008', 'Xã Giang Ma'),
]

function open(deadline: string | null = '2025-11-15'): SheafDb {
  const db = database()
  savePeriod(db, { id: PERIOD, templateId: 'child-work-2025', deadline })
  importUnitList(db, SEASON, UNITS)
  return db
}

function store(d: SheafDb, name: string, a: SubmissionAnalysis, mtime = '2025-11-10T08:00:00Z'): number {
  return storeSubmission(d, { season: SEASON, file: file(name, name, mtime), analysis: a }).submissionId
}

const error = { rule: 'V01', severity: 'error' as const, message: { vi: 'lỗi', en: 'error' } }

function unreadable(unitCode: string, fileName: string): SubmissionAnalysis {
  return {
    ...analysis({
      unit: unitCode,
      fileName,
      reportDate: null,
      figures: [],
      status: 'rejected',
      period: null,
    }),
    table: null,
    problems: [{ rule: 'S01', severity: 'error', message: { vi: 'Không đọc được tệp', en: 'Unreadable' } }],
  }
}

function season(): SheafDb {
  const d = open()
  // 08001: nothing
  store(d, '08002-broken.xlsx', unreadable('08002', '08002-broken.xlsx'))
  store(d, '08003-6-thang.xlsx', analysis({ unit: '08003', period: '2025-H1' }))
  store(d, '08004.xlsx', analysis({ unit: '08004', problems: [error], status: 'rejected' }))
  const ok5 = store(d, '08005.xlsx', analysis({ unit: '08005' }))
  recordDecision(d, { kind: 'reject', submissionId: ok5, reason: 'sai mẫu', by: 'lan' })
  const bad6 = store(d, '08006.xlsx', analysis({ unit: '08006', problems: [error], status: 'rejected' }))
  recordDecision(d, { kind: 'accept', submissionId: bad6, reason: 'đã gọi điện xác nhận', by: 'lan' })
  store(d, '08007.xlsx', analysis({ unit: '08007', reportDate: '2025-11-18' }), '2025-11-19T03:00:00Z')
  // 08008: a broken file first, then a good one
  store(d, '08008-hong.xlsx', unreadable('08008', '08008-hong.xlsx'), '2025-11-01T00:00:00Z')
  store(d, '08008.xlsx', analysis({ unit: '08008', reportDate: '2025-11-12' }), '2025-11-13T00:00:00Z')
  return d
}

describe('unitStates', () => {
  it('names each unit’s state truthfully, once per expected unit, in the list’s order', () => {
    const states = unitStates(season(), SEASON)
    expect(states.map((s) => [s.unit.code, s.state, s.files])).toEqual([
      ['08001', 'not_received', 0],
      ['08002', 'unreadable', 1],
      ['08003', 'other_period', 1],
      ['08004', 'rejected', 1],
      ['08005', 'rejected', 1],
      ['08006', 'accepted_with_reason', 1],
      ['08007', 'accepted', 1],
      ['08008', 'accepted', 2],
    ])
  })

  it('says who rejected a unit’s file, and the validator’s reason', () => {
    const byCode = new Map(unitStates(season(), SEASON).map((s) => [s.unit.code, s]))
    expect(byCode.get('08004')).toMatchObject({ rejectedBy: 'rule', reason: null })
    expect(byCode.get('08005')).toMatchObject({ rejectedBy: 'validator', reason: 'sai mẫu' })
    expect(byCode.get('08006')).toMatchObject({ rejectedBy: null, reason: 'đã gọi điện xác nhận' })
  })

  it('dates a file by when the unit saved it, not by the import, and judges lateness from that', () => {
    // every file was imported in December 2026, a year after the deadline
    const byCode = new Map(unitStates(season(), SEASON).map((s) => [s.unit.code, s]))
    expect(byCode.get('08004')).toMatchObject({ received: '2025-11-10', late: false, lateDays: 0 })
    expect(byCode.get('08007')).toMatchObject({
      received: '2025-11-19',
      reportDate: '2025-11-18',
      late: true,
      lateDays: 4,
    })
    expect(byCode.get('08008')).toMatchObject({ received: '2025-11-13', reportDate: '2025-11-12' })
    expect(byCode.get('08001')).toMatchObject({ received: null, late: null, lateDays: null })
  })

  it('has no lateness without a deadline', () => {
    const d = open(null)
    store(d, '08001.xlsx', analysis({ unit: '08001' }), '2026-01-10T00:00:00Z')
    expect(unitStates(d, SEASON)[0]).toMatchObject({ state: 'accepted', received: '2026-01-10', late: null })
  })

  it('gives the `units` list of cli.md', () => {
    const json = unitStatesJson(unitStates(season(), SEASON))
    expect(json[0]).toEqual({
      code: '08001',
      name: 'Xã Tam Đường',
      state: 'not_received',
      files: 0,
      received: null,
      report_date: null,
      late: null,
    })
    expect(json[6]).toEqual({
      code: '08007',
      name: 'Xã Hồ Thầu',
      state: 'accepted',
      files: 1,
      received: '2025-11-19',
      report_date: '2025-11-18',
      late: true,
    })
  })
})
