// The API as a screen uses it, on a fresh data folder holding the sample season: its period created
// and its unit list loaded, its files written but not imported.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { ApiReply, Channel } from '../../src-main/shared/api-contract'
import type { ApiEvent } from '../../src-main/shared/api-types'
import type { PeriodId } from '../../src-main/shared/period'
import type { SheafApi } from '../../src-main/services/api/create-api'
import { createApi } from '../../src-main/services/api/create-api'
import type { SampleSeason } from '../e2e/sample-season'
import { writeSampleSeason } from '../e2e/sample-season'
import { loadTestPack } from './load-test-pack'

export type ImportFinished = Extract<ApiEvent, { type: 'import.finished' }>

export type SampleApi = Readonly<{
  api: SheafApi
  season: SampleSeason
  /** the channel's value, or an error naming its code and message */
  call: <T = unknown>(channel: Channel, request: unknown) => Promise<T>
  /** a file of this machine as the desktop's dialog gives it to the page: held, by id */
  picked: (file: string) => Readonly<{ kind: 'held'; id: string }>
  /** starts a batch by `start` (an import, a move) and gives its end, even one told before its id is known */
  batchFinished: (start: () => Promise<{ batchId: string }>) => Promise<ImportFinished>
  /** imports files of this machine as the import screen does (`extra`: more of the request) and gives the batch's end */
  importFiles: (
    period: string,
    files: readonly string[],
    extra?: Record<string, unknown>,
  ) => Promise<ImportFinished>
  /** closes the API and removes the folder */
  close: () => void
}>

export async function openSampleApi(name: string, period: PeriodId): Promise<SampleApi> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `sheaf-${name}-`))
  const season = await writeSampleSeason(loadTestPack(), path.join(tmp, 'in'), period)
  const api = createApi({
    dbPath: path.join(tmp, 'sheaf.sqlite'),
    dataDir: path.join(tmp, 'data'),
    transport: 'http',
  })
  const call = async <T = unknown>(channel: Channel, request: unknown): Promise<T> => {
    const r = (await api.router.dispatch(channel, request)) as ApiReply<T>
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message.en}`)
    return r.value
  }
  await call('period.create', { id: period, templateId: 'child-work-2025' })
  const picked = (file: string) =>
    ({ kind: 'held', id: api.held.hold({ path: file, name: path.basename(file), role: 'file' }) }) as const
  await call('units.import', { period, file: picked(season.unitsCsv) })
  const batchFinished = async (start: () => Promise<{ batchId: string }>): Promise<ImportFinished> => {
    let batchId = ''
    const early: ImportFinished[] = []
    const finished = new Promise<ImportFinished>((resolve) => {
      const off = api.router.subscribe((e) => {
        if (e.type !== 'import.finished') return
        if (batchId === '') early.push(e)
        else if (e.batchId === batchId) {
          off()
          resolve(e)
        }
      })
    })
    batchId = (await start()).batchId
    return early.find((e) => e.batchId === batchId) ?? (await finished)
  }
  return {
    api,
    season,
    call,
    picked,
    batchFinished,
    importFiles: (period, files, extra = {}) =>
      batchFinished(() =>
        call<{ batchId: string }>('import.start', { period, files: files.map(picked), ...extra }),
      ),
    close: () => {
      api.close()
      fs.rmSync(tmp, { recursive: true, force: true })
    },
  }
}
