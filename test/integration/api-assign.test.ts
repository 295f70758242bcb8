// The API as the import and consolidation screens use it: a file that matches no unit is assigned
// to one by hand, read again as that unit's file, and its figures join the merge; the merge the
// screens ask for again and again is remembered, and forgotten as soon as the season changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Channel } from '../../src-main/shared/api-contract'
import type { ApiEvent, ConsolidationView, ImportResult, StatusRow } from '../../src-main/shared/api-types'
import type { SheafApi } from '../../src-main/services/api/create-api'
import { ConsolidationCache } from '../../src-main/services/api/consolidation-cache'
import { listAudit } from '../../src-main/db'
import type { SampleSeason } from '../e2e/sample-season'
import type { SampleApi } from '../helpers/sample-api'
import { openSampleApi } from '../helpers/sample-api'

const PERIOD = '2025-Y'
let opened: SampleApi
let api: SheafApi
let season: SampleSeason
let call: SampleApi['call']
let results: readonly ImportResult[]

async function failure(channel: Channel, request: unknown): Promise<string> {
  const r = await api.router.dispatch(channel, request)
  return r.ok ? 'ok' : r.error.code
}

/** the province's figure of an indicator and column, as the consolidation screen shows it */
async function provinceFigure(indicator: string, column: string): Promise<number | null> {
  const view = await call<ConsolidationView>('consolidation.get', { period: PERIOD })
  return view.rows.find((r) => r.code === indicator)?.values[column] ?? null
}

beforeAll(async () => {
  opened = await openSampleApi('api-assign', PERIOD)
  api = opened.api
  season = opened.season
  call = opened.call
  results = (await opened.importFiles(PERIOD, season.files)).results
}, 60_000)

afterAll(() => opened?.close())

describe('import.assign', () => {
  it('reads the file again as the chosen unit’s, and its figures join the consolidation', async () => {
    const unknown = results.find((r) => r.fileName === season.unknownFile)
    expect(unknown).toMatchObject({ unit: null, status: 'rejected', errors: 1 })
    const unitFigure = season.figures[season.unknownUnit]?.['TE.0101']?.total ?? 0
    expect(unitFigure).toBeGreaterThan(0)
    const before = await provinceFigure('TE.0101', 'total')

    const changed: ApiEvent[] = []
    const off = api.router.subscribe((e) => changed.push(e))
    const r = await call('import.assign', { submissionId: unknown?.submissionId, unit: season.unknownUnit })
    off()
    expect(r).toEqual({
      submissionId: unknown?.submissionId,
      unit: season.unknownUnit,
      unitName: 'Xã Phong Thổ',
      status: 'accepted',
      version: 1,
      errors: 0,
      warnings: 0,
      firstProblem: null,
    })
    expect(changed).toContainEqual({ type: 'data.changed', period: PERIOD })
    expect(await provinceFigure('TE.0101', 'total')).toBe((before ?? 0) + unitFigure)

    const status = await call<StatusRow[]>('status.list', { period: PERIOD })
    expect(status.find((s) => s.unit === season.unknownUnit)?.state).toBe('accepted')
    const audit = listAudit(api.db, { entity: 'submission', entityId: unknown?.submissionId as number })
    expect(audit[0]).toMatchObject({
      action: 'submission.assign',
      details: { from: null, to: season.unknownUnit },
    })
  })

  it('refuses a unit that is not in the list and a file that does not exist', async () => {
    const any = results.find((r) => r.submissionId !== null)?.submissionId
    expect(await failure('import.assign', { submissionId: any, unit: 'KHONGCO' })).toBe('not_found')
    expect(await failure('import.assign', { submissionId: 99_999, unit: '08001' })).toBe('not_found')
  })
})

describe('consolidation cache', () => {
  it('merges once while nothing changes, and again after a decision', async () => {
    const first = await provinceFigure('TE.0101', 'total')
    expect(await provinceFigure('TE.0101', 'total')).toBe(first)
    const ok = results.find((r) => r.unit === '08001')
    await call('submission.decide', {
      submissionId: ok?.submissionId,
      decision: 'reject',
      reason: 'Sai số liệu',
    })
    const without = season.figures['08001']?.['TE.0101']?.total ?? 0
    expect(await provinceFigure('TE.0101', 'total')).toBe((first ?? 0) - without)
    await call('submission.decide', {
      submissionId: ok?.submissionId,
      decision: 'accept',
      reason: 'Đã xác minh',
    })
    expect(await provinceFigure('TE.0101', 'total')).toBe(first)
  })

  it('computes again only when the stamp changes or the period is dropped', () => {
    const cache = new ConsolidationCache<number>()
    let merges = 0
    const merge = () => ++merges
    const pack = {}
    expect(cache.get('2025-Y', [pack, 7], merge)).toBe(1)
    expect(cache.get('2025-Y', [pack, 7], merge)).toBe(1)
    expect(cache.get('2025-H1', [pack, 7], merge)).toBe(2)
    expect(cache.get('2025-Y', [pack, 8], merge)).toBe(3)
    expect(cache.get('2025-Y', [{}, 8], merge)).toBe(4)
    cache.invalidate('2025-Y')
    expect(cache.get('2025-Y', [{}, 8], merge)).toBe(5)
    expect(cache.get('2025-H1', [pack, 7], merge)).toBe(2)
  })
})
