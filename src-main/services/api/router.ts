// The router behind both transports (Electron IPC and HTTP): parses each request with the
// channel's zod schema, calls its handler, and turns every outcome into `{ok, value} | {ok: false, error}`
// so that no exception, bad input or missing handler ever reaches the page raw.
import type { z } from 'zod'
import type {
  ApiError,
  ApiErrorCode,
  ApiParsedRequest,
  ApiReply,
  ApiResponse,
  Channel,
} from '../../shared/api-contract'
import { apiRequestSchemas, isChannel } from '../../shared/api-contract'
import type { ApiEvent } from '../../shared/api-types'
import type { Localized } from '../../shared/localized'

/** Thrown by a handler for a failure the user should read (not a bug). */
export class ApiFailure extends Error {
  constructor(
    readonly code: ApiErrorCode,
    readonly text: Localized,
    readonly details?: readonly string[],
  ) {
    super(text.en)
    this.name = 'ApiFailure'
  }
}

export type EventSink = (event: ApiEvent) => void

export type HandlerContext = Readonly<{ emit: EventSink }>

export type Handler<C extends Channel> = (
  request: ApiParsedRequest<C>,
  ctx: HandlerContext,
) => Promise<ApiResponse<C>> | ApiResponse<C>

export type Handlers = { [C in Channel]?: Handler<C> }

export type Router = Readonly<{
  dispatch: (channel: string, request: unknown) => Promise<ApiReply<unknown>>
  /** subscribe to the events handlers emit; returns the unsubscribe function */
  subscribe: (listener: EventSink) => () => void
  emit: EventSink
}>

function issuesText(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`)
}

function fail(code: ApiErrorCode, message: Localized, details?: readonly string[]): ApiReply<never> {
  const error: ApiError = details ? { code, message, details } : { code, message }
  return { ok: false, error }
}

export function createRouter(handlers: Handlers, options: { onError?: (e: unknown) => void } = {}): Router {
  const listeners = new Set<EventSink>()
  const emit: EventSink = (event) => {
    for (const l of listeners) {
      try {
        l(event)
      } catch (e) {
        options.onError?.(e)
      }
    }
  }
  const ctx: HandlerContext = { emit }

  async function dispatch(channel: string, request: unknown): Promise<ApiReply<unknown>> {
    if (!isChannel(channel)) {
      return fail('unknown_channel', {
        vi: `Không có chức năng "${channel}"`,
        en: `Unknown channel "${channel}"`,
      })
    }
    const schema = apiRequestSchemas[channel] as z.ZodType
    const parsed = schema.safeParse(request ?? {})
    if (!parsed.success) {
      const details = issuesText(parsed.error)
      return fail(
        'bad_request',
        { vi: `Yêu cầu không hợp lệ: ${details.join('; ')}`, en: `Invalid request: ${details.join('; ')}` },
        details,
      )
    }
    const handler = handlers[channel] as Handler<Channel> | undefined
    if (!handler) {
      return fail('unsupported', {
        vi: 'Chức năng này không có trong chế độ đang chạy',
        en: 'This function is not available here',
      })
    }
    try {
      const value = await handler(parsed.data as ApiParsedRequest<Channel>, ctx)
      return { ok: true, value }
    } catch (e) {
      if (e instanceof ApiFailure) return fail(e.code, e.text, e.details)
      options.onError?.(e)
      const msg = e instanceof Error ? e.message : String(e)
      return fail('internal', { vi: `Lỗi không mong đợi: ${msg}`, en: `Unexpected error: ${msg}` })
    }
  }

  return {
    dispatch,
    emit,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
