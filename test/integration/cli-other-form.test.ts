// A file of another known form in a batch, through the `sheaf` command: with no season of that form
// in the database it is refused with S10 (the form and period in words, Vietnamese or English) and
// never counts for the season; once the form has a season for the file's period, the file is stored
// there (the JSON says where), the season's own report does not take it, and `history` shows it
// under its own form only.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import type { PeriodId } from '../../src-main/shared/period'
import { makeCommunes, makeRng } from '../fixtures/generator'
import { immunizationFigures, writeImmunizationFile } from '../fixtures/generator/immunization'
import { formSheet, grid, infoSheet } from '../helpers/form-grid'
import { gridToBytes } from '../helpers/grid-to-xlsx'
import { loadImmunizationPack } from '../helpers/immunization-pack'
import { loadTestPack } from '../helpers/load-test-pack'
import { sheaf, seasonArgs } from '../helpers/run-sheaf'

const childWork = loadTestPack()
const immunization = loadImmunizationPack()
const period = '2025-H1' as PeriodId
const rng = makeRng(1507)
const communes = makeCommunes(4, rng.fork('units'))
let dir: string

type Sub = {
  file: string
  unit: string | null
  status: string
  template?: string
  period?: string
  issues: { rule: string; message: string }[]
}

async function writeFiles(folder: string, childCodes: number[], immunizationCodes: number[]): Promise<void> {
  fs.mkdirSync(folder, { recursive: true })
  for (const i of childCodes) {
    const u = communes[i]!
    const g = grid(
      infoSheet({ unitCode: u.code, period: '6 tháng đầu năm', year: 2025, templateVersion: 'TE-2025.1' }),
      formSheet(childWork, {
        unitLine: `UBND ${u.name.toUpperCase()}`,
        title: 'BIỂU SỐ LIỆU KẾT QUẢ THỰC HIỆN CÔNG TÁC TRẺ EM 6 THÁNG ĐẦU NĂM 2025',
        values: { 'TE.0101': { prev: 100 + i, total: 120 + i, male: 70, female: 50 + i } },
      }),
    )
    fs.writeFileSync(path.join(folder, `${u.code}-tre-em.xlsx`), gridToBytes(g))
  }
  for (const i of immunizationCodes) {
    const u = communes[i]!
    const r = rng.fork(`tc-${u.code}`)
    const file = await writeImmunizationFile(immunization, u, immunizationFigures(immunization, r, period), {
      period,
      rng: r,
    })
    fs.writeFileSync(path.join(folder, `${u.code}-tiem-chung.xlsx`), file.bytes)
  }
}

const args = (template: string) => [
  ...seasonArgs(path.join(dir, 'units.csv'), period, template),
  '--db',
  path.join(dir, 'season.sqlite'),
]

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sheaf-other-form-'))
  fs.writeFileSync(
    path.join(dir, 'units.csv'),
    `code,name,kind,dept,aliases\n${communes.map((u) => `${u.code},${u.name},${u.kind},,`).join('\n')}\n`,
  )
})

describe('a file of another form in a batch (sheaf consolidate --db)', () => {
  it('is refused with S10 naming the form and period in words while that form has no season', async () => {
    await writeFiles(path.join(dir, 'in'), [0, 1], [2, 3])
    const out = path.join(dir, 'report.xlsx')
    const r = await sheaf(
      'consolidate',
      ...args('child-work-2025'),
      '--out',
      out,
      '--json',
      path.join(dir, 'in'),
    )
    expect(r.code).toBe(0)
    const doc = JSON.parse(r.out) as {
      submissions: Sub[]
      missing: string[]
      totals: Record<string, Record<string, number | null>>
    }
    const byName = new Map(doc.submissions.map((s) => [path.basename(s.file), s]))
    for (const i of [2, 3]) {
      const s = byName.get(`${communes[i]!.code}-tiem-chung.xlsx`)!
      expect(s.status).toBe('rejected')
      expect(s.template).toBeUndefined()
      // told for what it is: none of this form's rows or rules judged on it
      expect(s.issues.map((i) => i.rule)).toEqual(['S10'])
      expect(s.issues[0]?.message).toBe(
        'Tệp là báo cáo theo mẫu "Báo cáo kết quả tiêm chủng mở rộng năm 2025" (6 tháng đầu năm 2025), không phải mẫu "Biểu số liệu kết quả thực hiện công tác trẻ em năm 2025" đang tổng hợp; chưa có kỳ 6 tháng đầu năm 2025 của mẫu đó để nhận tệp: hãy tạo kỳ này cho mẫu "Báo cáo kết quả tiêm chủng mở rộng năm 2025" rồi nhận lại tệp',
      )
    }
    expect(byName.get(`${communes[0]!.code}-tre-em.xlsx`)?.status).toBe('accepted')
    // the units that sent only an immunization file have no child-work report; the totals are the two communes'
    expect(doc.missing).toEqual([communes[2]!.code, communes[3]!.code])
    expect(doc.totals['TE.0101']?.total).toBe(120 + 121)

    const en = await sheaf('validate', ...args('child-work-2025'), '--lang', 'en', path.join(dir, 'in'))
    expect(en.out).toContain(
      'S10 The file is a report on the form "Expanded immunization report 2025" (First half of 2025), not on the form "Child-work report form 2025" being consolidated',
    )
  })

  it('is stored under that form’s season once it has one, and history shows it under that form only', async () => {
    // the immunization season made with one commune's file
    await writeFiles(path.join(dir, 'tc'), [], [3])
    const made = await sheaf('validate', ...args('immunization-6m-2025'), '--json', path.join(dir, 'tc'))
    expect(made.code).toBe(0)
    // a child-work batch holding two immunization files
    await writeFiles(path.join(dir, 'in'), [0, 1], [2])
    const r = await sheaf(
      'consolidate',
      ...args('child-work-2025'),
      '--out',
      path.join(dir, 'r.xlsx'),
      '--json',
      path.join(dir, 'in'),
    )
    const doc = JSON.parse(r.out) as {
      submissions: Sub[]
      missing: string[]
      totals: Record<string, Record<string, number | null>>
    }
    const tc = doc.submissions.find((s) => path.basename(s.file) === `${communes[2]!.code}-tiem-chung.xlsx`)!
    expect(tc).toMatchObject({ template: 'immunization-6m-2025', period: '2025-H1', unit: communes[2]!.code })
    expect(tc.issues.map((i) => i.rule)).not.toContain('S10')
    expect(doc.missing).toEqual([communes[2]!.code, communes[3]!.code])
    expect(doc.totals['TE.0101']?.total).toBe(241)

    const text = await sheaf('validate', ...args('child-work-2025'), path.join(dir, 'in'))
    expect(text.out).toContain(
      '→ tệp của mẫu "Báo cáo kết quả tiêm chủng mở rộng năm 2025": đã lưu vào kỳ 6 tháng đầu năm 2025 của mẫu đó, không vào báo cáo này',
    )

    const db = path.join(dir, 'season.sqlite')
    const tcHistory = JSON.parse(
      (await sheaf('history', '--db', db, '--template', 'immunization-6m-2025', '--json')).out,
    )
    const cwHistory = JSON.parse(
      (await sheaf('history', '--db', db, '--template', 'child-work-2025', '--json')).out,
    )
    const units = (h: { history: { unit: string }[] }) => h.history.map((x) => x.unit).sort()
    expect(units(tcHistory)).toEqual([communes[2]!.code, communes[3]!.code].sort())
    expect(units(cwHistory)).toEqual([communes[0]!.code, communes[1]!.code].sort())
  })
})
