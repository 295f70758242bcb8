// The page's one typed client of the API: `window.api` inside the desktop window, the HTTP
// transport in a browser. Screens call `api.call` and never know which. In a browser the token comes
// once in the address (`#token=…`), is kept in this tab's sessionStorage, taken out of the address
// and its history entry at once, and goes only in the `Authorization` header of the page's requests.
import type {
  ApiError,
  ApiReply,
  ApiRequest,
  ApiResponse,
  Channel,
  SheafBridge,
} from '../../src-main/shared/api-contract'
import type { ApiEvent, ImportFileInput } from '../../src-main/shared/api-types'
import type { Localized } from '../../src-main/shared/localized'
import { splitEvents } from '../../src-main/shared/event-stream'

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
  /** saves a file the server wrote (a browser download); `download` is the id the export gave */
  download: (download: string, name: string) => Promise<void>
  /** sends a file's bytes to the server, which holds it for the next call by id (a browser only) */
  upload: (file: File) => Promise<ImportFileInput>
}>

const TOKEN_KEY = 'sheaf.token'

/** The token of the address (then removed from it), else the one this tab kept. */
function httpToken(): string {
  const hash = new URLSearchParams(window.location.hash.replace(/^#/, ''))
  const query = new URLSearchParams(window.location.search)
  const fromUrl = hash.get('token') ?? query.get('token')
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl)
    hash.delete('token')
    query.delete('token')
    const rest = (q: URLSearchParams, mark: string) => (q.size ? `${mark}${q.toString()}` : '')
    window.history.replaceState(null, '', `${window.location.pathname}${rest(query, '?')}${rest(hash, '#')}`)
    return fromUrl
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? ''
}

const NO_TOKEN: ApiError = {
  code: 'unauthorized',
  message: {
    vi: 'Địa chỉ thiếu mã truy cập: hãy mở đúng địa chỉ mà lệnh `sheaf serve` đã in ra',
    en: 'The address lacks its access token: open the address printed by `sheaf serve`',
  },
}

/** Reads a Server-Sent Events stream with fetch (EventSource cannot send a header), again after a break. */
function readEvents(token: string, deliver: (event: ApiEvent) => void): void {
  const connect = async (): Promise<void> => {
    const res = await fetch('/api/events', { headers: { Authorization: `Bearer ${token}` } })
    if (res.status === 401 || !res.body) return
    const reader = res.body.getReader()
    const decoder = new TextDecoder()
    let buffer = ''
    for (;;) {
      const { value, done } = await reader.read()
      if (done) break
      const { data, rest } = splitEvents(buffer + decoder.decode(value, { stream: true }))
      buffer = rest
      for (const d of data) deliver(JSON.parse(d) as ApiEvent)
    }
    throw new Error('the event stream ended')
  }
  const retry = (): void => {
    void connect().catch(() => setTimeout(retry, 2000))
  }
  retry()
}

function httpTransport(): Transport {
  const token = httpToken()
  const listeners = new Set<(event: ApiEvent) => void>()
  let reading = false
  const post = async (url: string, body: unknown): Promise<ApiReply<unknown>> => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(body ?? {}),
    })
    if (res.status === 401) return { ok: false, error: NO_TOKEN }
    return (await res.json()) as ApiReply<unknown>
  }
  return {
    kind: 'http',
    invoke: (channel, request) => post(`/api/${encodeURIComponent(channel)}`, request),
    onEvent: (listener) => {
      listeners.add(listener)
      if (!reading) {
        reading = true
        readEvents(token, (event) => {
          for (const l of listeners) l(event)
        })
      }
      return () => listeners.delete(listener)
    },
    upload: async (file) => {
      const query = new URLSearchParams({ name: file.name, lastModified: String(file.lastModified) })
      const res = await fetch(`/upload?${query.toString()}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/octet-stream', Authorization: `Bearer ${token}` },
        body: file,
      })
      const reply = res.status === 401 ? null : ((await res.json()) as ApiReply<{ id: string }>)
      if (!reply) throw new ApiCallError(NO_TOKEN)
      if (!reply.ok) throw new ApiCallError(reply.error)
      return { kind: 'held', id: reply.value.id }
    },
    download: async (download, name) => {
      const reply = await post('/download', { download })
      if (!reply.ok) throw new ApiCallError(reply.error)
      // a one-time address: the browser follows it once, without the token
      const a = document.createElement('a')
      a.href = (reply.value as { url: string }).url
      a.download = name
      a.style.display = 'none'
      document.body.appendChild(a)
      a.click()
      a.remove()
    },
  }
}

function electronTransport(bridge: SheafBridge): Transport {
  return {
    kind: 'electron',
    invoke: (channel, request) =>
      bridge.invoke(channel, request as ApiRequest<typeof channel>) as Promise<ApiReply<unknown>>,
    onEvent: (listener) => bridge.onEvent(listener),
    // the desktop writes where the clerk chose: nothing to download
    download: () => Promise.resolve(),
    // a dropped file is read by the main process from its path, which the preload alone finds and
    // sends: the page gets an id, and the file's bytes never cross the bridge
    upload: async (file) => {
      const r = await bridge.holdDropped([file])
      if (!r.ok) throw new ApiCallError(r.error)
      const held = r.value.files[0]
      if (!held) throw new Error('a dropped file with no path, or not a spreadsheet')
      return { kind: 'held', id: held.id }
    },
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
  download: transport.download,
  upload: transport.upload,
}

export function errorText(e: unknown): Localized {
  if (e instanceof ApiCallError) return e.text
  const msg = e instanceof Error ? e.message : String(e)
  return { vi: msg, en: msg }
}
