// The report says truthfully which units are missing and why (their states for the season), lists the
// file no unit could be found for, and a report sent as it is (--final) says so without contradicting
// its list of missing units.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as XLSX from '@e965/xlsx'
import { beforeAll, describe, expect, it } from 'vitest'
import { seasonArgs, sheaf } from '../helpers/run-sheaf'
import { loadTestPack } from '../helpers/load-test-pack'
import { annualUnitGrid } from '../helpers/form-grid'
import type { Value } from '../helpers/form-grid'
import { gridToBytes } from '../helpers/grid-to-xlsx'

const pack = loadTestPack()
let dir: string

function unitFile(name: string, code: string, info: Record<string, Value>, values = {}): void {
  const g = annualUnitGrid(pack, code, { unitLine: 'UBND', values }, info)
  fs.writeFileSync(path.join(dir, 'in', name), gridToBytes(g))
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sheaf-checks-'))
  fs.mkdirSync(path.join(dir, 'in'))
  fs.writeFileSync(
    path.join(dir, 'units.csv'),
    [
      'code,name,kind,dept,aliases',
      '08001,Xã Tam Đường,xa,,',
      '08002,Phường Tân Phong,phuong,,',
      '08003,Xã Bình Lư,xa,,',
      '08004,Xã Bản Bo,xa,,',
      '08005,Xã Nà Tăm,xa,,',
    ].join('\n') + '\n',
  )
  unitFile('08001.xlsx', '08001', {}, { 'TE.0101': { total: 10 } })
  // 08002: a negative figure (V03), rejected
  unitFile('08002.xlsx', '08002', {}, { 'TE.0101': { total: -4 } })
  // 08003: a file that is not a workbook, named for the unit
  fs.writeFileSync(path.join(dir, 'in', '08003-xa-binh-lu.xlsx'), 'not a workbook at all')
  // 08004: the 6-month report sent for the annual season
  unitFile('08004.xlsx', '08004', { period: '6 tháng đầu năm' }, { 'TE.0101': { total: 3 } })
  // 08005 sent nothing; a file from a unit that is not on the list
  unitFile('xa-khong-co.xlsx', '77777', { unitName: 'Xã Không Có' }, { 'TE.0101': { total: 1 } })
})

function checkRows(file: string): { title: string; rows: string[][] } {
  const wb = XLSX.read(fs.readFileSync(file))
  const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['Kiem tra']!, { header: 1, defval: '' })
  return {
    title: String(rows[0]?.[0]),
    rows: rows.slice(3).map((r) => r.map(String)),
  }
}

function alertOf(file: string): string {
  const wb = XLSX.read(fs.readFileSync(file))
  return String(wb.Sheets['Bieu 01']!['A7']?.v ?? '')
}

describe('the report on missing units', () => {
  it('names each missing unit with its state and what came from it, and the unidentified file', async () => {
    const out = path.join(dir, 'report.xlsx')
    const r = await sheaf(
      'consolidate',
      ...seasonArgs(path.join(dir, 'units.csv')),
      '--out',
      out,
      path.join(dir, 'in'),
    )
    expect(r.code, r.err).toBe(0)
    const expected =
      '4 đơn vị chưa có báo cáo hợp lệ (1 chưa nhận được; 1 tệp không đọc được; 1 gửi nhầm kỳ; 1 có lỗi, cần nộp lại)'
    expect(alertOf(out)).toBe(`BÁO CÁO TẠM THỜI: còn ${expected}`)
    const { title, rows } = checkRows(out)
    expect(title).toContain(expected)
    const byUnit = new Map(rows.map((r) => [r[1], r]))
    expect(byUnit.get('08002')?.[0]).toBe('Có lỗi, cần nộp lại')
    expect(byUnit.get('08002')?.[8]).toMatch(/^Tệp 08002\.xlsx \(lần 1\): 1 lỗi cần sửa/)
    expect(byUnit.get('08003')?.[0]).toBe('Tệp không đọc được')
    expect(byUnit.get('08003')?.[8]).toMatch(/^Tệp 08003-xa-binh-lu\.xlsx không đọc được/)
    expect(byUnit.get('08004')?.[0]).toBe('Gửi nhầm kỳ')
    expect(byUnit.get('08005')?.[0]).toBe('Chưa nhận được')
    expect(byUnit.has('08001')).toBe(false)
    const unknown = rows.find((r) => r[0] === 'Tệp không rõ đơn vị')
    expect(unknown?.[8]).toMatch(/^Tệp xa-khong-co\.xlsx: /)
    // no folder of the clerk's computer anywhere
    expect(rows.flat().filter((t) => t.includes(dir))).toEqual([])
  })

  it('with --final: a note of the decision, and the same list', async () => {
    const out = path.join(dir, 'final.xlsx')
    const r = await sheaf(
      'consolidate',
      ...seasonArgs(path.join(dir, 'units.csv')),
      '--out',
      out,
      '--final',
      path.join(dir, 'in'),
    )
    expect(r.code, r.err).toBe(0)
    expect(alertOf(out)).toMatch(/^Tổng hợp từ 1\/5 đơn vị; 4 đơn vị chưa có báo cáo hợp lệ/)
    const { title, rows } = checkRows(out)
    expect(title).toContain('Người duyệt đã quyết định gửi báo cáo khi còn 4 đơn vị chưa có báo cáo hợp lệ')
    expect(title).not.toContain('đủ')
    expect(rows.filter((r) => r[1] !== '' && /^080/.test(r[1]!)).map((r) => r[1])).toEqual([
      '08002',
      '08003',
      '08004',
      '08005',
    ])
  })
})
