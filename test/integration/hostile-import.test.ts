import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PeriodId } from '../../src-main/shared/period'
import { indexUnits } from '../../src-main/core/submission/identify-unit'
import { parseUnitList } from '../../src-main/core/units/parse-unit-list'
import type { Unit } from '../../src-main/core/units/unit'
import { listSubmissions, openDatabase } from '../../src-main/db'
import { collectInputs } from '../../src-main/services/collect-inputs'
import type { FileSystem } from '../../src-main/services/fs-seam'
import { realFs } from '../../src-main/services/fs-seam'
import type { ImportedFile } from '../../src-main/services/import-files'
import { importFiles } from '../../src-main/services/import-files'
import { prepareSeason } from '../../src-main/services/prepare-season'
import { loadTestPack } from '../helpers/load-test-pack'
import { tempDir } from './db-helpers'
import { hostileCorpus } from '../fixtures/hostile/hostile-files'
import { UNITS_CSV, validWorkbook } from '../fixtures/hostile/valid-workbook'

const pack = loadTestPack()
const period = '2025-Y' as PeriodId
const parsed = parseUnitList(new TextEncoder().encode(UNITS_CSV), 'units.csv')
if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
const units: Unit[] = parsed.units
const ctx = { pack, units: indexUnits(units), period }

function freshDb() {
  const db = openDatabase(':memory:')
  prepareSeason(db, pack, period, units)
  return db
}

let dir: string
beforeAll(() => {
  dir = tempDir('sheaf-hostile-')
})
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

const s01 = (f: ImportedFile) => f.problems.find((p) => p.rule === 'S01')?.message

describe('importFiles on hostile input', () => {
  it('gives every file of the corpus a stored verdict, in input order, and the batch goes on', async () => {
    const corpus = hostileCorpus(pack, { heavy: false })
    const sub = path.join(dir, 'corpus')
    fs.mkdirSync(sub)
    for (const c of corpus) fs.writeFileSync(path.join(sub, c.name), c.bytes)
    const { files } = collectInputs([sub])
    // csv-named etc. keep spreadsheet extensions, so the folder listing takes every case
    expect(files).toHaveLength(corpus.length)
    const db = freshDb()
    const progress: number[] = []
    const seen: string[] = []
    const out = await importFiles(db, ctx, files, {
      onProgress: (p) => progress.push(p.done),
      onFile: (f) => seen.push(f.file),
      read: { workers: 2, timeoutMs: 15_000 },
    })
    expect(out.map((f) => f.file)).toEqual(files.map((f) => f.display))
    expect(seen).toEqual(files.map((f) => f.display))
    expect(progress[progress.length - 1]).toBe(files.length)
    for (const f of out) {
      const c = corpus.find((x) => f.file.endsWith(x.name))!
      if (c.expect.kind === 'S01') {
        expect(f.status, c.name).toBe('rejected')
        expect(s01(f)?.vi, c.name).toMatch(c.expect.message)
      }
      if (c.expect.kind === 'accepted') expect(f.status, c.name).toBe('accepted')
      // every file that could be read from disk is stored with its verdict
      expect(f.submissionId, c.name).not.toBeNull()
    }
    // the Vietnamese-named copy and the macro workbook hold the same figures as the valid file
    expect(listSubmissions(db, { form: pack.manifest.id, period }).length).toBeGreaterThanOrEqual(
      corpus.length - 1,
    )
    db.close()
  })

  it('reads files with Vietnamese names, spaces and a very long path', async () => {
    let deep = path.join(dir, 'Thư mục báo cáo năm 2025')
    while (deep.length < 300) deep = path.join(deep, 'Báo cáo các xã phường thị trấn')
    fs.mkdirSync(deep, { recursive: true })
    const file = path.join(deep, 'UBND xã Tam Đường – báo cáo (bản sửa lần 2).xlsx')
    fs.writeFileSync(file, validWorkbook(pack))
    const db = freshDb()
    const [f] = await importFiles(db, ctx, collectInputs([deep]).files)
    expect(f?.status).toBe('accepted')
    expect(f?.unit).toBe('08001')
    expect(f?.file).toBe(file)
    db.close()
  })

  it('rejects a file that vanishes or is locked while the batch is read, and reads the others', async () => {
    const names = ['a-08001.xlsx', 'gone.xlsx', 'locked.xlsx', 'grown.xlsx', 'b-08002.xlsx']
    const inputs = names.map((n) => ({ path: `/virtual/${n}`, display: n }))
    const good = validWorkbook(pack)
    const other = validWorkbook(pack, {
      unitLine: 'UBND PHƯỜNG TÂN PHONG',
      info: { unitCode: '08002', period: 'Năm', year: 2025 },
    })
    const fail = (code: string) => Object.assign(new Error(code), { code })
    const fsys: FileSystem = {
      ...realFs,
      stat: (p) => {
        if (p.endsWith('gone.xlsx')) throw fail('ENOENT')
        return { size: 1000, mtimeMs: 1, isDirectory: false, isFile: true }
      },
      readFile: (p) => {
        if (p.endsWith('locked.xlsx')) throw fail('EBUSY')
        if (p.endsWith('grown.xlsx')) return new Uint8Array(2 * 1024 * 1024)
        return p.includes('08002') ? other : good
      },
    }
    const db = freshDb()
    const out = await importFiles(db, ctx, inputs, { fsys, read: { maxFileBytes: 1024 * 1024 } })
    expect(out.map((f) => f.status)).toEqual(['accepted', 'rejected', 'rejected', 'rejected', 'accepted'])
    expect(s01(out[1]!)?.vi).toMatch(/tệp đã bị xóa hoặc di chuyển/)
    expect(s01(out[2]!)?.vi).toMatch(/đang bị khóa/)
    expect(s01(out[2]!)?.en).toMatch(/locked/)
    expect(s01(out[3]!)?.vi).toMatch(/quá lớn \(2\.0 MB\)/)
    expect(out[4]!.unit).toBe('08002')
    db.close()
  })

  it('refuses a file over the size limit before reading it', async () => {
    const big = path.join(dir, 'big.xlsx')
    fs.writeFileSync(big, new Uint8Array(3 * 1024 * 1024))
    let read = false
    const fsys: FileSystem = {
      ...realFs,
      readFile: (p) => {
        read = true
        return realFs.readFile(p)
      },
    }
    const db = freshDb()
    const [f] = await importFiles(db, ctx, [{ path: big, display: 'big.xlsx' }], {
      fsys,
      read: { maxFileBytes: 2 * 1024 * 1024 },
    })
    expect(read).toBe(false)
    expect(s01(f!)?.vi).toMatch(/tệp quá lớn \(3\.0 MB, tối đa 2 MB\)/)
    db.close()
  })

  it('stops when cancelled: finished files are stored, the others leave no trace', async () => {
    const sub = path.join(dir, 'cancel')
    fs.mkdirSync(sub)
    for (let i = 0; i < 6; i++)
      fs.writeFileSync(
        path.join(sub, `f${i}.xlsx`),
        validWorkbook(pack, { values: { [pack.indicators[1]!.code]: { note: `v${i}` } } }),
      )
    const db = freshDb()
    let stored = 0
    const out = await importFiles(db, ctx, collectInputs([sub]).files, {
      onFile: () => stored++,
      isCancelled: () => stored >= 2,
    })
    expect(out).toHaveLength(2)
    expect(listSubmissions(db, { form: pack.manifest.id, period })).toHaveLength(2)
    db.close()
  })
})
