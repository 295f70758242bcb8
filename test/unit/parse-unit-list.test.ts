import * as XLSX from '@e965/xlsx'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { encodeUnitListCsv, parseUnitList } from '../../src-main/core/units/parse-unit-list'
import type { Unit } from '../../src-main/core/units/unit'

const SPEC_CSV = `code,name,kind,dept,aliases
08001,Xã Tam Đường,xa,,"Tam Duong;UBND xã Tam Đường"
08002,Phường Tân Phong,phuong,,
CA,Công an tỉnh,so_nganh,CA,"Công an tỉnh Lai Châu"
SYT,Sở Y tế,so_nganh,SYT,
`

const EXPECTED: Unit[] = [
  {
    code: '08001',
    name: 'Xã Tam Đường',
    kind: 'xa',
    dept: null,
    aliases: ['Tam Duong', 'UBND xã Tam Đường'],
  },
  { code: '08002', name: 'Phường Tân Phong', kind: 'phuong', dept: null, aliases: [] },
  { code: 'CA', name: 'Công an tỉnh', kind: 'so_nganh', dept: 'CA', aliases: ['Công an tỉnh Lai Châu'] },
  { code: 'SYT', name: 'Sở Y tế', kind: 'so_nganh', dept: 'SYT', aliases: [] },
]

const utf8 = (s: string) => new TextEncoder().encode(s)

/** Windows-1258 as Excel writes it: base letters with separate tone marks. */
function windows1258(s: string): Uint8Array {
  const TONE = /[\u0300\u0301\u0303\u0309\u0323]/
  let out = ''
  for (const ch of s.normalize('NFC')) {
    const nfd = ch.normalize('NFD')
    const tone = [...nfd].find((c) => TONE.test(c)) ?? ''
    out += tone ? nfd.replace(tone, '').normalize('NFC') + tone : ch
  }
  const bytes = iconv.encode(out, 'windows1258')
  expect(bytes.includes(0x3f)).toBe(false) // no character was lost as '?'
  return new Uint8Array(bytes)
}

function workbook(rows: unknown[][], bookType: XLSX.BookType, sheetName = 'Don vi'): Uint8Array {
  const wb = XLSX.utils.book_new()
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), sheetName)
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType }) as ArrayBuffer)
}

function ok(bytes: Uint8Array, fileName = 'don-vi.csv') {
  const r = parseUnitList(bytes, fileName)
  if (!r.ok) throw new Error(r.errors.join('\n'))
  return r
}

function errorsOf(bytes: Uint8Array, fileName = 'don-vi.csv'): string[] {
  const r = parseUnitList(bytes, fileName)
  if (r.ok) throw new Error('expected errors')
  return r.errors
}

