// The files and folders the main process holds for the page, by id: what the clerk picked in the
// desktop's own dialogs, an upload the HTTP transport streamed to disk, a file an export wrote. The
// page only ever sees the ids, so no request can name a path of this machine: an id it was not given
// is simply not found.
import crypto from 'node:crypto'
import fs from 'node:fs'
import type { Localized } from '../../shared/localized'

export type HeldFile = Readonly<{
  path: string
  /** the name to show and to store the file under */
  name: string
  /**
   * `file`: to read (picked or uploaded); `folder`: to write into (picked); `target`: to write
   * (picked in a save dialog); `export`: written by Sheaf, to download or show in its folder
   */
  role: 'file' | 'folder' | 'target' | 'export'
  /** removed from the disk when released (an upload) */
  temporary?: boolean
  /** why the file cannot be read (an upload over the size limit): that file fails, not its batch */
  refusal?: Localized
}>

export type HeldFiles = Readonly<{
  hold: (file: HeldFile) => string
  get: (id: string, role: HeldFile['role']) => HeldFile | null
  /** forgets an id; a temporary file is deleted */
  release: (id: string) => void
}>

export function createHeldFiles(): HeldFiles {
  const held = new Map<string, HeldFile>()
  return {
    hold(file) {
      const id = crypto.randomBytes(16).toString('base64url')
      held.set(id, file)
      return id
    },
    get(id, role) {
      const file = held.get(id)
      return file && file.role === role ? file : null
    },
    release(id) {
      const file = held.get(id)
      held.delete(id)
      if (file?.temporary) fs.rmSync(file.path, { force: true })
    },
  }
}
