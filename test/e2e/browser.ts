// Debian's Chromium for the end-to-end tests, headless and kept off the closed network, and what
// every end-to-end test does with it: the server on a test folder, a clerk's page, its screens.
import fs from 'node:fs'
import path from 'node:path'
import { chromium } from 'playwright-core'
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core'
import { expect } from 'vitest'
import type { SheafHttpServer } from '../../src-main/http'
import { startHttpServer } from '../../src-main/http'

/** Where the end-to-end tests leave the README's screenshots. */
export const SHOTS = path.resolve(__dirname, '../../docs/screenshots')

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
}

/** A page as the clerks' laptops show it (1366×768) in a context of its own, its errors logged. */
export async function clerkPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, ...options })
  const page = await context.newPage()
  page.on('pageerror', (e) => console.error('page error:', e))
  fs.mkdirSync(SHOTS, { recursive: true })
  return page
}

/** Closes what a test file opened; any of them is missing when its setup stopped early. */
export async function closeAll(
  browser: Browser | undefined,
  server: Readonly<{ close: () => Promise<void> }> | undefined,
  tmp: string | undefined,
): Promise<void> {
  await browser?.close()
  await server?.close()
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true })
}

/** The desktop's HTTP transport on a test folder's own database and data folder, on a free port. */
export function startTestServer(tmp: string): Promise<SheafHttpServer> {
  return startHttpServer({
    port: 0,
    db: path.join(tmp, 'sheaf.sqlite'),
    dataDir: path.join(tmp, 'data'),
  })
}

export type Clerk = Readonly<{ server: SheafHttpServer; browser: Browser; page: Page }>

/** The test folder's server and a clerk's page in Chromium, ready to open the server's address. */
export async function openClerk(tmp: string, options: BrowserContextOptions = {}): Promise<Clerk> {
  const server = await startTestServer(tmp)
  const browser = await launchChromium()
  return { server, browser, page: await clerkPage(browser, options) }
}

/** A screenshot for the README once the notices of the last action have gone: the screen as one reads it. */
export async function shot(page: Page, name: string): Promise<void> {
  await expect.poll(() => page.locator('.notices .notice').count(), { timeout: 10_000 }).toBe(0)
  await page.waitForTimeout(300)
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) })
}

/** Goes to a screen by the side menu. */
export async function nav(page: Page, screen: string): Promise<void> {
  await page.getByTestId(`nav-${screen}`).click()
}

/** The grid cell of row `rowId`, column `colId`. */
export function gridCell(page: Page, grid: string, rowId: string, colId: string): Locator {
  return page
    .locator(`[data-testid="${grid}"] .ag-row[row-id="${rowId}"] .ag-cell[col-id="${colId}"]`)
    .first()
}

/** A request to the server's API as the clerk's page makes it (its origin and token), its reply. */
export async function postToApi(
  server: SheafHttpServer,
  route: string,
  body: string | Buffer,
  contentType = 'application/json',
): Promise<Response> {
  return fetch(`${server.origin}${route}`, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      origin: server.origin.replace(/\/$/, ''),
      authorization: `Bearer ${server.token}`,
    },
    body,
  })
}

/**
 * `fits` when a grid shows all its columns without scrolling sideways, and the page too; else the
 * widths that do not fit.
 */
export async function fitsWidth(page: Page, grid: string): Promise<string> {
  return page.evaluate(`(() => {
    const viewport = document.querySelector('[data-testid="${grid}"] .ag-center-cols-viewport')
    const root = document.documentElement
    if (viewport === null) return 'no grid'
    const g = viewport.scrollWidth <= viewport.clientWidth + 2
    const p = root.scrollWidth <= root.clientWidth + 1
    return g && p ? 'fits' : 'grid ' + viewport.scrollWidth + '/' + viewport.clientWidth + ', page ' + root.scrollWidth + '/' + root.clientWidth
  })()`)
}

/** On a new database: the child-work form's season of a whole year made from the season screen, open. */
export async function openFirstSeason(page: Page, url: string, year: number): Promise<void> {
  await page.goto(url)
  await expect.poll(() => page.getByTestId('create-period').isVisible()).toBe(true)
  await page.getByTestId('new-period-year').fill(String(year))
  await page.getByTestId('new-period-kind').selectOption('Y')
  await page.getByTestId('create-period').click()
  await expect.poll(() => page.getByTestId('period-select').inputValue()).toBe(`child-work-2025/${year}-Y`)
}

/** The report exported from the export screen with a governing body and place; its download link. */
export async function exportReport(page: Page): Promise<Locator> {
  await nav(page, 'export')
  await page.getByTestId('export-governingBody').fill('UBND TỈNH LAI CHÂU')
  await page.getByTestId('export-place').fill('Lai Châu')
  await page.getByTestId('export-report').click()
  const link = page.locator('[data-testid="exported-files"] [data-testid="download"]').first()
  await expect.poll(() => link.count(), { timeout: 60_000 }).toBe(1)
  return link
}
