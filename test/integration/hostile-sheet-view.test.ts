// A workbook of nine million cells in 800 KB (it passes the guards) shown in the sheet view: it is
// read in a worker with the pool's limits, so the request that shows it ends with a clear message
// and every other request is answered meanwhile, at once (it used to wait six seconds and more).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiReply } from '../../src-main/shared/api-contract'
import type { ApiEvent, ImportResult } from '../../src-main/shared/api-types'
import type { SheafApi } from '../../src-main/services/api/create-api'
import { createApi } from '../../src-main/services/api/create-api'
import { nineMillionCells } from '../fixtures/hostile/hostile-files'
import { UNITS_CSV } from '../fixtures/hostile/valid-workbook'
import { loadTestPack } from '../helpers/load-test-pack'

const PERIOD = '2025-Y'
const TIMEOUT_MS = 3000

let tmp: string
let api: SheafApi
const saved = process.env.SHEAF_READ_TIMEOUT_MS

async function call<T>(channel: string, request: unknown): Promise<ApiReply<T>> {
  return (await api.router.dispatch(channel, request)) as ApiReply<T>
}

beforeAll(async () => {
  // the pool's time limit, shortened so that the test does not wait twenty seconds twice
  process.env.SHEAF_READ_TIMEOUT_MS = String(TIMEOUT_MS)
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sheaf-nine-'))
  const file = path.join(tmp, 'chin-trieu-o.xlsx')
  fs.writeFileSync(file, nineMillionCells(loadTestPack()))
  const units = path.join(tmp, 'don-vi.csv')
  fs.writeFileSync(units, UNITS_CSV)
  api = createApi({ dbPath: ':memory:', dataDir: path.join(tmp, 'data'), transport: 'http' })
  const picked = (p: string) => ({
    kind: 'held',
    id: api.held.hold({ path: p, name: path.basename(p), role: 'file' }),
  })
  expect((await call('period.create', { id: PERIOD, templateId: 'child-work-2025' })).ok).toBe(true)
  expect((await call('units.import', { period: PERIOD, file: picked(units) })).ok).toBe(true)
  const finished = new Promise<readonly ImportResult[]>((resolve) => {
    const off = api.router.subscribe((e: ApiEvent) => {
      if (e.type === 'import.finished') {
        off()
        resolve(e.results)
      }
    })
  })
  expect((await call('import.start', { period: PERIOD, files: [picked(file)] })).ok).toBe(true)
  const [result] = await finished
  expect(result?.submissionId).not.toBeNull()
}, 120_000)

afterAll(() => {
  api?.close()
  if (saved === undefined) delete process.env.SHEAF_READ_TIMEOUT_MS
  else process.env.SHEAF_READ_TIMEOUT_MS = saved
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true })
})

describe('the sheet view of a nine-million-cell workbook', () => {
  it('never holds up another request, and ends with a clear message', async () => {
    const problems = await call<{ submissionId: number }[]>('problems.list', { period: PERIOD })
    const submissionId = problems.ok ? problems.value[0]?.submissionId : undefined
    expect(submissionId).toBeDefined()

    const started = performance.now()
    const view = call('submission.sheet', { submissionId })
    // asked while the sheet is being read: answered at once
    const other = await call<unknown[]>('period.list', {})
    const otherMs = performance.now() - started
    expect(other.ok).toBe(true)
    expect(otherMs).toBeLessThan(1000)

    const reply = await view
    const viewMs = performance.now() - started
    expect(reply.ok).toBe(false)
    if (!reply.ok) {
      expect(reply.error.code).toBe('io')
      expect(reply.error.message.vi).toMatch(/quá thời gian đọc|quá bộ nhớ/)
    }
    // ended by the pool's limits, not by the end of the reading
    expect(viewMs).toBeLessThan(TIMEOUT_MS * 3)
  }, 60_000)
})
