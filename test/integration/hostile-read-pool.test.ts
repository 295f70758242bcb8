import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { PeriodId } from '../../src-main/shared/period'
import { indexUnits } from '../../src-main/core/submission/identify-unit'
import {
  earlyReadWorkerWaiting,
  ReadPool,
  readPoolOptionsFromEnv,
  startReadWorkerEarly,
} from '../../src-main/services/read-pool/read-pool'
import { loadTestPack } from '../helpers/load-test-pack'
import { hostileCorpus, millionRows } from '../fixtures/hostile/hostile-files'
import { validWorkbook } from '../fixtures/hostile/valid-workbook'
import { SheafEnvError } from '../../src-main/services/sheaf-env'

const pack = loadTestPack()
const units = indexUnits([
  { code: '08001', name: 'Xã Tam Đường', kind: 'xa', dept: null, aliases: [] },
  { code: '08002', name: 'Phường Tân Phong', kind: 'phuong', dept: null, aliases: [] },
])
const ctx = { pack, units, period: '2025-Y' as PeriodId }
const EVIL = path.resolve(__dirname, '../fixtures/hostile/evil-worker.ts')

const pools: ReadPool[] = []
function pool(opts: ConstructorParameters<typeof ReadPool>[1] = {}): ReadPool {
  const p = new ReadPool(ctx, opts)
  pools.push(p)
  return p
}
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()))
})

