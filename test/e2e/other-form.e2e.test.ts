// A batch of another form in the browser at 1366x768: the clerk drops immunization files into the
// child-work season; the import screen warns once for the batch, naming the form and the period in
// words, and offers to make that form's season; after the clerk agrees, the files are there and the
// screen shows that season. Saves a screenshot (docs/screenshots/dot-nhan-mau-khac.png).
import { closeAll, openClerk, openFirstSeason, shot } from './browser'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SheafHttpServer } from '../../src-main/http'
import type { PeriodId } from '../../src-main/shared/period'
import { makeCommunes, makeRng, unitsCsv } from '../fixtures/generator'
import type { ListUnit } from '../fixtures/generator'
import { immunizationFigures, writeImmunizationFile } from '../fixtures/generator/immunization'
import { loadImmunizationPack } from '../helpers/immunization-pack'

const PERIOD = '2025-Y' as PeriodId
const TC_NAME = 'Báo cáo kết quả tiêm chủng mở rộng năm 2025'

let tmp: string
let server: SheafHttpServer
let browser: Browser
let page: Page
let communes: ListUnit[]
let paths: string[]

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sheaf-e2e-mau-khac-'))
  const rng = makeRng(1516)
  communes = makeCommunes(4, rng.fork('units'))
  fs.writeFileSync(path.join(tmp, 'xa.csv'), unitsCsv(communes))
  const pack = loadImmunizationPack()
  fs.mkdirSync(path.join(tmp, 'in'))
  paths = []
  for (const u of communes.slice(0, 3)) {
    const r = rng.fork(u.code)
    const file = await writeImmunizationFile(pack, u, immunizationFigures(pack, r, PERIOD), {
      period: PERIOD,
      rng: r,
    })
    const p = path.join(tmp, 'in', `${u.code}-tiem-chung.xlsx`)
    fs.writeFileSync(p, file.bytes)
    paths.push(p)
  }
  ;({ server, browser, page } = await openClerk(tmp))
})

afterAll(() => closeAll(browser, server, tmp))

describe('a batch of another form in the browser', () => {
  it('warns once, and makes that form’s season and moves the files there with the clerk’s consent', async () => {
    await openFirstSeason(page, server.url, 2025)
    let chooser = page.waitForEvent('filechooser')
    await page.getByTestId('units-import').click()
    await (await chooser).setFiles(path.join(tmp, 'xa.csv'))
    await expect
      .poll(() => page.locator('[data-testid="units-grid"] .ag-center-cols-container .ag-row').count())
      .toBe(communes.length)

    await page.getByTestId('nav-import').click()
    chooser = page.waitForEvent('filechooser')
    await page.getByTestId('pick-files').click()
    await (await chooser).setFiles(paths)
    await expect
      .poll(() => page.getByTestId('batch-warning').textContent(), { timeout: 60_000 })
      .toBe(
        `⚠ 3/3 tệp là báo cáo theo mẫu "${TC_NAME}" (Năm 2025), không phải mẫu đang mở; mẫu đó chưa có kỳ này`,
      )
    // one warning for the batch, not one per file
    expect(await page.getByTestId('batch-warning').count()).toBe(1)
    // the batch's sentence tells them as files of another form, not as new files with errors
    expect(await page.getByTestId('batch-summary').textContent()).toContain(
      'Đợt nhận 3 tệp: 3 tệp của mẫu biểu khác',
    )
    await page.getByTestId('batch-other-form').click()
    await expect
      .poll(() => page.getByTestId('batch-other-form-ask').textContent())
      .toContain(
        `Tạo kỳ Năm 2025 cho mẫu "${TC_NAME}" (cùng danh sách đơn vị với kỳ đang mở) và chuyển 3 tệp này sang đó?`,
      )
    // the question and its buttons within the window's width
    const box = await page.getByTestId('batch-other-form-yes').boundingBox()
    expect(box && box.x + box.width <= 1366).toBe(true)
    await shot(page, 'dot-nhan-mau-khac')
    await page.getByTestId('batch-other-form-yes').click()
    await expect
      .poll(() => page.getByTestId('period-select').inputValue(), { timeout: 30_000 })
      .toBe(`immunization-6m-2025/${PERIOD}`)
    await page.getByTestId('nav-status').click()
    await expect
      .poll(() => page.getByTestId('status-summary').textContent(), { timeout: 60_000 })
      .toMatch(new RegExp(`3/${communes.length}`))
  })
})
