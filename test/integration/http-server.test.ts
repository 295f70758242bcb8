// The HTTP transport as a browser meets it: nothing without the token, requests parsed by the
// contract's schemas, failures as {ok: false, error: {code, message: {vi, en}}}, events over SSE.
import fs from 'node:fs'
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

async function call(channel: string, body: unknown, token: string | null = server.token) {
  const res = await fetch(`${server.origin}api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  })
  return { status: res.status, json: (await res.json()) as Reply }
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
  it('listens on 127.0.0.1 and prints an address with the token', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    expect(server.url).toBe(`${server.origin}?token=${server.token}`)
    expect(server.token.length).toBeGreaterThanOrEqual(32)
  })

  it('answers nothing without the right token', async () => {
    expect((await call('app.info', {}, null)).status).toBe(401)
    expect((await call('app.info', {}, 'wrong-token')).status).toBe(401)
    expect((await fetch(server.origin)).status).toBe(401)
    expect((await fetch(`${server.origin}api/events`)).status).toBe(401)
  })

  it('parses every request with the contract and says what is wrong in both languages', async () => {
    const bad = await call('period.create', { id: '2025-Q3', templateId: 'child-work-2025' })
    expect(bad.json.ok).toBe(false)
    expect(bad.json.error?.code).toBe('bad_request')
    expect(bad.json.error?.message.vi).toContain('YYYY-H1')
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

  it('pushes events to the page over Server-Sent Events', async () => {
    const controller = new AbortController()
    const res = await fetch(`${server.origin}api/events?token=${server.token}`, { signal: controller.signal })
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
