// Opening Sheaf's database: refuse, before changing a byte, a file that is locked, read-only,
// damaged or made by a newer Sheaf; then WAL, foreign keys, busy timeout and pending migrations.
import fs from 'node:fs'
import nodePath from 'node:path'
import Database from 'better-sqlite3'
import { dbError, toDbError } from './errors'
import { migrate, pendingMigrations } from './migrate'
import type { Migration } from './migrations/index'

export const MEMORY = ':memory:'
export const DEFAULT_BUSY_TIMEOUT_MS = 5000

export type OpenOptions = Readonly<{
  /** who the audit log names for changes that do not say otherwise (default `sheaf`) */
  actor?: string
  /** the clock behind every stored instant (tests fix it) */
  clock?: () => Date
  /** how long to wait for another program's lock (default 5 s) */
  busyTimeoutMs?: number
  /** for migration tests only: the migrations this build knows */
  migrations?: readonly Migration[]
}>

/** An open Sheaf database. Pass it to the functions of `src-main/db`; do not write SQL against `conn`. */
export class SheafDb {
  /** @internal the better-sqlite3 connection, for src-main/db only */
  readonly conn: Database.Database
  /** the file, or `:memory:` */
  readonly path: string
  readonly actor: string
  private readonly clock: () => Date

  constructor(conn: Database.Database, path: string, actor: string, clock: () => Date) {
    this.conn = conn
    this.path = path
    this.actor = actor
    this.clock = clock
  }

  private readonly statements = new Map<string, Database.Statement>()

  /** @internal a prepared statement, prepared once per connection (import runs them per file). */
  prepare(sql: string): Database.Statement {
    let st = this.statements.get(sql)
    if (!st) {
      st = this.conn.prepare(sql)
      this.statements.set(sql, st)
    }
    return st
  }

  /**
   * @internal What this connection has written and what others have committed so far: equal stamps
   * mean that nothing was written to the database in between, by this program or another.
   */
  writeStamp(): string {
    const changes = this.prepare('SELECT total_changes()').pluck().get() as number
    return `${changes}/${String(this.conn.pragma('data_version', { simple: true }))}`
  }

  // the last value of each listing `remember` was asked for, with the write stamp it was read at
  private readonly listings = new Map<string, Readonly<{ stamp: string; value: unknown }>>()

  /**
   * @internal `read`'s value for `key`, read again only when something was written since it was read
   * (a season's listings are asked for several times by one report). A value read inside a
   * transaction is not kept: the transaction may still be rolled back. Callers must not change it.
   */
  remember<T>(key: string, read: () => T): T {
    const stamp = this.writeStamp()
    const known = this.listings.get(key)
    if (known !== undefined && known.stamp === stamp) return known.value as T
    const value = read()
    if (!this.conn.inTransaction) this.listings.set(key, { stamp, value })
    else this.listings.delete(key)
    return value
  }

  /** The current instant as ISO 8601 UTC text, as stored. */
  now(): string {
    return this.clock().toISOString()
  }

  get isOpen(): boolean {
    return this.conn.open
  }

  close(): void {
    if (this.conn.open) this.conn.close()
  }
}

function errorPath(path: string): string | null {
  return path === MEMORY ? null : path
}

/**
 * Opens (creating it when absent) and migrates a Sheaf database: a file path, or `:memory:` for a run
 * that keeps nothing. Throws `DbError` with code `DB_LOCKED`, `DB_READ_ONLY`, `DB_DAMAGED`,
 * `DB_TOO_NEW`, `DB_SCHEMA_MISMATCH` or `DB_CANNOT_OPEN`; a refused file is left unchanged.
 */
/** An empty file only its owner may read and write (where the system has such modes), if none is there. */
export function createPrivateFile(file: string): void {
  try {
    fs.closeSync(fs.openSync(file, 'wx', 0o600))
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
  }
}

export function openDatabase(path: string, options: OpenOptions = {}): SheafDb {
  const memory = path === MEMORY || path === ''
  const file = memory ? MEMORY : nodePath.resolve(path)
  const ep = errorPath(file)
  const exists = !memory && fs.existsSync(file)

  if (!memory) {
    if (exists && fs.statSync(file).isDirectory()) throw dbError('DB_CANNOT_OPEN', ep, 'is a folder')
    if (exists && !writable(file)) throw dbError('DB_READ_ONLY', ep)
    // WAL needs to create `-wal` and `-shm` files beside the database.
    const dir = nodePath.dirname(file)
    if (!fs.existsSync(dir)) throw dbError('DB_CANNOT_OPEN', ep, 'folder does not exist')
    if (!writable(dir)) throw dbError('DB_READ_ONLY', ep)
  }

  let conn: Database.Database
  try {
    // a new database holds other people's figures: made 0600 (SQLite gives -wal and -shm its mode)
    if (!memory && !exists) createPrivateFile(file)
    conn = new Database(file, { timeout: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS })
  } catch (e) {
    throw toDbError(e, ep)
  }
  const db = new SheafDb(conn, file, options.actor ?? 'sheaf', options.clock ?? (() => new Date()))
  try {
    conn.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS))}`)
    conn.pragma('foreign_keys = ON')
    if (exists) {
      const check = conn.pragma('quick_check', { simple: false }) as { quick_check: string }[]
      const messages = check.map((r) => r.quick_check)
      if (messages.length !== 1 || messages[0] !== 'ok') {
        throw dbError('DB_DAMAGED', ep, messages.slice(0, 3).join('; '))
      }
    }
    // Decide before any write: a too-new database must not even have its journal mode changed.
    pendingMigrations(conn, ep, options.migrations)
    if (!memory) {
      const mode = conn.pragma('journal_mode = WAL', { simple: true })
      if (String(mode).toLowerCase() !== 'wal') throw dbError('DB_CANNOT_OPEN', ep, `journal_mode ${mode}`)
      conn.pragma('synchronous = NORMAL')
    }
    migrate(conn, ep, () => db.now(), options.migrations)
    return db
  } catch (e) {
    db.close()
    throw toDbError(e, ep)
  }
}

function writable(p: string): boolean {
  try {
    fs.accessSync(p, fs.constants.W_OK)
    return true
  } catch {
    return false
  }
}

/**
 * Runs `fn` in one immediate transaction (the write lock is taken at the start, so two programs
 * never deadlock upgrading a read lock); everything or nothing. SQLite errors become `DbError`.
 */
export function writeTransaction<T>(db: SheafDb, fn: () => T): T {
  try {
    return db.conn.transaction(fn).immediate()
  } catch (e) {
    throw toDbError(e, errorPath(db.path))
  }
}

/** Runs a read; SQLite errors become `DbError`. */
export function read<T>(db: SheafDb, fn: () => T): T {
  try {
    return fn()
  } catch (e) {
    throw toDbError(e, errorPath(db.path))
  }
}

export type IntegrityResult = Readonly<{ ok: boolean; messages: readonly string[] }>

/** `PRAGMA integrity_check`: `ok` with the single message `ok`, or every problem SQLite found. */
export function integrityCheck(db: SheafDb): IntegrityResult {
  return read(db, () => {
    const rows = db.conn.pragma('integrity_check', { simple: false }) as { integrity_check: string }[]
    const messages = rows.map((r) => r.integrity_check)
    return { ok: messages.length === 1 && messages[0] === 'ok', messages }
  })
}
