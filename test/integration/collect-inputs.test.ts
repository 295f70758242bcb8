// The files a command line names: every spreadsheet directly in a folder, in name order, links to
// files included; folders, lock files, other files and broken links left out; a named file always.
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { collectInputs } from '../../src-main/services/collect-inputs'
import { tempDir } from './db-helpers'

const dir = tempDir('sheaf-inputs-')
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

describe('collectInputs', () => {
  it('lists the spreadsheets of a folder in name order, following links to files', () => {
    const folder = path.join(dir, 'nop')
    fs.mkdirSync(folder)
    const names = ['Xã Tân Phong.xlsx', 'b.XLS', 'Đồn Biên.ods', 'a.xlsx', '10. phường.xlsm', 'ảnh.xlsb']
    for (const n of names) fs.writeFileSync(path.join(folder, n), 'x')
    fs.writeFileSync(path.join(folder, '~$a.xlsx'), 'lock')
    fs.writeFileSync(path.join(folder, 'ghi chú.txt'), 'x')
    fs.mkdirSync(path.join(folder, 'cũ.xlsx'))
    const outside = path.join(dir, 'ngoài.xlsx')
    fs.writeFileSync(outside, 'x')
    fs.symlinkSync(outside, path.join(folder, 'liên kết.xlsx'))
    fs.symlinkSync(path.join(dir, 'không có.xlsx'), path.join(folder, 'gãy.xlsx'))
    const named = path.join(dir, 'tệp lẻ.csv')
    fs.writeFileSync(named, 'x')
    const { files, missing } = collectInputs([folder, named, path.join(dir, 'không có')])
    const expected = [...names, 'liên kết.xlsx'].sort((a, b) => a.localeCompare(b))
    expect(files.map((f) => path.basename(f.path))).toEqual([...expected, 'tệp lẻ.csv'])
    expect(files.every((f) => f.display === f.path)).toBe(true)
    expect(missing).toEqual([path.join(dir, 'không có')])
  })
})
