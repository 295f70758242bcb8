// The figures an import keeps for the report of the same run: the merge takes them only while the
// database still holds the very text they were read from, and the report is the same with or without.
import fs from 'node:fs'
import Database from 'better-sqlite3'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PeriodId } from '../../src-main/shared/period'
import { indexUnits } from '../../src-main/core/submission/identify-unit'
import { parseUnitList } from '../../src-main/core/units/parse-unit-list'
import { FigureCache, listActiveVersions, openDatabase, type SheafDb } from '../../src-main/db'
import { collectInputs } from '../../src-main/services/collect-inputs'
import { consolidateStored } from '../../src-main/services/consolidate-period'
import { importFiles } from '../../src-main/services/import-files'
import { prepareSeason } from '../../src-main/services/prepare-season'
import { generateProvince, type Province } from '../fixtures/generator/province'
import { loadTestPack } from '../helpers/load-test-pack'
import { tempDir } from './db-helpers'

const pack = loadTestPack()
let province: Province
let dir: string
let db: SheafDb
const cache = new FigureCache()

beforeAll(async () => {
  province = await generateProvince({ seed: 31, communes: 25, mistakes: 'typical' })
  dir = tempDir('sheaf-cache-')
  for (const f of province.files) fs.writeFileSync(path.join(dir, f.name), f.bytes)
  const parsed = parseUnitList(new TextEncoder().encode(province.unitsCsv), 'units.csv')
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  db = openDatabase(':memory:')
  const period = province.period as PeriodId
  prepareSeason(db, pack, period, parsed.units)
  const { files } = collectInputs([dir])
  await importFiles(db, { pack, units: indexUnits(parsed.units), period }, files, {
    figureCache: cache,
    read: { workers: 1 },
  })
}, 120_000)

afterAll(() => {
  db.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

/**
 * Adds 1,000 to a `total` figure in a submission's stored text (the indicator's, or the first), as
 * another program writing to the database would; gives the figure's indicator and new value.
 */
function addToStoredTotal(
  conn: Database.Database,
  submissionId: number,
  indicator?: string,
): { indicator: string; value: number } {
  const stored = conn
    .prepare('SELECT figures FROM submission_figures WHERE submission_id = ?')
    .get(submissionId)
  const rows = JSON.parse((stored as { figures: string }).figures) as unknown[][]
  const row = rows.find(
    (r) => (indicator === undefined || r[0] === indicator) && r[1] === 'total' && typeof r[2] === 'number',
  )!
  row[2] = (row[2] as number) + 1000
  conn
    .prepare('UPDATE submission_figures SET figures = ? WHERE submission_id = ?')
    .run(JSON.stringify(rows), submissionId)
  return { indicator: row[0] as string, value: row[2] as number }
}

describe('the figures kept by an import', () => {
  it('are kept for the accepted files of units that sent one file, and the merge is the same', () => {
    const period = province.period as PeriodId
    const accepted = listActiveVersions(db, { form: pack.manifest.id, period }).filter((v) => v.accepted)
    const single = accepted.filter((v) => v.versionCount === 1)
    // a unit's first file is kept as version 1; should a second file come, the first is read anew
    expect(cache.size).toBeGreaterThanOrEqual(single.length)
    expect(single.length).toBeGreaterThan(10)
    // nothing written since the import ended: the kept texts are taken without comparing them
    expect(cache.unchangedSince(db)).toBe(true)
    const withCache = consolidateStored(db, { pack, period, figureCache: cache }).consolidation
    const without = consolidateStored(db, { pack, period }).consolidation
    expect(withCache.totals).toEqual(without.totals)
    expect(withCache.contributions).toEqual(without.contributions)
    expect(withCache.units.map((u) => u.sources)).toEqual(without.units.map((u) => u.sources))
    // the kept lists themselves, not copies: the report's rows made during the import go with them
    const again = consolidateStored(db, { pack, period, figureCache: cache }).consolidation
    expect(again.units.filter((u, i) => u.sources === withCache.units[i]!.sources).length).toBe(single.length)
  })

  it('are not used once the stored figures changed behind them', () => {
    const period = province.period as PeriodId
    const v = listActiveVersions(db, { form: pack.manifest.id, period }).find(
      (x) => x.accepted && x.versionCount === 1,
    )!
    const before = consolidateStored(db, { pack, period, figureCache: cache }).consolidation
    const mine = before.units.find((u) => u.unit === v.unit)!
    const f = mine.sources.find((x) => x.column === 'total' && x.value > 0)!
    // another program rewrites the stored text (a test may touch SQL; the app never does)
    addToStoredTotal(db.conn, v.id, f.indicator)
    expect(cache.unchangedSince(db)).toBe(false)
    const after = consolidateStored(db, { pack, period, figureCache: cache }).consolidation
    const changed = after.units
      .find((u) => u.unit === v.unit)!
      .sources.find((x) => x.indicator === f.indicator && x.column === 'total')!
    expect(changed.value).toBe(f.value + 1000)
    expect(after.units.find((u) => u.unit === v.unit)!.sources).not.toBe(mine.sources)
  })
})

describe('the figures kept by an import into a database file', () => {
  it('are not used once another program changed the stored figures', async () => {
    const small = await generateProvince({ seed: 32, communes: 6, mistakes: 'none' })
    const where = tempDir('sheaf-cache-file-')
    for (const f of small.files) fs.writeFileSync(path.join(where, f.name), f.bytes)
    const parsed = parseUnitList(new TextEncoder().encode(small.unitsCsv), 'units.csv')
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
    const file = path.join(where, 'season.sqlite')
    const mine = openDatabase(file)
    const other = new Database(file)
    try {
      const period = small.period as PeriodId
      prepareSeason(mine, pack, period, parsed.units)
      const kept = new FigureCache()
      await importFiles(
        mine,
        { pack, units: indexUnits(parsed.units), period },
        collectInputs([where]).files,
        {
          figureCache: kept,
          read: { workers: 1 },
        },
      )
      expect(kept.unchangedSince(mine)).toBe(true)
      const v = listActiveVersions(mine, { form: pack.manifest.id, period }).find((x) => x.accepted)!
      const changed = addToStoredTotal(other, v.id)
      // this connection wrote nothing, the other committed: the kept texts are compared again
      expect(kept.unchangedSince(mine)).toBe(false)
      const merged = consolidateStored(mine, { pack, period, figureCache: kept }).consolidation
      const total = merged.units
        .find((u) => u.unit === v.unit)!
        .sources.find((x) => x.indicator === changed.indicator && x.column === 'total')!
      expect(total.value).toBe(changed.value)
    } finally {
      other.close()
      mine.close()
      fs.rmSync(where, { recursive: true, force: true })
    }
  }, 60_000)
})