describe('parseUnitList', () => {
  it('reads the spec example', () => {
    const r = ok(utf8(SPEC_CSV))
    expect(r.units).toEqual(EXPECTED)
    expect(r.notes).toEqual([])
  })

  it('reads it as Excel in a Vietnamese locale saves it: BOM, `;`, CRLF', () => {
    const semi = SPEC_CSV.split('\n')
      .map((l) => l.replace(/("[^"]*")|,/g, (m, q: string | undefined) => q ?? ';'))
      .join('\r\n')
    expect(ok(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(semi)])).units).toEqual(EXPECTED)
    expect(ok(utf8(SPEC_CSV.replace(/("[^"]*")|,/g, (m, q: string | undefined) => q ?? '\t'))).units).toEqual(
      EXPECTED,
    )
  })

  it('reads UTF-16 with a byte-order mark', () => {
    const le = new Uint8Array([0xff, 0xfe, ...iconv.encode(SPEC_CSV, 'utf16le')])
    expect(ok(le).units).toEqual(EXPECTED)
    const be = new Uint8Array([0xfe, 0xff, ...iconv.encode(SPEC_CSV, 'utf16-be')])
    expect(ok(be).units).toEqual(EXPECTED)
  })

  it('reads Windows-1258 and gives NFC names, with a note', () => {
    const r = ok(
      windows1258(
        SPEC_CSV.replace(/,/g, ';').replace('"Tam Duong;UBND xã Tam Đường"', '"Tam Duong|UBND xã Tam Đường"'),
      ),
    )
    expect(r.units).toEqual(EXPECTED)
    expect(r.units[0]?.name).toBe('Xã Tam Đường'.normalize('NFC'))
    expect(r.notes.join('\n')).toContain('Windows-1258')
  })

  it('puts back the leading zeros Excel dropped, with a note', () => {
    const csv = `code,name,kind,dept,aliases
8001,Xã Tam Đường,xa,,
08002,Phường Tân Phong,phuong,,
08003,Xã Bản Bo,xa,,
SYT,Sở Y tế,so_nganh,SYT,
`
    const r = ok(utf8(csv))
    expect(r.units.map((u) => u.code)).toEqual(['08001', '08002', '08003', 'SYT'])
    expect(r.notes).toHaveLength(1)
    expect(r.notes[0]).toContain('Dòng 2')
    expect(r.notes[0]).toContain("'08001'")
  })

  it('accepts Vietnamese headers in any case and without diacritics', () => {
    const csv = `Mã;TÊN;loai;Sở ngành;Tên khác
08001;Xã Tam Đường;Xã;;Tam Duong
CA;Công an tỉnh;Sở ngành;CA;
`
    expect(ok(utf8(csv)).units).toEqual([
      { code: '08001', name: 'Xã Tam Đường', kind: 'xa', dept: null, aliases: ['Tam Duong'] },
      { code: 'CA', name: 'Công an tỉnh', kind: 'so_nganh', dept: 'CA', aliases: [] },
    ])
    expect(ok(utf8('ma,ten,loai,ma so\n08001,Xã A,xa,\n')).units[0]?.code).toBe('08001')
  })

  it('uses the code as dept for a department without one, with a note', () => {
    const r = ok(utf8('code,name,kind,dept,aliases\nGD,Sở Giáo dục và Đào tạo,so_nganh,,\n'))
    expect(r.units[0]?.dept).toBe('GD')
    expect(r.notes[0]).toContain('Dòng 2')
    expect(r.notes[0]).toContain("'dept'")
  })

  it.each([
    ['xlsx', 'don-vi.xlsx'],
    ['biff8', 'don-vi.xls'],
    ['ods', 'don-vi.ods'],
  ] as const)('reads a %s workbook with the same columns, found by content', (bookType, name) => {
    const rows = [
      ['Danh sách đơn vị báo cáo'],
      ['Mã', 'Tên', 'Loại', 'Sở ngành', 'Tên khác'],
      [8001, 'Xã Tam Đường', 'xa', '', 'Tam Duong;UBND xã Tam Đường'],
      ['08002', 'Phường Tân Phong', 'phuong', '', ''],
      ['08003', 'Xã Bản Bo', 'xa', '', ''],
      ['CA', 'Công an tỉnh', 'so_nganh', 'CA', 'Công an tỉnh Lai Châu'],
      ['SYT', 'Sở Y tế', 'so_nganh', 'SYT', ''],
    ]
    // the name does not decide: a workbook called .csv is still read as a workbook
    const r = ok(workbook(rows, bookType), name.replace(/\.\w+$/, '.csv'))
    const bo: Unit = { code: '08003', name: 'Xã Bản Bo', kind: 'xa', dept: null, aliases: [] }
    expect(r.units).toEqual([...EXPECTED.slice(0, 2), bo, ...EXPECTED.slice(2)])
    expect(r.notes.join('\n')).toContain("trang 'Don vi', dòng 3")
  })

  it("pads district codes by their own width, not the communes'", () => {
    const csv =
      'code,name,kind\n105,Huyện Tam Đường,huyen\n106,Huyện Phong Thổ,huyen\n08001,Xã A,xa\n8002,Xã B,xa\n08003,Xã C,xa\n'
    expect(ok(utf8(csv)).units.map((u) => u.code)).toEqual(['105', '106', '08001', '08002', '08003'])
  })

  it('converts names typed in a legacy font (TCVN3) to Unicode, with a note', () => {
    const bytes = workbook(
      [
        ['code', 'name', 'kind'],
        ['08001', 'X· T©n Phong', 'xa'],
      ],
      'xlsx',
    )
    const r = ok(bytes, 'don-vi.xlsx')
    expect(r.units[0]?.name).toBe('Xã Tân Phong')
    expect(r.notes[0]).toContain('TCVN3')
  })

  it('refuses a workbook with no unit list in it', () => {
    const errors = errorsOf(workbook([['Báo cáo'], [1, 2, 3]], 'xlsx'), 'bao-cao.xlsx')
    expect(errors[0]).toContain('bao-cao.xlsx')
    expect(errors[0]).toContain('code, name, kind')
  })

  it('names the row and field of every error, in Vietnamese and English', () => {
    const csv = `code,name,kind,dept,aliases
08001,Xã Tam Đường,xa,,
,Xã Không Mã,xa,,
08003,,phuong,,
08004,Thị trấn Phong Thổ,thi_tran,,
08001,Xã Trùng,xa,,
`
    const errors = errorsOf(utf8(csv))
    expect(errors).toHaveLength(4)
    expect(errors[0]).toMatch(/^Dòng 3, cột 'code': .* \/ Row 3, field 'code': /)
    expect(errors[1]).toMatch(/^Dòng 4, cột 'name'/)
    expect(errors[2]).toMatch(/^Dòng 5, cột 'kind'/)
    expect(errors[2]).toContain('xa, phuong, dac_khu, huyen, so_nganh')
    expect(errors[3]).toMatch(/^Dòng 6, cột 'code'/)
    expect(errors[3]).toContain('dòng 2')
  })

  it('keeps file row numbers across blank lines and quoted line breaks', () => {
    const csv = 'code,name,kind\n\n08001,"Xã\nTam Đường",xa\n08002,,xa\n'
    expect(errorsOf(utf8(csv))[0]).toMatch(/^Dòng 5, cột 'name'/)
  })

  it('treats codes 8001 and 08001 as the same code', () => {
    const errors = errorsOf(utf8('code,name,kind\n8001,Xã A,xa\n08001,Xã B,xa\n8002,Xã C,xa\n'))
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/^Dòng 3, cột 'code': mã '08001' trùng với dòng 2/)
  })

  it('reports missing header columns', () => {
    const errors = errorsOf(utf8('code,ten don vi,dept\n08001,Xã A,\n'))
    expect(errors).toHaveLength(1)
    expect(errors[0]).toContain('kind')
    expect(errors[0]).toContain('don-vi.csv')
  })

  it('refuses files that are not a table', () => {
    const pdf = utf8('%PDF-1.4\n1 0 obj\n')
    expect(errorsOf(pdf)[0]).toContain('không phải là bảng')
    expect(errorsOf(new Uint8Array([0, 1, 2, 3, 4, 5, 200, 201, 0, 7]))[0]).toContain('không phải là bảng')
    expect(errorsOf(new Uint8Array())[0]).toContain('rỗng')
    expect(errorsOf(utf8('just a line of prose without separators\n'))[0]).toContain('không phải là bảng')
    expect(errorsOf(utf8('code,name,kind\n'))[0]).toContain('không có đơn vị')
  })

  it('round-trips through encodeUnitListCsv', () => {
    const units: Unit[] = [
      ...EXPECTED,
      { code: '08010', name: 'Đặc khu "Cô Tô", mới', kind: 'dac_khu', dept: null, aliases: ['Cô Tô', 'CT'] },
    ]
    const csv = encodeUnitListCsv(units)
    expect(csv.split('\r\n')[0]).toBe('code,name,kind,dept,aliases')
    expect(ok(utf8(csv)).units).toEqual(units)
  })

  it('reads the ministry’s list of provinces, their kind written either way, codes padded as Excel lost them', () => {
    const r = ok(
      utf8('Mã,Tên,Loại\n1,Thành phố Hà Nội,"Tỉnh, thành phố"\n12,Tỉnh Lai Châu,tinh\n14,Tỉnh Sơn La,Tỉnh\n'),
    )
    expect(r.units.map((u) => [u.code, u.kind, u.dept])).toEqual([
      ['01', 'tinh', null],
      ['12', 'tinh', null],
      ['14', 'tinh', null],
    ])
  })
})
