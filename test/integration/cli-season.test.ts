// The `sheaf` command over a season stored in a database: a second run adds to the first, the same
// bytes add nothing, a resubmission changes the totals, W03 uses the stored 6-month figures.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as XLSX from '@e965/xlsx'
import { beforeEach, describe, expect, it } from 'vitest'
import { seasonArgs, sheaf } from '../helpers/run-sheaf'
import { loadTestPack } from '../helpers/load-test-pack'
import { annualUnitGrid, formSheet, grid, infoSheet } from '../helpers/form-grid'
import type { FormOptions, Value } from '../helpers/form-grid'
import { gridToBytes } from '../helpers/grid-to-xlsx'

const pack = loadTestPack()
let dir: string

function unitFile(name: string, code: string, o: FormOptions, info: Record<string, Value> = {}): string {
  const p = path.join(dir, 'in', name)
  fs.mkdirSync(path.dirname(p), { recursive: true })
  const unitLine = { '08001': 'UBND XÃ TAM ĐƯỜNG', '08002': 'UBND PHƯỜNG TÂN PHONG', CA: 'CÔNG AN TỈNH' }[
    code
  ]
  fs.writeFileSync(p, gridToBytes(annualUnitGrid(pack, code, { unitLine, ...o }, info)))
  return p
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sheaf-cli-'))
  fs.writeFileSync(
    path.join(dir, 'units.csv'),
    'code,name,kind,dept,aliases\n08001,Xã Tam Đường,xa,,\n08002,Phường Tân Phong,phuong,,\nCA,Công an tỉnh,so_nganh,CA,\n',
  )
})

const base = () => seasonArgs(path.join(dir, 'units.csv'))

describe('sheaf consolidate --json', () => {
  it('writes the report, the JSON of cli.md, and the figures in the workbook', async () => {
    unitFile('08001-tam-duong.xlsx', '08001', {
      values: { 'TE.0101': { prev: 100, total: 120, male: 70, female: 50 }, 'XH.0101': { total: 2 } },
    })
    unitFile('08002.xlsx', '08002', {
      values: { 'TE.0101': { prev: 50, total: 'x' }, 'TE.0703': { total: 7 } },
    })
    unitFile('ca.xlsx', 'CA', { values: { 'XH.0101': { total: 5 } } })
    const out = path.join(dir, 'report.xlsx')
    const r = await sheaf('consolidate', ...base(), '--out', out, '--json', path.join(dir, 'in'))
    expect(r.code).toBe(0)
    const doc = JSON.parse(r.out)
    expect(doc.template).toBe('child-work-2025')
    expect(doc.output).toBe(out)
    expect(
      doc.submissions.map((s: { file: string; status: string }) => [path.basename(s.file), s.status]),
    ).toEqual([
      ['08001-tam-duong.xlsx', 'accepted'],
      ['08002.xlsx', 'accepted'],
      ['ca.xlsx', 'accepted'],
    ])
    expect(
      doc.submissions[1].issues.map((i: { rule: string; cell: string }) => `${i.rule}@${i.cell}`),
    ).toEqual(['W06@F11'])
    expect(doc.missing).toEqual([])
    expect(doc.totals['TE.0101']).toEqual({
      prev: 150,
      total: 120,
      male: 70,
      female: 50,
      age_0_6: null,
      age_6_11: null,
      age_11_16: null,
      ethnic: null,
      compare: 80,
    })
    expect(doc.totals['XH.0101'].total).toBe(5)
    expect(doc.issues).toEqual([
      expect.objectContaining({
        rule: 'R01',
        indicator: 'XH.0101',
        column: 'total',
        value: 5,
        message: 'Công an tỉnh báo cáo 5, tổng các xã, phường là 2',
      }),
    ])
    const wb = XLSX.read(fs.readFileSync(out))
    const ws = wb.Sheets['Bieu 01']!
    const rows = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true })
    const row = rows.find((x) => x[1] === 'TE.0101')!
    expect(row.slice(4, 8)).toEqual([150, 120, 70, 50])
    expect(wb.SheetNames).toEqual(
      expect.arrayContaining(['Chi tiet theo don vi', 'Nguon so lieu', 'Kiem tra']),
    )
  })

  it('exits 2 for a missing folder or a bad period, 1 for an invalid unit list', async () => {
    expect(
      (await sheaf('consolidate', ...base(), '--out', path.join(dir, 'r.xlsx'), path.join(dir, 'nope'))).code,
    ).toBe(2)
    const bad = await sheaf(
      'consolidate',
      ...seasonArgs(path.join(dir, 'units.csv'), '2025-Q3'),
      '--out',
      'x.xlsx',
      dir,
    )
    expect(bad.code).toBe(2)
    expect(bad.err).toMatch(/--period/)
    fs.writeFileSync(path.join(dir, 'bad.csv'), 'ma,ten\n1,2\n')
    unitFile('a.xlsx', '08001', {})
    const r = await sheaf(
      'consolidate',
      ...seasonArgs(path.join(dir, 'bad.csv')),
      '--out',
      path.join(dir, 'r.xlsx'),
      path.join(dir, 'in'),
    )
    expect(r.code).toBe(1)
  })

  it('--strict exits 1 when a unit is missing or rejected', async () => {
    unitFile('a.xlsx', '08001', { values: { 'TE.0101': { total: -1 } } })
    const r = await sheaf(
      'consolidate',
      ...base(),
      '--out',
      path.join(dir, 'r.xlsx'),
      '--strict',
      '--json',
      path.join(dir, 'in'),
    )
    expect(r.code).toBe(1)
    expect(JSON.parse(r.out).missing).toEqual(['08001', '08002', 'CA'])
  })
})

