// A whole reporting season through the interface, as a clerk does it, in Chromium against the HTTP
// server: create the period, load the unit list, import the files, see who is missing, look at the
// problem in its sheet and accept it with a reason, assign the file that names no unit of the list
// by hand, consolidate, trace a figure to its cells,
// export, and check the exported workbook's figures with SheetJS. Saves a screenshot of each screen.
import { launchChromium } from './browser'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as XLSX from '@e965/xlsx'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SheafHttpServer } from '../../src-main/http'
import { startHttpServer } from '../../src-main/http'
import { loadTestPack } from '../helpers/load-test-pack'
import type { SampleSeason } from './sample-season'
import { SAMPLE_UNITS, writeSampleSeason } from './sample-season'

const SHOTS = path.resolve(__dirname, '../../docs/screenshots')
const PERIOD = '2025-Y'

let tmp: string
let server: SheafHttpServer
let browser: Browser
let page: Page
let season: SampleSeason

async function shot(name: string): Promise<void> {
  // the notices of the last action go away by themselves: the screen is shown as one reads it
  await expect.poll(() => page.locator('.notices .notice').count(), { timeout: 10_000 }).toBe(0)
  await page.waitForTimeout(300)
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) })
}

async function nav(screen: string): Promise<void> {
  await page.getByTestId(`nav-${screen}`).click()
}

/** the text of the grid cell of row `rowId`, column `colId` */
function cell(grid: string, rowId: string, colId: string) {
  return page
    .locator(`[data-testid="${grid}"] .ag-row[row-id="${rowId}"] .ag-cell[col-id="${colId}"]`)
    .first()
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sheaf-e2e-'))
  season = await writeSampleSeason(loadTestPack(), path.join(tmp, 'in'), PERIOD)
  server = await startHttpServer({
    port: 0,
    db: path.join(tmp, 'sheaf.sqlite'),
    dataDir: path.join(tmp, 'data'),
  })
  browser = await launchChromium()
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true })
  page = await context.newPage()
  page.on('pageerror', (e) => console.error('page error:', e))
  fs.mkdirSync(SHOTS, { recursive: true })
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true })
})

