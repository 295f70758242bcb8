// Backups with SQLite's online backup (consistent even while Sheaf is writing), and restoring one
// only after checking that it is a sound Sheaf database this version can open.
import fs from 'node:fs'
import nodePath from 'node:path'
import Database from 'better-sqlite3'
import { createPrivateFile, MEMORY, type SheafDb } from './connection'
import { dbError, toDbError } from './errors'
import { pendingMigrations } from './migrate'

/** Copies the open database to `destPath` (replaced if present). */
export async function backupDatabase(db: SheafDb, destPath: string): Promise<void> {
  const dest = nodePath.resolve(destPath)
  if (db.path !== MEMORY && dest === nodePath.resolve(db.path)) {
    throw dbError('DB_INVALID_INPUT', dest, 'bản sao lưu trùng với cơ sở dữ liệu / backup onto itself')
  }
  try {
    createPrivateFile(dest)
    await db.conn.backup(dest)
  } catch (e) {
    throw toDbError(e, dest)
  }
}

/**
 * Replaces the database at `to` (which must not be open) with the backup `from`, after checking
 * that `from` is undamaged and not made by a newer Sheaf. A refused backup changes nothing.
 */
export async function restoreDatabase(from: string, to: string): Promise<void> {
  const src = nodePath.resolve(from)
  const dest = nodePath.resolve(to)
  if (!fs.existsSync(src)) throw dbError('DB_NOT_FOUND', src, 'tệp sao lưu / backup file')
  let conn: Database.Database
  try {
    conn = new Database(src, { readonly: true, fileMustExist: true })
  } catch (e) {
    throw toDbError(e, src)
  }
  try {
    const check = conn.pragma('quick_check', { simple: false }) as { quick_check: string }[]
    if (check.length !== 1 || check[0]?.quick_check !== 'ok') {
      throw dbError(
        'DB_DAMAGED',
        src,
        check
          .map((r) => r.quick_check)
          .slice(0, 5)
          .join('; '),
      )
    }
    pendingMigrations(conn, src)
    // Into a temporary file first, then renamed: `to` is never left half-written.
    const tmp = `${dest}.restore-${process.pid}.tmp`
    createPrivateFile(tmp)
    await conn.backup(tmp)
    for (const suffix of ['-wal', '-shm']) fs.rmSync(`${dest}${suffix}`, { force: true })
    fs.renameSync(tmp, dest)
  } catch (e) {
    throw toDbError(e, src)
  } finally {
    conn.close()
  }
}
