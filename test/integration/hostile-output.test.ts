import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PeriodId } from '../../src-main/shared/period'
import { indexUnits } from '../../src-main/core/submission/identify-unit'
import { parseUnitList } from '../../src-main/core/units/parse-unit-list'
import { openDatabase } from '../../src-main/db'
import type { SheafDb } from '../../src-main/db'
import { exportReport } from '../../src-main/services/consolidate-period'
import { exportFeedback } from '../../src-main/services/export-feedback'
import type { FileSystem } from '../../src-main/services/fs-seam'
import { OutputError, realFs, writeFileAtomic } from '../../src-main/services/fs-seam'
import { importFiles } from '../../src-main/services/import-files'
import { prepareSeason } from '../../src-main/services/prepare-season'
import { TaskWorker } from '../../src-main/services/read-pool/task-worker'
import { loadTestPack } from '../helpers/load-test-pack'
import { sampleHeader } from '../helpers/output-fixtures'
import { tempDir } from './db-helpers'
import { UNITS_CSV, validWorkbook } from '../fixtures/hostile/valid-workbook'

const pack = loadTestPack()
const period = '2025-Y' as PeriodId
const parsed = parseUnitList(new TextEncoder().encode(UNITS_CSV), 'units.csv')
if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
const units = parsed.units

const FAILURES = [
  { code: 'EACCES', vi: /Không có quyền ghi/, en: /No permission to write/ },
  { code: 'EBUSY', vi: /đang được mở bởi chương trình khác/, en: /open in another program/ },
  { code: 'ENOSPC', vi: /Ổ đĩa đã đầy/, en: /disk is full/ },
] as const

/** The real file system, except that writing (`at: 'write'`) or renaming into place fails with `code`. */
function failing(code: string, at: 'write' | 'rename'): FileSystem {
  const err = () => Object.assign(new Error(code), { code })
  return {
    ...realFs,
    writeFile: (p, data) => {
      if (at === 'write') {
        // a full disk leaves a partial temporary file behind before it fails
        realFs.writeFile(p, data.subarray(0, data.length >> 1))
        throw err()
      }
      realFs.writeFile(p, data)
    },
    rename: (from, to) => {
      if (at === 'rename') throw err()
      realFs.rename(from, to)
    },
  }
}

let dir: string
let db: SheafDb
const tasks = new TaskWorker()
beforeAll(async () => {
  dir = tempDir('sheaf-hostile-out-')
  db = openDatabase(':memory:')
  prepareSeason(db, pack, period, units)
  const file = path.join(dir, 'in.xlsx')
  const firstCount = pack.indicators.find((i) => i.kind === 'count')!
  fs.writeFileSync(file, validWorkbook(pack, { values: { [firstCount.code]: { total: 'mười' } } }))
  await importFiles(db, { pack, units: indexUnits(units), period }, [{ path: file, display: 'in.xlsx' }])
})
afterAll(async () => {
  await tasks.close()
  db.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const leftovers = (d: string) => fs.readdirSync(d).filter((n) => n.endsWith('.tmp'))

describe('writeFileAtomic under injected failures', () => {
  for (const f of FAILURES)
    for (const at of ['write', 'rename'] as const)
      it(`${f.code} while ${at === 'write' ? 'writing' : 'replacing'}: the previous file is kept, no temporary file stays`, () => {
        const target = path.join(dir, `atomic-${f.code}-${at}.xlsx`)
        fs.writeFileSync(target, 'previous')
        let error: unknown
        try {
          writeFileAtomic(failing(f.code, at), target, new Uint8Array(1000).fill(1))
        } catch (e) {
          error = e
        }
        expect(error).toBeInstanceOf(OutputError)
        expect((error as OutputError).text.vi).toMatch(f.vi)
        expect((error as OutputError).text.en).toMatch(f.en)
        expect(fs.readFileSync(target, 'utf8')).toBe('previous')
        expect(leftovers(dir)).toEqual([])
      })
})

describe('exportReport and exportFeedback under injected failures', () => {
  for (const f of FAILURES) {
    it(`exportReport with ${f.code}: a clear message and no report under the final name`, async () => {
      const out = path.join(dir, `report-${f.code}.xlsx`)
      await expect(
        exportReport(db, {
          pack,
          period,
          outPath: out,
          header: sampleHeader(),
          fsys: failing(f.code, 'write'),
        }),
      ).rejects.toSatisfy(
        (e: unknown) => e instanceof OutputError && f.vi.test(e.text.vi) && f.en.test(e.text.en),
      )
      expect(fs.existsSync(out)).toBe(false)
      expect(leftovers(dir)).toEqual([])
    })

    it(`exportFeedback with ${f.code}: a clear message and the earlier feedback file untouched`, async () => {
      const outDir = path.join(dir, `feedback-${f.code}`)
      fs.mkdirSync(outDir)
      fs.writeFileSync(path.join(outDir, 'in.loi.xlsx'), 'earlier')
      await expect(
        exportFeedback(db, {
          pack,
          bytes: validWorkbook(pack),
          fileName: 'in.xlsx',
          problems: [
            {
              rule: 'V01',
              severity: 'error',
              sheet: 'Bieu 01',
              cell: 'F10',
              message: { vi: 'sai', en: 'wrong' },
            },
          ],
          unit: '08001',
          outDir,
          submissionId: null,
          fsys: failing(f.code, 'rename'),
          tasks,
        }),
      ).rejects.toSatisfy((e: unknown) => e instanceof OutputError && f.vi.test(e.text.vi))
      expect(fs.readFileSync(path.join(outDir, 'in.loi.xlsx'), 'utf8')).toBe('earlier')
      expect(leftovers(outDir)).toEqual([])
    })
  }

  it('writes the report once the failure is gone', async () => {
    const out = path.join(dir, 'report-ok.xlsx')
    const r = await exportReport(db, {
      pack,
      period,
      outPath: out,
      header: sampleHeader(),
    })
    expect(r.output).toBe(out)
    expect(fs.existsSync(out)).toBe(true)
  })
})
