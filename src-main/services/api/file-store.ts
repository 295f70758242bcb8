// Keeps the bytes of every received file in the application's data folder, by checksum, so the
// validator can see a sheet as it was received and feedback can be written from the unit's own
// file long after the original was moved or deleted. The database keeps the checksum. Written
// through the file-system seam: 0600 files in 0700 folders, whole or not at all, clear errors.
import path from 'node:path'
import type { FileSystem } from '../fs-seam'
import { makeFolder, realFs, writeFileAtomic } from '../fs-seam'

export type FileStore = Readonly<{
  put: (sha256: string, bytes: Uint8Array) => void
  get: (sha256: string) => Uint8Array | null
}>

export function createFileStore(dir: string, fsys: FileSystem = realFs): FileStore {
  const fileOf = (sha: string) => {
    if (!/^[0-9a-f]{64}$/.test(sha)) throw new Error(`bad checksum ${sha}`)
    return path.join(dir, sha.slice(0, 2), sha)
  }
  return {
    put(sha, bytes) {
      const target = fileOf(sha)
      if (fsys.exists(target)) return
      makeFolder(fsys, path.dirname(target))
      writeFileAtomic(fsys, target, bytes)
    },
    get(sha) {
      try {
        return fsys.readFile(fileOf(sha))
      } catch {
        return null
      }
    },
  }
}
