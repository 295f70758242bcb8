// The authoring trial of issue 15: a third form, of another shape than the two bundled ones (a
// maternal-health and family-planning report: age bands of the mother, boys and girls on one row
// only, `each` rows that overlap, a `sum` of methods, a rate, a ratio and a rate per 1,000 from the
// Department of Health), written as a pack by following only docs/template-packs.md
// (test/fixtures/packs/maternal-2025/, not bundled). A generated province of that form, with one
// file for every mistake, must consolidate with the totals and problems the fixture generator
// (written apart from the engine) expects, and the report must print them.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as XLSX from '@e965/xlsx'
import { beforeAll, describe, expect, it } from 'vitest'
import type { TemplatePack } from '../../src-main/core/template/pack'
import { generateProvince, unitsCsv, type Province } from '../fixtures/generator'
import { fileMismatches, totalMismatches, type JsonDoc } from '../helpers/province-outcome'
import { sheaf, seasonArgs } from '../helpers/run-sheaf'
import { loadTestPack } from '../helpers/load-test-pack'

const PACK = path.resolve(__dirname, '../fixtures/packs/maternal-2025')

let pack: TemplatePack
let province: Province
let files: Province['files']
let doc: JsonDoc
let dir: string

beforeAll(async () => {
  pack = loadTestPack(PACK)
  const generated = await generateProvince(pack, { seed: 15, communes: 24, mistakes: 'every-rule' })
  // the form's departments: the Department of Health alone fills rows
  const units = generated.units.filter((u) => u.kind !== 'so_nganh' || u.code === 'SYT')
  const kept = new Set(units.map((u) => u.code))
  files = generated.files.filter((f) => f.expected.unit === null || kept.has(f.expected.unit))
  province = { ...generated, files, expectedMissing: generated.expectedMissing.filter((c) => kept.has(c)) }
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sheaf-authored-'))
  fs.mkdirSync(path.join(dir, 'in'))
  for (const f of files) fs.writeFileSync(path.join(dir, 'in', f.name), f.bytes)
  fs.writeFileSync(path.join(dir, 'units.csv'), unitsCsv(units))
  const r = await sheaf(
    'consolidate',
    ...seasonArgs(path.join(dir, 'units.csv'), '2025-Y', PACK),
    '--out',
    path.join(dir, 'bao-cao-ba-me.xlsx'),
    '--province',
    'Lai Châu',
    '--json',
    path.join(dir, 'in'),
  )
  expect(r.code, r.err).toBe(0)
  doc = JSON.parse(r.out) as JsonDoc
}, 120_000)

describe('a pack written from the guide alone (maternal health 2025)', () => {
  it('passes `sheaf pack check`', async () => {
    const r = await sheaf('pack', 'check', PACK)
    expect(r.code, r.out + r.err).toBe(0)
    expect(r.out).toContain('maternal-2025')
  })

  it('gives every file its unit, status and exactly its problems, at their cells', () => {
    expect(fileMismatches(files, doc)).toEqual([])
    expect(doc.submissions).toHaveLength(files.length)
    // the mistakes cover this form's own relations and rules
    const rules = new Set(doc.submissions.flatMap((s) => s.issues.map((i) => i.rule)))
    // the mother's age bands (V06), the sum of methods (V09), the overlapping `each` rows (V11), the
    // rate (V12) and the pack's own rule on mothers under 18 (V08b) among them
    for (const rule of ['V05', 'V06', 'V07', 'V08b', 'V09', 'V11', 'V12']) expect(rules).toContain(rule)
  })

  it('lists the missing units and gives every total of the province', () => {
    expect([...doc.missing].sort()).toEqual([...province.expectedMissing].sort())
    expect(totalMismatches(province.expectedTotals, doc)).toEqual([])
  })

  it('prints the totals in the form’s own columns of the report', () => {
    const wb = XLSX.read(fs.readFileSync(doc.output))
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['Bieu 01']!, { header: 1, raw: true })
    const col = (key: string) => pack.columns.findIndex((c) => c.key === key)
    const row = (code: string) => rows.find((r) => r[col('code')] === code)!
    const births = doc.totals['BM.04']!
    expect([row('BM.04')[col('total')], row('BM.04')[col('male')], row('BM.04')[col('female')]]).toEqual([
      births['total'],
      births['male'],
      births['female'],
    ])
    const mothers = doc.totals['BM.02']!
    expect(row('BM.02')[col('age_lt18')]).toBe(mothers['age_lt18'])
    // the rate recomputed from the province's numerator and denominator, never averaged
    const visits = doc.totals['BM.03']!['total']!
    expect(row('BM.03r')[col('total')]).toBeCloseTo((visits / mothers['total']!) * 100, 9)
    // the sum of the methods is the province's new users
    const methods = ['BM.09a', 'BM.09b', 'BM.09c'].map((c) => doc.totals[c]!['total'] ?? 0)
    expect(row('BM.09')[col('total')]).toBe(methods.reduce((a, b) => a + b, 0))
  })
})
