// The HTTP server's event stream read as the page reads it, for the tests that drive the server
// over HTTP: the first event a test waits for, the stream closed after it.
import type { ApiEvent } from '../../src-main/shared/api-types'
import { splitEvents } from '../../src-main/shared/event-stream'

/**
 * Opens the event stream of the server at `origin` (its token as the page sends it); `event`
 * resolves with the first event `wanted` accepts. Awaited before the call that causes the event,
 * so that the stream is open when the event is sent.
 */
export async function nextServerEvent<E extends ApiEvent>(
  server: Readonly<{ origin: string; token: string }>,
  wanted: (e: ApiEvent) => e is E,
): Promise<{ event: Promise<E> }> {
  const res = await fetch(`${server.origin}api/events`, {
    headers: { authorization: `Bearer ${server.token}` },
  })
  const reader = (res.body as ReadableStream<Uint8Array>).getReader()
  const decoder = new TextDecoder()
  const event = (async () => {
    let buffer = ''
    for (;;) {
      const { value, done } = await reader.read()
      if (done) throw new Error('the event stream ended')
      const { data, rest } = splitEvents(buffer + decoder.decode(value, { stream: true }))
      buffer = rest
      for (const d of data) {
        const e = JSON.parse(d) as ApiEvent
        if (wanted(e)) {
          await reader.cancel()
          return e
        }
      }
    }
  })()
  return { event }
}
