// The database of each test of a file, opened by the test and closed after it. Apart from
// ../integration/db-helpers, which a child process of the crash test loads outside vitest.
import path from 'node:path'
import { afterEach } from 'vitest'
import { openDatabase, type SheafDb } from '../../src-main/db/index'
import { tempDir, tickingClock } from '../integration/db-helpers'

/**
 * The database of each test of a file, closed after the test: in memory, or `season.sqlite` in a new
 * folder where the test needs a file on disk. Each one gets its own ticking clock (from `clockFrom`).
 * Called once at the top of a test file; the function it gives opens the test's database.
 */
export function databaseEachTest(
  o: { onDisk?: boolean; actor?: string; clockFrom?: string } = {},
): () => SheafDb {
  let db: SheafDb | null = null
  afterEach(() => db?.close())
  return () => {
    const where = o.onDisk ? path.join(tempDir(), 'season.sqlite') : ':memory:'
    db = openDatabase(where, { actor: o.actor, clock: tickingClock(o.clockFrom) })
    return db
  }
}
