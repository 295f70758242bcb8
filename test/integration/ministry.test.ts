// One level up (issue 15, point 7): at the ministry, each province's consolidated report is a unit's
// file. 34 generated provinces are consolidated into their reports; `sheaf consolidate` then reads the
// 34 reports against the ministry's unit list of provinces (kind `tinh`). The national figures must be
// the provinces' figures added cell by cell, each traced to the province's file and cell, and a
// province report that breaks the form's rules must be refused with the rule and the cell.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import * as XLSX from '@e965/xlsx'
import { beforeAll, describe, expect, it } from 'vitest'
import { isAdditive } from '../../src-main/core/template/pack'
import { loadTestPack } from '../helpers/load-test-pack'
import { makeMinistrySeason, type MinistrySeason } from '../helpers/ministry'
import { close, type JsonDoc } from '../helpers/province-outcome'
import { seasonArgs, sheaf } from '../helpers/run-sheaf'

const pack = loadTestPack()
let dir: string
let season: MinistrySeason
let national: JsonDoc
let nationalFile: string

/** The ministry's `sheaf consolidate` over a folder of province reports. */
async function consolidateMinistry(reports: string, out: string): Promise<JsonDoc> {
  const r = await sheaf(
    'consolidate',
    ...seasonArgs(season.units),
    '--out',
    out,
    '--governing-body',
    '',
    '--issuer',
    'BỘ Y TẾ',
    '--report-no',
    '15/BC-BYT',
    '--place',
    'Hà Nội',
    '--date',
    '2025-11-25',
    '--json',
    reports,
  )
  expect(r.code, r.err).toBe(0)
  return JSON.parse(r.out) as JsonDoc
}

/** The A1 address of an indicator's figure in a report's figures sheet. */
function cellsOf(file: string): (code: string, column: string) => string {
  const wb = XLSX.read(fs.readFileSync(file))
  const ws = wb.Sheets[pack.layout.sheets.figures]!
  const rows = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, blankrows: true })
  const codeAt = pack.columns.findIndex((c) => c.role === 'code')
  return (code, column) => {
    const r = rows.findIndex((row) => row[codeAt] === code)
    const c = pack.columns.findIndex((x) => x.key === column)
    return XLSX.utils.encode_cell({ r, c })
  }
}

/** The figures sheet of a report as the eye reads it: by indicator code, then column key. */
function formFigures(file: string): Map<string, Record<string, unknown>> {
  const wb = XLSX.read(fs.readFileSync(file))
  const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[pack.layout.sheets.figures]!, {
    header: 1,
    raw: true,
  })
  const codeAt = pack.columns.findIndex((c) => c.role === 'code')
  const out = new Map<string, Record<string, unknown>>()
  for (const r of rows) {
    const code = r[codeAt]
    if (typeof code !== 'string' || !pack.byCode.has(code)) continue
    out.set(code, Object.fromEntries(pack.columns.map((c, i) => [c.key, r[i] ?? null])))
  }
  return out
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sheaf-ministry-'))
  season = await makeMinistrySeason(dir, pack, 3400)
  nationalFile = path.join(dir, 'bao-cao-toan-quoc.xlsx')
  national = await consolidateMinistry(season.reports, nationalFile)
}, 180_000)

