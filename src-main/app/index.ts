// Electron main: one locked-down window (context isolation, sandbox, no Node in the page, no
// navigation or new windows, every permission denied), and the IPC router that parses each
// request with the contract's schema before a service sees it.
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { app, BrowserWindow, dialog, ipcMain, Menu, session, shell } from 'electron'
import type { WebContents } from 'electron'
import { IPC_EVENT, IPC_HOLD_DROPPED, IPC_INVOKE, pageMayInvoke } from '../shared/ipc-channels'
import { SPREADSHEET_EXTENSIONS, UNIT_LIST_EXTENSIONS } from '../shared/file-kinds'
import { createApi } from '../services/api/create-api'
import type { HeldFiles } from '../services/api/held-files'
import { createHeldFiles } from '../services/api/held-files'
import type { Handlers } from '../services/api/router'
import { collectInputs } from '../services/collect-inputs'
import { isOwnPage } from './own-page'
import { isVettedExternalUrl } from './vetted-urls'

let mainWindow: BrowserWindow | null = null

function rendererIndex(): string {
  return path.join(__dirname, '../renderer/index.html')
}

/**
 * Dialogs and the file manager exist only on the desktop. What the clerk picks stays here: the page
 * gets ids (held-files.ts), so no request can name another path of this machine.
 */
function desktopHandlers(held: HeldFiles): Handlers {
  return {
    'dialog.openFiles': async (req) => {
      const opts: Electron.OpenDialogOptions = {
        properties: req.folders ? ['openDirectory', 'multiSelections'] : ['openFile', 'multiSelections'],
        filters: req.folders ? [] : [{ name: 'Bảng tính', extensions: [...SPREADSHEET_EXTENSIONS] }],
      }
      const r = mainWindow ? await dialog.showOpenDialog(mainWindow, opts) : await dialog.showOpenDialog(opts)
      if (r.canceled) return { files: [] }
      // a picked folder stands for the spreadsheets in it
      const files = req.folders ? collectInputs(r.filePaths).files.map((f) => f.path) : r.filePaths
      return {
        files: files.map((p) => ({
          id: held.hold({ path: p, name: path.basename(p), role: 'file' }),
          name: path.basename(p),
        })),
      }
    },
    'dialog.openUnitList': async () => {
      const opts: Electron.OpenDialogOptions = {
        properties: ['openFile'],
        filters: [{ name: 'Danh sách đơn vị (CSV, Excel)', extensions: [...UNIT_LIST_EXTENSIONS] }],
      }
      const r = mainWindow ? await dialog.showOpenDialog(mainWindow, opts) : await dialog.showOpenDialog(opts)
      const picked = r.canceled ? undefined : r.filePaths[0]
      if (!picked) return { file: null }
      const name = path.basename(picked)
      return { file: { id: held.hold({ path: picked, name, role: 'file' }), name } }
    },
    'dialog.openPackFolder': async () => {
      const opts: Electron.OpenDialogOptions = { properties: ['openDirectory'] }
      const r = mainWindow ? await dialog.showOpenDialog(mainWindow, opts) : await dialog.showOpenDialog(opts)
      const picked = r.canceled ? undefined : r.filePaths[0]
      if (!picked) return { folder: null }
      // the pack's own files only: its .json and .csv, directly in the folder
      const names = fs
        .readdirSync(picked, { withFileTypes: true })
        .filter((e) => e.isFile() && /\.(json|csv)$/i.test(e.name))
        .map((e) => e.name)
      return {
        folder: {
          name: path.basename(picked),
          files: names.map((name) => ({
            id: held.hold({ path: path.join(picked, name), name, role: 'file' }),
            name,
          })),
        },
      }
    },
    // reached only through IPC_HOLD_DROPPED, which the preload alone calls (see main below)
    'dialog.holdDropped': (req) => {
      // only files: a dropped folder stands for the spreadsheets in it, as a picked one does
      const files = collectInputs(req.paths).files.map((f) => f.path)
      return {
        files: files.map((p) => ({
          id: held.hold({ path: p, name: path.basename(p), role: 'file' }),
          name: path.basename(p),
          size: fs.statSync(p).size,
        })),
      }
    },
    'dialog.saveFile': async (req) => {
      const opts: Electron.SaveDialogOptions = {
        defaultPath: path.join(app.getPath('documents'), req.defaultName),
        filters: [{ name: req.extension.toUpperCase(), extensions: [req.extension] }],
      }
      const r = mainWindow ? await dialog.showSaveDialog(mainWindow, opts) : await dialog.showSaveDialog(opts)
      if (r.canceled || !r.filePath) return { target: null }
      return { target: held.hold({ path: r.filePath, name: path.basename(r.filePath), role: 'target' }) }
    },
    'dialog.chooseFolder': async () => {
      const opts: Electron.OpenDialogOptions = { properties: ['openDirectory', 'createDirectory'] }
      const r = mainWindow ? await dialog.showOpenDialog(mainWindow, opts) : await dialog.showOpenDialog(opts)
      const folder = r.canceled ? undefined : r.filePaths[0]
      if (!folder) return { folder: null }
      return { folder: held.hold({ path: folder, name: path.basename(folder), role: 'folder' }) }
    },
    'shell.showInFolder': (req) => {
      const file = held.get(req.file, 'export')
      if (file) shell.showItemInFolder(file.path)
      return { shown: file !== null }
    },
  }
}

function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    if (isVettedExternalUrl(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    title: 'Sheaf – Tổng hợp báo cáo',
    backgroundColor: '#f4f6f8',
    show: false,
    webPreferences: {
      preload: path.join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  })
  win.once('ready-to-show', () => win.show())
  void win.loadFile(rendererIndex())
  return win
}

async function main(): Promise<void> {
  app.enableSandbox()
  await app.whenReady()

  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)
  app.on('web-contents-created', (_e, contents) => lockDown(contents))
  Menu.setApplicationMenu(null)

  const dataDir = app.getPath('userData')
  const held = createHeldFiles()
  const api = createApi({
    dbPath: path.join(dataDir, 'sheaf.sqlite'),
    dataDir,
    transport: 'electron',
    appVersion: app.getVersion(),
    held,
    extraHandlers: desktopHandlers(held),
  })
  const ownPage = pathToFileURL(rendererIndex()).href

  api.router.subscribe((event) => {
    for (const w of BrowserWindow.getAllWindows()) w.webContents.send(IPC_EVENT, event)
  })

  const forbidden = {
    ok: false,
    error: { code: 'forbidden', message: { vi: 'Nguồn gọi không hợp lệ', en: 'Caller not allowed' } },
  } as const
  // only our own page, the packaged index.html, may call the router (not any file:// page)
  const fromOwnPage = (event: Electron.IpcMainInvokeEvent): boolean =>
    isOwnPage(event.senderFrame?.url ?? '', ownPage)

  ipcMain.handle(IPC_INVOKE, async (event, channel: unknown, request: unknown) => {
    // the channels only the preload may call are refused here too, should a page reach this invoke
    if (!fromOwnPage(event) || !pageMayInvoke(channel)) return forbidden
    return api.router.dispatch(typeof channel === 'string' ? channel : '', request)
  })
  // the preload's own call with the paths of dropped files (the router's schema checks them)
  ipcMain.handle(IPC_HOLD_DROPPED, async (event, paths: unknown) => {
    if (!fromOwnPage(event)) return forbidden
    return api.router.dispatch('dialog.holdDropped', { paths })
  })

  mainWindow = createWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow()
  })
  app.on('window-all-closed', () => {
    api.close()
    app.quit()
  })
}

void main()
