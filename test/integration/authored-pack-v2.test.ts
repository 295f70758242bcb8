// The authoring trial in format 2 (issue 15): a quarterly maternal-health and newborn-nutrition form
// written from docs/template-packs.md alone (test/fixtures/packs/ba-me-quy-2025/, not bundled): an
// annual plan beside the quarter's figures, done split into lowland and highland (a group), of
// which ethnic minority, done / plan %, a stillbirth rate per 1,000, a maternal mortality ratio per
// 100,000 live births, a low-birth-weight rate with a warning above 15%. Communes' files of the
// third quarter are generated from a seed, three with a mistake; `sheaf consolidate` must find each
// problem at its cell and the province's totals (rates recomputed at their own scale).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as XLSX from '@e965/xlsx'
import { beforeAll, describe, expect, it } from 'vitest'
import type { TemplatePack } from '../../src-main/core/template/pack'
import type { FigureTable, ListUnit, Rng } from '../fixtures/generator'
import { makeCommunes, makeRng, unitsCsv } from '../fixtures/generator'
import { planUnitWorkbook } from '../fixtures/generator/write-unit-workbook'
import { renderWorkbook } from '../fixtures/generator/workbook-model'
import { close, type JsonDoc } from '../helpers/province-outcome'
import { sheaf, seasonArgs } from '../helpers/run-sheaf'
import { loadTestPack } from '../helpers/load-test-pack'

const PACK = path.resolve(__dirname, '../fixtures/packs/ba-me-quy-2025')
const PERIOD = '2025-Q3'
const AREAS = ['lowland', 'highland'] as const

type Row = Record<string, number | null>
/** A mistake, its cell and the rules it breaks there (its `rule` first). */
type Mistake = Readonly<{ rule: string; indicator: string; column: string; also?: readonly string[] }>
type MadeFile = {
  unit: string
  name: string
  figures: FigureTable
  mistake: Mistake | null
  cell: string | null
}

const round2 = (x: number) => Math.round(x * 100) / 100

/** A count row: each area a share of `of`'s, done their sum, minority within done. */
function share(of: Row, rng: Rng, low: number, high: number): Row {
  const row: Row = {}
  for (const a of AREAS) row[a] = Math.floor((of[a] ?? 0) * rng.float(low, high))
  row['done'] = (row['lowland'] ?? 0) + (row['highland'] ?? 0)
  if (of['minority'] != null)
    row['minority'] = Math.min(Math.floor(of['minority'] * rng.float(low, high)), row['done'])
  if (of['prev'] != null) row['prev'] = Math.floor(of['prev'] * rng.float(low, high))
  return row
}

/** A commune's quarter keeping every rule of the form. */
function communeFigures(pack: TemplatePack, rng: Rng): FigureTable {
  const t: FigureTable = {}
  const lowland = rng.int(20, 160)
  const highland = rng.int(10, 140)
  const done = lowland + highland
  t['BQ.01'] = {
    plan: Math.round(done * 4 * rng.float(0.9, 1.1)),
    prev: Math.round(done * rng.float(0.9, 1.1)),
    done,
    lowland,
    highland,
    minority: Math.max(1, Math.round(done * rng.float(0.1, 0.8))),
  }
  const births = t['BQ.01']
  const stillLow = rng.int(0, 2)
  const stillHigh = rng.int(0, 2)
  t['BQ.03'] = { prev: rng.int(0, 3), done: stillLow + stillHigh, lowland: stillLow, highland: stillHigh }
  const still = t['BQ.03']
  t['BQ.02'] = {
    prev: (births['prev'] ?? 0) - (still['prev'] ?? 0),
    done: done - (still['done'] ?? 0),
    lowland: lowland - stillLow,
    highland: highland - stillHigh,
    minority: Math.max(1, (births['minority'] ?? 1) - 1),
  }
  const live = t['BQ.02']
  const deathLow = rng.chance(0.1) ? 1 : 0
  t['BQ.04'] = { prev: rng.chance(0.1) ? 1 : 0, done: deathLow, lowland: deathLow, highland: 0, minority: 0 }
  t['BQ.05'] = share(live, rng, 0.9, 1)
  t['BQ.05']['plan'] = Math.round((births['plan'] ?? 0) * rng.float(0.85, 0.95))
  t['BQ.06'] = share(t['BQ.05'], rng, 0.03, 0.12)
  t['BQ.07'] = share(live, rng, 0.7, 0.95)
  t['BQ.07']['plan'] = Math.round((births['plan'] ?? 0) * rng.float(0.7, 0.9))
  for (const code of ['BQ.01', 'BQ.05', 'BQ.07']) {
    const row = t[code] as Row
    row['pct'] = round2(((row['done'] ?? 0) / (row['plan'] ?? 1)) * 100)
  }
  for (const ind of pack.indicators) {
    if (!ind.num || !ind.den) continue
    const row: Row = {}
    for (const c of ind.mergedColumns) {
      const n = t[ind.num]?.[c]
      const d = t[ind.den]?.[c]
      row[c] = n == null || !d ? null : round2((n / d) * ind.scale)
    }
    t[ind.code] = row
  }
  return t
}

