// The feedback a unit gets: the form's column labels, messages that say what is wrong and how to fix
// it in Vietnamese number style, one problem per wrong cell, and for a file that could not be read a
// note that says why and asks for it again.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as XLSX from '@e965/xlsx'
import { beforeAll, describe, expect, it } from 'vitest'
import { seasonArgs, sheaf } from '../helpers/run-sheaf'
import { loadTestPack } from '../helpers/load-test-pack'
import { annualUnitGrid } from '../helpers/form-grid'
import type { FormOptions, Value } from '../helpers/form-grid'
import { gridToBytes } from '../helpers/grid-to-xlsx'

const pack = loadTestPack()
let dir: string
let lists: Map<string, string[][]>

function unitFile(name: string, code: string, o: FormOptions, info: Record<string, Value> = {}): void {
  const g = annualUnitGrid(pack, code, { unitLine: 'UBND', ...o }, info)
  fs.writeFileSync(path.join(dir, 'in', name), gridToBytes(g))
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sheaf-feedback-'))
  fs.mkdirSync(path.join(dir, 'in'))
  fs.writeFileSync(
    path.join(dir, 'units.csv'),
    'code,name,kind,dept,aliases\n08001,Xã Tam Đường,xa,,\n08002,Phường Tân Phong,phuong,,\n08003,Xã Bình Lư,xa,,\n',
  )
  unitFile('08001.xlsx', '08001', {
    values: {
      // one negative figure: one problem, not five
      'TE.0101': { total: 100, male: 104, female: -4 },
      'TE.0101a': { total: 30, male: 20, female: 10 },
      // text that could mean 1234 or 1,234
      'TE.0103': { total: '1,234' },
      // a rate that differs from numerator / denominator
      'TE.0204': { total: 50 },
      'TE.0203': { total: 348 },
      'TE.0204r': { total: 10 },
      // a child above its parent
      'TE.0205': { total: 10 },
      'TE.0207': { total: 1100 },
    },
  })
  unitFile('08002.xlsx', '08002', { values: { 'TE.0101': { total: 5 } } }, { period: '6 tháng đầu năm' })
  fs.writeFileSync(path.join(dir, 'in', '08003-xa-binh-lu.xlsx'), 'not a workbook')
  const out = path.join(dir, 'out')
  const r = await sheaf(
    'feedback',
    ...seasonArgs(path.join(dir, 'units.csv')),
    '--out',
    out,
    path.join(dir, 'in'),
  )
  expect(r.code, r.err).toBe(0)
  lists = new Map()
  for (const name of fs.readdirSync(out)) {
    const wb = XLSX.read(fs.readFileSync(path.join(out, name)))
    lists.set(
      name,
      XLSX.utils
        .sheet_to_json<unknown[]>(wb.Sheets['Loi can sua']!, { header: 1, defval: '' })
        .map((r) => r.map(String)),
    )
  }
})

describe('sheaf feedback', () => {
  it('writes one feedback file per file with problems, the unreadable one included', () => {
    expect([...lists.keys()].sort()).toEqual([
      '08001.loi.xlsx',
      '08002.loi.xlsx',
      '08003-xa-binh-lu.loi.xlsx',
    ])
  })

  it("names columns by the form's labels, one problem per wrong cell, fixes in Vietnamese number style", () => {
    const rows = lists.get('08001.loi.xlsx')!.slice(3)
    const rules = rows.map((r) => `${r[1]}:${r[5]}:${r[6]}`)
    expect(rules).toContain('V03:TE.0101:Kỳ báo cáo - Nữ (4)')
    expect(rules.filter((r) => r.startsWith('V') && r.includes('TE.0101:'))).toEqual([
      'V03:TE.0101:Kỳ báo cáo - Nữ (4)',
    ])
    expect(rows.map((r) => r[6]).some((c) => /^(total|male|female|ethnic)$/.test(c ?? ''))).toBe(false)
    const v02 = rows.find((r) => r[1] === 'V02')![8]!
    expect(v02).toContain('hãy ghi 1234')
    // the hint never offers the ambiguous text itself as the fix
    expect(v02.slice(v02.indexOf('hãy'))).not.toContain('1,234')
    const v12 = rows.find((r) => r[1] === 'V12')![8]!
    expect(v12).toContain('50 / 348 x 100 = 14,37%')
    expect(v12).not.toMatch(/\d\.\d/)
  })

  it('says how to fix a relation between rows, not only what is wrong', () => {
    const v11 = lists.get('08001.loi.xlsx')!.find((r) => r[1] === 'V11')!
    expect(v11[5]).toBe('TE.0207')
    expect(v11[8]).toContain('(1.100) lớn hơn dòng cha TE.0205 (10)')
    expect(v11[8]).toMatch(/; TE\.0207 là một phần của TE\.0205 nên không được lớn hơn, hãy sửa số sai/)
  })

  it('says the period in words', () => {
    const s04 = lists.get('08002.loi.xlsx')!.find((r) => r[1] === 'S04')![8]!
    expect(s04).toContain('6 tháng đầu năm 2025')
    expect(s04).toContain('năm 2025')
    expect(s04).not.toMatch(/2025-(H1|Y)/)
  })

  it('asks for an unreadable file again, with the reason', () => {
    const note = lists.get('08003-xa-binh-lu.loi.xlsx')!
    expect(note[0]![0]).toContain('08003-xa-binh-lu.xlsx')
    expect(note[1]![0]).toMatch(/^Tệp không đọc được nên chưa được tổng hợp: .+gửi lại\.$/)
    expect(note.slice(3).map((r) => r[1])).toContain('S01')
  })
})
