// The HTTP transport as a browser meets it: nothing without the token in its header, nothing from
// another address or page (Host, Origin, content type), requests parsed by the contract's schemas,
// every failure as {ok: false, error: {code, message: {vi, en}}}, events over SSE, one-time downloads.
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SheafHttpServer } from '../../src-main/http'
import { startHttpServer } from '../../src-main/http'

// the reply as the page reads it; the fields each test looks at
type Reply = {
  ok: boolean
  value?: Record<string, unknown> & Array<Record<string, unknown>>
  error?: { code: string; message: { vi: string; en: string } }
}

let tmp: string
let server: SheafHttpServer

/** the headers our own page sends */
function own(token: string | null = server.token): Record<string, string> {
  return {
    'content-type': 'application/json',
    origin: server.origin.replace(/\/$/, ''),
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  }
}

async function call(channel: string, body: unknown, headers: Record<string, string> = own()) {
  const res = await fetch(`${server.origin}api/${channel}`, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
  })
  return { status: res.status, json: (await res.json()) as Reply }
}

/** a raw request, with a Host header of our choosing (fetch does not let one set it) */
function rawGet(
  pathname: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, path: pathname, method: 'GET', headers },
      (res) => {
        let body = ''
        res.on('data', (c: Buffer) => (body += c.toString('utf8')))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      },
    )
    req.on('error', reject)
    req.end()
  })
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sheaf-http-'))
  server = await startHttpServer({
    port: 0,
    db: path.join(tmp, 'sheaf.sqlite'),
    dataDir: path.join(tmp, 'data'),
  })
})

afterAll(async () => {
  await server.close()
  fs.rmSync(tmp, { recursive: true, force: true })
})

