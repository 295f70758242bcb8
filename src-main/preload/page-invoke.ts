// The page's generic invoke, apart from Electron so that plain Node can test it: a channel only the
// preload may call (PRELOAD_ONLY_CHANNELS) is refused here and never reaches the main process.
import type { ApiReply } from '../shared/api-contract'
import { pageMayInvoke } from '../shared/ipc-channels'

export type RawInvoke = (channel: string, request: unknown) => Promise<unknown>

export function refusedChannel(channel: string): ApiReply<never> {
  return {
    ok: false,
    error: {
      code: 'forbidden',
      message: {
        vi: `Trang không được gọi trực tiếp chức năng “${channel}”`,
        en: `The page may not call “${channel}” directly`,
      },
    },
  }
}

/** Wraps the raw IPC invoke: what the page may call goes through, the rest is refused at once. */
export function pageInvoke(raw: RawInvoke): (channel: string, request: unknown) => Promise<unknown> {
  return (channel, request) =>
    pageMayInvoke(channel) ? raw(channel, request) : Promise.resolve(refusedChannel(channel))
}
