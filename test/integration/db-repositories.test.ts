import { describe, expect, it } from 'vitest'
import {
  addUnit,
  getConsolidation,
  getPeriod,
  getSettings,
  importUnitList,
  listAudit,
  listConsolidations,
  listExports,
  listTemplatePacks,
  listUnits,
  recordConsolidation,
  recordExport,
  recordTemplatePack,
  renameUnit,
  savePeriod,
  setSettings,
  setUnitActive,
  SETTING_KEYS,
  storeSubmission,
} from '../../src-main/db/index'
import type { Unit } from '../../src-main/core/units/unit'
import { analysis, file, sha, S } from './db-helpers'
import { databaseEachTest } from '../helpers/database-each-test'

const open = databaseEachTest({ actor: 'clerk' })

const XA: Unit = { code: '08001', name: 'Xã Tam Đường', kind: 'xa', dept: null, aliases: ['Tam Duong'] }
const CA: Unit = { code: 'CA', name: 'Công an tỉnh', kind: 'so_nganh', dept: 'CA', aliases: [] }
const PH: Unit = { code: '08002', name: 'Phường Tân Phong', kind: 'phuong', dept: null, aliases: [] }

describe('periods and template packs', () => {
  it('keeps a period’s template and deadline, updating only what is given', () => {
    const d = open()
    savePeriod(d, {
      id: '2025-Y',
      templateId: 'child-work-2025',
      templateVersion: 'TE-2025.1',
      deadline: '2025-11-20',
    })
    savePeriod(d, { id: '2025-Y', templateId: 'child-work-2025', deadline: '2025-11-25' })
    expect(getPeriod(d, S('2025-Y'))).toMatchObject({
      templateId: 'child-work-2025',
      templateVersion: 'TE-2025.1',
      deadline: '2025-11-25',
    })
    expect(() => savePeriod(d, { id: '2025-Q5' as never, templateId: 'child-work-2025' })).toThrow(
      expect.objectContaining({ code: 'DB_INVALID_INPUT' }),
    )
    recordTemplatePack(d, { id: 'child-work-2025', version: 'TE-2025.1', hash: sha('pack') })
    recordTemplatePack(d, { id: 'child-work-2025', version: 'TE-2025.1', hash: sha('pack') })
    expect(listTemplatePacks(d)).toHaveLength(1)
  })
})

describe('unit lists', () => {
  it('imports a whole list per period, then deactivates units a new import leaves out', () => {
    const d = open()
    expect(importUnitList(d, S('2025-Y'), [XA, CA])).toEqual({
      added: ['08001', 'CA'],
      updated: [],
      deactivated: [],
    })
    expect(listUnits(d, S('2025-Y'))).toEqual([
      { ...XA, active: true },
      { ...CA, active: true },
    ])
    const r = importUnitList(d, S('2025-Y'), [{ ...XA, name: 'Xã Tam Đường mới' }, PH])
    expect(r).toEqual({ added: ['08002'], updated: ['08001'], deactivated: ['CA'] })
    expect(listUnits(d, S('2025-Y')).map((u) => u.code)).toEqual(['08001', '08002'])
    expect(listUnits(d, S('2025-Y'), { includeInactive: true }).find((u) => u.code === 'CA')?.active).toBe(
      false,
    )
    // Another period has its own list.
    expect(listUnits(d, S('2025-H1'))).toEqual([])
    expect(() => importUnitList(d, S('2025-Y'), [XA, XA])).toThrow(
      expect.objectContaining({ code: 'DB_INVALID_INPUT' }),
    )
  })

  it('adds, renames and deactivates one unit, each change in the audit log', () => {
    const d = open()
    addUnit(d, S('2025-Y'), XA)
    expect(() => addUnit(d, S('2025-Y'), XA)).toThrow(expect.objectContaining({ code: 'DB_INVALID_INPUT' }))
    renameUnit(d, S('2025-Y'), '08001', 'Xã Tam Đường (mới)', 'validator')
    setUnitActive(d, S('2025-Y'), '08001', false)
    expect(listUnits(d, S('2025-Y'), { includeInactive: true })).toEqual([
      { ...XA, name: 'Xã Tam Đường (mới)', active: false },
    ])
    expect(() => renameUnit(d, S('2025-Y'), 'NOPE', 'x')).toThrow(
      expect.objectContaining({ code: 'DB_NOT_FOUND' }),
    )
    expect(listAudit(d, { entity: 'unit' }).map((a) => [a.action, a.actor])).toEqual([
      ['unit.deactivate', 'clerk'],
      ['unit.rename', 'validator'],
      ['unit.add', 'clerk'],
    ])
  })
})