describe('sheaf serve', () => {
  it('listens on 127.0.0.1 and prints an address with the token after #, which no request carries', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    expect(server.url).toBe(`${server.origin}#token=${server.token}`)
    expect(server.token.length).toBeGreaterThanOrEqual(32)
  })

  it('answers no call without the right token in its header, and sets no cookie', async () => {
    const none = await call('app.info', {}, own(null))
    expect(none.status).toBe(401)
    expect(none.json).toMatchObject({ ok: false, error: { code: 'unauthorized' } })
    expect(none.json.error?.message.vi).toContain('mã truy cập')
    expect((await call('app.info', {}, own('wrong-token'))).status).toBe(401)
    // the token in the address or a cookie is no longer a way in
    const byQuery = await fetch(`${server.origin}api/app.info?token=${server.token}`, {
      method: 'POST',
      headers: own(null),
      body: '{}',
    })
    expect(byQuery.status).toBe(401)
    const byCookie = await call('app.info', {}, { ...own(null), cookie: `sheaf_token=${server.token}` })
    expect(byCookie.status).toBe(401)
    expect((await fetch(`${server.origin}api/events?token=${server.token}`)).status).toBe(401)
    const page = await fetch(`${server.origin}?token=${server.token}`)
    expect(page.headers.get('set-cookie')).toBeNull()
    expect((await call('app.info', {})).json.ok).toBe(true)
  })

  it('refuses a call from another page: another Origin, none, another site or a form-like body', async () => {
    const other = await call(
      'period.create',
      { id: '2030-Y', templateId: 'child-work-2025' },
      {
        ...own(),
        origin: 'http://127.0.0.1:1',
      },
    )
    expect(other.status).toBe(403)
    expect(other.json).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    const { origin: _dropped, ...withoutOrigin } = own()
    expect(
      (await call('period.create', { id: '2030-Y', templateId: 'child-work-2025' }, withoutOrigin)).status,
    ).toBe(403)
    const crossSite = await call(
      'period.create',
      { id: '2030-Y', templateId: 'child-work-2025' },
      {
        ...own(),
        'sec-fetch-site': 'same-site',
      },
    )
    expect(crossSite.status).toBe(403)
    // what a plain `no-cors` POST or an HTML form can send
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const r = await call(
        'period.create',
        { id: '2030-Y', templateId: 'child-work-2025' },
        {
          ...own(),
          'content-type': type,
        },
      )
      expect(r.status).toBe(415)
      expect(r.json.error?.code).toBe('forbidden')
    }
    const periods = await call('period.list', {})
    expect(periods.json.value?.map((p) => p.id) ?? []).not.toContain('2030-Y')
  })

  it('answers only the addresses 127.0.0.1 and localhost with its own port (no DNS rebinding)', async () => {
    const rebound = await rawGet('/', { host: `attacker.example:${server.port}` })
    expect(rebound.status).toBe(421)
    expect(JSON.parse(rebound.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect((await rawGet('/', { host: `127.0.0.1:${server.port + 1}` })).status).toBe(421)
    const api = await rawGet('/api/events', {
      host: `evil.test:${server.port}`,
      authorization: `Bearer ${server.token}`,
    })
    expect(api.status).toBe(421)
    expect((await rawGet('/', { host: `localhost:${server.port}` })).status).not.toBe(421)
    expect((await rawGet('/', { host: `127.0.0.1:${server.port}` })).status).not.toBe(421)
  })

  it('answers a body over its limit, a wrong method and an unknown download in the ApiError shape', async () => {
    const big = await fetch(`${server.origin}api/app.info`, {
      method: 'POST',
      headers: own(),
      body: JSON.stringify({ padding: 'x'.repeat(17 * 1024 * 1024) }),
    })
    expect(big.status).toBe(413)
    expect(await big.json()).toMatchObject({ ok: false, error: { code: 'too_large' } })
    const get = await fetch(`${server.origin}api/app.info`, { headers: own() })
    expect(get.status).toBe(405)
    expect(await get.json()).toMatchObject({
      ok: false,
      error: { code: 'bad_request', message: { en: 'POST only' } },
    })
    const gone = await fetch(`${server.origin}download/no-such-ticket`)
    expect(gone.status).toBe(404)
    expect(await gone.json()).toMatchObject({ ok: false, error: { code: 'not_found' } })
    const ticket = await fetch(`${server.origin}download`, {
      method: 'POST',
      headers: own(),
      body: JSON.stringify({ download: '/download/nothing' }),
    })
    expect(await ticket.json()).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })

  it('parses every request with the contract and says what is wrong in both languages', async () => {
    const bad = await call('period.create', { id: '2025-Q5', templateId: 'child-work-2025' })
    expect(bad.json.ok).toBe(false)
    expect(bad.json.error?.code).toBe('bad_request')
    expect(bad.json.error?.message.vi).toContain('YYYY-H1')
    // a period the form does not declare (the child-work form has no quarters)
    const undeclared = await call('period.create', { id: '2025-Q3', templateId: 'child-work-2025' })
    expect(undeclared.json.error?.code).toBe('bad_request')
    expect(undeclared.json.error?.message.vi).toBe(
      'Mẫu biểu "Biểu số liệu kết quả thực hiện công tác trẻ em năm 2025" không có kỳ Quý III năm 2025 (2025-Q3): các kỳ của mẫu là 6 tháng đầu năm 2025 (2025-H1), Năm 2025 (2025-Y)',
    )
    const unknown = await call('drop.tables', {})
    expect(unknown.json.error?.code).toBe('unknown_channel')
    const desktopOnly = await call('dialog.openFiles', {})
    expect(desktopOnly.json.error?.code).toBe('unsupported')
  })

  it('creates a period on the shipped template and lists it', async () => {
    const created = await call('period.create', {
      id: '2025-H1',
      templateId: 'child-work-2025',
      deadline: '2025-05-20',
    })
    expect(created.json).toMatchObject({
      ok: true,
      value: { id: '2025-H1', deadline: '2025-05-20', unitCount: 0 },
    })
    const list = await call('period.list', {})
    expect(list.json.value?.map((p) => p.id)).toEqual(['2025-H1'])
    const missing = await call('status.list', { period: '2024-Y' })
    expect(missing.json.error?.code).toBe('not_found')
  })

  it('serves an exported file by a one-time id only, asked for with the token', async () => {
    const exported = await call('status.exportMissing', { period: '2025-H1' })
    const files = exported.json.value?.files as unknown as { name: string; file: string }[]
    const file = files[0]
    expect(file?.name).toBe('don-vi-chua-nop-2025-H1.xlsx')
    // the id an export gives is no address to download from
    expect((await fetch(`${server.origin}download/${file?.file}`)).status).toBe(404)
    const ask = (headers: Record<string, string>) =>
      fetch(`${server.origin}download`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ download: file?.file }),
      })
    expect((await ask(own(null))).status).toBe(401)
    expect((await ask({ ...own(), origin: 'http://localhost:9' })).status).toBe(403)
    const ticket = (await (await ask(own())).json()) as { ok: boolean; value: { url: string } }
    expect(ticket.value.url).toMatch(/^\/download\/[\w-]{32}$/)
    const first = await fetch(`${server.origin}${ticket.value.url.slice(1)}`)
    expect(first.status).toBe(200)
    expect(first.headers.get('content-disposition')).toContain('don-vi-chua-nop-2025-H1.xlsx')
    expect(
      Buffer.from(await first.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK')
    const again = await fetch(`${server.origin}${ticket.value.url.slice(1)}`)
    expect(again.status).toBe(404)
  })

  it('pushes events to the page over Server-Sent Events', async () => {
    const controller = new AbortController()
    const res = await fetch(`${server.origin}api/events`, { headers: own(), signal: controller.signal })
    expect(res.headers.get('content-type')).toContain('text/event-stream')
    const reader = res.body!.getReader()
    await reader.read() // the greeting
    await call('period.update', { id: '2025-H1', deadline: '2025-05-21' })
    let text = ''
    while (!text.includes('data.changed')) text += new TextDecoder().decode((await reader.read()).value)
    expect(text).toContain('"period":"2025-H1"')
    controller.abort()
  })
})
