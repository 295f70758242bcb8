// The only bridge between the sandboxed page and the main process: one typed invoke (which refuses
// the channels only the preload may call), one event subscription, and the hold of dropped files.
// ipcRenderer itself never reaches the page, nor does a dropped file's path.
import { contextBridge, ipcRenderer, webUtils } from 'electron'
import type { IpcRendererEvent } from 'electron'
import type { ApiReply, ApiRequest, ApiResponse, Channel, SheafBridge } from '../shared/api-contract'
import type { ApiEvent } from '../shared/api-types'
import { IPC_EVENT, IPC_HOLD_DROPPED, IPC_INVOKE } from '../shared/ipc-channels'
import { pageInvoke } from './page-invoke'

const invoke = pageInvoke((channel, request) => ipcRenderer.invoke(IPC_INVOKE, channel, request))

const bridge: SheafBridge = {
  invoke: <C extends Channel>(channel: C, request: ApiRequest<C>) =>
    invoke(channel, request) as Promise<ApiReply<ApiResponse<C>>>,
  onEvent: (listener) => {
    const wrapped = (_e: IpcRendererEvent, event: ApiEvent): void => listener(event)
    ipcRenderer.on(IPC_EVENT, wrapped)
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, wrapped)
    }
  },
  // the paths stay here and in the main process, which reads the files: the page gets ids
  holdDropped: async (files) => {
    const paths = Array.from(files, (f) => webUtils.getPathForFile(f)).filter((p) => p !== '')
    if (paths.length === 0) return { ok: true, value: { files: [] } }
    return (await ipcRenderer.invoke(IPC_HOLD_DROPPED, paths)) as ApiReply<ApiResponse<'dialog.holdDropped'>>
  },
}

contextBridge.exposeInMainWorld('api', bridge)
