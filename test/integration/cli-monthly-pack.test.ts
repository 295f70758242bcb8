// A monthly form through the `sheaf` command (the small test pack): only its own periods are
// offered, a month's file is read for its month, and the column of the annual form only is left out
// of a month's blank form, figures and report, but kept in the year's.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as XLSX from '@e965/xlsx'
import { beforeEach, describe, expect, it } from 'vitest'
import { formSheet, grid, infoSheet } from '../helpers/form-grid'
import { gridToBytes } from '../helpers/grid-to-xlsx'
import { loadTestPack, MONTHLY_PACK_DIR } from '../helpers/load-test-pack'
import { sheaf, seasonArgs } from '../helpers/run-sheaf'

const pack = loadTestPack(MONTHLY_PACK_DIR)
let dir: string

const csv = (file: string, sheet: string) =>
  XLSX.utils.sheet_to_csv(XLSX.read(fs.readFileSync(file)).Sheets[sheet] as XLSX.WorkSheet)

function monthFile(name: string, code: string, month: number, ethnic: number): void {
  const g = grid(
    infoSheet({ unitCode: code, period: `Tháng ${month}`, year: 2025, templateVersion: 'CT-2025.1' }),
    formSheet(
      pack,
      {
        unitLine: 'UBND XÃ TAM ĐƯỜNG',
        title: `BÁO CÁO CÂN TRẺ EM DƯỚI 5 TUỔI THÁNG ${month} NĂM 2025`,
        values: {
          'CT.01': { total: 100, male: 60, female: 40, ethnic },
          'CT.02': { total: 20, male: 12, female: 8, ethnic: 5 },
          'CT.02r': { total: 20 },
        },
      },
      'Bieu DD',
    ),
  )
  fs.mkdirSync(path.join(dir, 'in'), { recursive: true })
  fs.writeFileSync(path.join(dir, 'in', name), gridToBytes(g))
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sheaf-monthly-'))
  fs.writeFileSync(path.join(dir, 'units.csv'), 'code,name,kind,dept,aliases\n08001,Xã Tam Đường,xa,,\n')
})

const args = (period: string) => seasonArgs(path.join(dir, 'units.csv'), period, MONTHLY_PACK_DIR)

describe('a monthly form through sheaf', () => {
  it('refuses a period the form does not have, naming its periods in words', async () => {
    monthFile('08001.xlsx', '08001', 3, 10)
    const r = await sheaf('validate', ...args('2025-Q1'), path.join(dir, 'in'))
    expect(r.code).toBe(2)
    expect(r.err).toContain('không có kỳ Quý I năm 2025 (2025-Q1)')
    expect(r.err).toContain('Tháng 3 năm 2025 (2025-M03)')
  })

  it('reads a month’s file for its month, and tells a file of another month in words', async () => {
    monthFile('08001-t3.xlsx', '08001', 3, 10)
    const out = path.join(dir, 'r.xlsx')
    const r = await sheaf('consolidate', ...args('2025-M03'), '--out', out, '--json', path.join(dir, 'in'))
    expect(r.code).toBe(0)
    const doc = JSON.parse(r.out)
    expect(doc.submissions[0].status).toBe('accepted')
    expect(doc.totals['CT.01']).toMatchObject({ total: 100, male: 60, female: 40 })
    // the annual form's column is no month's figure, nor in its report
    expect(Object.keys(doc.totals['CT.01'])).not.toContain('ethnic')
    expect(csv(out, 'Bieu DD')).not.toContain('Dân tộc thiểu số')

    const april = await sheaf('validate', ...args('2025-M04'), '--json', path.join(dir, 'in'))
    const s04 = JSON.parse(april.out).submissions[0].issues.find((i: { rule: string }) => i.rule === 'S04')
    expect(s04.message).toContain('Tệp là báo cáo tháng 3 năm 2025, không phải tháng 4 năm 2025')
  })

  it('writes a month’s blank form without the annual column, and the year’s with it', async () => {
    const m = path.join(dir, 'm.xlsx')
    const y = path.join(dir, 'y.xlsx')
    expect(
      (await sheaf('blank', '--template', MONTHLY_PACK_DIR, '--period', '2025-M03', '--out', m)).code,
    ).toBe(0)
    expect(
      (await sheaf('blank', '--template', MONTHLY_PACK_DIR, '--period', '2025-Y', '--out', y)).code,
    ).toBe(0)
    expect(csv(m, 'Bieu DD')).toContain('THÁNG 3 2025')
    expect(csv(m, 'Bieu DD')).not.toContain('Dân tộc thiểu số')
    expect(csv(y, 'Bieu DD')).toContain('Dân tộc thiểu số')
  })
})
