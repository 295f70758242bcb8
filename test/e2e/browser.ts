// Debian's Chromium for the end-to-end tests, headless and kept off the closed network.
import fs from 'node:fs'
import path from 'node:path'
import { chromium } from 'playwright-core'
import type { Browser, BrowserContextOptions, Page } from 'playwright-core'

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
