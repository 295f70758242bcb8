// Conformance of `sheaf consolidate --json` with cli.md and the spec: S08 picks the newest file by
// `Ngày báo cáo` then file time, files from LibreOffice (.xls, .ods) count, messages follow --lang,
// and the totals of the JSON are the figures written in the report.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as XLSX from '@e965/xlsx'
import { beforeEach, describe, expect, it } from 'vitest'
import { seasonArgs, sheaf } from '../helpers/run-sheaf'
import { loadTestPack } from '../helpers/load-test-pack'
import { annualUnitGrid } from '../helpers/form-grid'
import type { FormOptions, Value } from '../helpers/form-grid'
import { gridToBytes } from '../helpers/grid-to-xlsx'

const pack = loadTestPack()
let dir: string

function unitFile(
  name: string,
  code: string,
  o: FormOptions,
  info: Record<string, Value> = {},
  bookType: 'xlsx' | 'xls' | 'ods' = 'xlsx',
  mtime?: Date,
): string {
  const p = path.join(dir, 'in', name)
  fs.mkdirSync(path.dirname(p), { recursive: true })
  const unitLine = { '08001': 'UBND XÃ TAM ĐƯỜNG', '08002': 'UBND PHƯỜNG TÂN PHONG' }[code] ?? 'SỞ'
  fs.writeFileSync(p, gridToBytes(annualUnitGrid(pack, code, { unitLine, ...o }, info), bookType))
  if (mtime) fs.utimesSync(p, mtime, mtime)
  return p
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sheaf-conf-'))
  fs.writeFileSync(
    path.join(dir, 'units.csv'),
    'code,name,kind,dept,aliases\n08001,Xã Tam Đường,xa,,\n08002,Phường Tân Phong,phuong,,\n' +
      'CA,Công an tỉnh,so_nganh,CA,\nCA2,Phòng Cảnh sát,so_nganh,CA,\nGDDT,Sở Giáo dục và Đào tạo,so_nganh,GDDT,\n',
  )
})

/** `sheaf consolidate --json` of the folder `in` into r.xlsx; `options`: more of the command line */
const consolidateIn = (...options: string[]) =>
  sheaf(
    'consolidate',
    ...seasonArgs(path.join(dir, 'units.csv')),
    '--out',
    path.join(dir, 'r.xlsx'),
    '--json',
    ...options,
    path.join(dir, 'in'),
  )

type Issue = { rule: string; cell?: string; value?: unknown; message: string }
type Sub = { file: string; unit: string | null; status: string; issues: Issue[] }

describe('sheaf consolidate --json: conformance', () => {
  it('S08: the later Ngày báo cáo wins over the later file time; both files carry S08', async () => {
    const older = new Date('2025-11-01T00:00:00Z')
    const newer = new Date('2025-12-01T00:00:00Z')
    unitFile(
      'a.xlsx',
      '08001',
      { values: { 'TE.0101': { total: 10 } } },
      { reportDate: '20/11/2025' },
      'xlsx',
      older,
    )
    unitFile(
      'b.xlsx',
      '08001',
      { values: { 'TE.0101': { total: 20 } } },
      { reportDate: '15/11/2025' },
      'xlsx',
      newer,
    )
    const r = await consolidateIn()
    const doc = JSON.parse(r.out)
    expect(doc.totals['TE.0101'].total).toBe(10)
    for (const s of doc.submissions as Sub[]) expect(s.issues.map((i) => i.rule)).toContain('S08')
  })

  it('S08: with the same Ngày báo cáo, the later file time wins', async () => {
    const older = new Date('2025-11-01T00:00:00Z')
    const newer = new Date('2025-12-01T00:00:00Z')
    unitFile(
      'a.xlsx',
      '08001',
      { values: { 'TE.0101': { total: 10 } } },
      { reportDate: '20/11/2025' },
      'xlsx',
      newer,
    )
    unitFile(
      'b.xlsx',
      '08001',
      { values: { 'TE.0101': { total: 20 } } },
      { reportDate: '20/11/2025' },
      'xlsx',
      older,
    )
    const r = await consolidateIn()
    expect(JSON.parse(r.out).totals['TE.0101'].total).toBe(10)
  })

  it('reads .xls and .ods, sums departments sharing a code, and writes the JSON totals in the report', async () => {
    unitFile(
      '08001.xls',
      '08001',
      { values: { 'TE.0101': { prev: 30, total: 40, male: 25, female: 15 } } },
      {},
      'xls',
    )
    unitFile(
      '08002.ods',
      '08002',
      { values: { 'TE.0101': { prev: 40, total: 30 }, 'XH.0101': { total: 3 } } },
      {},
      'ods',
    )
    unitFile('ca.xlsx', 'CA', { values: { 'XH.0101': { total: 2 } } })
    unitFile('ca2.xlsx', 'CA2', { values: { 'XH.0101': { total: 2 } } })
    const out = path.join(dir, 'r.xlsx')
    const r = await consolidateIn()
    expect(r.code).toBe(0)
    const doc = JSON.parse(r.out)
    expect((doc.submissions as Sub[]).map((s) => [path.basename(s.file), s.unit, s.status])).toEqual([
      ['08001.xls', '08001', 'accepted'],
      ['08002.ods', '08002', 'accepted'],
      ['ca.xlsx', 'CA', 'accepted'],
      ['ca2.xlsx', 'CA2', 'accepted'],
    ])
    expect(doc.missing).toEqual(['GDDT'])
    expect(doc.totals['TE.0101']).toEqual({
      prev: 70,
      total: 70,
      male: 25,
      female: 15,
      age_0_6: null,
      age_6_11: null,
      age_11_16: null,
      ethnic: null,
      compare: 100,
    })
    expect(doc.totals['XH.0101'].total).toBe(4)
    expect(doc.issues).toEqual([
      {
        rule: 'R01',
        severity: 'warning',
        indicator: 'XH.0101',
        column: 'total',
        value: 4,
        message: 'Công an tỉnh báo cáo 4, tổng các xã, phường là 3',
      },
    ])
    const ws = XLSX.read(fs.readFileSync(out)).Sheets['Bieu 01']!
    const cellValue = (code: string, col: string) => {
      const c = pack.columns.findIndex((x) => x.key === col)
      const rows = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null })
      const r0 = rows.findIndex((row) => row?.[1] === code)
      expect(r0).toBeGreaterThan(0)
      return rows[r0]?.[c] ?? null
    }
    for (const [code, col] of [
      ['TE.0101', 'total'],
      ['TE.0101', 'prev'],
      ['TE.0101', 'male'],
      ['TE.0101', 'compare'],
      ['XH.0101', 'total'],
    ] as const)
      expect(cellValue(code, col)).toBe(doc.totals[code][col])
    expect(cellValue('TE.0101', 'age_0_6')).toBeNull()
  })

  it('--lang en gives English messages, and each issue its value and cell', async () => {
    unitFile('08001.xlsx', '08001', { values: { 'TE.0103': { total: 10, male: 6, female: 5 } } })
    const r = await consolidateIn('--lang', 'en')
    const doc = JSON.parse(r.out)
    const v05 = (doc.submissions as Sub[])[0]!.issues.find((i) => i.rule === 'V05')
    expect(v05).toMatchObject({
      severity: 'error',
      sheet: 'Bieu 01',
      indicator: 'TE.0103',
      column: 'male',
      value: 6,
    })
    expect(v05?.message).toMatch(/differs from/)
    expect((doc.submissions as Sub[])[0]!.status).toBe('rejected')
    expect(doc.missing).toContain('08001')
  })
})
