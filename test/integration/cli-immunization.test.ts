// The second bundled form in use from the command line (issue 15, point 6): the 6-month
// immunization report (plan, previous period, done by quarter, of which ethnic minority, done/plan
// and done/last year computed, coverage rates) of a generated province, consolidated into the same
// database as the province's child-work report for the same period. Its totals, its problems (rule
// and cell), its missing units and its report are what a clerk would check; the child-work season
// beside it stays exactly as it was.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as XLSX from '@e965/xlsx'
import { beforeAll, describe, expect, it } from 'vitest'
import type { TemplatePack } from '../../src-main/core/template/pack'
import { generateProvince, type Province } from '../fixtures/generator'
import {
  immunizationFiles,
  immunizationTotals,
  type ImmunizationFile,
} from '../fixtures/generator/immunization-province'
import { loadImmunizationPack } from '../helpers/immunization-pack'
import { close, type JsonDoc } from '../helpers/province-outcome'
import { sheaf, seasonArgs } from '../helpers/run-sheaf'

const IMMUNIZATION = 'immunization-6m-2025'
const pack = loadImmunizationPack()
let dir: string
let db: string
let province: Province
let files: ImmunizationFile[]
let childWork: JsonDoc
let immunization: JsonDoc

async function consolidate(template: string, folder: string, units: string, out: string): Promise<JsonDoc> {
  const r = await sheaf(
    'consolidate',
    ...seasonArgs(units, '2025-Y', template),
    '--out',
    out,
    '--db',
    db,
    '--province',
    'Lai Châu',
    '--json',
    folder,
  )
  expect(r.code, r.err).toBe(0)
  return JSON.parse(r.out) as JsonDoc
}

/** A sheet's rows by the form's indicator code, each row's cells by column key. */
function rowsByCode(
  bytes: Uint8Array,
  p: TemplatePack,
): Map<string, { row: number; cells: Record<string, unknown> }> {
  const wb = XLSX.read(bytes)
  const ws = wb.Sheets[p.layout.sheets.figures]!
  const rows = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, blankrows: true })
  const codeAt = p.columns.findIndex((c) => c.role === 'code')
  const out = new Map<string, { row: number; cells: Record<string, unknown> }>()
  rows.forEach((r, i) => {
    const code = r[codeAt]
    if (typeof code === 'string' && p.byCode.has(code))
      out.set(code, { row: i, cells: Object.fromEntries(p.columns.map((c, k) => [c.key, r[k] ?? null])) })
  })
  return out
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sheaf-tiem-chung-'))
  db = path.join(dir, 'mua-bao-cao.sqlite')
  province = await generateProvince({ seed: 61, communes: 8, mistakes: 'none' })
  fs.mkdirSync(path.join(dir, 'tre-em'))
  fs.writeFileSync(path.join(dir, 'don-vi.csv'), province.unitsCsv)
  for (const f of province.files) fs.writeFileSync(path.join(dir, 'tre-em', f.name), f.bytes)
  const communes = province.units.filter((u) => u.kind !== 'so_nganh')
  files = await immunizationFiles(pack, communes, 61, { mistakes: true })
  fs.mkdirSync(path.join(dir, 'tiem-chung'))
  for (const f of files) fs.writeFileSync(path.join(dir, 'tiem-chung', f.name), f.bytes)
  fs.writeFileSync(
    path.join(dir, 'xa.csv'),
    ['code,name,kind,dept,aliases', ...communes.map((u) => `${u.code},${u.name},${u.kind},,`)].join('\n') +
      '\n',
  )
  childWork = await consolidate(
    'child-work-2025',
    path.join(dir, 'tre-em'),
    path.join(dir, 'don-vi.csv'),
    path.join(dir, 'tre-em.xlsx'),
  )
  immunization = await consolidate(
    IMMUNIZATION,
    path.join(dir, 'tiem-chung'),
    path.join(dir, 'xa.csv'),
    path.join(dir, 'tiem-chung.xlsx'),
  )
}, 120_000)

