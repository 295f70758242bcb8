import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import * as XLSX from '@e965/xlsx'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadTestPack } from '../helpers/load-test-pack'
import { HOSTILE } from '../helpers/output-fixtures'
import { tempDir } from './db-helpers'
import { hostileCorpus, millionRows, nineMillionCells } from '../fixtures/hostile/hostile-files'
import { UNITS_CSV, validWorkbook } from '../fixtures/hostile/valid-workbook'

const ROOT = path.resolve(__dirname, '../..')
const BIN = path.join(ROOT, 'bin/sheaf.js')
const pack = loadTestPack()

let dir: string
beforeAll(() => {
  // the real command, as `npx sheaf` runs it: the esbuild bundle and its read worker
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-cli.mjs')], { cwd: ROOT, stdio: 'pipe' })
  dir = tempDir('sheaf-hostile-cli-')
  fs.writeFileSync(path.join(dir, 'units.csv'), UNITS_CSV)
}, 120_000)
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

function sheaf(args: string[], env: Record<string, string> = {}, timeout = 120_000) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout,
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  })
  if (r.error) throw r.error
  return r
}

type Json = {
  submissions: Array<{
    file: string
    unit: string | null
    status: string
    issues: Array<{ rule: string; message: string }>
  }>
}

const season = ['--template', 'child-work-2025', '--period', '2025-Y', '--units', 'units.csv']
/** the season with the unit list of a test's own folder */
const seasonOf = (folder: string) => [...season.slice(0, 4), '--units', path.join(folder, 'units.csv')]

function formulasIn(file: string): string[] {
  const wb = XLSX.read(fs.readFileSync(file), { cellFormula: true })
  const found: string[] = []
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name]!
    for (const [addr, cell] of Object.entries(ws)) {
      if (addr.startsWith('!')) continue
      const c = cell as XLSX.CellObject
      if (c.f !== undefined) found.push(`${name}!${addr}: ${c.f}`)
    }
  }
  return found
}

function textsIn(file: string): string[] {
  const wb = XLSX.read(fs.readFileSync(file))
  return wb.SheetNames.flatMap((n) =>
    Object.entries(wb.Sheets[n]!)
      .filter(([a]) => !a.startsWith('!'))
      .map(([, c]) => String((c as XLSX.CellObject).v ?? '')),
  )
}

describe('sheaf validate on the hostile corpus', () => {
  it('lists every file with a status, within the time limit, and exits 0', () => {
    const corpus = hostileCorpus(pack)
    const folder = path.join(dir, 'Tệp hỏng và lạ')
    fs.mkdirSync(folder)
    for (const c of corpus) fs.writeFileSync(path.join(folder, c.name), c.bytes)
    const started = Date.now()
    const r = sheaf(['validate', ...season, '--json', folder])
    expect(r.status, r.stderr).toBe(0)
    expect(Date.now() - started).toBeLessThan(90_000)
    const doc = JSON.parse(r.stdout) as Json
    expect(doc.submissions).toHaveLength(corpus.length)
    for (const c of corpus) {
      const s = doc.submissions.find((x) => x.file === path.join(folder, c.name))
      expect(s, c.name).toBeDefined()
      expect(['accepted', 'rejected'], c.name).toContain(s!.status)
      if (c.expect.kind === 'S01') {
        expect(s!.status, c.name).toBe('rejected')
        expect(
          s!.issues.map((i) => i.rule),
          c.name,
        ).toEqual(['S01'])
        expect(s!.issues[0]!.message, c.name).toMatch(c.expect.message)
      }
      if (c.expect.kind === 'accepted') expect(s!.status, c.name).toBe('accepted')
    }
  }, 150_000)

  it('applies the time limit given in the environment, in the bundled worker', () => {
    const file = path.join(dir, 'slow.xlsx')
    fs.writeFileSync(file, millionRows(pack))
    const r = sheaf(['validate', ...season, '--json', '--lang', 'en', file], { SHEAF_READ_TIMEOUT_MS: '50' })
    expect(r.status, r.stderr).toBe(0)
    const doc = JSON.parse(r.stdout) as Json
    expect(doc.submissions[0]!.issues[0]!.rule).toBe('S01')
    expect(doc.submissions[0]!.issues[0]!.message).toMatch(/took too long \(more than 0\.05 s\)/)
  })
})

