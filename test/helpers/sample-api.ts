// The API as a screen uses it, on a fresh data folder holding the sample season: its period created
// and its unit list loaded, its files written but not imported.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { ApiReply, Channel } from '../../src-main/shared/api-contract'
import type { PeriodId } from '../../src-main/shared/period'
import type { SheafApi } from '../../src-main/services/api/create-api'
import { createApi } from '../../src-main/services/api/create-api'
import type { SampleSeason } from '../e2e/sample-season'
import { writeSampleSeason } from '../e2e/sample-season'
import { loadTestPack } from './load-test-pack'

export type SampleApi = Readonly<{
  api: SheafApi
  season: SampleSeason
  /** the channel's value, or an error naming its code and message */
  call: <T = unknown>(channel: Channel, request: unknown) => Promise<T>
  /** a file of this machine as the desktop's dialog gives it to the page: held, by id */
  picked: (file: string) => Readonly<{ kind: 'held'; id: string }>
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
  return {
    api,
    season,
    call,
    picked,
    close: () => {
      api.close()
      fs.rmSync(tmp, { recursive: true, force: true })
    },
  }
}
