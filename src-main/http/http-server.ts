// The router over HTTP on 127.0.0.1, for a browser and the end-to-end tests: the page is served
// from the built renderer (public files, no token), and everything else needs the random token in
// the `Authorization` header the page sends itself (request-guard.ts): calls are `POST /api/<channel>`
// with a JSON body from our own Origin, events arrive over a Server-Sent Events stream the page reads
// with fetch, files go out by one-time download ids. Every refusal is an `ApiError` reply.
import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import type { Router } from '../services/api/router'
import type { ApiErrorCode } from '../shared/api-contract'
import type { ApiEvent } from '../shared/api-types'
import type { Localized } from '../shared/localized'
import type { HeldFiles } from '../services/api/held-files'
import { createHeldFiles } from '../services/api/held-files'
import { safeFileName } from '../services/file-name'
import { DEFAULT_READ_POOL_OPTIONS } from '../services/read-pool/read-pool'
import { createDownloadTickets } from './download-tickets'
import { uploadToDisk } from './upload-to-disk'
import type { Refusal } from './request-guard'
import { allowedHosts, checkHost, checkStateChange, checkToken } from './request-guard'

export type HttpServerOptions = Readonly<{
  router: Router
  /** 0 or absent: a free port */
  port?: number | undefined
  host?: string | undefined
  token?: string | undefined
  /** the built renderer (`out/renderer`); found next to the bundle or in the working folder if absent */
  rendererDir?: string | undefined
  /** the files the page names by id: exports to download, uploads it streamed here */
  held?: HeldFiles | undefined
  /** where uploads are streamed to (`/upload`); without it, uploads are refused */
  uploadDir?: string | undefined
  /** the largest JSON call (default 16 MB: files do not come this way) */
  maxBodyBytes?: number | undefined
  /** the largest uploaded file (default: the read pool's size limit, SHEAF_MAX_FILE_MB) */
  maxUploadBytes?: number | undefined
}>

export type RunningHttpServer = Readonly<{
  /** the address to open in a browser, with the token after `#` (never sent to a server) */
  url: string
  /** the same address without the token */
  origin: string
  port: number
  token: string
  close: () => Promise<void>
}>

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

function sendError(res: http.ServerResponse, status: number, code: ApiErrorCode, message: Localized): void {
  sendJson(res, status, { ok: false, error: { code, message } })
}

function refuse(res: http.ServerResponse, refusal: Refusal): void {
  sendError(res, refusal.status, refusal.code, refusal.message)
}

class BodyTooLarge extends Error {}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? NaN)
    if (declared > limit) {
      reject(new BodyTooLarge())
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > limit) {
        reject(new BodyTooLarge())
        req.pause()
        return
      }
      chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

const tooLarge = (limit: number): Localized => ({
  vi: `Nội dung yêu cầu quá lớn (hơn ${Math.round(limit / 1024 / 1024)} MB)`,
  en: `The request is too large (more than ${Math.round(limit / 1024 / 1024)} MB)`,
})

