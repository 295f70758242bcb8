import * as XLSX from '@e965/xlsx'
import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import { columnApplies, isDataRow, type Indicator } from '../../src-main/core/template/pack'
import { figuresLayout, GREY_FILL } from '../../src-main/core/output/form-sheet'
import { writeBlankForm } from '../../src-main/core/output/write-blank'
import { a1 } from '../../src-main/core/workbook/address'
import { loadTestPack, shippedPackFiles } from '../helpers/load-test-pack'
import { loadPack } from '../../src-main/core/template/load-pack'

const pack = loadTestPack()
const L = figuresLayout(pack)
const figures = pack.layout.sheets.figures

async function readExcelJs(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer)
  return wb
}

const find = (pred: (i: Indicator) => boolean): Indicator => {
  const ind = pack.indicators.find(pred)
  if (!ind) throw new Error('no such indicator in the pack')
  return ind
}
const addr = (code: string, key: string): string => a1(L.rowOf(code) - 1, L.colOf(key) - 1)
const fillOf = (cell: ExcelJS.Cell): string | undefined =>
  cell.fill && cell.fill.type === 'pattern' ? cell.fill.fgColor?.argb : undefined

let bytes: Uint8Array
let sj: XLSX.WorkBook
let ej: ExcelJS.Workbook

beforeAll(async () => {
  bytes = await writeBlankForm(pack, { year: 2025 })
  sj = XLSX.read(bytes, { type: 'array', cellStyles: true })
  ej = await readExcelJs(bytes)
})

