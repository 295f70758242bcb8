// The IPC channels between the preload bridge and Electron main: every API call the page makes goes
// through one, every event through another, and the files dropped on the window through a third that
// only the preload itself calls. Apart from api-contract.ts so that the preload script, which only
// needs these names, does not bundle zod and the schemas.
export const IPC_INVOKE = 'sheaf:invoke'
export const IPC_EVENT = 'sheaf:event'
/** the preload's own call: the paths of files dropped on the window, which the page never holds */
export const IPC_HOLD_DROPPED = 'sheaf:hold-dropped'

/**
 * API channels that take what only the preload may give (a dropped file's path on this computer):
 * the page's generic invoke refuses them, and so does the main process on that invoke.
 */
export const PRELOAD_ONLY_CHANNELS: readonly string[] = ['dialog.holdDropped']

/** Whether the page's generic invoke may call `channel`. */
export function pageMayInvoke(channel: unknown): boolean {
  return typeof channel === 'string' && !PRELOAD_ONLY_CHANNELS.includes(channel)
}
