// Thêm mẫu biểu in the browser at 1366x768: a broken pack of the data folder is listed with its
// mistakes; a pack folder picked in the browser is uploaded, checked and added, and its form can be
// chosen for a new period; a pack that fails the check is refused with its mistakes on screen.
import { closeAll, openClerk, shot } from './browser'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SheafHttpServer } from '../../src-main/http'
import { shippedPackFiles } from '../helpers/load-test-pack'

const NAME = 'Biểu thử nghiệm thêm mẫu 2025'

let tmp: string
let server: SheafHttpServer
let browser: Browser
let page: Page

/** The shipped pack as another form in `dir`, each file changed by `edit`. */
function writePack(
  dir: string,
  id: string,
  edit: (name: string, text: string) => string = (_n, t) => t,
): string {
  fs.mkdirSync(dir, { recursive: true })
  for (const [name, text] of Object.entries(shippedPackFiles())) {
    const renamed =
      name === 'manifest.json'
        ? text.replace('"child-work-2025"', `"${id}"`).replace(/"vi": "Biểu số liệu[^"]*"/, `"vi": "${NAME}"`)
        : text
    fs.writeFileSync(path.join(dir, name), edit(name, renamed))
  }
  return dir
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sheaf-e2e-forms-'))
  // a pack folder someone put in the data folder by hand, with a mistake
  writePack(path.join(tmp, 'data', 'templates', 'mau-hong'), 'mau-hong', (name, text) =>
    name === 'indicators.csv' ? text.replace(',ratio,T,', ',ratios,T,') : text,
  )
  ;({ server, browser, page } = await openClerk(tmp))
})

afterAll(() => closeAll(browser, server, tmp))

describe('Thêm mẫu biểu', () => {
  it('lists a broken pack with its mistakes, adds a picked pack folder, refuses a broken one', async () => {
    await page.goto(server.url)
    await expect.poll(() => page.getByTestId('forms-broken').isVisible()).toBe(true)
    expect(await page.getByTestId('forms-broken').textContent()).toContain('1 mẫu biểu bị lỗi')

    // a pack folder picked in the browser: uploaded, checked, added
    const good = writePack(path.join(tmp, 'picked', 'mau-them-2025'), 'mau-them-2025')
    const chooser = page.waitForEvent('filechooser')
    await page.getByTestId('forms-add').click()
    await (await chooser).setFiles(good)
    await expect.poll(() => page.locator('.notices').textContent()).toContain(`Đã thêm mẫu biểu ${NAME}`)
    await expect
      .poll(() => page.getByTestId('new-period-template').locator('option').allTextContents())
      .toContain(NAME)
    expect(fs.existsSync(path.join(tmp, 'data', 'templates', 'mau-them-2025', 'manifest.json'))).toBe(true)
    // a season of the added form: the window's title names the form by the pack's own name
    await page.getByTestId('new-period-template').selectOption('mau-them-2025')
    await page.getByTestId('new-period-year').fill('2025')
    await page.getByTestId('create-period').click()
    await expect.poll(() => page.title()).toBe(`Sheaf – ${NAME} · Năm 2025`)

    // a pack with a rule that can never be checked: refused, its mistake on screen, nothing copied
    const bad = writePack(path.join(tmp, 'picked', 'mau-loi-2025'), 'mau-loi-2025', (name, text) =>
      name === 'rules.csv'
        ? text.replace('V08h,error,TE.0101a,=,TE.0101.age_0_6,', 'V08h,error,TE.0101a,=,TE.0101a.age_0_6,')
        : text,
    )
    const chooser2 = page.waitForEvent('filechooser')
    await page.getByTestId('forms-add').click()
    await (await chooser2).setFiles(bad)
    await expect.poll(() => page.getByTestId('forms-refused').isVisible()).toBe(true)
    expect(await page.getByTestId('forms-refused').textContent()).toContain(
      'rules.csv › dòng 8 (V08h) › right: dòng TE.0101a không có cột age_0_6',
    )
    expect(fs.existsSync(path.join(tmp, 'data', 'templates', 'mau-loi-2025'))).toBe(false)
    // the broken folder of the data folder, with its mistake, in the same list
    expect(await page.getByTestId('forms-broken-mau-hong').textContent()).toContain(
      'indicators.csv › dòng 5 (TE.0102) › kind: giá trị không hợp lệ',
    )
    expect(await page.getByTestId('forms-list').textContent()).toContain(NAME)
    // the dialog fits the screen
    const box = await page.locator('.modal').boundingBox()
    expect(box && box.y >= 0 && box.y + box.height <= 768 && box.x + box.width <= 1366).toBe(true)
    await shot(page, '7-them-mau-bieu')
  })
})