describe('ReadPool with the real worker', () => {
  it('gives every file of the hostile corpus its expected verdict, in worker threads', async () => {
    const p = pool({ workers: 2, timeoutMs: 15_000 })
    const corpus = hostileCorpus(pack)
    const started = Date.now()
    const results = await Promise.all(corpus.map((c) => p.analyse(c.bytes, c.name)))
    expect(p.fallbackReason).toBeNull()
    corpus.forEach((c, i) => {
      const a = results[i]!
      expect(a.fileName).toBe(c.name)
      expect(['accepted', 'rejected']).toContain(a.status)
      if (c.expect.kind === 'S01') {
        expect(a.status, c.name).toBe('rejected')
        expect(
          a.problems.map((x) => x.rule),
          c.name,
        ).toEqual(['S01'])
        expect(a.problems[0]!.message.vi, c.name).toMatch(c.expect.message)
        expect(a.problems[0]!.message.en, c.name).not.toBe('')
      }
      if (c.expect.kind === 'accepted') expect(a.problems, c.name).toEqual([])
    })
    expect(Date.now() - started).toBeLessThan(40_000)
  })

  it('ends a read that takes too long and says so, then reads the next file', async () => {
    const p = pool({ workers: 1, timeoutMs: 100 })
    const slow = millionRows(pack)
    const [a, b] = await Promise.all([
      p.analyse(slow, 'slow.xlsx'),
      p.analyse(validWorkbook(pack), 'ok.xlsx'),
    ])
    expect(a.problems.map((x) => x.rule)).toEqual(['S01'])
    expect(a.problems[0]!.message.vi).toMatch(/quá thời gian đọc \(hơn 0\.1 giây\)/)
    expect(a.problems[0]!.message.en).toMatch(/took too long/)
    expect(b.status).toBe('accepted')
  })

  it('takes the worker started early when its limits match, and leaves it otherwise', async () => {
    startReadWorkerEarly({ maxOldGenerationSizeMb: 256 })
    expect(earlyReadWorkerWaiting()).toBe(true)
    // another heap limit: a worker of its own
    const other = pool({ workers: 1 })
    expect((await other.analyse(validWorkbook(pack), 'a.xlsx')).status).toBe('accepted')
    expect(earlyReadWorkerWaiting()).toBe(true)
    const same = pool({ workers: 1, maxOldGenerationSizeMb: 256 })
    expect((await same.analyse(validWorkbook(pack), 'b.xlsx')).status).toBe('accepted')
    expect(earlyReadWorkerWaiting()).toBe(false)
  })

  it('ends a read that needs more memory than allowed and says so', async () => {
    const p = pool({ workers: 1, timeoutMs: 20_000, maxOldGenerationSizeMb: 64 })
    const a = await p.analyse(millionRows(pack), 'big.xlsx')
    // 64 MB of heap is enough to start the reader but not to hold the rows it expands
    expect(a.problems[0]!.message.vi).toMatch(/quá bộ nhớ \(cần hơn 64 MB/)
    const b = await p.analyse(validWorkbook(pack), 'ok.xlsx')
    expect(b.status).toBe('accepted')
  })
})

describe('ReadPool against a misbehaving worker', () => {
  it('replaces a thread that hangs, runs out of memory or dies, and the batch goes on', async () => {
    const p = pool({ workers: 2, timeoutMs: 1500, maxOldGenerationSizeMb: 32, workerFile: EVIL })
    const names = ['a.xlsx', 'hang.xlsx', 'b.xlsx', 'oom.xlsx', 'c.xlsx', 'die.xlsx', 'd.xlsx']
    const results = await Promise.all(names.map((n) => p.analyse(new Uint8Array([1]), n)))
    const byName = Object.fromEntries(results.map((r) => [r.fileName, r]))
    for (const n of ['a.xlsx', 'b.xlsx', 'c.xlsx', 'd.xlsx']) expect(byName[n]!.status).toBe('accepted')
    expect(byName['hang.xlsx']!.problems[0]!.message.vi).toMatch(/quá thời gian đọc/)
    expect(byName['oom.xlsx']!.problems[0]!.message.vi).toMatch(/quá bộ nhớ/)
    expect(byName['oom.xlsx']!.problems[0]!.message.en).toMatch(/too much memory \(more than 32 MB\)/)
    expect(byName['die.xlsx']!.problems[0]!.message.vi).toMatch(/dừng đột ngột/)
    for (const n of ['hang.xlsx', 'oom.xlsx', 'die.xlsx']) expect(byName[n]!.status).toBe('rejected')
  })

  it('blames the file that hangs or dies, not the files read before it whose results were held back', async () => {
    const p = pool({ workers: 1, timeoutMs: 500, workerFile: EVIL })
    const names = ['held-a.xlsx', 'held-b.xlsx', 'hang.xlsx', 'c.xlsx', 'held-d.xlsx', 'die.xlsx', 'e.xlsx']
    const results = await Promise.all(names.map((n) => p.analyse(new Uint8Array([1]), n)))
    const byName = Object.fromEntries(results.map((r) => [r.fileName, r]))
    for (const n of ['held-a.xlsx', 'held-b.xlsx', 'c.xlsx', 'held-d.xlsx', 'e.xlsx'])
      expect(byName[n]!.status, n).toBe('accepted')
    expect(byName['hang.xlsx']!.problems[0]!.message.vi).toMatch(/quá thời gian đọc/)
    expect(byName['die.xlsx']!.problems[0]!.message.vi).toMatch(/dừng đột ngột/)
  })

  it('hands a worker each file whole, again after a worker died, and leaves the caller its bytes', async () => {
    const p = pool({ workers: 1, timeoutMs: 5000, workerFile: EVIL })
    const files = ['held-a.xlsx', 'die.xlsx', 'b.xlsx'].map((n, i) => ({
      n,
      bytes: new Uint8Array(10 + i).fill(7 + i),
    }))
    const results = await Promise.all(files.map((f) => p.analyse(f.bytes, f.n)))
    // held-a's result was held back when its worker died: another worker read it again
    expect(results.map((r) => r.contact?.preparer)).toEqual(['10 bytes', undefined, '12 bytes'])
    files.forEach((f, i) => expect([...f.bytes]).toEqual(new Array<number>(10 + i).fill(7 + i)))
  })

  it('answers every pending file when closed (cancel) instead of leaving it waiting', async () => {
    const p = pool({ workers: 1, timeoutMs: 60_000, workerFile: EVIL })
    const pending = [
      p.analyse(new Uint8Array([1]), 'hang.xlsx'),
      p.analyse(new Uint8Array([1]), 'later.xlsx'),
    ]
    await new Promise((r) => setTimeout(r, 200))
    await p.close()
    const [a, b] = await Promise.all(pending)
    expect(a!.problems[0]!.message.en).toMatch(/cancelled/)
    expect(b!.problems[0]!.message.en).toMatch(/cancelled/)
  })

  it('reads in this thread when no worker can start', async () => {
    const p = pool({ workerFile: path.join(__dirname, 'no-such-worker.cjs') })
    const a = await p.analyse(validWorkbook(pack), 'ok.xlsx')
    expect(a.status).toBe('accepted')
    expect(p.fallbackReason).not.toBeNull()
  })
})

describe('readPoolOptionsFromEnv', () => {
  it('reads the limits from the environment, an empty value as none', () => {
    expect(
      readPoolOptionsFromEnv({
        SHEAF_READ_WORKERS: '3',
        SHEAF_READ_TIMEOUT_MS: '5000',
        SHEAF_READ_MEMORY_MB: '',
        SHEAF_MAX_FILE_MB: '1.5',
      }),
    ).toEqual({ workers: 3, timeoutMs: 5000, maxFileBytes: 1572864 })
  })

  it('names a wrong value instead of ignoring it', () => {
    for (const [name, value, says] of [
      ['SHEAF_READ_MEMORY_MB', 'x', /must be a number/],
      ['SHEAF_READ_TIMEOUT_MS', '20s', /must be a number/],
      ['SHEAF_READ_WORKERS', '2.5', /whole number from 1/],
      ['SHEAF_READ_WORKERS', '0', /whole number from 1/],
      ['SHEAF_MAX_FILE_MB', '0', /more than 0/],
      ['SHEAF_TIMINGS', 'yes', /must be 0 or 1/],
    ] as const) {
      let error: unknown
      try {
        readPoolOptionsFromEnv({ [name]: value })
      } catch (e) {
        error = e
      }
      expect(error, name).toBeInstanceOf(SheafEnvError)
      const [problem] = (error as SheafEnvError).problems
      expect(problem).toContain(`${name}="${value}"`)
      expect(problem).toMatch(says)
    }
  })
})