describe('the ministry consolidates the 34 provinces’ reports', () => {
  it('reads every province report as its province’s file, and refuses exactly those whose figures break a rule of the form', () => {
    expect(national.submissions).toHaveLength(34)
    const byFile = new Map(national.submissions.map((s) => [path.basename(s.file), s]))
    const rejected: string[] = []
    for (const p of season.provinces) {
      const s = byFile.get(p.file)!
      expect([p.file, s.unit]).toEqual([p.file, p.province.code])
      // a province report whose figures break a relation of the form (its own R02) is refused at the
      // ministry with the rule, in the report's cell of the failing figure; no other problem
      const cells = cellsOf(path.join(season.reports, p.file))
      const failures = p.problems.filter((x) => x.rule === 'R02')
      const expected = failures
        .map((f) => `${f.failedRule} ${f.indicator}.${f.column} ${cells(f.indicator!, f.column!)}`)
        .sort()
      const got = s.issues.map((i) => `${i.rule} ${i.indicator}.${i.column} ${i.cell}`).sort()
      expect([p.file, got]).toEqual([p.file, expected])
      expect(s.issues.every((i) => i.sheet === pack.layout.sheets.figures)).toBe(true)
      const refused = s.issues.some((i) => i.severity === 'error')
      if (refused) rejected.push(p.province.code)
      expect([p.file, s.status]).toEqual([p.file, refused ? 'rejected' : 'accepted'])
    }
    expect(national.missing.sort()).toEqual(rejected.sort())
    // the seeds give some of each: most provinces clean, a few refused
    expect(rejected.length).toBeGreaterThan(0)
    expect(rejected.length).toBeLessThan(17)
  })

  it('gives national figures that are the accepted provinces’ figures added cell by cell, in the JSON and in the report', () => {
    const accepted = season.provinces.filter((p) => !national.missing.includes(p.province.code))
    const sheet = formFigures(nationalFile)
    const wrong: string[] = []
    let checked = 0
    for (const ind of pack.indicators) {
      if (ind.kind === 'section') continue
      const got = national.totals[ind.code]!
      for (const col of ['prev', ...ind.dataColumns]) {
        let expected: number | null
        if (isAdditive(ind)) {
          const values = accepted.map((p) => p.totals[ind.code]?.[col]).filter((v) => typeof v === 'number')
          expected = values.length === 0 ? null : values.reduce((a, b) => a + b, 0)
        } else if (ind.kind === 'rate' && ind.num && ind.den) {
          // a rate is recomputed from the national numerator and denominator, never averaged
          const n = national.totals[ind.num]?.[col]
          const d = national.totals[ind.den]?.[col]
          expected = typeof n === 'number' && typeof d === 'number' && d !== 0 ? (n / d) * 100 : null
        } else {
          // a ratio or a rate per 1,000 without its operands cannot be added across provinces
          expected = null
        }
        checked++
        if (!close(got[col], expected)) wrong.push(`${ind.code}.${col}: ${got[col]} ≠ ${expected}`)
        const inSheet = sheet.get(ind.code)?.[col]
        const shown = typeof inSheet === 'number' ? inSheet : null
        if (!close(shown, expected)) wrong.push(`report ${ind.code}.${col}: ${String(inSheet)} ≠ ${expected}`)
      }
    }
    expect(wrong).toEqual([])
    expect(checked).toBeGreaterThan(400)
    // the figure a clerk looks at first: the country's children
    const children = accepted.reduce((a, p) => a + (p.totals['TE.0101']?.['total'] ?? 0), 0)
    expect(sheet.get('TE.0101')?.['total']).toBe(children)
    expect(children).toBeGreaterThan(0)
  })

  it('traces every national figure to the province’s file, its figures sheet and cell, holding that figure', () => {
    const wb = XLSX.read(fs.readFileSync(nationalFile))
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['Nguon so lieu']!, { header: 1, raw: true })
    const header = rows[2] as string[]
    const at = (name: string) => header.findIndex((h) => String(h) === name)
    const [code, unit, file, sheetAt, value] = ['Mã chỉ tiêu', 'Mã đơn vị', 'Tệp', 'Sheet', 'Giá trị'].map(at)
    // the cell of the row's total: `Ô Kỳ báo cáo - Tổng số (2)`
    const cellAt = header.findIndex((h) => String(h).startsWith('Ô '))
    const body = rows.slice(3).filter((r) => r[code as number] !== undefined)
    const accepted = season.provinces.filter((p) => !national.missing.includes(p.province.code))
    // one row per accepted province for each row of the form that adds up
    const additive = pack.indicators.filter((i) => isAdditive(i))
    expect(body.length).toBe(accepted.length * additive.length)
    const opened = new Map<string, XLSX.WorkBook>()
    const checked = body.filter((_, k) => k % 37 === 0)
    for (const r of checked) {
      const p = accepted.find((x) => x.province.code === r[unit as number])!
      expect(r[file as number]).toBe(p.file)
      expect(r[sheetAt as number]).toBe(pack.layout.sheets.figures)
      const source = opened.get(p.file) ?? XLSX.read(fs.readFileSync(path.join(season.reports, p.file)))
      opened.set(p.file, source)
      const cell = source.Sheets[pack.layout.sheets.figures]![String(r[cellAt as number])]
      expect([r[code as number], cell?.v]).toEqual([r[code as number], r[value as number]])
      expect(r[value as number]).toBe(p.totals[String(r[code as number])]?.['total'])
    }
    expect(checked.length).toBeGreaterThan(20)
  })

  it('lists each province’s figure by indicator, with the country’s words and total', () => {
    const wb = XLSX.read(fs.readFileSync(nationalFile))
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['Chi tiet theo don vi']!, {
      header: 1,
      raw: true,
    })
    const header = (rows[2] ?? []).map(String)
    expect(header[4]).toBe('Số liệu toàn quốc lấy từ')
    expect(header[header.length - 1]).toBe('Toàn quốc')
    const accepted = season.provinces.filter((p) => !national.missing.includes(p.province.code))
    expect(header.slice(5, -1)).toEqual(accepted.map((p) => `${p.province.name} (${p.province.code})`))
    const children = rows.find((r) => r[1] === 'TE.0101')!
    expect(children[4]).toBe('Tỉnh, thành phố')
    expect(children.slice(5, -1)).toEqual(accepted.map((p) => p.totals['TE.0101']?.['total']))
    expect(children[header.length - 1]).toBe(national.totals['TE.0101']?.['total'])
    // the sex ratio at birth: each province's own figure, no national one
    const ratio = rows.find((r) => r[1] === 'TE.0102')!
    expect(accepted.map((_, j) => ratio[5 + j] ?? null)).toEqual(
      accepted.map((p) => p.totals['TE.0102']?.['total'] ?? null),
    )
    expect(ratio[4] ?? '').toBe('')
    expect(ratio[header.length - 1] ?? null).toBeNull()
  })

  it('refuses a province report edited to break a sum, naming the rule and the cells', async () => {
    const p = season.provinces.find((x) => !national.missing.includes(x.province.code))!
    const edited = path.join(dir, 'sua-tay')
    fs.mkdirSync(edited)
    for (const q of season.provinces)
      fs.copyFileSync(path.join(season.reports, q.file), path.join(edited, q.file))
    // in Excel: 3 more girls raped in the province's report (22.2.1), its parent 22.2 left as it was
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(path.join(edited, p.file))
    const ws = wb.getWorksheet(pack.layout.sheets.figures)!
    const codeCol = pack.columns.findIndex((c) => c.role === 'code') + 1
    const colOf = (key: string) => pack.columns.findIndex((c) => c.key === key) + 1
    let childRow = 0
    let parentRow = 0
    ws.eachRow((row, n) => {
      const v = row.getCell(codeCol).value
      if (v === 'XH.0101b1') childRow = n
      if (v === 'XH.0101b') parentRow = n
    })
    for (const key of ['total', 'female']) {
      const cell = ws.getRow(childRow).getCell(colOf(key))
      cell.value = Number(cell.value ?? 0) + 3
    }
    await wb.xlsx.writeFile(path.join(edited, p.file))
    const doc = await consolidateMinistry(edited, path.join(dir, 'bao-cao-sua-tay.xlsx'))
    const s = doc.submissions.find((x) => path.basename(x.file) === p.file)!
    expect(s.status).toBe('rejected')
    const letter = (key: string) => XLSX.utils.encode_col(colOf(key) - 1)
    expect(s.issues.map((i) => `${i.rule} ${i.indicator}.${i.column} ${i.cell}`).sort()).toEqual([
      `V09 XH.0101b.female ${letter('female')}${parentRow}`,
      `V09 XH.0101b.total ${letter('total')}${parentRow}`,
      // and the edited row's stated comparison with last year no longer matches its total
      `W05 XH.0101b1.compare ${letter('compare')}${childRow}`,
    ])
    expect(doc.missing).toContain(p.province.code)
    // the national figures no longer count that province
    const before = national.totals['TE.0101']?.['total'] ?? 0
    expect(doc.totals['TE.0101']?.['total']).toBe(before - (p.totals['TE.0101']?.['total'] ?? 0))
  })
})
