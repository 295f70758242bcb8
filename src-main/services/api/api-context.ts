// What every group of API handlers shares: the season's database, the received files, the template
// packs, the last merge of each period, and the ways a handler turns a failure into the words a
// person reads. Made once per API by `createApi`.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { PeriodId, Season } from '../../shared/period'
import type { ApiEvent, ExportedFile } from '../../shared/api-types'
import type { Consolidation } from '../../core/merge/consolidation'
import type { TemplatePack } from '../../core/template/pack'
import type { Period, SheafDb } from '../../db'
import { DbError, FigureCache, getPeriod, listAudit, listPeriods, openDatabase } from '../../db'
import { consolidateStored } from '../consolidate-period'
import { makeFolder, OutputError, realFs } from '../fs-seam'
import { safeFileName } from '../file-name'
import { readPoolOptionsFromEnv } from '../read-pool/read-pool'
import { TaskFailure, TaskWorker } from '../read-pool/task-worker'
import type { FileStore } from './file-store'
import { createFileStore } from './file-store'
import type { HeldFile, HeldFiles } from './held-files'
import { createHeldFiles } from './held-files'
import type { Handlers } from './router'
import { ApiFailure } from './router'
import { PackCache } from './pack-cache'
import { addedPacksRoot } from '../pack-library'
import { packProblemsLocalized } from '../template-source'
import { ConsolidationCache } from './consolidation-cache'
import { packForPeriod } from '../../core/template/pack-for-period'

export type CreateApiOptions = Readonly<{
  dbPath: string
  /** where received files, uploads and default exports are kept */
  dataDir: string
  transport: 'electron' | 'http'
  appVersion?: string
  actor?: string
  extraHandlers?: Handlers
  onError?: (e: unknown) => void
  /** the registry the transport shares (the desktop's dialogs, the HTTP uploads); else a new one */
  held?: HeldFiles
}>

/** A file the API was given: one the main process holds (by id), or the bytes the page read. */
export type GivenFile = { kind: 'held'; id: string } | { kind: 'upload'; name: string; dataBase64: string }

/** What a request says of its season: the period, and the form unless the period has only one. */
export type SeasonRequest = Readonly<{ period: string; form?: string | undefined }>

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
  /** the files and folders the page may name, by id: picked, uploaded, exported */
  held: HeldFiles
  /** the reads of a unit's workbook other than its analysis (sheet view, feedback), with the pool's limits */
  tasks: TaskWorker
  /** the batches being imported, each with whether it was asked to stop */
  batches: Map<string, { cancelled: boolean }>
  /** the last merge of each season */
  merges: ConsolidationCache<Consolidation>
  emit: (e: ApiEvent) => void
  exported: (kind: ExportedFile['kind'], file: string, unit?: string) => ExportedFile
  /** the season a request names: its form and period, or the period's only season */
  periodOf: (req: SeasonRequest, options?: Readonly<{ includeSetAside?: boolean }>) => Period
  seasonOf: (req: SeasonRequest) => Season
  /** the pack of a form (a season's), or an `io` failure that says why it cannot be loaded */
  packOf: (form: string) => TemplatePack
  mergedOf: (season: Season) => { pack: TemplatePack; consolidation: Consolidation }
  readInput: (file: GivenFile) => { name: string; bytes: Uint8Array }
  /** a file the page gave by id, to read */
  heldFile: (id: string) => HeldFile
  /** a folder as the page may show it: itself on the desktop, relative to the data folder over HTTP */
  shownFolder: (dir: string) => string
  /** where to write: the picked target or folder of `id`, else `fallback` under the data folder */
  writePlace: (id: string | undefined, role: 'target' | 'folder', fallback: string) => string
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
  if (e instanceof TaskFailure)
    return new ApiFailure('io', {
      vi: `Không đọc được tệp: ${e.text.vi}`,
      en: `The file cannot be read: ${e.text.en}`,
    })
  return e
}

