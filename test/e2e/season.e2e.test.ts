// A whole reporting season through the interface, as a clerk does it, in Chromium against the HTTP
// server: create the period, load the unit list, import the files, see who is missing, look at the
// problem in its sheet and accept it with a reason, assign the file that names no unit of the list
// by hand, consolidate, trace a figure to its cells,
// export, and check the exported workbook's figures with SheetJS. Saves a screenshot of each screen.
import { closeAll, exportReport, fitsWidth, gridCell, nav, openClerk, shot, startTestServer } from './browser'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as XLSX from '@e965/xlsx'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SheafHttpServer } from '../../src-main/http'
import { loadTestPack } from '../helpers/load-test-pack'
import type { SampleSeason } from './sample-season'
import { SAMPLE_UNITS, writeSampleSeason } from './sample-season'
import { unzipSync } from 'fflate'

const PERIOD = '2025-Y'

let tmp: string
let server: SheafHttpServer
let browser: Browser
let page: Page
let season: SampleSeason

/** The visible text of the screen (not the inputs' values). */
async function screenText(): Promise<string> {
  return page.evaluate(`document.querySelector('.app')?.textContent ?? ''`)
}

/** A date as the clerk reads and types it: dd/mm/yyyy. */
const dmy = (d: Date) =>
  `${String(d.getDate()).padStart(2, '0')}/${String(d.getMonth() + 1).padStart(2, '0')}/${d.getFullYear()}`

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sheaf-e2e-'))
  season = await writeSampleSeason(loadTestPack(), path.join(tmp, 'in'), PERIOD)
  ;({ server, browser, page } = await openClerk(tmp, {
    acceptDownloads: true,
    permissions: ['clipboard-read', 'clipboard-write'],
  }))
})

