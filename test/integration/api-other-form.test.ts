// A batch of another form through the API the import screen uses: files of the immunization form
// dropped into the child-work season are recognised; while that form has no season they are told
// with S10 and the batch is flagged once, with the offer to make the season and move them (only
// them) there; once the season exists, later files of that form are stored there directly, and
// the batch says so. The child-work season never counts them.
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BatchView, ImportResult, StatusRow } from '../../src-main/shared/api-types'
import type { PeriodId } from '../../src-main/shared/period'
import { makeRng } from '../fixtures/generator'
import { immunizationFigures, writeImmunizationFile } from '../fixtures/generator/immunization'
import { SAMPLE_UNITS } from '../e2e/sample-season'
import { loadImmunizationPack } from '../helpers/immunization-pack'
import type { SampleApi } from '../helpers/sample-api'
import { openSampleApi } from '../helpers/sample-api'

const PERIOD = '2025-H1' as PeriodId
const TC = 'immunization-6m-2025'
const TC_NAME = 'Báo cáo kết quả tiêm chủng mở rộng năm 2025'
let opened: SampleApi
let call: SampleApi['call']

async function status(form: string): Promise<Map<string, StatusRow>> {
  return new Map((await call<StatusRow[]>('status.list', { period: PERIOD, form })).map((r) => [r.unit, r]))
}

/** Immunization files of the sample's communes, from a seed. */
async function immunizationFiles(dir: string, codes: readonly string[]): Promise<string[]> {
  const pack = loadImmunizationPack()
  const rng = makeRng(1516)
  fs.mkdirSync(dir, { recursive: true })
  const out: string[] = []
  for (const code of codes) {
    const unit = SAMPLE_UNITS.find((u) => u.code === code)!
    const r = rng.fork(code)
    const file = await writeImmunizationFile(pack, unit, immunizationFigures(pack, r, PERIOD), {
      period: PERIOD,
      rng: r,
    })
    const p = path.join(dir, `${code}-tiem-chung.xlsx`)
    fs.writeFileSync(p, file.bytes)
    out.push(p)
  }
  return out
}

beforeAll(async () => {
  opened = await openSampleApi('other-form', PERIOD)
  call = opened.call
})
afterAll(() => opened.close())

describe('a batch of another form (API)', () => {
  it('is told once with S10 while that form has no season, and moved (its files only) to a season made for it', async () => {
    const dir = path.join(path.dirname(opened.season.unitsCsv), '..', 'tc')
    const tcFiles = await immunizationFiles(dir, ['08001', '08003', '08004'])
    const own = opened.season.files.find((f) => path.basename(f).startsWith('08002'))!
    const done = await opened.importFiles(PERIOD, [...tcFiles, own])
    const results = done.results as ImportResult[]
    expect(
      results.filter((r) => r.firstProblem?.vi.startsWith(`Tệp là báo cáo theo mẫu "${TC_NAME}"`)),
    ).toHaveLength(3)
    expect(done.batch?.mostlyForm).toEqual({
      form: TC,
      name: { vi: TC_NAME, en: 'Expanded immunization report 2025' },
      period: PERIOD,
      count: 3,
      stored: false,
    })
    // told as a batch of another form, not of another period or with no table
    expect(done.batch?.mostlyPeriod).toBeNull()
    expect(done.batch?.mostlyOtherForm).toBe(false)
    expect(done.batch?.counts.knownOtherForm).toBe(3)
    // the batch's sentence tells them apart, not as new files with errors
    expect(done.batch?.summary).toEqual({
      vi: 'Đợt nhận 4 tệp: 1 tệp mới (1 hợp lệ, 0 có lỗi), 3 tệp của mẫu biểu khác',
      en: 'Batch of 4 files: 1 new file (1 valid, 0 with errors), 3 files of another form',
    })
    // the child-work season does not count them
    const cw = await status('child-work-2025')
    expect(cw.get('08001')?.state).not.toBe('accepted')
    expect(cw.get('08002')?.state).toBe('accepted')

    const moved = await opened.batchFinished(() =>
      call('batch.moveTo', { batchId: done.batch?.id, period: PERIOD, form: TC }),
    )
    expect(moved.batch?.counts.new).toBe(3)
    expect(moved.batch?.mostlyForm).toBeNull()
    const periods = await call<{ id: string; templateId: string }[]>('period.list', {})
    expect(periods.some((p) => p.id === PERIOD && p.templateId === TC)).toBe(true)
    const tc = await status(TC)
    expect(['accepted', 'rejected']).toContain(tc.get('08001')?.state)
    expect(tc.get('08002')?.state).toBe('not_received')
    // the child-work batch keeps its own file, the moved ones set aside, and warns no more
    const after = (
      await call<BatchView[]>('import.batches', { period: PERIOD, form: 'child-work-2025' })
    ).find((b) => b.id === done.batch?.id)
    expect(after?.setAside).toBe(false)
    expect(after?.mostlyForm).toBeNull()
    expect((await status('child-work-2025')).get('08002')?.state).toBe('accepted')
  })

  it('stores later files of that form under its season directly, and says so for the batch', async () => {
    const dir = path.join(path.dirname(opened.season.unitsCsv), '..', 'tc2')
    const files = await immunizationFiles(dir, ['08002', '08005'])
    const done = await opened.importFiles(PERIOD, files, { form: 'child-work-2025' })
    expect(done.batch?.mostlyForm).toMatchObject({ form: TC, period: PERIOD, count: 2, stored: true })
    const results = done.results as ImportResult[]
    expect(
      results.map((r) => r.firstProblem?.vi ?? '').some((m) => m.includes('Tệp là báo cáo theo mẫu')),
    ).toBe(false)
    const tc = await status(TC)
    expect(tc.get('08005')?.state).not.toBe('not_received')
    expect((await status('child-work-2025')).get('08005')?.files).toBe(0)
  })
})
