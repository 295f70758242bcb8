// Applies the embedded numbered migrations, each in its own transaction, and refuses a database
// whose applied list is not a prefix of the known list (a newer or a different Sheaf made it).
import type Database from 'better-sqlite3'
import { dbError } from './errors'
import { MIGRATIONS, type Migration } from './migrations/index'

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`

export type AppliedMigration = Readonly<{ id: number; name: string; appliedAt: string }>

/** The migrations recorded in the database, in order; empty for a new database. Reads only. */
export function appliedMigrations(conn: Database.Database): AppliedMigration[] {
  const table = conn
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`)
    .get()
  if (!table) return []
  return conn
    .prepare('SELECT id, name, applied_at AS appliedAt FROM schema_migrations ORDER BY id')
    .all() as AppliedMigration[]
}

/**
 * Which of `known` still need applying, or a `DbError` (`DB_TOO_NEW`, `DB_SCHEMA_MISMATCH`) when the
 * applied list is not a prefix of `known`. Reads only.
 */
export function pendingMigrations(
  conn: Database.Database,
  path: string | null,
  known: readonly Migration[] = MIGRATIONS,
): Migration[] {
  const applied = appliedMigrations(conn)
  if (applied.length === 0) {
    // A database with tables but no migration record is someone else's file, not an empty one.
    const foreign = conn
      .prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'`)
      .get() as { n: number }
    if (foreign.n > 0) throw dbError('DB_SCHEMA_MISMATCH', path, 'no schema_migrations table')
  }
  for (let i = 0; i < applied.length; i++) {
    const a = applied[i]!
    const k = known[i]
    if (k && k.id === a.id && k.name === a.name) continue
    const newest = known[known.length - 1]
    if (!k || (newest && a.id > newest.id)) throw dbError('DB_TOO_NEW', path, `migration ${a.name}`)
    throw dbError('DB_SCHEMA_MISMATCH', path, `migration ${a.name} ≠ ${k.name}`)
  }
  return known.slice(applied.length)
}

/** Applies what is pending; each migration and its record commit together or not at all. */
export function migrate(
  conn: Database.Database,
  path: string | null,
  now: () => string,
  known: readonly Migration[] = MIGRATIONS,
): Migration[] {
  const pending = pendingMigrations(conn, path, known)
  if (pending.length === 0) return pending
  // SQLite's way to rebuild a table that others refer to: foreign keys off (outside any transaction),
  // the migration, then every reference checked before it commits.
  const enforced = conn.pragma('foreign_keys', { simple: true }) === 1
  if (enforced) conn.pragma('foreign_keys = OFF')
  try {
    for (const m of pending) {
      conn
        .transaction(() => {
          conn.exec(CREATE_TABLE)
          conn.exec(m.sql)
          const broken = conn.pragma('foreign_key_check') as { table: string; parent: string }[]
          if (broken.length > 0) {
            const first = broken[0]!
            throw dbError('DB_SCHEMA_MISMATCH', path, `${m.name}: ${first.table} → ${first.parent}`)
          }
          conn
            .prepare('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)')
            .run(m.id, m.name, now())
        })
        .immediate()
    }
  } finally {
    if (enforced) conn.pragma('foreign_keys = ON')
  }
  return pending
}
