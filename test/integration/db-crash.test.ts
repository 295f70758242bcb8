import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { getFigures, integrityCheck, listSubmissions, openDatabase } from '../../src-main/db/index'
import { tempDir, S } from './db-helpers'

const ROOT = path.resolve(__dirname, '../..')
const FIGURES_PER_FILE = 3000

// The child stores files one by one and prints `done <name>` after each commit, until it is killed.
const CHILD = `
import { openDatabase, storeSubmission } from ${JSON.stringify(path.join(ROOT, 'src-main/db/index.ts'))}
import { analysis, figure, file, S } from ${JSON.stringify(path.join(ROOT, 'test/integration/db-helpers.ts'))}
const db = openDatabase(process.argv[2])
for (let i = 0; i < 10000; i++) {
  const figures = Array.from({ length: ${FIGURES_PER_FILE} }, (_, k) => figure('TE.' + k, 'total', i * k))
  const name = 'unit-' + i + '.xlsx'
  storeSubmission(db, { season: S('2025-Y'), file: file(name), analysis: analysis({ unit: 'U' + i, figures }) })
  process.stdout.write('done ' + name + '\\n')
}
`

describe('a crash in the middle of a batch of stores', () => {
  it('leaves a database that opens, passes integrity_check and has every finished file whole', async () => {
    const dir = tempDir()
    const dbPath = path.join(dir, 'season.sqlite')
    const script = path.join(dir, 'child.ts')
    fs.writeFileSync(script, CHILD)

    const child = spawn(process.execPath, ['--import', 'tsx', script, dbPath], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const done: string[] = []
    let stderr = ''
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()))
    await new Promise<void>((resolve, reject) => {
      let buffer = ''
      child.stdout.on('data', (b: Buffer) => {
        buffer += b.toString()
        const lines = buffer.split('\n')
        buffer = lines.pop() ?? ''
        for (const l of lines) if (l.startsWith('done ')) done.push(l.slice(5))
        // Kill it while it is writing the next file: several finished, one under way.
        if (done.length >= 4) {
          child.kill('SIGKILL')
          resolve()
        }
      })
      child.on('exit', (code, signal) => {
        if (signal !== 'SIGKILL') reject(new Error(`child exited ${code}: ${stderr}`))
      })
    })
    await new Promise((r) => child.once('close', r))

    const db = openDatabase(dbPath)
    try {
      expect(integrityCheck(db)).toEqual({ ok: true, messages: ['ok'] })
      const stored = listSubmissions(db, S('2025-Y'))
      const names = stored.map((s) => s.fileName)
      for (const name of done) expect(names).toContain(name)
      // Files commit in order: what is stored is the first n files, each with all its figures.
      expect(names).toEqual(Array.from({ length: stored.length }, (_, i) => `unit-${i}.xlsx`))
      for (const s of stored) expect(getFigures(db, s.id)).toHaveLength(FIGURES_PER_FILE)
    } finally {
      db.close()
    }
  })
})
