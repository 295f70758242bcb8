// The code cache of the `sheaf` command's bundles (bin/code-cache.js): made by a first run, used by the
// next, never in the way: a damaged cache is refused and made again, a new build replaces the old
// build's cache, files outside the bundles' folder are left to Node.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

const HOOK = path.resolve(__dirname, '../../bin/code-cache.js')

let dir: string

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sheaf-code-cache-'))
  fs.mkdirSync(path.join(dir, 'bundles'))
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

const bundle = (name: string, body: string): string => {
  const file = path.join(dir, 'bundles', name)
  fs.writeFileSync(file, body)
  return file
}

/** Runs `main` in a fresh Node with the hook installed on the bundles' folder. */
function run(main: string): { out: unknown; stats: { used: number; made: number } } {
  const script = `
    const hook = require(${JSON.stringify(HOOK)})
    hook.install(${JSON.stringify(path.join(dir, 'bundles'))})
    const out = require(${JSON.stringify(main)})
    process.stdout.write(JSON.stringify({ out, stats: hook.stats() }))`
  const r = spawnSync(process.execPath, ['-e', script], {
    encoding: 'utf8',
    env: { ...process.env, SHEAF_CODE_CACHE_MIN_MS: '0' },
  })
  expect(r.stderr).toBe('')
  expect(r.status).toBe(0)
  return JSON.parse(r.stdout) as { out: unknown; stats: { used: number; made: number } }
}

const caches = (): string[] => {
  const d = path.join(dir, 'bundles', '.code-cache')
  return fs.existsSync(d) ? fs.readdirSync(d).sort() : []
}

const BODY = `'use strict'
const helper = require('./helper.cjs')
function sum(n) { let s = 0; for (let i = 1; i <= n; i++) s += i; return s }
module.exports = { sum: sum(100), twice: helper.twice(21), dir: __dirname === require('node:path').dirname(__filename) }
`

describe('code cache of the bundles', () => {
  it('is made by the first run and used by the next, with the same results', () => {
    const main = bundle('main.cjs', BODY)
    bundle('helper.cjs', `exports.twice = (x) => 2 * x\n`)
    const first = run(main)
    expect(first.out).toEqual({ sum: 5050, twice: 42, dir: true })
    expect(first.stats).toEqual({ used: 0, made: 2 })
    expect(caches()).toHaveLength(2)
    expect(caches()[0]).toMatch(/^helper\.cjs\.[0-9a-f]{16}\.bin$/)
    const second = run(main)
    expect(second.out).toEqual(first.out)
    expect(second.stats).toEqual({ used: 2, made: 0 })
  })

  it('refuses a damaged cache, runs as without one and makes it again', () => {
    const main = bundle('main.cjs', BODY)
    bundle('helper.cjs', `exports.twice = (x) => 2 * x\n`)
    run(main)
    const file = path.join(
      dir,
      'bundles',
      '.code-cache',
      caches().find((f) => f.startsWith('main'))!,
    )
    const good = fs.readFileSync(file)
    fs.writeFileSync(file, Buffer.from(good.subarray(0, 40)))
    const damaged = run(main)
    expect(damaged.out).toEqual({ sum: 5050, twice: 42, dir: true })
    expect(damaged.stats).toEqual({ used: 1, made: 1 })
    expect(fs.readFileSync(file).length).toBe(good.length)
    expect(run(main).stats).toEqual({ used: 2, made: 0 })
  })

  it('keeps one cache per bundle: a new build replaces the old one', () => {
    const main = bundle('main.cjs', BODY)
    bundle('helper.cjs', `exports.twice = (x) => 2 * x\n`)
    run(main)
    const before = caches()
    bundle('helper.cjs', `exports.twice = (x) => x + x\n`)
    const after = run(main)
    expect(after.out).toEqual({ sum: 5050, twice: 42, dir: true })
    expect(after.stats).toEqual({ used: 1, made: 1 })
    expect(caches()).toHaveLength(2)
    expect(caches()).not.toEqual(before)
  })

  it('is saved by a worker thread ended by its owner (no exit event), and used by the next worker', () => {
    const main = bundle('main.cjs', BODY)
    bundle('helper.cjs', `exports.twice = (x) => 2 * x\n`)
    // each worker reports what it computed and compiled, then waits to be ended, as a read worker does
    const script = `
      const { Worker } = require('node:worker_threads')
      const fs = require('node:fs')
      const code = \`
        const hook = require(\${JSON.stringify(${JSON.stringify(HOOK)})})
        hook.install(\${JSON.stringify(${JSON.stringify(path.join(dir, 'bundles'))})})
        const out = require(\${JSON.stringify(${JSON.stringify(main)})})
        require('node:worker_threads').parentPort.postMessage({ out, stats: hook.stats() })
        setInterval(() => {}, 1000)\`
      const cacheDir = ${JSON.stringify(path.join(dir, 'bundles', '.code-cache'))}
      const saved = () => fs.existsSync(cacheDir) && fs.readdirSync(cacheDir).filter((f) => f.endsWith('.bin')).length === 2
      const runWorker = () => new Promise((resolve) => {
        const w = new Worker(code, { eval: true })
        w.once('message', (m) => {
          const started = Date.now()
          const wait = setInterval(() => {
            if (!saved() && Date.now() - started < 10000) return
            clearInterval(wait)
            void w.terminate().then(() => resolve(m))
          }, 10)
        })
      })
      runWorker().then(async (first) => {
        const second = await runWorker()
        process.stdout.write(JSON.stringify([first, second]))
      })`
    const r = spawnSync(process.execPath, ['-e', script], {
      encoding: 'utf8',
      env: { ...process.env, SHEAF_CODE_CACHE_MIN_MS: '0' },
    })
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    const [first, second] = JSON.parse(r.stdout) as { out: unknown; stats: unknown }[]
    expect(first).toEqual({ out: { sum: 5050, twice: 42, dir: true }, stats: { used: 0, made: 2 } })
    expect(caches()).toHaveLength(2)
    expect(second).toEqual({ out: { sum: 5050, twice: 42, dir: true }, stats: { used: 2, made: 0 } })
  })

  it('keeps nothing from a run too short to have done real work', () => {
    const main = bundle('main.cjs', BODY)
    bundle('helper.cjs', `exports.twice = (x) => 2 * x\n`)
    const script = `require(${JSON.stringify(HOOK)}).install(${JSON.stringify(path.join(dir, 'bundles'))}); require(${JSON.stringify(main)})`
    const r = spawnSync(process.execPath, ['-e', script], {
      encoding: 'utf8',
      env: { ...process.env, SHEAF_CODE_CACHE_MIN_MS: '60000' },
    })
    expect(r.status).toBe(0)
    expect(caches()).toEqual([])
  })

  it('leaves files outside the bundles folder to Node, and does without a folder it cannot write', () => {
    const outside = path.join(dir, 'outside.cjs')
    fs.writeFileSync(outside, 'module.exports = 7\n')
    expect(run(outside)).toEqual({ out: 7, stats: { used: 0, made: 0 } })
    const main = bundle('main.cjs', BODY)
    bundle('helper.cjs', `exports.twice = (x) => 2 * x\n`)
    // a file where the cache folder would be: nothing can be saved, the command still runs
    fs.writeFileSync(path.join(dir, 'bundles', '.code-cache'), '')
    expect(run(main).out).toEqual({ sum: 5050, twice: 42, dir: true })
    expect(run(main).stats).toEqual({ used: 0, made: 2 })
  })
})
