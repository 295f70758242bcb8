// The figure checks run by the thread that decodes a read worker's reply (from the values it sends)
// find exactly what they find in one thread: the same problems, in the same order, with the same
// cells and messages, and the same status, for files whose values make each rule find something,
// random mixes of them, a month whose form has fewer columns, and a file of another form (whose
// checks stay in the worker).
import { afterAll, describe, expect, it } from 'vitest'
import type { PeriodId } from '../../src-main/shared/period'
import type { SubmissionAnalysis } from '../../src-main/core/submission/analysis'
import { analyseBytes } from '../../src-main/core/submission/analyse-submission'
import { indexUnits } from '../../src-main/core/submission/identify-unit'
import type { Unit } from '../../src-main/core/units/unit'
import { packForPeriod } from '../../src-main/core/template/pack-for-period'
import { ReadPool } from '../../src-main/services/read-pool/read-pool'
import { loadTestPack, MONTHLY_PACK_DIR } from '../helpers/load-test-pack'
import type { BatchContext } from '../../src-main/services/analyse-inputs'
import { loadImmunizationPack } from '../helpers/immunization-pack'
import { formSheet, grid, infoSheet } from '../helpers/form-grid'
import type { FormOptions, Value } from '../helpers/form-grid'
import { gridToBytes } from '../helpers/grid-to-xlsx'
import { figureRuleCases } from '../helpers/rule-cases'
import { seededRandom } from '../helpers/seeded-random'

const pack = loadTestPack()
const monthly = loadTestPack(MONTHLY_PACK_DIR)
const immunization = loadImmunizationPack()
const UNITS: Unit[] = [{ code: '08001', name: 'Xã Tam Đường', kind: 'xa', dept: null, aliases: [] }]
const units = indexUnits(UNITS)
const cases = figureRuleCases(pack)

type Values = NonNullable<FormOptions['values']>
const file = (values: Values, period = 'Năm', o: FormOptions = {}) =>
  gridToBytes(
    grid(
      infoSheet({ unitCode: '08001', period, year: 2025, templateVersion: 'TE-2025.1' }),
      formSheet(pack, { ...o, values }),
    ),
  )

/** Several cases' values at once, some cells changed to a random figure, text or blank. */
function mix(random: () => number): Values {
  const out: Values = {}
  for (let n = 1 + Math.floor(random() * 6); n > 0; n--) {
    const [, values] = cases[Math.floor(random() * cases.length)]!
    for (const [code, row] of Object.entries(values ?? {})) out[code] = { ...out[code], ...row }
  }
  const noise: Value[] = [-1, 0, 2.5, 7, 96.7, 150, 1e6, '12,5', '1.234', 'nhiều', '96,7%', null]
  const figureRows = pack.indicators.filter((i) => i.kind !== 'section' && i.dataColumns.length > 0)
  for (let n = Math.floor(random() * 25); n > 0; n--) {
    const ind = figureRows[Math.floor(random() * figureRows.length)]!
    const col = ind.dataColumns[Math.floor(random() * ind.dataColumns.length)]!
    out[ind.code] = { ...out[ind.code], [col]: noise[Math.floor(random() * noise.length)] }
  }
  return out
}

/** What a clerk sees of an analysis: everything, the figures as a set (the pool's are in stored order). */
function seen(a: SubmissionAnalysis) {
  const figures = a.figures.map((f) => JSON.stringify(f)).sort()
  return JSON.stringify({ ...a, figures })
}

const pools: ReadPool[] = []
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()))
})

async function bothWays(
  period: PeriodId,
  files: readonly Uint8Array[],
  more: Partial<Pick<BatchContext, 'pack' | 'otherForms'>> = {},
) {
  const ctx: BatchContext = { pack, units, period, ...more }
  const pool = new ReadPool(ctx, { workers: 1 })
  pools.push(pool)
  const viaPool = await Promise.all(files.map((bytes, i) => pool.analyse(bytes, `f${i}.xlsx`)))
  expect(pool.fallbackReason).toBeNull()
  const inOneThread = files.map((bytes, i) => analyseBytes(bytes, { ...ctx, fileName: `f${i}.xlsx` }))
  return { viaPool, inOneThread }
}

const rulesOf = (a: SubmissionAnalysis) => a.problems.map((p) => `${p.rule}@${p.cell ?? '-'}`)

