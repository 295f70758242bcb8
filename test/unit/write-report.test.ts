import * as XLSX from '@e965/xlsx'
import { PORTABLE_READ_CONTEXT } from '../../src-main/core/workbook/read-context'
import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Consolidation } from '../../src-main/core/merge/consolidation'
import { figuresLayout } from '../../src-main/core/output/form-sheet'
import {
  CHECKS_SHEET,
  DETAIL_SHEET,
  SOURCES_SHEET,
  verifyReport,
  writeReport,
} from '../../src-main/core/output/write-report'
import { TERRITORIAL } from '../../src-main/core/template/pack'
import { a1 } from '../../src-main/core/workbook/address'
import { loadTestPack, shippedPackFiles } from '../helpers/load-test-pack'
import { loadPack } from '../../src-main/core/template/load-pack'
import {
  HOSTILE,
  HOSTILE_FILE,
  sampleConsolidation,
  sampleHeader,
  sampleUnits,
} from '../helpers/output-fixtures'
import {
  dateLine,
  defaultReportDate,
  governingBodyOf,
  recipientLines,
  signerTitleLines,
  vietnameseDate,
} from '../../src-main/core/output/report-header'

const pack = loadTestPack()
const L = figuresLayout(pack)
const figures = pack.layout.sheets.figures
const header = sampleHeader()
const addr = (code: string, key: string): string => a1(L.rowOf(code) - 1, L.colOf(key) - 1)
const firstCount = pack.indicators.find((i) => i.kind === 'count')!
const money = pack.indicators.find((i) => i.kind === 'money')!

let consolidation: Consolidation
let bytes: Uint8Array
let wb: XLSX.WorkBook

const rowsOf = (name: string): unknown[][] =>
  XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[name]!, { header: 1, defval: null })

beforeAll(async () => {
  consolidation = sampleConsolidation(pack)
  bytes = await writeReport({ pack, consolidation, units: sampleUnits(), header })
  wb = XLSX.read(bytes, { type: 'array' })
})