describe('nothing from a unit file is executed', () => {
  it('writes formula-like unit names, cell texts and notes as text in the report and the feedback', () => {
    const folder = path.join(dir, 'formulas')
    fs.mkdirSync(folder)
    fs.writeFileSync(
      path.join(folder, 'units.csv'),
      `${UNITS_CSV}\n08003,"${HOSTILE.replace(/"/g, '""')}",xa,,\n`,
    )
    const firstCount = pack.indicators.find((i) => i.kind === 'count')!
    const secondCount = pack.indicators.filter((i) => i.kind === 'count')[1]!
    // accepted: the unit's name and a note look like formulas
    fs.writeFileSync(
      path.join(folder, `${HOSTILE}.xlsx`.replace(/[/\\:*?"<>|]/g, '_')),
      validWorkbook(pack, {
        unitLine: `UBND ${HOSTILE}`,
        info: { unitCode: '08003', unitName: HOSTILE, period: 'Năm', year: 2025 },
        values: { [firstCount.code]: { total: 0, note: HOSTILE } },
      }),
    )
    // rejected (V01): a data cell holds formula-like text, and goes back to the unit as feedback
    fs.writeFileSync(
      path.join(folder, '08001-xa-tam-duong.xlsx'),
      validWorkbook(pack, { values: { [secondCount.code]: { total: HOSTILE, note: '@SUM(A1:A2)' } } }),
    )
    const report = path.join(folder, 'report.xlsx')
    const c = sheaf(['consolidate', ...seasonOf(folder), '--out', report, '--json', folder])
    expect(c.status, c.stderr).toBe(0)
    const doc = JSON.parse(c.stdout) as Json
    expect(doc.submissions.find((s) => s.unit === '08003')?.status).toBe('accepted')
    expect(formulasIn(report)).toEqual([])
    expect(textsIn(report)).toContain(HOSTILE)

    const out = path.join(folder, 'feedback')
    const f = sheaf(['feedback', ...seasonOf(folder), '--out', out, folder])
    expect(f.status, f.stderr).toBe(0)
    const written = fs.readdirSync(out)
    expect(written).toContain('08001-xa-tam-duong.loi.xlsx')
    for (const w of written) expect(formulasIn(path.join(out, w)), w).toEqual([])
    expect(textsIn(path.join(out, '08001-xa-tam-duong.loi.xlsx'))).toContain(HOSTILE)
  }, 120_000)
})

describe('sheaf when the output cannot be written', () => {
  it('exits 1 with a clear message on stderr and leaves no file', () => {
    fs.writeFileSync(path.join(dir, 'ok.xlsx'), validWorkbook(pack))
    const target = path.join(dir, 'no-such-folder', 'report.xlsx')
    const r = sheaf(['consolidate', ...season, '--out', target, 'ok.xlsx'])
    expect(r.status).toBe(1)
    expect(r.stderr).toMatch(/Thư mục của .*report\.xlsx không tồn tại/)
    expect(r.stdout).toBe('')
    expect(fs.existsSync(path.dirname(target))).toBe(false)
  })

  it('exits 1 when the report name is taken by a folder, and leaves the folder as it was', () => {
    const target = path.join(dir, 'taken.xlsx')
    fs.mkdirSync(target)
    fs.writeFileSync(path.join(target, 'keep.txt'), 'keep')
    const r = sheaf(['consolidate', ...season, '--out', target, 'ok.xlsx'])
    expect(r.status).toBe(1)
    expect(r.stderr).toMatch(/taken\.xlsx/)
    expect(fs.readdirSync(target)).toEqual(['keep.txt'])
    expect(fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([])
  })
})

describe('sheaf when it has no file to read', () => {
  // the reader is started before the command knows whether it will need it: unused, it must not
  // keep the command waiting
  it('ends at once when an input is missing or every file is stored already', () => {
    fs.writeFileSync(path.join(dir, 'once.xlsx'), validWorkbook(pack))
    const missing = sheaf(['consolidate', ...season, '--out', 'none.xlsx', 'no-such-folder'], {}, 20_000)
    expect(missing.status).toBe(2)
    expect(missing.stderr).toMatch(/Không tìm thấy .*no-such-folder/)
    const db = ['--db', 'season.sqlite']
    const first = sheaf(
      ['consolidate', ...season, ...db, '--out', 'r1.xlsx', '--json', 'once.xlsx'],
      {},
      20_000,
    )
    expect(first.status).toBe(0)
    const again = sheaf(
      ['consolidate', ...season, ...db, '--out', 'r2.xlsx', '--json', 'once.xlsx'],
      {},
      20_000,
    )
    expect(again.status).toBe(0)
    expect((JSON.parse(again.stdout) as Json).submissions.map((x) => x.status)).toEqual(['accepted'])
    expect(fs.existsSync(path.join(dir, 'r2.xlsx'))).toBe(true)
  }, 60_000)
})

describe('sheaf feedback with hostile file names', () => {
  it('writes a feedback file for every unit file, whatever its name', () => {
    const folder = path.join(dir, 'names')
    fs.mkdirSync(folder, { recursive: true })
    fs.writeFileSync(path.join(folder, 'units.csv'), UNITS_CSV)
    // as long as the disk allows (255 bytes with `.xlsx`): `.loi.xlsx` and the temporary name do not fit
    let long = 'Báo cáo công tác trẻ em năm 2025 của Ủy ban nhân dân xã Tam Đường '.repeat(4)
    while (Buffer.byteLength(`${long}.xlsx`) > 255) long = long.slice(0, -1)
    const names = [`${long}.xlsx`, 'CON.xlsx', 'nul.xls.xlsx', 'bao\u202Ecao\u200B.xlsx', '.xlsx']
    // every file has an error in a count cell (V01), so each goes back to its unit as feedback
    const count = pack.indicators.find((i) => i.kind === 'count')!
    names.forEach((name, i) =>
      fs.writeFileSync(
        path.join(folder, name),
        validWorkbook(pack, { values: { [count.code]: { total: `nhiều ${i}` } } }),
      ),
    )
    const out = path.join(folder, 'feedback')
    const r = sheaf([
      'feedback',
      ...seasonOf(folder),
      '--out',
      out,
      '--json',
      ...names.map((n) => path.join(folder, n)),
    ])
    expect(r.status, r.stderr).toBe(0)
    const written = (JSON.parse(r.stdout) as { feedback: string[] }).feedback.map((f) => path.basename(f))
    expect(written.length).toBe(names.length)
    expect(fs.readdirSync(out).sort()).toEqual([...written].sort())
    for (const w of written) {
      expect(Buffer.byteLength(w), w).toBeLessThanOrEqual(255 - 14)
      expect(w.endsWith('.loi.xlsx')).toBe(true)
      expect(w.split('.')[0]?.toUpperCase()).not.toMatch(/^(CON|NUL)$/)
      expect(w).not.toMatch(/[\u200b\u202e]/)
    }
    expect(written).toContain('_CON.loi.xlsx')
    expect(written).toContain('_nul.xls.loi.xlsx')
    expect(written).toContain('baocao.loi.xlsx')
    expect(written).toContain('xlsx.loi.xlsx')
    expect(written.some((w) => w.startsWith('Báo cáo công tác trẻ em'))).toBe(true)
  }, 120_000)
})

describe('sheaf with a mistyped SHEAF_* setting', () => {
  it('stops with exit 2 and names the setting and what it takes', () => {
    for (const [name, value] of [
      ['SHEAF_READ_TIMEOUT_MS', '20s'],
      ['SHEAF_CODE_CACHE', 'off'],
    ] as const) {
      const r = sheaf(['validate', ...season, 'units.csv'], { [name]: value })
      expect(r.status, name).toBe(2)
      expect(r.stderr).toContain(`${name}="${value}"`)
      expect(r.stderr).toMatch(/không hợp lệ/)
      expect(r.stdout).toBe('')
    }
  }, 60_000)
})

describe('sheaf feedback with a nine-million-cell workbook', () => {
  it('reads and marks up in workers only: the command keeps a small heap and writes the rest', () => {
    const folder = path.join(dir, 'nine')
    fs.mkdirSync(folder, { recursive: true })
    fs.writeFileSync(path.join(folder, 'units.csv'), UNITS_CSV)
    fs.writeFileSync(path.join(folder, '08002-chin-trieu-o.xlsx'), nineMillionCells(pack))
    const count = pack.indicators.find((i) => i.kind === 'count')!
    fs.writeFileSync(
      path.join(folder, '08001-xa-tam-duong.xlsx'),
      validWorkbook(pack, { values: { [count.code]: { total: 'nhiều' } } }),
    )
    const out = path.join(folder, 'feedback')
    // the command's own thread gets 160 MB: reading the big file there would need gigabytes
    const r = spawnSync(
      process.execPath,
      ['--max-old-space-size=160', BIN, 'feedback', ...seasonOf(folder), '--out', out, '--json', folder],
      {
        cwd: dir,
        encoding: 'utf8',
        timeout: 120_000,
        env: { ...process.env, SHEAF_READ_TIMEOUT_MS: '4000' },
      },
    )
    expect(r.status, r.stderr).toBe(0)
    const written = (JSON.parse(r.stdout) as { feedback: string[] }).feedback.map((f) => path.basename(f))
    expect(written).toContain('08001-xa-tam-duong.loi.xlsx')
    // the big file gets its note (read again, please) rather than a marked-up copy
    expect(written).toContain('08002-chin-trieu-o.loi.xlsx')
  }, 120_000)
})