/** The mistakes, one file each: areas that do not add up, minority above done, a ratio miscomputed. */
const MISTAKES: readonly Mistake[] = [
  { rule: 'V06', indicator: 'BQ.07', column: 'lowland' },
  // minority above done is also above the live births' minority, its `each` parent (V11)
  { rule: 'V07', indicator: 'BQ.07', column: 'minority', also: ['V11'] },
  { rule: 'V12', indicator: 'BQ.04r', column: 'done' },
]

function broken(t: FigureTable, m: Mistake): FigureTable {
  const out = JSON.parse(JSON.stringify(t)) as FigureTable
  const row = out[m.indicator] as Row
  if (m.rule === 'V06') row['lowland'] = (row['lowland'] ?? 0) + 3
  else if (m.rule === 'V07') row['minority'] = (row['done'] ?? 0) + 4
  // 1 death among 250 live births written as 40 per 100,000 instead of 400
  else row['done'] = round2(((out['BQ.04']?.['done'] ?? 0) / (out['BQ.02']?.['done'] ?? 1)) * 100000 + 180)
  return out
}

/** The province's figures from the accepted communes: counts summed, rates and % recomputed. */
function provinceTotals(pack: TemplatePack, tables: readonly FigureTable[]): FigureTable {
  const totals: FigureTable = {}
  for (const ind of pack.indicators.filter((i) => i.kind === 'count')) {
    const row: Row = {}
    for (const c of ind.mergedColumns) {
      const vs = tables.map((t) => t[ind.code]?.[c]).filter((v): v is number => typeof v === 'number')
      row[c] = vs.length === 0 ? null : vs.reduce((a, b) => a + b, 0)
    }
    if (ind.columns.includes('pct'))
      row['pct'] = row['plan'] ? ((row['done'] ?? 0) / row['plan']) * 100 : null
    totals[ind.code] = row
  }
  for (const ind of pack.indicators.filter((i) => i.num && i.den)) {
    const row: Row = {}
    for (const c of ind.mergedColumns) {
      const n = totals[ind.num as string]?.[c]
      const d = totals[ind.den as string]?.[c]
      row[c] = n == null || !d ? null : (n / d) * ind.scale
    }
    totals[ind.code] = row
  }
  return totals
}

let pack: TemplatePack
let communes: ListUnit[]
let made: MadeFile[]
let doc: JsonDoc
let dir: string