describe('settings', () => {
  it('remembers the header block values and forgets one set to null', () => {
    const d = open()
    setSettings(d, { [SETTING_KEYS.provinceName]: 'Lai Châu', [SETTING_KEYS.signer]: 'Nguyễn Văn A' })
    setSettings(d, { [SETTING_KEYS.signer]: null, [SETTING_KEYS.reportNumber]: '123/BC-SYT' })
    expect(getSettings(d)).toEqual({ 'report.number': '123/BC-SYT', 'report.province': 'Lai Châu' })
    expect(listAudit(d, { entity: 'setting' })).toHaveLength(4)
  })
})

describe('consolidations and exports', () => {
  it('records which submission versions fed a report, and the exported file', () => {
    const d = open()
    const v1 = storeSubmission(d, {
      season: S('2025-Y'),
      file: file('v1.xlsx'),
      analysis: analysis({ reportDate: '2025-11-01' }),
    })
    const v2 = storeSubmission(d, {
      season: S('2025-Y'),
      file: file('v2.xlsx'),
      analysis: analysis({ reportDate: '2025-11-02' }),
    })
    const c = recordConsolidation(d, {
      period: '2025-Y',
      templateId: 'child-work-2025',
      templateVersion: 'TE-2025.1',
      submissionIds: [v2.submissionId],
      missing: ['CA'],
      provisional: true,
      problems: [{ rule: 'R01', severity: 'warning', message: { vi: 'khác', en: 'differs' } }],
    })
    const e = recordExport(d, {
      kind: 'report',
      consolidationId: c,
      outputPath: '/out/report.xlsx',
      sha256: sha('out'),
    })
    recordExport(d, {
      kind: 'feedback',
      submissionId: v1.submissionId,
      outputPath: '/out/v1-loi.xlsx',
      sha256: sha('fb'),
    })

    // A later file with an earlier report date renumbers the versions; the record keeps the old number.
    storeSubmission(d, {
      season: S('2025-Y'),
      file: file('v0.xlsx'),
      analysis: analysis({ reportDate: '2025-10-01' }),
    })

    const rec = getConsolidation(d, c)!
    expect(rec).toMatchObject({ provisional: true, final: false, missing: ['CA'], createdBy: 'clerk' })
    expect(rec.sources).toEqual([
      {
        submissionId: v2.submissionId,
        unit: '08001',
        version: 2,
        fileName: 'v2.xlsx',
        sha256: sha('v2.xlsx'),
      },
    ])
    expect(rec.problems.map((p) => p.rule)).toEqual(['R01'])
    expect(listConsolidations(d, S('2025-Y')).map((x) => x.id)).toEqual([c])
    expect(listExports(d, S('2025-Y')).map((x) => [x.kind, x.outputPath])).toEqual([
      ['feedback', '/out/v1-loi.xlsx'],
      ['report', '/out/report.xlsx'],
    ])
    expect(listExports(d, S('2025-Y')).find((x) => x.id === e)?.consolidationId).toBe(c)

    expect(() =>
      recordConsolidation(d, {
        period: '2025-H1',
        templateId: 't',
        templateVersion: 'v',
        submissionIds: [v1.submissionId],
        missing: [],
        provisional: false,
      }),
    ).toThrow(expect.objectContaining({ code: 'DB_INVALID_INPUT' }))
    expect(() => recordExport(d, { kind: 'report', outputPath: 'x', sha256: sha('x') })).toThrow(
      expect.objectContaining({ code: 'DB_INVALID_INPUT' }),
    )
  })
})
