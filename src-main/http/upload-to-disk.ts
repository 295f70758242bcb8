// One uploaded file, streamed from the request to a file of its own in the data folder (0600), so
// that a batch of any size costs the server a chunk of memory at a time, never the batch. A file over
// the limit is not kept: the rest of its body is read and dropped, and the page is told why, so that
// the other files of its batch still go in.
import crypto from 'node:crypto'
import fs from 'node:fs'
import type http from 'node:http'
import path from 'node:path'

export type UploadOutcome =
  Readonly<{ kind: 'stored'; path: string; bytes: number }> | Readonly<{ kind: 'too_large'; bytes: number }>

export function uploadToDisk(req: http.IncomingMessage, dir: string, limit: number): Promise<UploadOutcome> {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
  const file = path.join(dir, `${crypto.randomBytes(16).toString('hex')}.upload`)
  return new Promise((resolve, reject) => {
    const out = fs.createWriteStream(file, { mode: 0o600, flags: 'wx' })
    let bytes = 0
    let over = false
    // the file is opened asynchronously: it is removed once the stream is closed, not before
    const discard = (then: () => void): void => {
      out.once('close', () => {
        fs.rmSync(file, { force: true })
        then()
      })
      out.destroy()
    }
    const fail = (e: unknown): void => discard(() => reject(e instanceof Error ? e : new Error(String(e))))
    out.on('error', fail)
    req.on('error', fail)
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length
      if (over) return
      if (bytes > limit) {
        over = true
        return
      }
      // the request waits while the disk catches up: memory stays at one chunk or so
      if (!out.write(chunk)) {
        req.pause()
        out.once('drain', () => req.resume())
      }
    })
    req.on('end', () => {
      if (over) {
        discard(() => resolve({ kind: 'too_large', bytes }))
        return
      }
      out.end(() => resolve({ kind: 'stored', path: file, bytes }))
    })
  })
}
