// The page's one typed client of the API: `window.api` inside the desktop window, the HTTP
// transport (token from the address) in a browser. Screens call `api.call` and never know which.
import type {
  ApiError,
  ApiReply,
  ApiRequest,
  ApiResponse,
  Channel,
  SheafBridge,
} from '../../src-main/shared/api-contract'
import type { ApiEvent } from '../../src-main/shared/api-types'
import type { Localized } from '../../src-main/shared/localized'

declare global {
  interface Window {
    api?: SheafBridge
  }
}

export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message.en)
    this.name = 'ApiCallError'
  }
  get text(): Localized {
    return this.error.message
  }
}

type Transport = Readonly<{
  kind: 'electron' | 'http'
  invoke: (channel: Channel, request: unknown) => Promise<ApiReply<unknown>>
  onEvent: (listener: (event: ApiEvent) => void) => () => void
  /** an address the browser can open to download a file the server wrote */
  downloadUrl: (path: string) => string
}>

function httpToken(): string {
  const fromUrl = new URLSearchParams(window.location.search).get('token')
  if (fromUrl) {
    sessionStorage.setItem('sheaf.token', fromUrl)
    return fromUrl
  }
  return sessionStorage.getItem('sheaf.token') ?? ''
}

function httpTransport(): Transport {
  const token = httpToken()
  const listeners = new Set<(event: ApiEvent) => void>()
  let source: EventSource | null = null
  const ensureSource = (): void => {
    if (source) return
    source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`)
    source.onmessage = (m: MessageEvent<string>) => {
      const event = JSON.parse(m.data) as ApiEvent
      for (const l of listeners) l(event)
    }
  }
  return {
    kind: 'http',
    invoke: async (channel, request) => {
      const res = await fetch(`/api/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(request ?? {}),
      })
      if (res.status === 401) {
        return {
          ok: false,
          error: {
            code: 'unsupported',
            message: {
              vi: 'Địa chỉ thiếu mã truy cập: hãy mở đúng địa chỉ mà lệnh `sheaf serve` đã in ra',
              en: 'The address lacks its access token: open the address printed by `sheaf serve`',
            },
          },
        }
      }
      return (await res.json()) as ApiReply<unknown>
    },
    onEvent: (listener) => {
      listeners.add(listener)
      ensureSource()
      return () => listeners.delete(listener)
    },
    downloadUrl: (p) => `${p}${p.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`,
  }
}

function electronTransport(bridge: SheafBridge): Transport {
  return {
    kind: 'electron',
    invoke: (channel, request) =>
      bridge.invoke(channel, request as ApiRequest<typeof channel>) as Promise<ApiReply<unknown>>,
    onEvent: (listener) => bridge.onEvent(listener),
    downloadUrl: (p) => p,
  }
}

const transport: Transport = window.api ? electronTransport(window.api) : httpTransport()

export const api = {
  transport: transport.kind,
  /** calls a channel; resolves with its value or throws an ApiCallError with a {vi, en} message */
  async call<C extends Channel>(channel: C, request: ApiRequest<C>): Promise<ApiResponse<C>> {
    let reply: ApiReply<unknown>
    try {
      reply = await transport.invoke(channel, request)
    } catch (e) {
      throw new ApiCallError({
        code: 'io',
        message: {
          vi: `Không liên lạc được với máy chủ Sheaf: ${String(e)}`,
          en: `Cannot reach the Sheaf server: ${String(e)}`,
        },
      })
    }
    if (!reply.ok) throw new ApiCallError(reply.error)
    return reply.value as ApiResponse<C>
  },
  onEvent: transport.onEvent,
  downloadUrl: transport.downloadUrl,
}

export function errorText(e: unknown): Localized {
  if (e instanceof ApiCallError) return e.text
  const msg = e instanceof Error ? e.message : String(e)
  return { vi: msg, en: msg }
}