describe('sheaf validate --json: units', () => {
  it('lists every expected unit with its state, files, received date, report date and lateness', async () => {
    const good = unitFile(
      '08001-tam-duong.xlsx',
      '08001',
      { values: { 'TE.0101': { total: 12 } } },
      {
        reportDate: '10/11/2025',
      },
    )
    fs.utimesSync(good, new Date('2025-11-12T03:00:00Z'), new Date('2025-11-12T03:00:00Z'))
    // a PDF under a spreadsheet's name, named for its unit
    fs.writeFileSync(path.join(dir, 'in', '08002-bao-cao.xlsx'), '%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n')
    unitFile('ca-6-thang.xlsx', 'CA', { values: { 'XH.0101': { total: 5 } } }, { period: '6 tháng đầu năm' })
    const r = await sheaf('validate', ...base(), '--json', path.join(dir, 'in'))
    expect(r.code).toBe(0)
    const doc = JSON.parse(r.out)
    expect(doc.missing).toEqual(['08002', 'CA'])
    expect(doc.units).toEqual([
      {
        code: '08001',
        name: 'Xã Tam Đường',
        state: 'accepted',
        files: 1,
        received: '2025-11-12',
        report_date: '2025-11-10',
        late: null,
      },
      {
        code: '08002',
        name: 'Phường Tân Phong',
        state: 'unreadable',
        files: 1,
        received: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        report_date: null,
        late: null,
      },
      expect.objectContaining({ code: 'CA', state: 'other_period', files: 1 }),
    ])
  })
})

