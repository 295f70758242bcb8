// The router over HTTP on 127.0.0.1, for a browser and the end-to-end tests: the page is served
// from the built renderer, every request needs the random token (query, cookie or bearer header),
// calls are `POST /api/<channel>` with a JSON body, events arrive over Server-Sent Events.
import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import type { Router } from '../services/api/router'
import type { ApiEvent } from '../shared/api-types'

export type HttpServerOptions = Readonly<{
  router: Router
  /** 0 or absent: a free port */
  port?: number | undefined
  host?: string | undefined
  token?: string | undefined
  /** the built renderer (`out/renderer`); found next to the bundle or in the working folder if absent */
  rendererDir?: string | undefined
  /** files the page may download: id -> absolute path (export results) */
  downloads?: Map<string, string> | undefined
  maxBodyBytes?: number | undefined
}>

export type RunningHttpServer = Readonly<{
  /** the address to open in a browser, with the token */
  url: string
  /** the same address without the token */
  origin: string
  port: number
  token: string
  close: () => Promise<void>
}>

const COOKIE = 'sheaf_token'

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ')

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.csv': 'text/csv; charset=utf-8',
  '.zip': 'application/zip',
}

export function findRendererDir(explicit?: string): string | null {
  const candidates = [
    explicit,
    path.resolve(__dirname, '../renderer'),
    path.resolve(__dirname, '../out/renderer'),
    path.resolve(__dirname, '../../out/renderer'),
    path.resolve(process.cwd(), 'out/renderer'),
  ]
  for (const c of candidates) if (c && fs.existsSync(path.join(c, 'index.html'))) return c
  return null
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && crypto.timingSafeEqual(x, y)
}

function tokenOf(req: http.IncomingMessage, url: URL): string | null {
  const q = url.searchParams.get('token')
  if (q) return q
  const auth = req.headers.authorization
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim()
  const cookie = req.headers.cookie
  if (cookie) {
    for (const part of cookie.split(';')) {
      const [k, ...v] = part.trim().split('=')
      if (k === COOKIE) return decodeURIComponent(v.join('='))
    }
  }
  return null
}

function send(res: http.ServerResponse, status: number, body: string | Buffer, type: string): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  })
  res.end(body)
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8')
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > limit) {
        reject(new Error('body too large'))
        req.destroy()
        return
      }
      chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

export function startRouterServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const token = options.token ?? crypto.randomBytes(24).toString('base64url')
  const host = options.host ?? '127.0.0.1'
  const rendererDir = findRendererDir(options.rendererDir)
  const downloads = options.downloads ?? new Map<string, string>()
  const maxBody = options.maxBodyBytes ?? 300 * 1024 * 1024
  const streams = new Set<http.ServerResponse>()

  const unsubscribe = options.router.subscribe((event: ApiEvent) => {
    const line = `event: message\ndata: ${JSON.stringify(event)}\n\n`
    for (const s of streams) s.write(line)
  })

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: String(e) } })
      else res.end()
    })
  })

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const given = tokenOf(req, url)
    if (!given || !safeEqual(given, token)) {
      sendJson(res, 401, {
        ok: false,
        error: {
          code: 'unauthorized',
          message: { vi: 'Thiếu hoặc sai mã truy cập', en: 'Missing or wrong access token' },
        },
      })
      return
    }
    // The token in the address becomes a cookie so the page's own scripts and styles load.
    if (url.searchParams.get('token')) {
      res.setHeader('Set-Cookie', `${COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`)
    }

    if (url.pathname.startsWith('/api/')) {
      const channel = decodeURIComponent(url.pathname.slice(5))
      if (channel === 'events' && req.method === 'GET') {
        res.writeHead(200, {
          'Content-Type': 'text/event-stream; charset=utf-8',
          'Cache-Control': 'no-store',
          Connection: 'keep-alive',
        })
        res.write(': connected\n\n')
        streams.add(res)
        const ping = setInterval(() => res.write(': ping\n\n'), 15_000)
        req.on('close', () => {
          clearInterval(ping)
          streams.delete(res)
        })
        return
      }
      if (req.method !== 'POST') {
        sendJson(res, 405, { ok: false, error: { code: 'bad_request', message: 'POST only' } })
        return
      }
      let request: unknown = {}
      try {
        const body = await readBody(req, maxBody)
        request = body.length ? (JSON.parse(body.toString('utf8')) as unknown) : {}
      } catch (e) {
        sendJson(res, 400, {
          ok: false,
          error: {
            code: 'bad_request',
            message: {
              vi: `Nội dung yêu cầu không đọc được: ${String(e)}`,
              en: `Unreadable request: ${String(e)}`,
            },
          },
        })
        return
      }
      const reply = await options.router.dispatch(channel, request)
      sendJson(res, 200, reply)
      return
    }

    if (url.pathname.startsWith('/download/') && req.method === 'GET') {
      const id = decodeURIComponent(url.pathname.slice('/download/'.length))
      const file = downloads.get(id)
      if (!file || !fs.existsSync(file)) {
        send(res, 404, 'not found', 'text/plain; charset=utf-8')
        return
      }
      const body = fs.readFileSync(file)
      const name = path.basename(file)
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      )
      send(res, 200, body, MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream')
      return
    }

    if (req.method !== 'GET') {
      send(res, 405, 'method not allowed', 'text/plain; charset=utf-8')
      return
    }
    if (!rendererDir) {
      send(
        res,
        503,
        'Giao diện chưa được build: chạy `npm run build` rồi mở lại.\nThe interface is not built: run `npm run build` first.',
        'text/plain; charset=utf-8',
      )
      return
    }
    const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '')
    const file = path.resolve(rendererDir, rel)
    const inside = file === rendererDir || file.startsWith(rendererDir + path.sep)
    const target =
      inside && fs.existsSync(file) && fs.statSync(file).isFile()
        ? file
        : path.join(rendererDir, 'index.html')
    send(
      res,
      200,
      fs.readFileSync(target),
      MIME[path.extname(target).toLowerCase()] ?? 'application/octet-stream',
    )
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      const port = (server.address() as AddressInfo).port
      const origin = `http://${host}:${port}/`
      resolve({
        url: `${origin}?token=${token}`,
        origin,
        port,
        token,
        close: () =>
          new Promise<void>((done) => {
            unsubscribe()
            for (const s of streams) s.end()
            streams.clear()
            server.closeAllConnections()
            server.close(() => done())
          }),
      })
    })
  })
}