beforeAll(async () => {
  pack = loadTestPack(PACK)
  const rng = makeRng(2026)
  communes = makeCommunes(12, rng.fork('units'))
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sheaf-authored-v2-'))
  fs.mkdirSync(path.join(dir, 'in'))
  fs.writeFileSync(path.join(dir, 'xa.csv'), unitsCsv(communes))
  made = []
  // the last commune sends nothing; the first three carry a mistake each
  for (const [i, unit] of communes.slice(0, -1).entries()) {
    const r = rng.fork(unit.code)
    const clean = communeFigures(pack, r)
    const mistake = MISTAKES[i] ?? null
    const figures = mistake ? broken(clean, mistake) : clean
    const plan = planUnitWorkbook(pack, unit, figures, { period: PERIOD, rateDecimals: 2 })
    const name = `${unit.code}-ba-me-quy-3.xlsx`
    fs.writeFileSync(path.join(dir, 'in', name), await renderWorkbook(plan.model, 'exceljs'))
    const cell = mistake ? (plan.cells[mistake.indicator]?.[mistake.column] ?? null) : null
    made.push({ unit: unit.code, name, figures, mistake, cell })
  }
  const r = await sheaf(
    'consolidate',
    ...seasonArgs(path.join(dir, 'xa.csv'), PERIOD, PACK),
    '--out',
    path.join(dir, 'bao-cao-quy-3.xlsx'),
    '--json',
    path.join(dir, 'in'),
  )
  expect(r.code, r.err).toBe(0)
  doc = JSON.parse(r.out) as JsonDoc
}, 120_000)

describe('a format 2 pack written from the guide alone (quarterly maternal health)', () => {
  it('passes `sheaf pack check` and declares the four quarters', async () => {
    const r = await sheaf('pack', 'check', PACK)
    expect(r.code, r.out + r.err).toBe(0)
    expect(pack.layout.periods.map((p) => p.key)).toEqual(['Q1', 'Q2', 'Q3', 'Q4'])
  })

  it('accepts the clean files and refuses each mistake with its rule at its cell', () => {
    for (const f of made) {
      const s = doc.submissions.find((x) => path.basename(x.file) === f.name)!
      expect([f.name, s.unit]).toEqual([f.name, f.unit])
      const errors = s.issues.filter((i) => i.severity === 'error')
      if (!f.mistake) {
        expect([f.name, s.status, errors]).toEqual([f.name, 'accepted', []])
        continue
      }
      expect([f.name, s.status]).toEqual([f.name, 'rejected'])
      const m = f.mistake
      expect(errors.map((i) => `${i.rule} ${i.indicator}.${i.column} ${i.cell}`).sort()).toEqual(
        [m.rule, ...(m.also ?? [])].map((rule) => `${rule} ${m.indicator}.${m.column} ${f.cell}`).sort(),
      )
    }
    const missing = [...communes.slice(0, MISTAKES.length), communes[communes.length - 1]!].map((u) => u.code)
    expect([...doc.missing].sort()).toEqual(missing.sort())
  })

  it('gives the province’s totals: counts summed, done / plan %, per 1,000 and per 100,000 recomputed', () => {
    const expected = provinceTotals(
      pack,
      made.filter((f) => !f.mistake).map((f) => f.figures),
    )
    const wrong: string[] = []
    for (const [code, row] of Object.entries(expected))
      for (const [col, v] of Object.entries(row))
        if (!close(doc.totals[code]?.[col], v))
          wrong.push(`${code}.${col}: ${doc.totals[code]?.[col]} ≠ ${v}`)
    expect(wrong).toEqual([])
    const deaths = doc.totals['BQ.04']!['done']!
    const live = doc.totals['BQ.02']!['done']!
    expect(doc.totals['BQ.04r']!['done']).toBeCloseTo((deaths / live) * 100000, 9)
    expect(doc.totals['BQ.03r']!['done']).toBeCloseTo(
      (doc.totals['BQ.03']!['done']! / doc.totals['BQ.01']!['done']!) * 1000,
      9,
    )
  })

  it('writes the report with the quarter in its title and the totals in the form’s columns', () => {
    const wb = XLSX.read(fs.readFileSync(path.join(dir, 'bao-cao-quy-3.xlsx')))
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['Bieu BMQ']!, { header: 1, raw: true })
    expect(rows.flat().some((v) => String(v).includes('QUÝ III NĂM 2025'))).toBe(true)
    const col = (key: string) => pack.columns.findIndex((c) => c.key === key)
    const births = rows.find((r) => r[col('code')] === 'BQ.01')!
    for (const key of ['plan', 'prev', 'done', 'lowland', 'highland', 'minority'])
      expect([key, births[col(key)]]).toEqual([key, doc.totals['BQ.01']![key]])
    expect(births[col('pct')]).toBeCloseTo(doc.totals['BQ.01']!['pct']!, 9)
  })
})
