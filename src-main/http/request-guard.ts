// What a request must show before the HTTP transport looks at it: the address it was sent to (Host:
// 127.0.0.1 or localhost and our port, so a DNS-rebound name gets nothing), the token in a header the
// page sends itself (never a cookie, which a browser attaches to requests from any page), and for
// whatever changes something, our own Origin and a content type no other page can send without asking
// first (a cross-origin JSON or octet-stream body needs a CORS preflight, which this server never grants).
import crypto from 'node:crypto'
import type http from 'node:http'
import type { ApiErrorCode } from '../shared/api-contract'
import type { Localized } from '../shared/localized'

export type Refusal = Readonly<{ status: number; code: ApiErrorCode; message: Localized }>

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost']

/** The `Host` values this server answers: its loopback names with its port. */
export function allowedHosts(host: string, port: number): ReadonlySet<string> {
  return new Set([...LOOPBACK_NAMES, host].map((name) => `${name}:${port}`.toLowerCase()))
}

export function checkHost(req: http.IncomingMessage, allowed: ReadonlySet<string>): Refusal | null {
  const host = (req.headers.host ?? '').toLowerCase()
  if (allowed.has(host)) return null
  return {
    status: 421,
    code: 'forbidden',
    message: {
      vi: `Địa chỉ máy chủ không đúng (${host || 'trống'}): hãy mở đúng địa chỉ mà lệnh \`sheaf serve\` đã in ra`,
      en: `Wrong server address (${host || 'none'}): open the address printed by \`sheaf serve\``,
    },
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && crypto.timingSafeEqual(x, y)
}

/** The token of `Authorization: Bearer …`, the only place it is taken from. */
export function checkToken(req: http.IncomingMessage, token: string): Refusal | null {
  const auth = req.headers.authorization ?? ''
  const given = auth.startsWith('Bearer ') ? auth.slice(7).trim() : ''
  if (given && safeEqual(given, token)) return null
  return {
    status: 401,
    code: 'unauthorized',
    message: {
      vi: 'Thiếu hoặc sai mã truy cập: hãy mở đúng địa chỉ mà lệnh `sheaf serve` đã in ra',
      en: 'Missing or wrong access token: open the address printed by `sheaf serve`',
    },
  }
}

const forbidden = (vi: string, en: string): Refusal => ({
  status: 403,
  code: 'forbidden',
  message: { vi, en },
})

/**
 * A request that changes something: sent by our own page (its Origin is this server's, as the
 * browser states it, and the browser does not say it came from another site) with `contentType`.
 */
export function checkStateChange(req: http.IncomingMessage, contentType: string): Refusal | null {
  const origin = req.headers.origin
  const own = `http://${(req.headers.host ?? '').toLowerCase()}`
  if (!origin || origin.toLowerCase() !== own)
    return forbidden(
      `Yêu cầu không đến từ trang của Sheaf (nguồn: ${origin ?? 'không có'})`,
      `The request did not come from Sheaf's own page (origin: ${origin ?? 'none'})`,
    )
  const site = req.headers['sec-fetch-site']
  if (site !== undefined && site !== 'same-origin')
    return forbidden(
      `Yêu cầu không đến từ trang của Sheaf (${site})`,
      `The request did not come from Sheaf's own page (${site})`,
    )
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase()
  if (type !== contentType)
    return {
      status: 415,
      code: 'forbidden',
      message: {
        vi: `Kiểu nội dung phải là ${contentType} (nhận được: ${type || 'không có'})`,
        en: `The content type must be ${contentType} (got: ${type || 'none'})`,
      },
    }
  return null
}