export function startRouterServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const token = options.token ?? crypto.randomBytes(24).toString('base64url')
  const host = options.host ?? '127.0.0.1'
  const rendererDir = findRendererDir(options.rendererDir)
  const held = options.held ?? createHeldFiles()
  const tickets = createDownloadTickets()
  const maxBody = options.maxBodyBytes ?? 16 * 1024 * 1024
  const maxUpload = options.maxUploadBytes ?? DEFAULT_READ_POOL_OPTIONS.maxFileBytes
  const streams = new Set<http.ServerResponse>()
  let hosts: ReadonlySet<string> = new Set()

  const unsubscribe = options.router.subscribe((event: ApiEvent) => {
    const line = `event: message\ndata: ${JSON.stringify(event)}\n\n`
    for (const s of streams) s.write(line)
  })

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      if (!res.headersSent)
        sendError(res, 500, 'internal', {
          vi: `Lỗi không mong đợi: ${String(e)}`,
          en: `Unexpected error: ${String(e)}`,
        })
      else res.end()
    })
  })

  async function readJson(
    req: http.IncomingMessage,
    res: http.ServerResponse,
  ): Promise<{ value: unknown } | null> {
    try {
      const body = await readBody(req, maxBody)
      return { value: body.length ? (JSON.parse(body.toString('utf8')) as unknown) : {} }
    } catch (e) {
      if (e instanceof BodyTooLarge) {
        res.setHeader('Connection', 'close')
        sendError(res, 413, 'too_large', tooLarge(maxBody))
      } else
        sendError(res, 400, 'bad_request', {
          vi: `Nội dung yêu cầu không đọc được: ${String(e)}`,
          en: `Unreadable request: ${String(e)}`,
        })
      return null
    }
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const wrongHost = checkHost(req, hosts)
    if (wrongHost) return refuse(res, wrongHost)

    // a one-time download id is its own permission: a link the browser follows carries no header
    if (url.pathname.startsWith('/download/') && req.method === 'GET') {
      const file = tickets.redeem(decodeURIComponent(url.pathname.slice('/download/'.length)))
      if (!file || !fs.existsSync(file)) {
        sendError(res, 404, 'not_found', {
          vi: 'Liên kết tải về đã dùng hoặc đã hết hạn: hãy bấm tải về lần nữa',
          en: 'The download link was used or has expired: click download again',
        })
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

    if (url.pathname.startsWith('/api/') || url.pathname === '/download' || url.pathname === '/upload') {
      const noToken = checkToken(req, token)
      if (noToken) return refuse(res, noToken)
    }

    // `POST /upload?name=…&lastModified=…`, the file's bytes as the body: streamed to disk, held by id
    if (url.pathname === '/upload') {
      if (req.method !== 'POST') return sendError(res, 405, 'bad_request', methodOnly('POST'))
      const foreign = checkStateChange(req, 'application/octet-stream')
      if (foreign) return refuse(res, foreign)
      if (!options.uploadDir)
        return sendError(res, 503, 'unsupported', {
          vi: 'Không nhận tệp tải lên',
          en: 'Uploads are not taken here',
        })
      const name = safeFileName(url.searchParams.get('name') ?? '')
      const outcome = await uploadToDisk(req, options.uploadDir, maxUpload)
      const lastModified = Number(url.searchParams.get('lastModified') ?? NaN)
      if (outcome.kind === 'stored' && Number.isFinite(lastModified) && lastModified > 0)
        fs.utimesSync(outcome.path, new Date(), new Date(lastModified))
      const id =
        outcome.kind === 'stored'
          ? held.hold({ path: outcome.path, name, role: 'file', temporary: true })
          : held.hold({ path: '', name, role: 'file', refusal: tooLarge(maxUpload) })
      sendJson(res, 200, { ok: true, value: { id, name } })
      return
    }

    if (url.pathname === '/api/events') {
      if (req.method !== 'GET') return sendError(res, 405, 'bad_request', methodOnly('GET'))
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
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

    if (url.pathname.startsWith('/api/') || url.pathname === '/download') {
      if (req.method !== 'POST') return sendError(res, 405, 'bad_request', methodOnly('POST'))
      const foreign = checkStateChange(req, 'application/json')
      if (foreign) return refuse(res, foreign)
      const body = await readJson(req, res)
      if (!body) return
      if (url.pathname === '/download') {
        // `{ download }`: the id an export gave for one of its files (`file`)
        const given = (body.value as { download?: unknown } | null)?.download
        const id = typeof given === 'string' ? given : ''
        const file = held.get(id, 'export')?.path
        if (!file) return sendError(res, 404, 'not_found', { vi: 'Không có tệp này', en: 'No such file' })
        sendJson(res, 200, { ok: true, value: { url: `/download/${tickets.issue(file)}` } })
        return
      }
      const channel = decodeURIComponent(url.pathname.slice(5))
      const reply = await options.router.dispatch(channel, body.value)
      sendJson(res, 200, reply)
      return
    }

    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendError(res, 405, 'bad_request', methodOnly('GET'))
    if (!rendererDir) {
      sendError(res, 503, 'unsupported', {
        vi: 'Giao diện chưa được build: chạy `npm run build` rồi mở lại.',
        en: 'The interface is not built: run `npm run build` first.',
      })
      return
    }
    // the page's own files, public like any program's: no token needed to load them
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
      hosts = allowedHosts(host, port)
      const origin = `http://${host}:${port}/`
      resolve({
        url: `${origin}#token=${token}`,
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

const methodOnly = (method: string): Localized => ({
  vi: `Chỉ nhận yêu cầu ${method}`,
  en: `${method} only`,
})
