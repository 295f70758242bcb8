// What every group of API handlers shares: the season's database, the received files, the template
// packs, the last merge of each period, and the ways a handler turns a failure into the words a
// person reads. Made once per API by `createApi`.
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { PeriodId } from '../../shared/period'
import type { ApiEvent, ExportedFile } from '../../shared/api-types'
import type { Consolidation } from '../../core/merge/consolidation'
import type { TemplatePack } from '../../core/template/pack'
import type { Period, SheafDb } from '../../db'
import { DbError, FigureCache, getPeriod, listAudit, openDatabase } from '../../db'
import { consolidateStored } from '../consolidate-period'
import { OutputError } from '../fs-seam'
import type { FileStore } from './file-store'
import { createFileStore } from './file-store'
import type { Handlers } from './router'
import { ApiFailure } from './router'
import { PackCache } from './pack-cache'
import { ConsolidationCache } from './consolidation-cache'

export type CreateApiOptions = Readonly<{
  dbPath: string
  /** where received files, uploads and default exports are kept */
  dataDir: string
  transport: 'electron' | 'http'
  appVersion?: string
  actor?: string
  extraHandlers?: Handlers
  onError?: (e: unknown) => void
}>

/** A file the API was given: a path on this machine, or the bytes of a file the page uploaded. */
export type GivenFile = { kind: 'path'; path: string } | { kind: 'upload'; name: string; dataBase64: string }

export type ApiContext = Readonly<{
  options: CreateApiOptions
  db: SheafDb
  actor: string
  store: FileStore
  packs: PackCache
  /** what the merge needs of each file imported in this session, read while the next file was read */
  figureCache: FigureCache
  /** where uploaded files wait for the read pool, one folder per batch */
  uploads: string
  /** where exports go when the page names no place */
  exportsDir: string
  /** exported files the HTTP transport may serve: id -> path */
  downloads: Map<string, string>
  /** the batches being imported, each with whether it was asked to stop */
  batches: Map<string, { cancelled: boolean }>
  /** the last merge of each period */
  merges: ConsolidationCache<Consolidation>
  emit: (e: ApiEvent) => void
  exported: (kind: ExportedFile['kind'], file: string, unit?: string) => ExportedFile
  periodOf: (id: string) => Period
  packOf: (periodId: string) => TemplatePack
  mergedOf: (period: PeriodId) => { pack: TemplatePack; consolidation: Consolidation }
  readInput: (file: GivenFile) => { name: string; bytes: Uint8Array }
}>

const DB_CODE: Record<string, 'not_found' | 'bad_request' | 'conflict' | 'io'> = {
  DB_NOT_FOUND: 'not_found',
  DB_INVALID_INPUT: 'bad_request',
  DB_LOCKED: 'conflict',
}

/** Turns the failures a person can act on into ApiFailure, keeping the {vi, en} text. */
export function explained<T>(fn: () => T): T {
  try {
    return fn()
  } catch (e) {
    throw toFailure(e)
  }
}

/** `explained` for a handler that awaits. */
export async function explainedAsync<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (e) {
    throw toFailure(e)
  }
}

function toFailure(e: unknown): unknown {
  if (e instanceof ApiFailure) return e
  if (e instanceof DbError) return new ApiFailure(DB_CODE[e.code] ?? 'io', e.text)
  if (e instanceof OutputError) return new ApiFailure('io', e.text)
  return e
}

export function notFound(what: string): ApiFailure {
  return new ApiFailure('not_found', { vi: `Không tìm thấy ${what}`, en: `${what} not found` })
}

export function safeName(name: string): string {
  const base = path.basename(name.replace(/\\/g, '/'))
  const clean = base.replace(/[\u0000-\u001f<>:"/\\|?*]/g, '_').trim()
  return clean.length ? clean.slice(0, 200) : 'tep.xlsx'
}

function safeUser(): string {
  try {
    return os.userInfo().username || 'sheaf'
  } catch {
    return 'sheaf'
  }
}

/** Opens the season's database and the data folder; `emit` sends to the router once it exists. */
export function createApiContext(options: CreateApiOptions, emit: (e: ApiEvent) => void): ApiContext {
  fs.mkdirSync(options.dataDir, { recursive: true })
  const actor = options.actor ?? safeUser()
  const db = openDatabase(options.dbPath, { actor })
  const packs = new PackCache()
  const figureCache = new FigureCache()
  const downloads = new Map<string, string>()
  const merges = new ConsolidationCache<Consolidation>()

  const registerDownload = (file: string): string | null => {
    if (options.transport !== 'http') return null
    const id = crypto.randomBytes(12).toString('base64url')
    downloads.set(id, file)
    return `/download/${id}`
  }
  const periodOf = (id: string): Period => {
    const p = getPeriod(db, id as PeriodId)
    if (!p) throw notFound(`kỳ báo cáo ${id}`)
    return p
  }
  const packOf = (periodId: string): TemplatePack => {
    const p = periodOf(periodId)
    const r = packs.get(p.templateId ?? '')
    if (!r.ok)
      throw new ApiFailure('io', {
        vi: `Không nạp được mẫu biểu ${p.templateId ?? '?'}: ${r.errors.join('; ')}`,
        en: `The template pack ${p.templateId ?? '?'} cannot be loaded: ${r.errors.join('; ')}`,
      })
    return r.pack
  }

  return {
    options,
    db,
    actor,
    store: createFileStore(path.join(options.dataDir, 'files')),
    packs,
    figureCache,
    uploads: path.join(options.dataDir, 'uploads'),
    exportsDir: path.join(options.dataDir, 'exports'),
    downloads,
    batches: new Map(),
    merges,
    emit,
    exported: (kind, file, unit) => ({
      kind,
      name: path.basename(file),
      path: file,
      download: registerDownload(file),
      ...(unit ? { unit } : {}),
    }),
    periodOf,
    packOf,
    // the last audit entry says whether anything changed since the last merge, even a change made
    // outside this window (the CLI on the same database)
    mergedOf: (period) => {
      const pack = packOf(period)
      const stamp = [pack, listAudit(db, { limit: 1 })[0]?.id ?? 0]
      const consolidation = merges.get(
        period,
        stamp,
        () => consolidateStored(db, { pack, period, figureCache }).consolidation,
      )
      return { pack, consolidation }
    },
    readInput: (file) => {
      if (file.kind === 'path') {
        try {
          return { name: path.basename(file.path), bytes: fs.readFileSync(file.path) as Uint8Array }
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code ?? 'EIO'
          throw new ApiFailure('io', {
            vi: `Không mở được tệp ${file.path} (${code})`,
            en: `Cannot open ${file.path} (${code})`,
          })
        }
      }
      return { name: safeName(file.name), bytes: new Uint8Array(Buffer.from(file.dataBase64, 'base64')) }
    },
  }
}
