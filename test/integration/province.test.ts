// The acceptance test of the engine: a generated province with one file for every mistake of the
// catalogue and every kind of drift goes through `sheaf consolidate --json`; every file's unit,
// status, rules and cells, the missing units, every total in the JSON and in the written workbook
// must be what the generator (written independently of the engine) expects.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as XLSX from '@e965/xlsx'
import { beforeAll, describe, expect, it } from 'vitest'
import { generateProvince } from '../fixtures/generator'
import type { Province } from '../fixtures/generator'
import { fileMismatches, totalMismatches, type JsonDoc } from '../helpers/province-outcome'
import { seasonArgs, sheaf } from '../helpers/run-sheaf'

for (const [name, options] of [
  ['one file for every mistake and drift', { seed: 7, communes: 45, mistakes: 'every-rule' }],
  ['a typical province of 120 communes', { seed: 11, communes: 120, mistakes: 'typical' }],
  [
    'files of every writer, with every mistake and drift',
    { seed: 13, communes: 90, mistakes: 'every-rule', drifts: 'every', writers: 'mixed' },
  ],
] as const) {
  describe(`consolidating ${name}`, () => {
    let province: Province
    let doc: JsonDoc
    let dir: string
    beforeAll(async () => {
      province = await generateProvince(options)
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sheaf-province-'))
      const inDir = path.join(dir, 'in')
      fs.mkdirSync(inDir)
      for (const f of province.files) fs.writeFileSync(path.join(inDir, f.name), f.bytes)
      fs.writeFileSync(path.join(dir, 'units.csv'), province.unitsCsv)
      const r = await sheaf(
        'consolidate',
        ...seasonArgs(path.join(dir, 'units.csv'), province.period),
        '--out',
        path.join(dir, 'report.xlsx'),
        '--json',
        '--province',
        'Lai Châu',
        inDir,
      )
      expect(r.err).toBe('')
      expect(r.code).toBe(0)
      doc = JSON.parse(r.out) as JsonDoc
    }, 300_000)

    it('identifies every file, gives it its status and exactly its problems, at their cells', () => {
      expect(fileMismatches(province.files, doc)).toEqual([])
      expect(doc.submissions).toHaveLength(province.files.length)
    })

    it('lists the missing units', () => {
      expect([...doc.missing].sort()).toEqual([...province.expectedMissing].sort())
    })

    it('gives every total of the province', () => {
      expect(totalMismatches(province.expectedTotals, doc)).toEqual([])
    })

    it('writes the same totals into the figures sheet of the report', () => {
      const wb = XLSX.read(fs.readFileSync(doc.output))
      const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['Bieu 01']!, { header: 1, raw: true })
      const row = rows.find((r) => r[1] === 'TE.0101')!
      const t = doc.totals['TE.0101']!
      expect([row[4], row[5], row[6], row[7]]).toEqual([t.prev, t.total, t.male, t.female])
    })
  })
}