describe('writeReport', () => {
  it('has the figures sheet, then the breakdown, the sources and the checks', () => {
    expect(wb.SheetNames).toEqual([figures, DETAIL_SHEET, SOURCES_SHEET, CHECKS_SHEET])
  })

  it('puts each total in its cell, keeps blank blank, zero zero, and does not round', () => {
    const s = wb.Sheets[figures]!
    const total = consolidation.totals[firstCount.code]!['total'] as number
    expect(s[addr(firstCount.code, 'total')]).toMatchObject({ t: 'n', v: total })
    expect(s[addr(firstCount.code, 'male')]).toMatchObject({ t: 'n', v: 0 })
    expect(s[addr(firstCount.code, 'ethnic')]?.v).toBeUndefined()
    const m = consolidation.totals[money.code]!['total'] as number
    expect(m % 1).not.toBe(0)
    expect(s[addr(money.code, 'total')]).toMatchObject({ t: 'n', v: m })
  })

  it('verifies clean against its own totals and reports a changed figure', () => {
    expect(verifyReport(bytes, pack, consolidation)).toEqual([])
    const changed: Consolidation = {
      ...consolidation,
      totals: { ...consolidation.totals, [money.code]: { ...consolidation.totals[money.code], total: 1 } },
    }
    const problems = verifyReport(bytes, pack, changed)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain(addr(money.code, 'total'))
    // read back by SheetJS alone (SHEAF_XLSX_READER=sheetjs), the same
    expect(verifyReport(bytes, pack, changed, { ...PORTABLE_READ_CONTEXT, xlsxReader: 'sheetjs' })).toEqual(
      problems,
    )
    const blanked: Consolidation = {
      ...consolidation,
      totals: {
        ...consolidation.totals,
        [firstCount.code]: { ...consolidation.totals[firstCount.code], male: null },
      },
    }
    expect(verifyReport(bytes, pack, blanked)).toHaveLength(1)
    expect(verifyReport(new Uint8Array([1, 2, 3]), pack, consolidation).length).toBeGreaterThan(0)
  })

  it('lays out the header and signature blocks as Nghị định 30 does, and marks a provisional report', async () => {
    const s = wb.Sheets[figures]!
    const texts = Object.values(s).map((c) => String((c as XLSX.CellObject).v ?? ''))
    // left: governing body above the issuer, its short rule, the number; right: motto, place and date
    expect(s['A1']?.v).toBe('UBND TỈNH LAI CHÂU')
    expect(s['A2']?.v).toBe('SỞ Y TẾ')
    expect(String(s['A3']?.v)).toMatch(/^\u2500+$/)
    expect(s['A4']?.v).toBe('Số: 123/BC-SYT')
    const right = a1(0, pack.columns.length - 1).replace(/\d+$/, '')
    expect(texts).toContain(pack.layout.header.nation)
    expect(texts).toContain('Lai Châu, ngày 15 tháng 11 năm 2025')
    expect(right).not.toBe('A')
    expect(s[a1(L.titleRow - 1, 0)]?.v).toBe('BIỂU SỐ LIỆU KẾT QUẢ THỰC HIỆN CÔNG TÁC TRẺ EM NĂM 2025')
    expect(s[a1(L.alertRow - 1, 0)]?.v).toBe('BÁO CÁO TẠM THỜI: còn 1 đơn vị chưa có báo cáo hợp lệ')
    const ej = new ExcelJS.Workbook()
    await ej.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer)
    const ws = ej.getWorksheet(figures)!
    expect(ws.getCell(L.alertRow, 1).font.color?.argb).toBe('FFFF0000')
    expect(ws.getCell('A1').font.bold).toBeFalsy()
    expect(ws.getCell('A2').font.bold).toBe(true)

    // signature: the preparer left, the two title lines right, ~3 cm of paper, the names, Nơi nhận
    const rowTexts = (r: number): string[] =>
      pack.columns.map((_, c) => String(s[a1(r - 1, c)]?.v ?? '')).filter((t) => t !== '')
    const sig = L.signatureRow
    expect(rowTexts(sig)).toEqual([pack.layout.header.signLeft, 'KT. GIÁM ĐỐC'])
    expect(rowTexts(sig + 1)).toEqual([pack.layout.header.signLeftNote, 'PHÓ GIÁM ĐỐC'])
    let names = sig + 2
    while (!rowTexts(names).includes('Nguyễn Văn A') && names < sig + 8) names++
    expect(rowTexts(names)).toEqual(['Trần Thị Bình', 'Nguyễn Văn A'])
    // the room above the names, at the scale the sheet prints, is about 3 cm (85 pt) of paper
    const room = ws.getRow(names - 1).height
    expect(room).toBeGreaterThan(85)
    expect(rowTexts(names + 2)).toEqual(['Nơi nhận:'])
    expect(rowTexts(names + 3)).toEqual(['- Bộ Y tế (Vụ Bà mẹ - Trẻ em);'])
    expect(rowTexts(names + 5)).toEqual(['- Lưu: VT, NVY.'])
    // the print area takes the whole signature block
    expect(ws.pageSetup.printArea).toMatch(new RegExp(`:[A-Z]+${names + 5}$`))

    const final = await writeReport({
      pack,
      consolidation: { ...sampleConsolidation(pack, { provisional: false }), period: '2025-H1' },
      units: sampleUnits(),
      header: sampleHeader({ date: '2025-05-05', number: '', recipients: [], signerTitle: ['GIÁM ĐỐC'] }),
    })
    const f = XLSX.read(final, { type: 'array' }).Sheets[figures]!
    expect(f[a1(L.alertRow - 1, 0)]?.v).toBeUndefined()
    expect(f[a1(L.titleRow - 1, 0)]?.v).toBe(
      'BIỂU SỐ LIỆU KẾT QUẢ THỰC HIỆN CÔNG TÁC TRẺ EM 6 THÁNG ĐẦU NĂM 2025',
    )
    const ftexts = Object.values(f).map((c) => String((c as XLSX.CellObject).v ?? ''))
    expect(ftexts).toContain('Lai Châu, ngày 05 tháng 5 năm 2025')
    expect(ftexts).toContain('Số: ……/BC-SYT')
    expect(ftexts).not.toContain('Nơi nhận:')
    expect(ftexts).toContain('GIÁM ĐỐC')
  })

  it("numbers a report to be numbered by hand with the pack's own sign", async () => {
    const files = shippedPackFiles()
    files['manifest.json'] = (files['manifest.json'] as string)
      .replace('"issuer": "SỞ Y TẾ"', '"issuer": "TRUNG TÂM KIỂM SOÁT BỆNH TẬT"')
      .replace('"numberSuffix": "BC-SYT"', '"numberSuffix": "BC-KSBT"')
      .replace('"signerTitle": "GIÁM ĐỐC"', '"signerTitle": "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC"')
    const loaded = loadPack(files)
    if (!loaded.ok) throw new Error('pack refused')
    const own = loaded.pack
    expect(own.manifest.report).toEqual({
      issuer: 'TRUNG TÂM KIỂM SOÁT BỆNH TẬT',
      numberSuffix: 'BC-KSBT',
      signerTitle: 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC',
    })
    const written = await writeReport({
      pack: own,
      consolidation: sampleConsolidation(own, { provisional: false }),
      units: sampleUnits(),
      header: sampleHeader({ number: '', issuer: own.manifest.report.issuer }),
    })
    const texts2 = Object.values(XLSX.read(written, { type: 'array' }).Sheets[figures]!).map((c) =>
      String((c as XLSX.CellObject).v ?? ''),
    )
    expect(texts2).toContain('Số: ……/BC-KSBT')
    expect(texts2).toContain('TRUNG TÂM KIỂM SOÁT BỆNH TẬT')
    expect(texts2.join('\n')).not.toContain('BC-SYT')
    // a pack that says nothing of its report gets a Department of Health's words
    const bare = shippedPackFiles()
    bare['manifest.json'] = JSON.stringify({
      ...JSON.parse(bare['manifest.json'] as string),
      report: undefined,
    })
    const b = loadPack(bare)
    expect(b.ok && b.pack.manifest.report).toEqual({
      issuer: 'SỞ Y TẾ',
      numberSuffix: 'BC-SYT',
      signerTitle: 'GIÁM ĐỐC',
    })
  })

  it('writes Vietnamese administrative dates, governing bodies, titles and recipients', () => {
    expect(vietnameseDate(new Date(2025, 0, 9))).toBe('ngày 09 tháng 01 năm 2025')
    expect(vietnameseDate(new Date(2025, 11, 20))).toBe('ngày 20 tháng 12 năm 2025')
    expect(dateLine('Lai Châu', null)).toBe('Lai Châu, ngày …… tháng …… năm ……')
    expect(governingBodyOf('Thành phố Hà Nội')).toBe('UBND THÀNH PHỐ HÀ NỘI')
    expect(governingBodyOf('TP. Huế')).toBe('UBND THÀNH PHỐ HUẾ')
    expect(governingBodyOf('  ')).toBe('UBND TỈNH ……')
    expect(signerTitleLines('KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC')).toEqual(['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'])
    expect(recipientLines(['Bộ Y tế;', '- Lưu: VT'])).toEqual(['- Bộ Y tế;', '- Lưu: VT.'])
    // a 2025 report made within half a year of its period takes today; a year later, none
    expect(defaultReportDate('2025-Y', new Date(2026, 0, 12))).toBe('2026-01-12')
    expect(defaultReportDate('2025-Y', new Date(2026, 11, 6))).toBeNull()
    expect(defaultReportDate('2025-H1', new Date(2025, 6, 10))).toBe('2025-07-10')
  })

  it('keeps the official layout: print setup, merges, grey cells', async () => {
    const ej = new ExcelJS.Workbook()
    await ej.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer)
    const ws = ej.getWorksheet(figures)!
    expect(ws.pageSetup).toMatchObject({
      orientation: 'landscape',
      paperSize: 9,
      printTitlesRow: `${L.headerRow}:${L.indexRow}`,
    })
    const rate = pack.indicators.find((i) => i.kind === 'rate')!
    const fill = ws.getCell(addr(rate.code, 'compare')).fill
    expect(fill?.type === 'pattern' && fill.fgColor?.argb).toBe('FFD9D9D9')
    expect(wb.Sheets[figures]!['!merges']!.length).toBeGreaterThan(5)
    expect((ws as unknown as { sheetProtection?: unknown }).sheetProtection).toBeFalsy()
  })

  it('never writes a formula, even for a unit named like one', () => {
    for (const name of wb.SheetNames) {
      for (const [ref, cell] of Object.entries(wb.Sheets[name]!)) {
        if (ref.startsWith('!')) continue
        expect((cell as XLSX.CellObject).f, `${name}!${ref}`).toBeUndefined()
      }
    }
    const d = wb.Sheets[DETAIL_SHEET]!
    const hostile = Object.values(d).find((c) =>
      String((c as XLSX.CellObject).v).startsWith(HOSTILE),
    ) as XLSX.CellObject
    expect(hostile).toMatchObject({ t: 's', v: `${HOSTILE} (08002)` })
  })

  it('breaks the totals down by unit, with the province total', () => {
    const rows = rowsOf(DETAIL_SHEET)
    const head = rows[2]!
    expect(head).toContain('Xã Tam Đường (08001)')
    expect(head).toContain('Công an tỉnh (CA)')
    expect(head.at(-1)).toBe('Toàn tỉnh')
    expect(head).not.toContain('Xã Bình Lư (08003)')
    const row = rows.find((r) => r[1] === firstCount.code)!
    const u1 = consolidation.units.find((u) => u.unit === '08001')!.figures[firstCount.code]!['total']
    expect(row[head.indexOf('Xã Tam Đường (08001)')]).toBe(u1)
    expect(row.at(-1)).toBe(consolidation.totals[firstCount.code]!['total'])
    const dataRows = pack.indicators.filter((i) => i.kind !== 'section')
    expect(rows.filter((r) => pack.byCode.has(String(r[1])))).toHaveLength(dataRows.length)
    // a section prints its STT and label, not the pack's code for it
    const section = pack.indicators.find((i) => i.kind === 'section')!
    expect(rows.find((r) => r[2] === section.label)?.[1] ?? '').toBe('')
  })

  it('traces every contribution to its unit, file, sheet and cell', () => {
    const rows = rowsOf(SOURCES_SHEET)
    const head = rows[2]!
    const col = (h: string): number => head.indexOf(h)
    const body = rows.slice(3)
    expect(body).toHaveLength(
      new Set(consolidation.contributions.map((x) => `${x.indicator}|${x.unit}`)).size,
    )
    const hostile = body.find((r) => r[col('Mã đơn vị')] === '08002')!
    expect(hostile[col('Tên đơn vị')]).toBe(HOSTILE)
    expect(hostile[col('Tệp')]).toBe(HOSTILE_FILE)
    // the file's name, never the clerk's folders
    const police = body.find((r) => r[col('Mã đơn vị')] === 'CA')!
    expect(police[col('Tệp')]).toBe('bao-cao-CA.xlsx')
    expect(body.some((r) => String(r[col('Tệp')]).includes('\\'))).toBe(false)
    expect(String(hostile[col('Giá trị gốc')])).toMatch(/^=\d+$/)
    const noted = body.find((r) => r[col('Mã đơn vị')] === '08001')!
    expect(noted[col('Ghi chú chuyển đổi')]).toContain('hàng nghìn')
    expect(noted[col('Sheet')]).toBe('Bieu 01')
    expect(typeof noted[col('Giá trị')]).toBe('number')
  })

  it('lists missing units, accepted-with-reason submissions and R01 differences', async () => {
    const rows = rowsOf(CHECKS_SHEET)
    const flat = rows.map((r) => r.join('|'))
    expect(flat.some((r) => r.includes('08003') && r.includes('Xã Bình Lư'))).toBe(true)
    expect(flat.some((r) => r.includes('-Đã gọi điện xác nhận'))).toBe(true)
    const r01 = consolidation.problems[0]!
    const row = rows.find((r) => r[3] === r01.indicator)!
    expect(row[6]).toBe(consolidation.totals[r01.indicator!]!['total'])
    expect(row[7]).toBe(consolidation.territorialSums[r01.indicator!]!['total'])
    expect(row[8]).toBe(r01.message.vi)
    const ind = pack.byCode.get(r01.indicator!)!
    expect(ind.owner).not.toBe(TERRITORIAL)
    expect(row[1]).toBe(ind.owner)
    const reason = Object.values(wb.Sheets[CHECKS_SHEET]!).find((c) =>
      String((c as XLSX.CellObject).v).includes('-Đã gọi'),
    ) as XLSX.CellObject
    expect(reason.t).toBe('s')

    const ej = new ExcelJS.Workbook()
    await ej.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer)
    for (const name of [DETAIL_SHEET, SOURCES_SHEET, CHECKS_SHEET]) {
      const ws = ej.getWorksheet(name)!
      expect(ws.autoFilter, name).toBeTruthy()
      expect(ws.views[0], name).toMatchObject({ state: 'frozen', ySplit: 3 })
      expect(ws.getCell(3, 1).font.bold, name).toBe(true)
    }
  })

  it('prints every sheet on A4 with its header rows on each page and page numbers', async () => {
    const ej = new ExcelJS.Workbook()
    await ej.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer)
    const titles = (wb.Workbook?.Names ?? []).filter((n) => n.Name === '_xlnm.Print_Titles')
    const titleOf = (name: string): string | undefined =>
      titles.find((n) => n.Sheet === wb.SheetNames.indexOf(name))?.Ref
    expect(titleOf(figures)).toBe(`'${figures}'!$${L.headerRow}:$${L.indexRow}`)
    for (const name of [figures, DETAIL_SHEET, SOURCES_SHEET, CHECKS_SHEET]) {
      const ws = ej.getWorksheet(name)!
      expect(ws.pageSetup, name).toMatchObject({ paperSize: 9, orientation: 'landscape' })
      expect(ws.headerFooter.oddFooter, name).toMatch(/Trang &P\/&N/)
      if (name !== figures) expect(titleOf(name), name).toMatch(/\$3:\$3$/)
    }
    // the breakdown by unit is not squeezed onto one page's width: the indicator's STT, code and label
    // print beside each group of units, at 80%
    const detail = ej.getWorksheet(DETAIL_SHEET)!
    expect(detail.pageSetup).toMatchObject({ fitToPage: false, scale: 80 })
    expect(titleOf(DETAIL_SHEET)).toBe(`'${DETAIL_SHEET}'!$A:$C,'${DETAIL_SHEET}'!$3:$3`)
    for (const name of [SOURCES_SHEET, CHECKS_SHEET])
      expect(ej.getWorksheet(name)!.pageSetup, name).toMatchObject({
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
      })
  })
})

describe('the checks sheet', () => {
  it('styles every row like the first, numbers in their format, each row as high as its text', async () => {
    const ej = new ExcelJS.Workbook()
    await ej.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer)
    const ws = ej.getWorksheet(CHECKS_SHEET)!
    const last = ws.rowCount
    expect(last).toBeGreaterThan(5)
    const style = (c: ExcelJS.Cell): string => JSON.stringify([c.numFmt, c.font, c.alignment, c.border])
    const first = ws.getRow(4)
    for (let r = 5; r <= last; r++)
      for (let c = 1; c <= 9; c++) expect(style(ws.getCell(r, c)), `${r}:${c}`).toBe(style(first.getCell(c)))
    expect(ws.getCell(4, 7).numFmt).toBe('#,##0.###')
    expect(ws.autoFilter).toBe(`A3:I${last}`)
    // the rows' texts as SheetJS reads them, and a long message's row taller than one line
    const rows = rowsOf(CHECKS_SHEET).slice(3)
    expect(rows).toHaveLength(last - 3)
    const tall = rows.findIndex((r) => String(r[8]).length > 80)
    expect(tall).toBeGreaterThanOrEqual(0)
    expect(ws.getRow(4 + tall).height).toBeGreaterThan(15)
  })
})