describe('the figure checks on the thread that decodes the reader’s reply', () => {
  it('find each rule’s problem at its cell, as in one thread', async () => {
    const { viaPool, inOneThread } = await bothWays(
      '2025-Y' as PeriodId,
      cases.map(([, values]) => file(values ?? {})),
    )
    cases.forEach(([name, , expected], i) => {
      expect(rulesOf(viaPool[i]!).sort(), name).toEqual([...expected].sort())
      expect(seen(viaPool[i]!), name).toBe(seen(inOneThread[i]!))
    })
    expect(viaPool.filter((a) => a.status === 'rejected').length).toBeGreaterThan(0)
  }, 60_000)

  it('give the same problems, order and status on random mixes, with reading problems, S06 and S07', async () => {
    const random = seededRandom(19)
    const files = Array.from({ length: 40 }, (_, i) =>
      file(mix(random), 'Năm', {
        ...(i % 3 === 0 ? { omit: [pack.indicators.at(-1)!.code] } : {}),
        ...(i % 4 === 0 ? { extraRows: [[null, 'XX.9', 'Dòng lạ', null, 7]] } : {}),
      }),
    )
    const { viaPool, inOneThread } = await bothWays('2025-Y' as PeriodId, files)
    viaPool.forEach((a, i) => expect(seen(a), `file ${i}`).toBe(seen(inOneThread[i]!)))
    const found = new Set(viaPool.flatMap((a) => a.problems.map((p) => p.rule)))
    for (const rule of ['V01', 'V03', 'V05', 'V07', 'V09', 'V10', 'V11', 'V12', 'W04', 'W05', 'W06', 'S07'])
      expect(found, rule).toContain(rule)
  }, 60_000)

  it('check a month, whose form has fewer columns than the pack, against the month’s form', async () => {
    const m03 = '2025-M03' as PeriodId
    expect(packForPeriod(monthly, m03).columns.length).toBeLessThan(monthly.columns.length)
    const random = seededRandom(7)
    const noise: Value[] = [-2, 0, 3, 4.5, 10, 40, 60, 100, 'x', null]
    const columns = monthly.columns.slice(4).map((c) => c.key)
    const files = Array.from({ length: 12 }, () => {
      const values: Values = {}
      for (const ind of monthly.indicators)
        values[ind.code] = Object.fromEntries(
          ind.dataColumns.map((k) => [k, noise[Math.floor(random() * noise.length)]]),
        )
      const info = { unitCode: '08001', period: 'Tháng 3', year: 2025, templateVersion: 'CT-2025.1' }
      const title = 'BÁO CÁO CÂN TRẺ EM DƯỚI 5 TUỔI THÁNG 3 NĂM 2025'
      return gridToBytes(
        grid(infoSheet(info), formSheet(monthly, { title, columnOrder: columns, values }, 'Bieu DD')),
      )
    })
    const { viaPool, inOneThread } = await bothWays(m03, files, { pack: monthly })
    viaPool.forEach((a, i) => expect(seen(a), `file ${i}`).toBe(seen(inOneThread[i]!)))
    expect(viaPool.some((a) => a.problems.some((p) => p.rule === 'V05'))).toBe(true)
  }, 60_000)

  it('leave a file of another form checked in the worker, against that form', async () => {
    const values = Object.fromEntries(
      immunization.indicators
        .filter((i) => i.kind !== 'section' && i.dataColumns.length > 0)
        .slice(0, 4)
        .map((i) => [i.code, { [i.dataColumns[0]!]: -5 }]),
    )
    const other = gridToBytes(
      grid(
        infoSheet({ unitCode: '08001', period: 'Năm', year: 2025, templateVersion: 'TCMR-2025.1' }),
        formSheet(immunization, { values }, immunization.layout.sheets.figures),
      ),
    )
    const otherForms = {
      otherForms: [{ pack: immunization, seasons: [{ period: '2025-Y' as PeriodId, units }] }],
    }
    const { viaPool, inOneThread } = await bothWays('2025-Y' as PeriodId, [other], otherForms)
    expect(viaPool[0]!.otherForm?.stored).toBe(true)
    expect(rulesOf(viaPool[0]!)).toContain(`V03@${viaPool[0]!.problems[0]!.cell}`)
    expect(seen(viaPool[0]!)).toBe(seen(inOneThread[0]!))
  }, 60_000)
})