export function notFound(what: string): ApiFailure {
  return new ApiFailure('not_found', { vi: `Không tìm thấy ${what}`, en: `${what} not found` })
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
  makeFolder(realFs, options.dataDir)
  const actor = options.actor ?? safeUser()
  const db = openDatabase(options.dbPath, { actor })
  const packs = new PackCache(addedPacksRoot(options.dataDir))
  const figureCache = new FigureCache()
  const held = options.held ?? createHeldFiles()
  const merges = new ConsolidationCache<Consolidation>()
  const heldFile = (id: string): HeldFile => {
    const file = held.get(id, 'file')
    if (!file)
      throw new ApiFailure('not_found', {
        vi: 'Không còn tệp đã chọn này: hãy chọn hoặc tải tệp lên lần nữa',
        en: 'This chosen file is no longer known: pick or upload it again',
      })
    if (file.refusal) throw new ApiFailure('too_large', file.refusal)
    return file
  }
  const periodOf = (req: SeasonRequest, options: Readonly<{ includeSetAside?: boolean }> = {}): Period => {
    if (req.form !== undefined) {
      const p = getPeriod(db, { form: req.form, period: req.period as PeriodId })
      if (!p) throw notFound(`kỳ báo cáo ${req.period} của mẫu biểu ${req.form}`)
      return p
    }
    const all = listPeriods(db, options).filter((p) => p.id === req.period)
    if (all.length === 1) return all[0] as Period
    if (all.length === 0) throw notFound(`kỳ báo cáo ${req.period}`)
    const forms = all.map((p) => p.templateId).join(', ')
    throw new ApiFailure('bad_request', {
      vi: `Kỳ ${req.period} có ${all.length} mẫu biểu (${forms}): hãy chọn mẫu biểu`,
      en: `Period ${req.period} has ${all.length} forms (${forms}): choose a form`,
    })
  }
  const packOf = (form: string): TemplatePack => {
    const r = packs.get(form)
    if (!r.ok)
      throw new ApiFailure('io', {
        vi: `Không nạp được mẫu biểu ${form}: ${packProblemsLocalized(r.problems).vi}`,
        en: `The template pack ${form} cannot be loaded: ${packProblemsLocalized(r.problems).en}`,
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
    held,
    tasks: new TaskWorker(readPoolOptionsFromEnv(process.env)),
    batches: new Map(),
    merges,
    emit,
    exported: (kind, file, unit) => ({
      kind,
      name: path.basename(file),
      file: held.hold({ path: file, name: path.basename(file), role: 'export' }),
      ...(unit ? { unit } : {}),
    }),
    periodOf,
    seasonOf: (req) => {
      const p = periodOf(req)
      return { form: p.templateId, period: p.id }
    },
    packOf,
    // the last audit entry says whether anything changed since the last merge, even a change made
    // outside this window (the CLI on the same database)
    mergedOf: (season) => {
      const pack = packOf(season.form)
      const stamp = [pack, listAudit(db, { limit: 1 })[0]?.id ?? 0]
      const consolidation = merges.get(
        `${season.form}/${season.period}`,
        stamp,
        () => consolidateStored(db, { pack, period: season.period, figureCache }).consolidation,
      )
      // the form's columns in this period, as the merge and the report have them
      return { pack: packForPeriod(pack, season.period), consolidation }
    },
    readInput: (file) => {
      if (file.kind === 'held') {
        const given = heldFile(file.id)
        try {
          return { name: given.name, bytes: fs.readFileSync(given.path) as Uint8Array }
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code ?? 'EIO'
          throw new ApiFailure('io', {
            vi: `Không mở được tệp ${given.name} (${code})`,
            en: `Cannot open ${given.name} (${code})`,
          })
        }
      }
      return { name: safeFileName(file.name), bytes: new Uint8Array(Buffer.from(file.dataBase64, 'base64')) }
    },
    heldFile,
    shownFolder: (dir) =>
      options.transport === 'electron' ? dir : path.relative(options.dataDir, dir).split(path.sep).join('/'),
    writePlace: (id, role, fallback) => {
      if (id === undefined) return fallback
      const place = held.get(id, role)
      if (!place)
        throw new ApiFailure('not_found', {
          vi: 'Không còn nơi lưu đã chọn: hãy chọn lại',
          en: 'The place chosen to save is no longer known: choose it again',
        })
      return place.path
    },
  }
}