describe('sheaf with --db across runs', () => {
  it('adds to the season, ignores the same bytes, lets a resubmission change the totals', async () => {
    const db = path.join(dir, 'season.sqlite')
    const out = path.join(dir, 'r.xlsx')
    const a1 = unitFile(
      'a.xlsx',
      '08001',
      { values: { 'TE.0101': { total: 100 } } },
      { reportDate: '01/11/2025' },
    )
    let r = await sheaf('consolidate', ...base(), '--db', db, '--out', out, '--json', a1)
    expect(JSON.parse(r.out).totals['TE.0101'].total).toBe(100)
    const b = unitFile('b.xlsx', '08002', { values: { 'TE.0101': { total: 30 } } })
    r = await sheaf('consolidate', ...base(), '--db', db, '--out', out, '--json', b, a1)
    let doc = JSON.parse(r.out)
    expect(doc.totals['TE.0101'].total).toBe(130)
    expect(doc.submissions).toHaveLength(2)
    // A resubmission from 08001 with a later report date replaces its figures.
    const a2 = unitFile(
      'a-v2.xlsx',
      '08001',
      { values: { 'TE.0101': { total: 137 } } },
      { reportDate: '10/11/2025' },
    )
    r = await sheaf('consolidate', ...base(), '--db', db, '--out', out, '--json', a2)
    doc = JSON.parse(r.out)
    expect(doc.totals['TE.0101'].total).toBe(167)
    expect(doc.submissions[0].issues.map((i: { rule: string }) => i.rule)).toEqual(['S08'])
    const text = await sheaf('history', '--db', db, '--unit', '08001')
    expect(text.out).toContain('v2 đổi 1 số liệu; Tổng số TE.0101 +37')
    const backup = path.join(dir, 'backup.sqlite')
    expect((await sheaf('backup', '--db', db, '--out', backup)).code).toBe(0)
    const restored = path.join(dir, 'restored.sqlite')
    expect((await sheaf('restore', '--from', backup, '--db', restored)).code).toBe(0)
    expect((await sheaf('history', '--db', restored, '--unit', '08001')).out).toBe(text.out)
    const h = await sheaf('history', '--db', db, '--unit', '08001', '--json')
    const hist = JSON.parse(h.out).history
    expect(hist[0].versions.map((v: { version: number; active: boolean }) => [v.version, v.active])).toEqual([
      [1, false],
      [2, true],
    ])
  })

  it('W03: an annual flow figure below the stored 6-month figure of the unit', async () => {
    const db = path.join(dir, 'season.sqlite')
    const h1 = unitFile(
      'h1.xlsx',
      '08001',
      { values: { 'TE.0209': { total: 40 } } },
      { period: '6 tháng đầu năm' },
    )
    const h1Args = seasonArgs(path.join(dir, 'units.csv'), '2025-H1')
    expect((await sheaf('validate', ...h1Args, '--db', db, '--json', h1)).code).toBe(0)
    const y = unitFile('y.xlsx', '08001', { values: { 'TE.0209': { total: 30 }, 'TE.0101': { total: 10 } } })
    const r = await sheaf('validate', ...base(), '--db', db, '--json', y)
    const issues = JSON.parse(r.out).submissions[0].issues
    expect(issues.map((i: { rule: string; indicator: string }) => `${i.rule}:${i.indicator}`)).toEqual([
      'W03:TE.0209',
    ])
  })
})

describe('sheaf feedback and blank', () => {
  it('writes a marked-up copy of a unit file with the problems listed first', async () => {
    const f = unitFile('a.xlsx', '08001', { values: { 'TE.0101': { total: 10, male: 6, female: 5 } } })
    const outDir = path.join(dir, 'fb')
    const r = await sheaf('feedback', ...base(), '--out', outDir, f)
    expect(r.code).toBe(0)
    const wb = XLSX.read(fs.readFileSync(path.join(outDir, 'a.loi.xlsx')))
    expect(wb.SheetNames[0]).toBe('Loi can sua')
    const text = XLSX.utils.sheet_to_csv(wb.Sheets['Loi can sua']!)
    expect(text).toContain('V05')
  })

  it('gives two files of the same name in different formats their own feedback files', async () => {
    const f = unitFile('a.xlsx', '08001', { values: { 'TE.0101': { total: 10, male: 6, female: 5 } } })
    const ods = path.join(dir, 'in', 'a.ods')
    const g = grid(
      infoSheet({ unitCode: '08001', period: 'Năm', year: 2025 } as never),
      formSheet(pack, { unitLine: 'UBND XÃ TAM ĐƯỜNG', values: { 'TE.0101': { total: 10, ethnic: 11 } } }),
    )
    fs.writeFileSync(ods, gridToBytes(g, 'ods'))
    const outDir = path.join(dir, 'fb2')
    const r = await sheaf('feedback', ...base(), '--out', outDir, f, ods)
    expect(r.code).toBe(0)
    expect(r.err).toBe('')
    expect(fs.readdirSync(outDir).sort()).toEqual(['a-ods.loi.xlsx', 'a.loi.xlsx'])
    const odsFeedback = XLSX.utils.sheet_to_csv(
      XLSX.read(fs.readFileSync(path.join(outDir, 'a-ods.loi.xlsx'))).Sheets['Loi can sua']!,
    )
    expect(odsFeedback).toContain('V07')
  })

  it('writes the blank form that Sheaf itself reads back as a clean submission', async () => {
    const out = path.join(dir, 'blank.xlsx')
    expect((await sheaf('blank', '--template', 'child-work-2025', '--out', out)).code).toBe(0)
    const wb = XLSX.read(fs.readFileSync(out))
    expect(wb.SheetNames).toEqual(['Thong tin', 'Bieu 01', 'Huong dan'])
    const r = await sheaf('validate', ...base(), '--json', out)
    const s = JSON.parse(r.out).submissions[0]
    expect(s.issues.map((i: { rule: string }) => i.rule)).toEqual(['S03'])
  })
})

