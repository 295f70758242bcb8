// The second bundled form through the interface at 1366x768, in the same database as the
// child-work form: the clerk chooses the 6-month immunization form and the period, loads the
// communes, imports their files, sees who is missing, the problems of the three files with a
// mistake (the quarters, the "of which" column, a coverage over 120%) in their sheets, the totals
// of the form in its own columns (plan, quarters, done/plan %), and exports the report, whose cells
// hold the figures. Saves a screenshot of each screen (docs/screenshots/tiem-chung-*.png).
import { closeAll, exportReport, fitsWidth, gridCell, nav, openClerk, openFirstSeason, shot } from './browser'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as XLSX from '@e965/xlsx'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SheafHttpServer } from '../../src-main/http'
import { makeCommunes, makeRng, unitsCsv } from '../fixtures/generator'
import type { FigureTable, ListUnit } from '../fixtures/generator'
import {
  immunizationFiles,
  immunizationTotals,
  type ImmunizationFile,
} from '../fixtures/generator/immunization-province'
import { loadImmunizationPack } from '../helpers/immunization-pack'

const FORM = 'immunization-6m-2025'
const PERIOD = '2025-Y'
const pack = loadImmunizationPack()

let tmp: string
let server: SheafHttpServer
let browser: Browser
let page: Page
let communes: ListUnit[]
let files: ImmunizationFile[]
let paths: string[]
let totals: FigureTable

function rows(grid: string) {
  return page.locator(`[data-testid="${grid}"] .ag-center-cols-container .ag-row`)
}

const vi = (n: number, digits = 0) =>
  new Intl.NumberFormat('vi-VN', { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(n)

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sheaf-e2e-tiem-chung-'))
  communes = makeCommunes(8, makeRng(77).fork('units'))
  files = await immunizationFiles(pack, communes, 77, { mistakes: true })
  fs.mkdirSync(path.join(tmp, 'in'))
  fs.writeFileSync(path.join(tmp, 'xa.csv'), unitsCsv(communes))
  paths = files.map((f) => {
    const p = path.join(tmp, 'in', f.name)
    fs.writeFileSync(p, f.bytes)
    return p
  })
  totals = immunizationTotals(
    pack,
    files.filter((f) => f.expected.length === 0).map((f) => f.figures),
  )
  ;({ server, browser, page } = await openClerk(tmp, { acceptDownloads: true }))
})

afterAll(() => closeAll(browser, server, tmp))