describe('a reporting season in the browser', () => {
  it('refuses every request without the token', async () => {
    const res = await fetch(`${server.origin}api/app.info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.origin.replace(/\/$/, '') },
      body: '{}',
    })
    expect(res.status).toBe(401)
  })

  it('takes the token out of the address and keeps no cookie', async () => {
    await page.goto(server.url)
    await expect.poll(() => page.getByTestId('create-period').isVisible()).toBe(true)
    expect(page.url()).toBe(server.origin)
    expect(await page.context().cookies()).toEqual([])
    // a reload of the cleaned address still works: the tab kept the token
    await page.reload()
    await expect.poll(() => page.getByTestId('create-period').isVisible()).toBe(true)
  })

  it('creates the period and loads the unit list', async () => {
    await expect.poll(() => page.getByTestId('create-period').isVisible()).toBe(true)
    await page.getByTestId('new-period-year').fill('2025')
    await page.getByTestId('new-period-kind').selectOption('Y')
    // a deadline a few days ahead, so the list reads as it does mid-season
    const deadline = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10)
    await page.getByTestId('new-period-deadline').fill(deadline)
    await page.getByTestId('create-period').click()
    await expect.poll(() => page.getByTestId('period-select').inputValue()).toBe(PERIOD)

    const chooser = page.waitForEvent('filechooser')
    await page.getByTestId('units-import').click()
    await (await chooser).setFiles(season.unitsCsv)
    await expect
      .poll(() => page.locator('[data-testid="units-grid"] .ag-center-cols-container .ag-row').count())
      .toBe(SAMPLE_UNITS.length)
    await expect.poll(() => cell('units-grid', 'CA', 'name').textContent()).toBe('Công an tỉnh')
    await shot('1-ky-bao-cao')
  })

  it('imports the files, each result as it comes', async () => {
    await nav('import')
    const chooser = page.waitForEvent('filechooser')
    await page.getByTestId('pick-files').click()
    await (await chooser).setFiles([...season.files])
    await expect
      .poll(() => page.locator('[data-testid="import-grid"] .ag-center-cols-container .ag-row').count(), {
        timeout: 60_000,
      })
      .toBe(season.files.length)
    await expect.poll(() => page.getByTestId('import-progress').count()).toBe(0)
    // the file with an error, and the file written under a commune's name before the merger
    await expect.poll(() => page.locator('[data-testid="import-grid"]').getByText('Có lỗi').count()).toBe(2)
  })

  it('assigns the file that matches no unit to its unit by hand', async () => {
    const row = page
      .locator('[data-testid="import-grid"] .ag-center-cols-container .ag-row')
      .filter({ hasText: season.unknownFile })
    await expect.poll(() => row.textContent()).toContain('Không nhận diện được đơn vị')
    await row.getByTestId('assign-unit').click()
    await page.getByTestId('assign-select').selectOption(season.unknownUnit)
    await page.getByTestId('assign-save').click()
    // read again in a read worker, which may have to start first
    await expect
      .poll(() => row.textContent(), { timeout: 30_000 })
      .toContain(`${season.unknownUnit} – Xã Phong Thổ`)
    expect(await row.textContent()).toContain('Hợp lệ')
    await expect.poll(() => page.locator('[data-testid="import-grid"]').getByText('Có lỗi').count()).toBe(1)
    await shot('3-nhan-bao-cao')
  })

  it('shows who is missing and who has errors', async () => {
    await nav('status')
    await expect
      .poll(() => cell('status-grid', season.missingUnit, 'state').textContent())
      .toBe('Chưa nhận được')
    await expect
      .poll(() => cell('status-grid', season.brokenUnit, 'state').textContent())
      .toBe('Có lỗi, cần nộp lại')
    await expect.poll(() => cell('status-grid', '08001', 'state').textContent()).toBe('Đã chấp nhận')
    await expect
      .poll(() => cell('status-grid', season.unknownUnit, 'state').textContent())
      .toBe('Đã chấp nhận')
    expect(await cell('status-grid', '08001', 'daysToDeadline').textContent()).toBe('đúng hạn')
    expect(await cell('status-grid', season.missingUnit, 'daysToDeadline').textContent()).toMatch(
      /^còn [45] ngày$/,
    )
    await expect
      .poll(() => page.getByTestId('status-summary').textContent())
      .toContain(`5/${SAMPLE_UNITS.length}`)
    await shot('2-tinh-hinh-nop')
  })

  it('shows the problem in the sheet as received and accepts it with a reason', async () => {
    await nav('problems')
    const row = page.locator('[data-testid="problems-grid"] .ag-center-cols-container .ag-row').first()
    await expect.poll(() => row.count()).toBe(1)
    expect(await row.textContent()).toContain('V01')
    await row.click()
    const target = page.locator('[data-testid="sheet-preview"] .sheet-target')
    await expect.poll(() => target.textContent(), { timeout: 20_000 }).toBe('khoảng 40')
    await shot('4-loi-va-canh-bao')
    await page.getByTestId('accept-selected').click()
    await page.getByTestId('decision-reason').fill('Đã gọi điện xác minh: số trẻ em nam là 40')
    await page.getByTestId('decision-save').click()
    await nav('status')
    await expect
      .poll(() => cell('status-grid', season.brokenUnit, 'state').textContent())
      .toBe('Chấp nhận có lý do')
  })

  it('consolidates, provisional while a unit is missing, and traces a figure to its cells', async () => {
    await nav('consolidation')
    await expect.poll(() => page.getByTestId('consolidation-banner').textContent()).toContain('TẠM THỜI')
    const expected = SAMPLE_UNITS.filter((u) => u.kind !== 'so_nganh' && season.figures[u.code]).reduce(
      (sum, u) => sum + (season.figures[u.code]?.['TE.0101']?.total ?? 0),
      0,
    )
    const total = cell('consolidation-grid', 'TE.0101', 'total')
    await expect.poll(() => total.textContent()).toBe(new Intl.NumberFormat('vi-VN').format(expected))
    await total.click()
    await expect
      .poll(() => page.locator('[data-testid="sources-grid"] .ag-center-cols-container .ag-row').count())
      .toBe(4)
    expect(await page.getByTestId('sources-panel').textContent()).toContain('Bieu 01!F')
    // the file assigned by hand counts like any other
    expect(await page.getByTestId('sources-panel').textContent()).toContain('Xã Phong Thổ')
    await shot('5-tong-hop')
  })

  it('exports the report and the feedback, and the workbook holds the figures', async () => {
    await nav('export')
    await page.getByTestId('export-governingBody').fill('UBND TỈNH LAI CHÂU')
    await page.getByTestId('export-place').fill('Lai Châu')
    await page.getByTestId('export-report').click()
    const link = page.locator('[data-testid="exported-files"] [data-testid="download"]').first()
    await expect.poll(() => link.count(), { timeout: 60_000 }).toBe(1)
    await page.getByTestId('export-feedback').click()
    await expect.poll(() => page.getByTestId('exported-files').count(), { timeout: 60_000 }).toBe(2)
    await shot('6-xuat-bao-cao')

    const download = page.waitForEvent('download')
    await page.locator('[data-testid="exported-files"]').last().getByTestId('download').first().click()
    const file = path.join(tmp, 'report.xlsx')
    await (await download).saveAs(file)
    const wb = XLSX.read(fs.readFileSync(file))
    const sheet = wb.Sheets['Bieu 01']
    expect(sheet).toBeDefined()
    const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet as XLSX.WorkSheet, { header: 1, raw: true })
    const row = rows.find((r) => r[1] === 'TE.0101')
    const expected = ['08001', '08002', '08003', '08004'].reduce(
      (sum, code) => sum + (season.figures[code]?.['TE.0101']?.total ?? 0),
      0,
    )
    expect(row?.[5]).toBe(expected)
  })

  it('switches to English in one click', async () => {
    await page.getByTestId('lang-toggle').click()
    await nav('status')
    await expect.poll(() => page.getByRole('heading', { name: 'Submission status' }).count()).toBe(1)
    await page.getByTestId('lang-toggle').click()
  })
})
