import { describe, expect, it } from 'vitest'
import {
  MAX_NAME_BYTES,
  safeFileName,
  TEMPORARY_NAME_BYTES,
  utf8Bytes,
} from '../../src-main/services/file-name'

const LIMIT = MAX_NAME_BYTES - TEMPORARY_NAME_BYTES

describe('safeFileName', () => {
  it('keeps an ordinary Vietnamese name as it is (in NFC)', () => {
    expect(safeFileName('Báo cáo xã Tam Đường.xlsx')).toBe('Báo cáo xã Tam Đường.xlsx')
    expect(safeFileName('Xa\u0303 Tam.xlsx')).toBe('Xã Tam.xlsx')
  })

  it('counts bytes, not characters, with the ending and the temporary name counted', () => {
    const long = 'Ủy ban nhân dân xã Tam Đường '.repeat(8).slice(0, 189)
    expect(long.length).toBe(189)
    expect(utf8Bytes(long)).toBeGreaterThan(LIMIT)
    const name = safeFileName(`${long}.xls`, { ending: '.loi.xlsx' })
    expect(name.endsWith('.loi.xlsx')).toBe(true)
    expect(utf8Bytes(name)).toBeLessThanOrEqual(LIMIT)
    expect(name.startsWith('Ủy ban nhân dân')).toBe(true)
    // never a half character: the name round-trips through UTF-8
    expect(new TextDecoder().decode(new TextEncoder().encode(name))).toBe(name)
    const plain = safeFileName(`${'đ'.repeat(300)}.xlsx`)
    expect(utf8Bytes(plain)).toBeLessThanOrEqual(LIMIT)
    expect(plain.endsWith('đ.xlsx')).toBe(true)
  })

  it('is never . or .., nor empty, nor a path', () => {
    for (const bad of ['.', '..', '', '   ', '...', '/', '\\']) expect(safeFileName(bad)).toBe('tep')
    expect(safeFileName('../../etc/passwd')).toBe('passwd')
    expect(safeFileName('..\\..\\Windows\\win.ini')).toBe('win.ini')
    expect(safeFileName('a:b*c?.xlsx')).toBe('a_b_c_.xlsx')
    expect(safeFileName('name. . .')).toBe('name')
  })

  it('is never a name Windows keeps for a device, with or without an extension', () => {
    for (const device of [
      'CON',
      'con.xlsx',
      'NUL.loi.xlsx',
      'Aux.txt',
      'LPT1.xls',
      'com9',
      'PRN ',
      'COM¹.xlsx',
    ])
      expect(safeFileName(device).split('.')[0]?.trim().toUpperCase()).toMatch(/^_/)
    expect(safeFileName('CON.xls', { ending: '.loi.xlsx' })).toBe('_CON.loi.xlsx')
    expect(safeFileName('CONSOLE.xlsx')).toBe('CONSOLE.xlsx')
  })

  it('drops control, bidirectional and zero-width characters', () => {
    expect(safeFileName('bao\u202Ecao\u200B\u200D\uFEFF-xa\u0007\u2066.xlsx')).toBe('baocao-xa.xlsx')
    expect(safeFileName('\u202Exslx.exe')).toBe('xslx.exe')
  })

  it('is unique in its folder without regard to case, the variant first', () => {
    const taken = new Set<string>()
    expect(safeFileName('a.xls', { ending: '.loi.xlsx', taken, variant: '-xls' })).toBe('a.loi.xlsx')
    expect(safeFileName('A.ods', { ending: '.loi.xlsx', taken, variant: '-ods' })).toBe('A-ods.loi.xlsx')
    expect(safeFileName('a.ods', { ending: '.loi.xlsx', taken, variant: '-ods' })).toBe('a-2.loi.xlsx')
    const long = `${'ư'.repeat(200)}.xlsx`
    const first = safeFileName(long, { taken })
    const second = safeFileName(long, { taken })
    expect(second).not.toBe(first)
    expect(second.endsWith('-2.xlsx')).toBe(true)
    expect(utf8Bytes(second)).toBeLessThanOrEqual(LIMIT)
  })
})
