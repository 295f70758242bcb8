// A batch the clerk stops from the import screen: the file being stored when the stop comes is kept
// with those before it, the others are neither stored nor reported, and importing the same files
// again takes them in as if the stopped batch had never reached them.
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiReply } from '../../src-main/shared/api-contract'
import type { ApiEvent, ImportResult, StatusRow } from '../../src-main/shared/api-types'
import type { SheafApi } from '../../src-main/services/api/create-api'
import type { SampleSeason } from '../e2e/sample-season'
import type { SampleApi } from '../helpers/sample-api'
import { openSampleApi } from '../helpers/sample-api'

const PERIOD = '2025-Y'
let opened: SampleApi
let api: SheafApi
let season: SampleSeason
let call: SampleApi['call']

type Finished = Extract<ApiEvent, { type: 'import.finished' }>

/**
 * Starts a batch of `files`; `onEvent` sees each of its events as it is emitted (a stop asked from
 * there comes before the next file, as a click comes between two files); resolves when it ends.
 */
async function importBatch(
  files: readonly string[],
  onEvent: (e: ApiEvent, batchId: string) => void = () => undefined,
): Promise<Readonly<{ batchId: string; finished: Finished; events: ApiEvent[] }>> {
  let batchId = ''
  const events: ApiEvent[] = []
  const finished = new Promise<Finished>((resolve) => {
    const off = api.router.subscribe((e) => {
      if (!('batchId' in e) || e.batchId !== batchId) return
      events.push(e)
      onEvent(e, batchId)
      if (e.type === 'import.finished') {
        off()
        resolve(e)
      }
    })
  })
  // the batch runs from the next turn of the event loop: its id is known before its first event
  const started = await call<{ batchId: string; total: number }>('import.start', {
    period: PERIOD,
    files: files.map((p) => opened.picked(p)),
  })
  batchId = started.batchId
  return { batchId, finished: await finished, events }
}

async function storedUnits(): Promise<string[]> {
  const status = await call<StatusRow[]>('status.list', { period: PERIOD })
  return status
    .filter((s) => s.submissionId !== null)
    .map((s) => s.unit)
    .sort()
}

beforeAll(async () => {
  opened = await openSampleApi('api-cancel', PERIOD)
  api = opened.api
  season = opened.season
  call = opened.call
}, 60_000)

afterAll(() => opened?.close())

describe('import.cancel', () => {
  it('stops a batch before its first file when asked as soon as it starts', async () => {
    const files = season.files.slice(0, 3)
    const { batchId, finished } = await importBatch(files, (e, id) => {
      if (e.type === 'import.progress' && e.index === 0 && e.phase === 'reading')
        void api.router.dispatch('import.cancel', { batchId: id })
    })
    expect(batchId).not.toBe('')
    expect(finished).toMatchObject({ cancelled: true, total: 3, results: [] })
    expect(await storedUnits()).toEqual([])
  })

  it('keeps the file stored when the stop came and leaves no trace of the others', async () => {
    expect(season.files.length).toBeGreaterThanOrEqual(4)
    let answer: ApiReply<unknown> | null = null
    const { finished, events } = await importBatch(season.files, (e, id) => {
      if (e.type === 'import.progress' && e.phase === 'done' && e.index === 0)
        void api.router.dispatch('import.cancel', { batchId: id }).then((r) => (answer = r))
    })
    expect(finished.cancelled).toBe(true)
    expect(finished.total).toBe(season.files.length)
    expect(finished.results).toHaveLength(1)
    const first = finished.results[0] as ImportResult
    expect(first.fileName).toBe(path.basename(season.files[0] as string))
    expect(answer).toEqual({ ok: true, value: { batchId: finished.batchId, cancelled: true } })
    // no progress after the stop names a file that was not stored
    expect(events.filter((e) => e.type === 'import.progress' && e.phase === 'done')).toHaveLength(1)
    // the one file is in the season; no other unit has a file
    expect(first.unit).not.toBeNull()
    expect(await storedUnits()).toEqual([first.unit])

    // the same files again: the one stored is known, the others are read now
    const again = await importBatch(season.files)
    expect(again.finished.cancelled).toBe(false)
    expect(again.finished.results).toHaveLength(season.files.length)
    const byName = new Map(again.finished.results.map((r) => [r.fileName, r]))
    expect(byName.get(first.fileName)?.duplicate).toBe(true)
    const others = again.finished.results.filter((r) => r.fileName !== first.fileName)
    expect(others.every((r) => !r.duplicate)).toBe(true)
    const units = new Set(again.finished.results.map((r) => r.unit).filter((u) => u !== null))
    expect(await storedUnits()).toEqual([...units].sort())
  })

  it('answers that nothing was stopped for a batch that has ended or never was', async () => {
    const { batchId } = await importBatch(season.files.slice(0, 1))
    expect(await call('import.cancel', { batchId })).toEqual({ batchId, cancelled: false })
    expect(await call('import.cancel', { batchId: 'no-such-batch' })).toEqual({
      batchId: 'no-such-batch',
      cancelled: false,
    })
    const bad = await api.router.dispatch('import.cancel', { batchId: '' })
    expect(bad.ok ? 'ok' : bad.error.code).toBe('bad_request')
  })
})
