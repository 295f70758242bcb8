// The season's database as the commands open, back up and restore it. Without a file the season is
// not kept: an in-memory database for one run.
import type { SheafDb } from '../db'
import { backupDatabase, openDatabase, restoreDatabase } from '../db'

export type { SheafDb } from '../db'
/** A database failure a person can act on (locked, full, not a Sheaf database), in Vietnamese and English. */
export { DbError } from '../db'

export function openSeasonDb(file: string | undefined, actor: string): SheafDb {
  return openDatabase(file ?? ':memory:', { actor })
}

/** SQLite's online backup of the open season into `destPath`. */
export function backupSeason(db: SheafDb, destPath: string): Promise<void> {
  return backupDatabase(db, destPath)
}

/** Replaces the season at `to` by the backup at `from`. */
export function restoreSeason(from: string, to: string): Promise<void> {
  return restoreDatabase(from, to)
}
