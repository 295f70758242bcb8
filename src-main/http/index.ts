// `sheaf serve`: the application in a browser. Opens the database, builds the same router the
// desktop window uses and serves it, with the built interface, on 127.0.0.1 behind a random token.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createApi } from '../services/api/create-api'
import { readPoolOptionsFromEnv } from '../services/read-pool/read-pool'
import type { RunningHttpServer } from './http-server'
import { startRouterServer } from './http-server'

export { startRouterServer, findRendererDir, type RunningHttpServer } from './http-server'

export type StartHttpOptions = Readonly<{
  port?: number | undefined
  /** the database file (`:memory:` for a throw-away one); default: sheaf.sqlite in the data folder */
  db?: string | undefined
  /** the same as `db` */
  dbPath?: string | undefined
  /** received files and exports; default: beside the database, else ~/.sheaf */
  dataDir?: string | undefined
  host?: string | undefined
  token?: string | undefined
  rendererDir?: string | undefined
  actor?: string | undefined
  onError?: (e: unknown) => void
  /** the largest uploaded file; default the read pool's size limit (SHEAF_MAX_FILE_MB) */
  maxUploadBytes?: number | undefined
}>

export type SheafHttpServer = RunningHttpServer & Readonly<{ dbPath: string; dataDir: string }>

export async function startHttpServer(options: StartHttpOptions = {}): Promise<SheafHttpServer> {
  const db = options.db ?? options.dbPath
  const memory = db === ':memory:'
  let dataDir: string
  if (options.dataDir) dataDir = path.resolve(options.dataDir)
  else if (memory) dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sheaf-serve-'))
  else if (db) dataDir = path.join(path.dirname(path.resolve(db)), 'sheaf-data')
  else dataDir = path.join(os.homedir(), '.sheaf')
  const dbPath = memory ? ':memory:' : path.resolve(db ?? path.join(dataDir, 'sheaf.sqlite'))
  const api = createApi({
    dbPath,
    dataDir,
    transport: 'http',
    ...(options.actor ? { actor: options.actor } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
  })
  const uploadDir = path.join(dataDir, 'uploads', 'incoming')
  forgetOldUploads(uploadDir)
  try {
    const server = await startRouterServer({
      router: api.router,
      port: options.port,
      host: options.host,
      token: options.token,
      rendererDir: options.rendererDir,
      held: api.held,
      uploadDir,
      maxUploadBytes: options.maxUploadBytes ?? readPoolOptionsFromEnv(process.env).maxFileBytes,
    })
    return {
      ...server,
      dbPath,
      dataDir,
      close: async () => {
        await server.close()
        api.close()
      },
    }
  } catch (e) {
    api.close()
    throw e
  }
}

/**
 * Uploads a page sent but never imported (the tab closed) are held by id in memory only: those a
 * day old (by when they came: their modification time is the original file's) belong to no running
 * server and are removed when a server starts.
 */
function forgetOldUploads(dir: string): void {
  let names: string[]
  try {
    names = fs.readdirSync(dir)
  } catch {
    return
  }
  const dayAgo = Date.now() - 86_400_000
  for (const name of names) {
    const file = path.join(dir, name)
    try {
      if (fs.statSync(file).ctimeMs < dayAgo) fs.rmSync(file, { force: true })
    } catch {
      // gone meanwhile
    }
  }
}