describe('two forms of one period in one database', () => {
  /** The child-work pack under another form id: a second form of today's format. */
  function otherForm(): string {
    const src = path.resolve(__dirname, '../../templates/child-work-2025')
    const dst = path.join(dir, 'other-form')
    fs.mkdirSync(dst)
    for (const f of fs.readdirSync(src)) fs.copyFileSync(path.join(src, f), path.join(dst, f))
    const manifest = JSON.parse(fs.readFileSync(path.join(dst, 'manifest.json'), 'utf8'))
    manifest.id = 'other-form-2025'
    manifest.name = { vi: 'Biểu thử', en: 'Test form' }
    fs.writeFileSync(path.join(dst, 'manifest.json'), JSON.stringify(manifest))
    return dst
  }

  it('keeps each form’s files, units, totals and history apart', async () => {
    const db = path.join(dir, 'season.sqlite')
    const out = path.join(dir, 'report.xlsx')
    const a = unitFile('cw/08001.xlsx', '08001', { values: { 'TE.0101': { total: 120 } } })
    const b = unitFile('of/08001.xlsx', '08001', { values: { 'TE.0101': { total: 999 } } })
    const other = ['--template', otherForm(), '--period', '2025-Y', '--units', path.join(dir, 'units.csv')]
    let r = await sheaf('consolidate', ...base(), '--db', db, '--out', out, '--json', path.dirname(a))
    expect(JSON.parse(r.out).totals['TE.0101'].total).toBe(120)
    r = await sheaf('consolidate', ...other, '--db', db, '--out', out, '--json', path.dirname(b))
    let doc = JSON.parse(r.out)
    expect(doc.template).toBe('other-form-2025')
    // the other form's season has only its own file: the child-work file is not one of its versions
    expect(doc.totals['TE.0101'].total).toBe(999)
    expect(doc.submissions[0].issues.map((i: { rule: string }) => i.rule)).not.toContain('S08')
    // the child-work season, consolidated again on the same database, still has only its own file
    r = await sheaf('consolidate', ...base(), '--db', db, '--out', out, '--json', path.dirname(a))
    doc = JSON.parse(r.out)
    expect(doc.totals['TE.0101'].total).toBe(120)
    const hist = async (...flags: string[]) =>
      JSON.parse((await sheaf('history', '--db', db, '--json', ...flags)).out).history as {
        form: string
        unit: string
        versions: { fileName: string }[]
      }[]
    expect((await hist()).map((e) => [e.form, e.unit, e.versions.length])).toEqual([
      ['child-work-2025', '08001', 1],
      ['other-form-2025', '08001', 1],
    ])
    const only = await hist('--template', 'other-form-2025')
    expect(only.map((e) => path.basename(e.versions[0]?.fileName ?? ''))).toEqual(['08001.xlsx'])
    expect(only.map((e) => e.form)).toEqual(['other-form-2025'])
    const text = (await sheaf('history', '--db', db, '--template', 'child-work-2025')).out
    expect(text).toContain('child-work-2025  2025-Y  08001')
    expect(text).not.toContain('other-form-2025')
  })
})
