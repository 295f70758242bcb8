// Keeps the bytes of every received file in the application's data folder, by checksum, so the
// validator can see a sheet as it was received and feedback can be written from the unit's own
// file long after the original was moved or deleted. The database keeps the checksum.
import fs from 'node:fs'
import path from 'node:path'

export type FileStore = Readonly<{
  put: (sha256: string, bytes: Uint8Array) => void
  get: (sha256: string) => Uint8Array | null
}>

export function createFileStore(dir: string): FileStore {
  const fileOf = (sha: string) => {
    if (!/^[0-9a-f]{64}$/.test(sha)) throw new Error(`bad checksum ${sha}`)
    return path.join(dir, sha.slice(0, 2), sha)
  }
  return {
    put(sha, bytes) {
      const target = fileOf(sha)
      if (fs.existsSync(target)) return
      fs.mkdirSync(path.dirname(target), { recursive: true })
      const tmp = `${target}.${process.pid}.tmp`
      fs.writeFileSync(tmp, bytes)
      fs.renameSync(tmp, target)
    },
    get(sha) {
      try {
        return fs.readFileSync(fileOf(sha))
      } catch {
        return null
      }
    },
  }
}