describe('the immunization form consolidated from the command line, beside the child-work form', () => {
  it('refuses each file with a mistake, with the rule at the cell of the figure, and accepts the others', () => {
    expect(immunization.submissions).toHaveLength(files.length)
    for (const f of files) {
      const s = immunization.submissions.find((x) => path.basename(x.file) === f.name)!
      expect([f.name, s.unit]).toEqual([f.name, f.unit])
      if (f.expected.length === 0) {
        expect([f.name, s.status, s.issues]).toEqual([f.name, 'accepted', []])
        continue
      }
      expect([f.name, s.status]).toEqual([f.name, 'rejected'])
      expect(s.issues.map((i) => `${i.rule} ${i.indicator}.${i.column} ${i.sheet}!${i.cell}`)).toEqual(
        f.expected.map(
          (e) => `${e.rule} ${e.indicator}.${e.column} ${f.sheet}!${f.cells[e.indicator]?.[e.column]}`,
        ),
      )
    }
    expect(files.flatMap((f) => f.expected.map((e) => e.rule))).toEqual(['V06', 'V07', 'V03'])
  })

  it('lists as missing the communes refused and the one that sent nothing', () => {
    const communes = province.units.filter((u) => u.kind !== 'so_nganh').map((u) => u.code)
    const accepted = new Set(files.filter((f) => f.expected.length === 0).map((f) => f.unit))
    expect([...immunization.missing].sort()).toEqual(communes.filter((c) => !accepted.has(c)).sort())
    expect(immunization.missing).toHaveLength(4)
  })

  it('adds up plan, previous period, quarters and minority, and recomputes coverage and the computed columns', () => {
    const expected = immunizationTotals(
      pack,
      files.filter((f) => f.expected.length === 0).map((f) => f.figures),
    )
    const wrong: string[] = []
    for (const [code, row] of Object.entries(expected))
      for (const [col, v] of Object.entries(row))
        if (!close(immunization.totals[code]?.[col], v))
          wrong.push(`${code}.${col}: ${immunization.totals[code]?.[col]} ≠ ${v}`)
    expect(wrong).toEqual([])
    const t = immunization.totals['TC.02']!
    // the annual form: the four quarters add up to the total
    expect(t['done']).toBe(t['q1']! + t['q2']! + t['q3']! + t['q4']!)
    expect(t['pct']).toBeCloseTo((t['done']! / t['plan']!) * 100, 9)
  })

  it('writes the same figures into the report’s form sheet', () => {
    const report = rowsByCode(new Uint8Array(fs.readFileSync(path.join(dir, 'tiem-chung.xlsx'))), pack)
    for (const code of ['TC.01', 'TC.02', 'TC.02r', 'TC.05', 'TC.08'])
      for (const col of pack.byCode.get(code)!.columns) {
        const v = immunization.totals[code]?.[col] ?? null
        const shown = report.get(code)?.cells[col]
        expect([code, col, typeof shown === 'number' ? shown : null]).toEqual([code, col, v])
      }
  })

  it('keeps the child-work season of the same period as it was, in the same database', async () => {
    expect(childWork.missing).toEqual([])
    const again = await consolidate(
      'child-work-2025',
      path.join(dir, 'tre-em'),
      path.join(dir, 'don-vi.csv'),
      path.join(dir, 'tre-em-2.xlsx'),
    )
    expect(again.totals).toEqual(childWork.totals)
    expect(again.totals['TC.01']).toBeUndefined()
    expect(immunization.totals['TE.0101']).toBeUndefined()
    const history = await sheaf('history', '--db', db, '--template', IMMUNIZATION, '--json')
    expect(history.code, history.err).toBe(0)
    const entries = (JSON.parse(history.out) as { history: Array<{ form: string; unit: string }> }).history
    // one entry per commune that sent the form, none of the child-work form
    expect(new Set(entries.map((e) => e.form))).toEqual(new Set([IMMUNIZATION]))
    expect(new Set(entries.map((e) => e.unit))).toEqual(new Set(files.map((f) => f.unit)))
  })
})