afterAll(() => closeAll(browser, server, tmp))

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
    // a deadline a few days ahead, so the list reads as it does mid-season, typed day first
    const deadline = dmy(new Date(Date.now() + 5 * 86_400_000))
    // a month 13 is said at once, and the period is not made with it
    await page.getByTestId('new-period-deadline').fill('15/13/2025')
    await expect
      .poll(() => page.getByTestId('new-period-deadline-error').textContent())
      .toBe('Không có ngày 15/13/2025: kiểm tra lại ngày và tháng (ngày viết trước)')
    await page.getByTestId('new-period-deadline').fill(deadline)
    expect(await page.getByTestId('new-period-deadline-error').count()).toBe(0)
    await page.getByTestId('create-period').click()
    await expect.poll(() => page.getByTestId('period-select').inputValue()).toBe(`child-work-2025/${PERIOD}`)
    // made again: nothing of it changes, and it says so
    await page.getByTestId('create-period').click()
    await expect.poll(() => page.locator('.notices').textContent()).toContain('Kỳ Năm 2025 đã có')
    await expect.poll(() => page.getByTestId('period-deadline').inputValue()).toBe(deadline)
    // periods and forms by their names, never their codes
    expect(await page.getByTestId(`period-${PERIOD}`).textContent()).toContain('Năm 2025')
    expect(await screenText()).not.toContain('2025-Y')
    expect(await screenText()).not.toContain('child-work-2025')

    const chooser = page.waitForEvent('filechooser')
    await page.getByTestId('units-import').click()
    await (await chooser).setFiles(season.unitsCsv)
    await expect
      .poll(() => page.locator('[data-testid="units-grid"] .ag-center-cols-container .ag-row').count())
      .toBe(SAMPLE_UNITS.length)
    await expect.poll(() => gridCell(page, 'units-grid', 'CA', 'name').textContent()).toBe('Công an tỉnh')
    // the whole list with its buttons, without scrolling sideways
    expect(await fitsWidth(page, 'units-grid')).toBe('fits')
    expect(await gridCell(page, 'units-grid', 'CA', 'actions').isVisible()).toBe(true)
    await shot(page, '1-ky-bao-cao')
  })

  it('imports the files, each result as it comes', async () => {
    await nav(page, 'import')
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
    await expect
      .poll(() => page.getByTestId('batch-summary').textContent())
      .toContain(`Đợt nhận ${season.files.length} tệp: ${season.files.length} tệp mới (4 hợp lệ, 2 có lỗi)`)
    expect(await fitsWidth(page, 'import-grid')).toBe('fits')
  })

  it('says a re-import brought nothing new, and a folder of no spreadsheet, and keeps the history', async () => {
    let chooser = page.waitForEvent('filechooser')
    await page.getByTestId('pick-files').click()
    await (await chooser).setFiles([...season.files])
    await expect
      .poll(() => page.getByTestId('batch-summary').textContent(), { timeout: 60_000 })
      .toContain(`${season.files.length} tệp đã nhận trước đó`)
    const pdf = path.join(tmp, 'cong-van.pdf')
    const docx = path.join(tmp, 'ghi-chu.docx')
    fs.writeFileSync(pdf, '%PDF-1.4\n')
    fs.writeFileSync(docx, 'PK\u0003\u0004')
    chooser = page.waitForEvent('filechooser')
    await page.getByTestId('pick-files').click()
    await (await chooser).setFiles([pdf, docx])
    await expect
      .poll(() => page.getByTestId('batch-summary').textContent(), { timeout: 30_000 })
      .toContain('Không có tệp bảng tính nào để nhận: 2 tệp không nhận được')
    // a file not taken in says why, and no unit is looked for
    const pdfRow = page
      .locator('[data-testid="import-grid"] .ag-center-cols-container .ag-row')
      .filter({ hasText: 'cong-van.pdf' })
    await expect.poll(() => pdfRow.textContent()).toContain('Không phải tệp bảng tính')
    expect(await pdfRow.textContent()).not.toContain('Không nhận diện được đơn vị')
    // after leaving the screen and reloading the page, the batches are still there
    await page.reload()
    await nav(page, 'import')
    await expect.poll(() => page.locator('[data-testid="batch-select"] option').count()).toBe(3)
    await page.getByTestId('batch-select').selectOption({ index: 2 })
    await expect
      .poll(() => page.locator('[data-testid="import-grid"] .ag-center-cols-container .ag-row').count())
      .toBe(season.files.length)
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
    await expect.poll(() => row.textContent()).toContain('Hợp lệ')
    await expect.poll(() => page.locator('[data-testid="import-grid"]').getByText('Có lỗi').count()).toBe(1)
    await shot(page, '3-nhan-bao-cao')
  })

  it('shows who is missing and who has errors', async () => {
    await nav(page, 'status')
    await expect
      .poll(() => gridCell(page, 'status-grid', season.missingUnit, 'state').textContent())
      .toBe('Chưa nhận được')
    await expect
      .poll(() => gridCell(page, 'status-grid', season.brokenUnit, 'state').textContent())
      .toBe('Có lỗi, cần nộp lại')
    await expect
      .poll(() => gridCell(page, 'status-grid', '08001', 'state').textContent())
      .toBe('Đã chấp nhận')
    await expect
      .poll(() => gridCell(page, 'status-grid', season.unknownUnit, 'state').textContent())
      .toBe('Đã chấp nhận')
    expect(await gridCell(page, 'status-grid', '08001', 'daysToDeadline').textContent()).toBe('đúng hạn')
    expect(await gridCell(page, 'status-grid', season.missingUnit, 'daysToDeadline').textContent()).toMatch(
      /^còn [45] ngày$/,
    )
    await expect
      .poll(() => page.getByTestId('status-summary').textContent())
      .toContain(`5/${SAMPLE_UNITS.length}`)
    // dated by the file's own time (written today), and whom to call from its Thong tin
    const today = new Date()
    expect(await gridCell(page, 'status-grid', '08001', 'received').textContent()).toBe(dmy(today))
    expect(await gridCell(page, 'status-grid', '08001', 'contact').textContent()).toBe(
      'Nguyễn Thị Hoa – 0912 345 678',
    )
    expect(await gridCell(page, 'status-grid', season.brokenUnit, 'toFix').textContent()).toContain(
      'khoảng 40',
    )
    expect(await fitsWidth(page, 'status-grid')).toBe('fits')
    await shot(page, '2-tinh-hinh-nop')

    // the clerk dates 08001's file by its postmark: it came after the deadline
    await gridCell(page, 'status-grid', '08001', 'name').click()
    await page.getByTestId('set-received').click()
    const late = new Date(Date.now() + 8 * 86_400_000)
    // not a date: said at once, nothing saved
    await page.getByTestId('received-date').fill('2025/11/20')
    await expect
      .poll(() => page.getByTestId('received-date-error').textContent())
      .toBe('Viết ngày theo dạng ngày/tháng/năm, ví dụ 20/11/2025')
    expect(await page.getByTestId('received-save').isDisabled()).toBe(true)
    await page.getByTestId('received-date').fill(dmy(late))
    // what the date means against the deadline, before it is saved
    await expect.poll(() => page.getByTestId('received-effect').textContent()).toMatch(/nộp muộn [23] ngày$/)
    await page.getByTestId('received-save').click()
    await expect.poll(() => gridCell(page, 'status-grid', '08001', 'received').textContent()).toBe(dmy(late))
    await expect
      .poll(() => gridCell(page, 'status-grid', '08001', 'daysToDeadline').textContent())
      .toMatch(/^nộp muộn [23] ngày$/)

    // the whole batch, dated in the import screen: every unit of it is late, then on time again
    await nav(page, 'import')
    await page.getByTestId('batch-select').selectOption({ index: 2 })
    await page.getByTestId('batch-received').click()
    await expect.poll(() => page.getByRole('dialog').textContent()).toContain('Ngày nhận của đợt')
    // cancelled: nothing changes
    await page.getByTestId('received-date').fill(dmy(late))
    await page.getByTestId('received-cancel').click()
    expect(await page.getByRole('dialog').count()).toBe(0)
    await page.getByTestId('batch-received').click()
    await page.getByTestId('received-date').fill(dmy(late))
    await page.getByTestId('received-date').press('Enter')
    await expect
      .poll(() => page.getByTestId('batch-summary').textContent())
      .toContain(`Ngày nhận: ${dmy(late)}`)
    await nav(page, 'status')
    await expect
      .poll(() => gridCell(page, 'status-grid', '08002', 'daysToDeadline').textContent())
      .toMatch(/^nộp muộn [23] ngày$/)
    expect(await gridCell(page, 'status-grid', '08002', 'received').textContent()).toBe(dmy(late))
    await nav(page, 'import')
    await page.getByTestId('batch-select').selectOption({ index: 2 })
    await page.getByTestId('batch-received').click()
    expect(await page.getByTestId('received-date').inputValue()).toBe(dmy(late))
    await page.getByTestId('received-date').fill('')
    await expect.poll(() => page.getByTestId('received-effect').textContent()).toContain('ngày lưu')
    await page.getByTestId('received-save').click()
    await nav(page, 'status')
    await expect
      .poll(() => gridCell(page, 'status-grid', '08001', 'daysToDeadline').textContent())
      .toBe('đúng hạn')
    expect(await gridCell(page, 'status-grid', '08002', 'received').textContent()).toBe(dmy(today))

    // two rows copied as a table that Excel pastes into columns
    await gridCell(page, 'status-grid', '08001', 'name').click()
    await gridCell(page, 'status-grid', '08002', 'name').click({ modifiers: ['Control'] })
    await page.getByTestId('copy-rows').click()
    const copied = await page.evaluate<string>('navigator.clipboard.readText()')
    const lines = copied.trim().split('\r\n')
    expect(lines.length).toBe(3)
    expect(lines[0]?.split('\t').slice(0, 3)).toEqual(['Mã', 'Đơn vị', 'Trạng thái'])
    expect(lines[1]?.split('\t').slice(0, 3)).toEqual(['08001', 'Xã Tam Đường', 'Đã chấp nhận'])
    expect(lines[2]?.split('\t')[0]).toBe('08002')
  })

  it('shows the problem in the sheet as received and accepts it with a reason', async () => {
    await nav(page, 'problems')
    const row = page.locator('[data-testid="problems-grid"] .ag-center-cols-container .ag-row').first()
    await expect.poll(() => row.count()).toBe(1)
    expect(await row.textContent()).toContain('khoảng 40')
    // the first problem is shown at once, before any click
    await expect.poll(() => page.getByTestId('problem-detail').textContent()).toContain('khoảng 40')
    await row.click()
    const target = page.locator('[data-testid="sheet-preview"] .sheet-target')
    await expect.poll(() => target.textContent(), { timeout: 20_000 }).toBe('khoảng 40')
    // the whole message, its place and its indicator by name
    expect(await page.getByTestId('problem-detail').textContent()).toContain('Số trẻ em dưới 1 tuổi')
    expect(await fitsWidth(page, 'problems-grid')).toBe('fits')
    await shot(page, '4-loi-va-canh-bao')
    const accept = async () => {
      await page.getByTestId('accept-selected').click()
      await page.getByTestId('decision-reason').fill('Đã gọi điện xác minh: số trẻ em nam là 40')
      await page.getByTestId('decision-save').click()
    }
    await accept()
    // the decision shows on the row, and the counts follow it
    await expect.poll(() => row.textContent()).toContain('✓ Đã chấp nhận')
    await expect.poll(() => page.getByTestId('errors-to-handle').textContent()).toBe('0 lỗi cần xử lý')
    // taken back, then taken again
    await row.click()
    await page.getByTestId('revoke-decision').click()
    await expect.poll(() => page.getByTestId('errors-to-handle').textContent()).toBe('1 lỗi cần xử lý')
    await expect.poll(() => row.textContent()).not.toContain('Đã chấp nhận')
    await row.click()
    await accept()
    await expect.poll(() => page.getByTestId('errors-accepted').textContent()).toBe('1 lỗi đã chấp nhận')
    await nav(page, 'status')
    await expect
      .poll(() => gridCell(page, 'status-grid', season.brokenUnit, 'state').textContent())
      .toBe('Chấp nhận có lý do')
  })

  it('consolidates, provisional while a unit is missing, and traces a figure to its cells', async () => {
    await nav(page, 'consolidation')
    await expect.poll(() => page.getByTestId('consolidation-banner').textContent()).toContain('TẠM THỜI')
    const expected = SAMPLE_UNITS.filter((u) => u.kind !== 'so_nganh' && season.figures[u.code]).reduce(
      (sum, u) => sum + (season.figures[u.code]?.['TE.0101']?.total ?? 0),
      0,
    )
    const total = gridCell(page, 'consolidation-grid', 'TE.0101', 'total')
    await expect.poll(() => total.textContent()).toBe(new Intl.NumberFormat('vi-VN').format(expected))
    await total.click()
    await expect
      .poll(() => page.locator('[data-testid="sources-grid"] .ag-center-cols-container .ag-row').count())
      .toBe(4)
    expect(await page.getByTestId('sources-panel').textContent()).toContain('Bieu 01!F')
    // the file assigned by hand counts like any other
    expect(await page.getByTestId('sources-panel').textContent()).toContain('Xã Phong Thổ')
    // a department's figure is named by the department
    await page.getByTestId('sources-close').click()
    expect(await fitsWidth(page, 'consolidation-grid')).toBe('fits')
    // most of the form in one screen
    expect(
      await page.locator('[data-testid="consolidation-grid"] .ag-center-cols-container .ag-row').count(),
    ).toBeGreaterThanOrEqual(14)
    await shot(page, '5-tong-hop')
  })

  it('exports the report and the feedback, and the workbook holds the figures', async () => {
    await exportReport(page)
    await page.getByTestId('export-feedback').click()
    await expect.poll(() => page.getByTestId('exported-files').count(), { timeout: 60_000 }).toBe(2)
    await page.getByTestId('season-summary').click()
    await expect
      .poll(() => page.getByTestId('season-summary-text').inputValue())
      .toContain('đã nhận báo cáo hợp lệ của 6/7 đơn vị')
    await shot(page, '6-xuat-bao-cao')
    const zip = page.waitForEvent('download')
    await page.getByTestId('export-all').click()
    await expect.poll(() => page.getByTestId('exported-files').count(), { timeout: 60_000 }).toBe(3)
    await page.locator('[data-testid="exported-files"]').first().getByTestId('download').first().click()
    const zipFile = path.join(tmp, 'tat-ca.zip')
    await (await zip).saveAs(zipFile)
    expect(Object.keys(unzipSync(new Uint8Array(fs.readFileSync(zipFile))))).toContain(
      `bao-cao-tong-hop-${PERIOD}.xlsx`,
    )

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

  it('warns of a batch of another period and moves it there', async () => {
    const h1 = await writeSampleSeason(loadTestPack(), path.join(tmp, 'h1'), '2025-H1')
    await nav(page, 'import')
    const chooser = page.waitForEvent('filechooser')
    await page.getByTestId('pick-files').click()
    await (await chooser).setFiles(h1.files.slice(0, 3))
    await expect
      .poll(() => page.getByTestId('batch-warning').textContent(), { timeout: 60_000 })
      .toContain('3/3 tệp là báo cáo 6 tháng đầu năm 2025, không phải Năm 2025')
    await page.getByTestId('batch-move').click()
    await expect
      .poll(() => page.getByTestId('period-select').inputValue(), { timeout: 30_000 })
      .toBe('child-work-2025/2025-H1')
    await nav(page, 'status')
    await expect
      .poll(() => gridCell(page, 'status-grid', '08001', 'state').textContent(), { timeout: 60_000 })
      .toBe('Đã chấp nhận')
    await page.getByTestId('period-select').selectOption(`child-work-2025/${PERIOD}`)
    await expect
      .poll(() => page.getByTestId('status-summary').textContent())
      .toContain(`6/${SAMPLE_UNITS.length}`)
  })

  it('switches to English in one click, with no Vietnamese left in the interface', async () => {
    await page.getByTestId('lang-toggle').click()
    const vietnamese = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i
    for (const screen of ['status', 'import', 'problems', 'consolidation', 'export', 'period']) {
      await nav(page, screen)
      await page.waitForTimeout(300)
      // the interface's own words: navigation, headings, toolbars, column headers (not the data)
      const words = await page.evaluate<string>(
        `[...document.querySelectorAll('.sidebar, h1, h2, .toolbar button, .toolbar label, .ag-header-cell-text, .chip')]
          .map((e) => e.textContent ?? '').join(' | ')`,
      )
      expect(words, screen).not.toMatch(vietnamese)
    }
    await nav(page, 'status')
    await expect.poll(() => page.getByRole('heading', { name: 'Submission status' }).count()).toBe(1)
    await page.getByTestId('lang-toggle').click()
  })

  it('keeps the batches after a restart, and opens the latest season in a window that remembers none', async () => {
    await server.close()
    server = await startTestServer(tmp)
    // another address: this browser remembers no season for it
    await page.goto(server.url)
    await expect
      .poll(() => page.getByTestId('period-select').inputValue(), { timeout: 20_000 })
      .toBe(`child-work-2025/${PERIOD}`)
    await nav(page, 'import')
    // the three of the season and the 6-month batch moved away (kept, set aside)
    await expect.poll(() => page.locator('[data-testid="batch-select"] option').count()).toBe(4)
    expect(await page.locator('[data-testid="batch-select"] option').first().textContent()).toContain(
      'đã để riêng',
    )
    await page.getByTestId('batch-select').selectOption({ index: 3 })
    await expect
      .poll(() => page.getByTestId('batch-summary').textContent())
      .toContain(`Đợt nhận ${season.files.length} tệp: ${season.files.length} tệp mới`)
  })
})
