// The report's header and signature texts from the CLI: each flag lands in its cell, and with --db
// the season remembers them (its number and date for itself only, the rest for the next season too).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as XLSX from '@e965/xlsx'
import { beforeAll, describe, expect, it } from 'vitest'
import { seasonArgs, sheaf } from '../helpers/run-sheaf'
import { loadTestPack } from '../helpers/load-test-pack'
import { formSheet, grid, infoSheet } from '../helpers/form-grid'
import { gridToBytes } from '../helpers/grid-to-xlsx'

const pack = loadTestPack()
let dir: string

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sheaf-header-'))
  fs.writeFileSync(path.join(dir, 'units.csv'), 'code,name,kind,dept,aliases\n08001,Xã Tam Đường,xa,,\n')
  fs.mkdirSync(path.join(dir, 'in'))
  for (const [period, name] of [
    ['Năm', '2025-Y'],
    ['6 tháng đầu năm', '2025-H1'],
  ] as const) {
    const g = grid(
      infoSheet({ unitCode: '08001', period, year: 2025, templateVersion: 'TE-2025.1' } as never),
      formSheet(pack, { unitLine: 'UBND XÃ TAM ĐƯỜNG', values: { 'TE.0101': { total: 10 } } }),
    )
    fs.mkdirSync(path.join(dir, 'in', name))
    fs.writeFileSync(path.join(dir, 'in', name, '08001.xlsx'), gridToBytes(g))
  }
})

/** Every text of the figures sheet, row by row (1-based), blanks dropped. */
function rowsOf(file: string): Map<number, string[]> {
  const wb = XLSX.read(fs.readFileSync(file), { type: 'buffer', sheets: [pack.layout.sheets.figures] })
  const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[pack.layout.sheets.figures]!, {
    header: 1,
    defval: null,
    blankrows: true,
  })
  const out = new Map<number, string[]>()
  rows.forEach((r, i) => {
    const texts = r.filter((v) => v !== null && v !== '').map(String)
    if (texts.length > 0) out.set(i + 1, texts)
  })
  return out
}

const allTexts = (rows: Map<number, string[]>): string[] => [...rows.values()].flat()

describe('sheaf consolidate: header and signature texts', () => {
  const db = () => path.join(dir, 'season.sqlite')

  it('puts each flag in its place', async () => {
    const out = path.join(dir, 'y.xlsx')
    const r = await sheaf(
      'consolidate',
      ...seasonArgs(path.join(dir, 'units.csv')),
      '--out',
      out,
      '--db',
      db(),
      '--governing-body',
      'UBND TỈNH LAI CHÂU',
      '--issuer',
      'SỞ Y TẾ',
      '--report-no',
      '125/BC-SYT',
      '--place',
      'Lai Châu',
      '--date',
      '2026-01-15',
      '--signer-title',
      'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC',
      '--signer',
      'Nguyễn Văn An',
      '--preparer',
      'Lò Thị Mai',
      '--recipients',
      'Bộ Y tế;UBND tỉnh;Lưu: VT',
      path.join(dir, 'in', '2025-Y'),
    )
    expect(r.code, r.err).toBe(0)
    const rows = rowsOf(out)
    expect(rows.get(1)?.[0]).toBe('UBND TỈNH LAI CHÂU')
    expect(rows.get(2)?.[0]).toBe('SỞ Y TẾ')
    expect(rows.get(4)).toEqual(['Số: 125/BC-SYT', 'Lai Châu, ngày 15 tháng 01 năm 2026'])
    const texts = allTexts(rows)
    for (const t of [
      'KT. GIÁM ĐỐC',
      'PHÓ GIÁM ĐỐC',
      'Nguyễn Văn An',
      'Lò Thị Mai',
      'Nơi nhận:',
      '- Bộ Y tế;',
    ])
      expect(texts).toContain(t)
    expect(texts).toContain('- Lưu: VT.')
  })

  it('remembers the texts for the season, and all but the number and date for the next one', async () => {
    const again = path.join(dir, 'y2.xlsx')
    const base = seasonArgs(path.join(dir, 'units.csv'))
    expect(
      (await sheaf('consolidate', ...base, '--out', again, '--db', db(), path.join(dir, 'in', '2025-Y')))
        .code,
    ).toBe(0)
    const same = allTexts(rowsOf(again))
    expect(same).toContain('Số: 125/BC-SYT')
    expect(same).toContain('Lai Châu, ngày 15 tháng 01 năm 2026')
    expect(same).toContain('Nguyễn Văn An')

    const half = path.join(dir, 'h1.xlsx')
    const args = seasonArgs(path.join(dir, 'units.csv'), '2025-H1')
    expect(
      (await sheaf('consolidate', ...args, '--out', half, '--db', db(), path.join(dir, 'in', '2025-H1')))
        .code,
    ).toBe(0)
    const next = rowsOf(half)
    expect(next.get(1)?.[0]).toBe('UBND TỈNH LAI CHÂU')
    expect(allTexts(next)).toContain('Nguyễn Văn An')
    expect(allTexts(next)).toContain('PHÓ GIÁM ĐỐC')
    // another report: its number is not the first one's, and its date is not taken from the clock
    // for a period that ended long ago
    expect(next.get(4)).toEqual(['Số: ……/BC-SYT', 'Lai Châu, ngày …… tháng …… năm ……'])
  })

  it('refuses a date that is not YYYY-MM-DD (exit 2)', async () => {
    const r = await sheaf(
      'consolidate',
      ...seasonArgs(path.join(dir, 'units.csv')),
      '--out',
      path.join(dir, 'bad.xlsx'),
      '--date',
      '15/01/2026',
      path.join(dir, 'in', '2025-Y'),
    )
    expect(r.code).toBe(2)
    expect(r.err).toContain('--date')
  })
})