describe('the immunization form in the browser, beside the child-work form', () => {
  it('makes the child-work season and the immunization season of the same period, and loads the communes', async () => {
    // the child-work form's season first: the two live in one database
    await openFirstSeason(page, server.url, 2025)
    // the immunization form, chosen by its name
    await page
      .getByTestId('new-period-template')
      .selectOption({ label: 'Báo cáo kết quả tiêm chủng mở rộng năm 2025' })
    await page.getByTestId('new-period-kind').selectOption('Y')
    await page.getByTestId('create-period').click()
    await expect.poll(() => page.getByTestId('period-select').inputValue()).toBe(`${FORM}/${PERIOD}`)
    const chooser = page.waitForEvent('filechooser')
    await page.getByTestId('units-import').click()
    await (await chooser).setFiles(path.join(tmp, 'xa.csv'))
    await expect.poll(() => rows('units-grid').count()).toBe(communes.length)
  })

  it('imports the communes’ files and says which have errors', async () => {
    await nav(page, 'import')
    const chooser = page.waitForEvent('filechooser')
    await page.getByTestId('pick-files').click()
    await (await chooser).setFiles(paths)
    await expect.poll(() => rows('import-grid').count(), { timeout: 60_000 }).toBe(files.length)
    await expect.poll(() => page.getByTestId('import-progress').count()).toBe(0)
    await expect
      .poll(() => page.getByTestId('batch-summary').textContent())
      .toContain(`${files.length} tệp mới (${files.length - 3} hợp lệ, 3 có lỗi)`)
    expect(await fitsWidth(page, 'import-grid')).toBe('fits')
  })

  it('lists who is missing: the three refused and the commune that sent nothing', async () => {
    await nav(page, 'status')
    const silent = communes[communes.length - 1]!
    await expect
      .poll(() => gridCell(page, 'status-grid', silent.code, 'state').textContent())
      .toBe('Chưa nhận được')
    for (const f of files.filter((x) => x.expected.length > 0))
      await expect
        .poll(() => gridCell(page, 'status-grid', f.unit, 'state').textContent())
        .toContain('Có lỗi')
    expect(await fitsWidth(page, 'status-grid')).toBe('fits')
  })

  it('shows each problem with the form’s own words, in its sheet at its cell', async () => {
    await nav(page, 'problems')
    await expect.poll(() => rows('problems-grid').count()).toBe(3)
    const text = await page.locator('[data-testid="problems-grid"]').textContent()
    // the quarters named by the pack's group, the "of which" column, the pack's 120% bound
    expect(text).toContain('Thực hiện theo quý')
    expect(text).toContain('Trong đó: dân tộc thiểu số')
    expect(text).toContain('120%')
    const quarters = files.find((f) => f.expected[0]?.rule === 'V06')!
    const at = quarters.cells[quarters.expected[0]!.indicator]![quarters.expected[0]!.column]!
    await page
      .locator('[data-testid="problems-grid"] .ag-row')
      .filter({ hasText: 'Thực hiện theo quý' })
      .first()
      .click()
    await expect.poll(() => page.getByTestId('problem-detail').textContent()).toContain(at)
    await expect
      .poll(() => page.locator('[data-testid="sheet-preview"] .sheet-target').count(), { timeout: 20_000 })
      .toBe(1)
    expect(await fitsWidth(page, 'problems-grid')).toBe('fits')
    await shot(page, 'tiem-chung-4-loi')
  })

  it('shows the province’s totals in the form’s columns: plan, quarters, done, done/plan %', async () => {
    await nav(page, 'consolidation')
    await expect.poll(() => page.getByTestId('consolidation-banner').textContent()).toContain('TẠM THỜI')
    const full = totals['TC.02']!
    for (const col of ['plan', 'done', 'q1', 'q2', 'minority'])
      await expect
        .poll(() => gridCell(page, 'consolidation-grid', 'TC.02', col).textContent())
        .toBe(vi(full[col]!))
    const pct = await gridCell(page, 'consolidation-grid', 'TC.02', 'pct').textContent()
    expect(Number(pct?.replace(/\./g, '').replace(',', '.'))).toBeCloseTo(full['pct']!, 0)
    expect(await fitsWidth(page, 'consolidation-grid')).toBe('fits')
    await shot(page, 'tiem-chung-5-tong-hop')
  })

  it('exports the report, whose form sheet holds the totals', async () => {
    const link = await exportReport(page)
    await shot(page, 'tiem-chung-6-xuat-bao-cao')
    const download = page.waitForEvent('download')
    await link.click()
    const file = path.join(tmp, 'bao-cao-tiem-chung.xlsx')
    await (await download).saveAs(file)
    const wb = XLSX.read(fs.readFileSync(file))
    const ws = wb.Sheets[pack.layout.sheets.figures]!
    const sheetRows = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true })
    const col = (key: string) => pack.columns.findIndex((c) => c.key === key)
    for (const code of ['TC.01', 'TC.02', 'TC.07']) {
      const row = sheetRows.find((r) => r[col('code')] === code)!
      for (const key of ['plan', 'prev', 'done', 'q1', 'q2', 'minority'])
        expect([code, key, row[col(key)]]).toEqual([code, key, totals[code]![key]])
    }
    const rate = sheetRows.find((r) => r[col('code')] === 'TC.02r')!
    expect(rate[col('done')]).toBeCloseTo(totals['TC.02r']!['done']!, 9)
  })
})
