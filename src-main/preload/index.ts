// The only bridge between the sandboxed page and the main process: one typed invoke and one event
// subscription. ipcRenderer itself never reaches the page.
import { contextBridge, ipcRenderer } from 'electron'
import type { IpcRendererEvent } from 'electron'
import type { SheafBridge } from '../shared/api-contract'
import type { ApiEvent } from '../shared/api-types'
import { IPC_EVENT, IPC_INVOKE } from '../shared/ipc-channels'

const bridge: SheafBridge = {
  invoke: (channel, request) => ipcRenderer.invoke(IPC_INVOKE, channel, request),
  onEvent: (listener) => {
    const wrapped = (_e: IpcRendererEvent, event: ApiEvent): void => listener(event)
    ipcRenderer.on(IPC_EVENT, wrapped)
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, wrapped)
    }
  },
}

contextBridge.exposeInMainWorld('api', bridge)
