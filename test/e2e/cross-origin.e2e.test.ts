// Another page on 127.0.0.1 (a second local server on another port, as a notebook or a dev server
// would be) open in the same browser as Sheaf's: whatever it sends, it creates nothing and reads
// nothing. Its attempts are those that worked when the token was a cookie: a `no-cors` POST, an HTML
// form, a fetch with credentials, the event stream, and Sheaf's page in a frame.
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SheafHttpServer } from '../../src-main/http'
import { startHttpServer } from '../../src-main/http'
import { launchChromium, postToApi } from './browser'

let tmp: string
let server: SheafHttpServer
let other: http.Server
let otherOrigin: string
let browser: Browser

/** the other page: it tries, then writes what it could read into `window.results` */
function attackerPage(sheaf: string): string {
  const body = JSON.stringify({ id: '2031-Y', templateId: 'child-work-2025' })
  return `<!doctype html><html><body>
<form id="f" method="POST" action="${sheaf}api/period.create" enctype="text/plain" target="sink">
  <input name='${body.slice(0, -1)},"x":"' value='"}'>
</form>
<iframe name="sink"></iframe>
<iframe id="app" src="${sheaf}"></iframe>
<script>
window.results = {}
const note = (k, v) => { window.results[k] = v }
;(async () => {
  try {
    await fetch('${sheaf}api/period.create', { method: 'POST', mode: 'no-cors', credentials: 'include',
      headers: { 'Content-Type': 'text/plain' }, body: ${JSON.stringify(body)} })
    note('noCors', 'sent')
  } catch (e) { note('noCors', 'error') }
  try {
    const r = await fetch('${sheaf}api/period.list', { method: 'POST', credentials: 'include',
      headers: { 'Content-Type': 'application/json' }, body: '{}' })
    note('read', await r.text())
  } catch (e) { note('read', 'blocked') }
  try {
    const r = await fetch('${sheaf}api/events', { credentials: 'include' })
    note('events', String(r.status))
  } catch (e) { note('events', 'blocked') }
  try {
    note('frame', document.getElementById('app').contentWindow.sessionStorage.getItem('sheaf.token'))
  } catch (e) { note('frame', 'blocked') }
  document.getElementById('f').submit()
  setTimeout(() => note('done', true), 1500)
})()
</script></body></html>`
}

async function api(channel: string, body: unknown): Promise<{ ok: boolean; value?: unknown }> {
  const res = await postToApi(server, `api/${channel}`, JSON.stringify(body))
  return (await res.json()) as { ok: boolean; value?: unknown }
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sheaf-cross-'))
  server = await startHttpServer({ port: 0, db: ':memory:', dataDir: path.join(tmp, 'data') })
  other = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(attackerPage(server.origin))
  })
  await new Promise<void>((done) => other.listen(0, '127.0.0.1', done))
  otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}/`
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
  await new Promise<void>((done) => (other ? other.close(() => done()) : done()))
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true })
})

describe('another page on 127.0.0.1', () => {
  it('cannot act as the clerk whose Sheaf is open in the same browser', async () => {
    expect(otherOrigin).not.toBe(server.origin)
    const context = await browser.newContext()
    const sheaf = await context.newPage()
    await sheaf.goto(server.url)
    await expect.poll(() => sheaf.getByTestId('create-period').isVisible(), { timeout: 20_000 }).toBe(true)
    // the clerk's own page works
    expect(await sheaf.evaluate('sessionStorage.getItem("sheaf.token")')).toBe(server.token)

    const evil = await context.newPage()
    await evil.goto(otherOrigin)
    await expect.poll(() => evil.evaluate('window.results.done === true'), { timeout: 20_000 }).toBe(true)
    const results = (await evil.evaluate('window.results')) as Record<string, unknown>
    expect(results.read).toBe('blocked')
    expect(results.events).toBe('blocked')
    expect(results.frame).toBe('blocked')

    const periods = (await api('period.list', {})).value as { id: string }[]
    expect(periods.map((p) => p.id)).not.toContain('2031-Y')
    // the same request from Sheaf's own page is accepted: the refusal is about where it came from
    const own = await sheaf.evaluate(
      async ([token]) => {
        const r = await fetch('/api/period.create', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify({ id: '2031-Y', templateId: 'child-work-2025' }),
        })
        return ((await r.json()) as { ok: boolean }).ok
      },
      [server.token],
    )
    expect(own).toBe(true)
    await context.close()
  })
})