describe('writeBlankForm', () => {
  it('has the three sheets of the layout, in order', () => {
    expect(sj.SheetNames).toEqual([pack.layout.sheets.info, figures, pack.layout.sheets.guide])
  })

  it('fills Thong tin with the labels, the version and the year, the rest empty', () => {
    const ws = ej.getWorksheet(pack.layout.sheets.info)!
    pack.layout.info.forEach((item, i) => {
      expect(ws.getCell(i + 1, 1).value).toBe(item.label)
      const v = ws.getCell(i + 1, 2)
      if (item.key === 'templateVersion') expect(v.value).toBe(pack.manifest.version)
      else if (item.key === 'year') expect(v.value).toBe('2025')
      else expect(v.value).toBeNull()
      expect(v.numFmt).toBe(item.key === 'reportDate' ? 'dd/mm/yyyy' : '@')
    })
  })

  it('titles the form with the period and the year', async () => {
    const s = sj.Sheets[figures]!
    expect(s[a1(L.titleRow - 1, 0)]?.v).toBe('BIỂU SỐ LIỆU KẾT QUẢ THỰC HIỆN CÔNG TÁC TRẺ EM NĂM 2025')
    const h1 = XLSX.read(await writeBlankForm(pack, { period: 'H1', year: 2025 }), { type: 'array' })
    expect(h1.Sheets[figures]![a1(L.titleRow - 1, 0)]?.v).toBe(
      'BIỂU SỐ LIỆU KẾT QUẢ THỰC HIỆN CÔNG TÁC TRẺ EM 6 THÁNG ĐẦU NĂM 2025',
    )
    expect(s[a1(L.subtitleRow - 1, 0)]?.v).toBe(pack.layout.header.subtitle)
    const texts = Object.values(s).map((c) => (c as XLSX.CellObject).v)
    expect(texts).toContain(pack.layout.header.nation)
    expect(texts).toContain(pack.layout.header.motto)
  })

  it('merges the header: level-1 headers across, single-level headers down, the title across the table', () => {
    const merges = sj.Sheets[figures]!['!merges']!
    const has = (r1: number, c1: number, r2: number, c2: number): boolean =>
      merges.some((m) => m.s.r === r1 - 1 && m.s.c === c1 - 1 && m.e.r === r2 - 1 && m.e.c === c2 - 1)
    const two = pack.columns.filter((c) => c.header.length === 2)
    const firstGroup = two.filter((c) => c.header[0] === two[0]!.header[0])
    expect(firstGroup.length).toBeGreaterThan(1)
    expect(has(L.headerRow, L.colOf(firstGroup[0]!.key), L.headerRow, L.colOf(firstGroup.at(-1)!.key))).toBe(
      true,
    )
    expect(has(L.headerRow, 1, L.headerRow + 1, 1)).toBe(true)
    expect(has(L.titleRow, 1, L.titleRow, pack.columns.length)).toBe(true)
    const s = sj.Sheets[figures]!
    expect(s[a1(L.headerRow - 1, L.colOf(firstGroup[0]!.key) - 1)]?.v).toBe(firstGroup[0]!.header[0])
    expect(s[a1(L.headerRow, L.colOf(firstGroup[1]!.key) - 1)]?.v).toBe(firstGroup[1]!.header[1])
  })

  it('writes the index row and one row per indicator, STT and code as text', () => {
    const s = sj.Sheets[figures]!
    pack.columns.forEach((c, i) => expect(String(s[a1(L.indexRow - 1, i)]?.v)).toBe(c.index))
    const sttKey = pack.columns.find((c) => c.role === 'stt')!.key
    for (const ind of pack.indicators) {
      const code = s[addr(ind.code, 'code')] as XLSX.CellObject | undefined
      // a section's code is the pack's own key, not printed
      if (ind.kind === 'section') expect(code?.v ?? '').toBe('')
      else expect(code).toMatchObject({ t: 's', v: ind.code })
      const stt = s[addr(ind.code, sttKey)] as XLSX.CellObject
      expect(stt.t).toBe('s')
      expect(stt.v).toBe(ind.stt)
    }
    expect(pack.indicators.some((i) => i.stt === '13.1.1')).toBe(true)
  })

  it('bolds and shades section rows', () => {
    const ws = ej.getWorksheet(figures)!
    const section = find((i) => i.kind === 'section')
    const labelKey = pack.columns.find((c) => c.role === 'label')!.key
    const cell = ws.getCell(addr(section.code, labelKey))
    expect(cell.value).toBe(section.label)
    expect(cell.font.bold).toBe(true)
    expect(fillOf(cell)).toBeDefined()
    expect(fillOf(cell)).not.toBe(GREY_FILL)
  })

  it('greys and locks the cells that do not apply, unlocks and validates the others', () => {
    const ws = ej.getWorksheet(figures)!
    const count = find((i) => i.kind === 'count' && !i.dataColumns.includes('age_0_6'))
    const grey = ws.getCell(addr(count.code, 'age_0_6'))
    expect(fillOf(grey)).toBe(GREY_FILL)
    expect(grey.protection?.locked ?? true).toBe(true)
    const open = ws.getCell(addr(count.code, 'total'))
    expect(fillOf(open)).toBeUndefined()
    expect(open.protection?.locked).toBe(false)
    expect(open.dataValidation).toMatchObject({
      type: 'whole',
      operator: 'greaterThanOrEqual',
      formulae: [0],
    })
    const rate = find((i) => i.kind === 'rate')
    expect(ws.getCell(addr(rate.code, 'total')).dataValidation).toMatchObject({
      type: 'decimal',
      operator: 'between',
      formulae: [0, 100],
    })
    expect(fillOf(ws.getCell(addr(rate.code, 'compare')))).toBe(GREY_FILL)
    const money = find((i) => i.kind === 'money')
    expect(ws.getCell(addr(money.code, 'total')).dataValidation).toMatchObject({
      type: 'decimal',
      formulae: [0],
    })
    expect(ws.getCell(addr(count.code, 'code')).protection?.locked ?? true).toBe(true)
    expect((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet).toBe(true)
  })

  it('checks numbers as numbers (any Excel language), with an input message on every cell a unit fills', () => {
    const ws = ej.getWorksheet(figures)!
    for (const ind of pack.indicators) {
      if (ind.kind === 'section') continue
      for (const c of pack.columns) {
        if (!['prev', 'data', 'computed'].includes(c.role) || !columnApplies(pack, ind, c.key)) continue
        const dv = ws.getCell(addr(ind.code, c.key)).dataValidation
        // never a text rule that would refuse `1.234` or `1,234` by its characters
        expect(['whole', 'decimal'], `${ind.code} ${c.key}`).toContain(dv?.type)
        expect(dv?.showInputMessage, `${ind.code} ${c.key}`).toBe(true)
        expect(dv?.prompt, `${ind.code} ${c.key}`).toMatch(/Để trống nếu không có số liệu/)
      }
    }
  })

  it("writes the unit's issuer and number lines the pack gives (a health station's form)", async () => {
    const files = shippedPackFiles()
    const layout = JSON.parse(files['layout.json'] as string) as { header: Record<string, unknown> }
    layout.header['unitIssuer'] = 'TRẠM Y TẾ: ……………………'
    layout.header['unitNumber'] = 'Số: ……/BC-TYT'
    const loaded = loadPack({ ...files, 'layout.json': JSON.stringify(layout) })
    if (!loaded.ok) throw new Error('pack refused')
    const ws = (await readExcelJs(await writeBlankForm(loaded.pack, { year: 2025 }))).getWorksheet(figures)!
    expect(ws.getCell('A2').value).toBe('TRẠM Y TẾ: ……………………')
    expect(ws.getCell('A4').value).toBe('Số: ……/BC-TYT')
  })

  it('leaves unlocked, with an input message, every text a unit writes: name, number, date, signatures', () => {
    const ws = ej.getWorksheet(figures)!
    expect(ws.getCell('A2').value).toBe('ĐƠN VỊ BÁO CÁO: ……………………')
    for (const cell of ['A1', 'A2', 'A4']) {
      expect(ws.getCell(cell).protection?.locked, cell).toBe(false)
      expect(ws.getCell(cell).dataValidation?.prompt, cell).toBeTruthy()
    }
    const dateCell = ws.findCell(4, pack.columns.length)
    const date = dateCell?.isMerged ? dateCell.master : dateCell
    expect(String(date?.value)).toMatch(/ngày …… tháng …… năm 2025$/)
    expect(date?.protection?.locked).toBe(false)
    // the two names under the signature titles
    const names: ExcelJS.Cell[] = []
    for (let r = L.signatureRow; r <= L.signatureRow + 8; r++)
      ws.getRow(r).eachCell((c) => {
        if (c.protection?.locked === false && (!c.isMerged || c.master === c)) names.push(c)
      })
    expect(names.map((c) => c.dataValidation?.promptTitle)).toEqual(['Người lập biểu', 'Thủ trưởng đơn vị'])
    // the rest of the header stays locked
    expect(ws.getCell(L.titleRow, 1).protection?.locked ?? true).toBe(true)
  })

  it('numbers the pages of the form and of the guide', () => {
    for (const name of [figures, pack.layout.sheets.guide])
      expect(ej.getWorksheet(name)!.headerFooter.oddFooter, name).toMatch(/Trang &P\/&N/)
  })

  it('guides without naming any software, in numbers any Excel takes, and names only columns the form has', () => {
    const rows = XLSX.utils.sheet_to_json<unknown[]>(sj.Sheets[pack.layout.sheets.guide]!, { header: 1 })
    const text = rows.map((r) => (r as unknown[]).join(' ')).join('\n')
    expect(text).not.toMatch(/Sheaf|phần mềm|Excel 20|LibreOffice/i)
    expect(text).not.toContain('1.234')
    expect(text).not.toContain('26,85')
    const headers = new Set(pack.columns.flatMap((c) => c.header))
    for (const line of pack.layout.guide)
      for (const m of line.matchAll(/[Cc]ột "([^"]+)"/g)) expect(headers, line).toContain(m[1])
  })

  it('formats figures by kind', () => {
    const ws = ej.getWorksheet(figures)!
    const fmt = (kind: string, key = 'total'): string =>
      ws.getCell(addr(find((i) => i.kind === kind).code, key)).numFmt
    expect(fmt('count')).toBe('#,##0')
    expect(fmt('money')).toBe('#,##0.0##')
    expect(fmt('rate')).toBe('0.0#')
    expect(fmt('permille')).toBe('0.0#')
    expect(fmt('ratio')).toBe('0.0#')
    expect(fmt('count', 'compare')).toBe('0.0')
  })

  it('uses Times New Roman, 13 pt header block, 12 pt bold title, 11 pt table', () => {
    const ws = ej.getWorksheet(figures)!
    expect(ws.getCell(1, 1).font).toMatchObject({ name: 'Times New Roman', size: 13 })
    expect(ws.getCell(L.titleRow, 1).font).toMatchObject({ name: 'Times New Roman', size: 12, bold: true })
    const first = pack.indicators.find(isDataRow)!
    expect(ws.getCell(addr(first.code, 'total')).font).toMatchObject({ name: 'Times New Roman', size: 11 })
    expect(ws.getCell(addr(first.code, 'total')).border?.left?.style).toBe('thin')
  })

  it('prints on A4 landscape, fit to width, header rows repeated, frozen below the headers', () => {
    const ws = ej.getWorksheet(figures)!
    expect(ws.pageSetup).toMatchObject({
      orientation: 'landscape',
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
    })
    const titles = sj.Workbook?.Names?.find((n) => n.Name === '_xlnm.Print_Titles')
    expect(titles?.Ref).toBe(`'${figures}'!$${L.headerRow}:$${L.indexRow}`)
    expect(titles?.Sheet).toBe(sj.SheetNames.indexOf(figures))
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: L.indexRow })
    pack.columns.forEach((c, i) => expect(ws.getColumn(i + 1).width).toBeCloseTo(c.width, 2))
  })

  it('puts the signature block after the last row', () => {
    const s = sj.Sheets[figures]!
    const row = L.signatureRow - 1
    const texts = Array.from({ length: pack.columns.length }, (_, c) => s[a1(row, c)]?.v)
    expect(texts).toContain(pack.layout.header.signLeft)
    expect(texts).toContain(pack.layout.header.signRight)
    expect(L.signatureRow).toBeGreaterThan(L.rowOf(pack.indicators.at(-1)!.code))
  })

  it('guides the unit and lists the rows each department fills', () => {
    const rows = XLSX.utils.sheet_to_json<unknown[]>(sj.Sheets[pack.layout.sheets.guide]!, { header: 1 })
    const firstCells = rows.map((r) => String((r as unknown[])[0] ?? ''))
    for (const line of pack.layout.guide) expect(firstCells).toContain(line)
    for (const [owner, name] of Object.entries(pack.layout.owners)) {
      const heading = firstCells.findIndex((t) => t.startsWith(name.vi))
      expect(heading, owner).toBeGreaterThan(-1)
      const owned = pack.indicators.filter((i) => i.owner === owner)
      const codes = rows.slice(heading + 2, heading + 2 + owned.length).map((r) => (r as unknown[])[1])
      expect(codes).toEqual(owned.map((i) => i.code))
    }
  })

  it('leaves every data cell blank', () => {
    const s = sj.Sheets[figures]!
    for (const ind of pack.indicators.filter(isDataRow)) {
      for (const c of pack.columns) {
        if (columnApplies(pack, ind, c.key) && c.role !== 'note')
          expect(s[addr(ind.code, c.key)]?.v).toBeUndefined()
      }
    }
  })
})
