// The only bridge between the sandboxed page and the main process: one typed invoke, one event
// subscription and the path of a dropped file. ipcRenderer itself never reaches the page.
import { contextBridge, ipcRenderer, webUtils } from 'electron'
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
  // a dropped file's path on this computer: the main process reads it, no bytes cross the bridge
  pathForFile: (file) => webUtils.getPathForFile(file),
}

contextBridge.exposeInMainWorld('api', bridge)
