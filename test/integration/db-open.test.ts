import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import {
  backupDatabase,
  DbError,
  integrityCheck,
  listSubmissions,
  MIGRATIONS,
  openDatabase,
  restoreDatabase,
  storeSubmission,
  type SheafDb,
} from '../../src-main/db/index'
import { analysis, file, tempDir, S } from './db-helpers'

const opened: SheafDb[] = []
const cleanups: (() => void)[] = []
afterEach(() => {
  opened.splice(0).forEach((d) => d.close())
  cleanups.splice(0).forEach((f) => f())
})

function open(p: string, busyTimeoutMs?: number): SheafDb {
  const d = openDatabase(p, busyTimeoutMs === undefined ? {} : { busyTimeoutMs })
  opened.push(d)
  return d
}

function seasonFile(): string {
  const p = path.join(tempDir(), 'season.sqlite')
  const d = openDatabase(p)
  storeSubmission(d, { season: S('2025-Y'), file: file('a.xlsx'), analysis: analysis() })
  d.close()
  return p
}

function refusal(fn: () => unknown): DbError {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(DbError)
    return e as DbError
  }
  throw new Error('expected a DbError')
}

describe('openDatabase', () => {
  it('creates a file in WAL mode with foreign keys and a 5 s busy timeout, every migration applied', () => {
    const d = open(path.join(tempDir(), 'new.sqlite'))
    expect(d.conn.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(d.conn.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(d.conn.pragma('busy_timeout', { simple: true })).toBe(5000)
    const applied = d.conn.prepare('SELECT id, name FROM schema_migrations ORDER BY id').all()
    expect(applied).toEqual(MIGRATIONS.map((m) => ({ id: m.id, name: m.name })))
    expect(integrityCheck(d)).toEqual({ ok: true, messages: ['ok'] })
  })

  it('opens an in-memory database for runs that keep nothing', () => {
    const d = open(':memory:')
    storeSubmission(d, { season: S('2025-Y'), file: file('a.xlsx'), analysis: analysis() })
    expect(listSubmissions(d, S('2025-Y'))).toHaveLength(1)
  })

  it('reopens a file with what was stored', () => {
    const p = seasonFile()
    expect(listSubmissions(open(p), S('2025-Y')).map((s) => s.fileName)).toEqual(['a.xlsx'])
  })

  it('refuses a database made by a newer Sheaf, in Vietnamese and English, and changes nothing', () => {
    const p = seasonFile()
    const raw = new Database(p)
    raw
      .prepare(`INSERT INTO schema_migrations (id, name, applied_at) VALUES (9990, '9990_future', 'x')`)
      .run()
    raw.pragma('journal_mode = DELETE')
    raw.close()
    const bytes = fs.readFileSync(p)
    const e = refusal(() => open(p))
    expect(e.code).toBe('DB_TOO_NEW')
    expect(e.text.vi).toMatch(/phiên bản Sheaf mới hơn/)
    expect(e.text.en).toMatch(/newer version of Sheaf/)
    expect(e.message).toContain(e.text.vi)
    expect(e.message).toContain(e.text.en)
    expect(fs.readFileSync(p).equals(bytes)).toBe(true)
    expect(fs.existsSync(`${p}-wal`)).toBe(false)
  })

  it('refuses a database whose migrations differ from this build’s', () => {
    const p = seasonFile()
    const raw = new Database(p)
    raw.prepare(`UPDATE schema_migrations SET name = '0020_something_else' WHERE id = 20`).run()
    raw.close()
    expect(refusal(() => open(p)).code).toBe('DB_SCHEMA_MISMATCH')
  })

  it('refuses a file of garbage bytes and leaves it as it was', () => {
    const p = path.join(tempDir(), 'garbage.sqlite')
    const bytes = Buffer.from('PK\u0003\u0004 this is a zip, not a database '.repeat(200))
    fs.writeFileSync(p, bytes)
    const e = refusal(() => open(p))
    expect(e.code).toBe('DB_DAMAGED')
    expect(e.text.vi).toMatch(/bị hỏng/)
    expect(fs.readFileSync(p).equals(bytes)).toBe(true)
  })

  it('refuses a database whose data pages were damaged (quick_check on open)', () => {
    const p = path.join(tempDir(), 'season.sqlite')
    const d = openDatabase(p)
    for (let i = 0; i < 30; i++)
      storeSubmission(d, { season: S('2025-Y'), file: file(`f${i}.xlsx`), analysis: analysis() })
    d.close()
    const raw = new Database(p)
    raw.pragma('journal_mode = DELETE')
    raw.close()
    const bytes = fs.readFileSync(p)
    const pageSize = bytes.readUInt16BE(16)
    expect(bytes.length / pageSize).toBeGreaterThan(12)
    // Scribble over the last pages (rows and indexes); the schema on the first pages stays readable.
    for (let i = bytes.length - 6 * pageSize; i < bytes.length; i += 97) bytes[i] = (bytes[i]! + 13) & 0xff
    fs.writeFileSync(p, bytes)
    const e = refusal(() => open(p))
    expect(e.code).toBe('DB_DAMAGED')
    expect(fs.readFileSync(p).equals(bytes)).toBe(true)
  })

  it('refuses a database another program holds locked, after the busy timeout', () => {
    const p = seasonFile()
    const other = new Database(p)
    other.pragma('locking_mode = EXCLUSIVE')
    other.exec('BEGIN EXCLUSIVE')
    other.prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('k', 'v', 'now')`).run()
    cleanups.push(() => other.close())
    const started = Date.now()
    const e = refusal(() => open(p, 300))
    expect(e.code).toBe('DB_LOCKED')
    expect(e.text.vi).toMatch(/đang bị một chương trình khác khóa/)
    expect(Date.now() - started).toBeGreaterThanOrEqual(250)
  })

  it('refuses a read-only database', () => {
    const p = seasonFile()
    let lock = () => fs.chmodSync(p, 0o444)
    let unlock = () => fs.chmodSync(p, 0o644)
    if (process.getuid?.() === 0) {
      // root ignores file modes; the immutable attribute still stops it.
      lock = () => execFileSync('chattr', ['+i', p])
      unlock = () => execFileSync('chattr', ['-i', p])
    }
    try {
      lock()
    } catch {
      return // no way to make a read-only file on this system
    }
    cleanups.push(unlock)
    const bytes = fs.readFileSync(p)
    const e = refusal(() => open(p))
    expect(e.code).toBe('DB_READ_ONLY')
    expect(fs.readFileSync(p).equals(bytes)).toBe(true)
  })

  it('says the folder does not exist rather than crashing', () => {
    expect(refusal(() => open(path.join(tempDir(), 'no', 'such', 'dir', 'x.sqlite'))).code).toBe(
      'DB_CANNOT_OPEN',
    )
  })
})

describe('backup and restore', () => {
  it('backs up an open database and restores it over another file', async () => {
    const dir = tempDir()
    const live = open(path.join(dir, 'live.sqlite'))
    storeSubmission(live, { season: S('2025-Y'), file: file('a.xlsx'), analysis: analysis() })
    const backup = path.join(dir, 'backup.sqlite')
    await backupDatabase(live, backup)
    storeSubmission(live, { season: S('2025-Y'), file: file('b.xlsx'), analysis: analysis() })

    const target = path.join(dir, 'target.sqlite')
    openDatabase(target).close()
    await restoreDatabase(backup, target)
    const restored = open(target)
    expect(listSubmissions(restored, S('2025-Y')).map((s) => s.fileName)).toEqual(['a.xlsx'])
    expect(integrityCheck(restored).ok).toBe(true)
  })

  it('refuses to restore a damaged backup and keeps the current database', async () => {
    const dir = tempDir()
    const target = seasonFile()
    const bad = path.join(dir, 'bad.sqlite')
    fs.writeFileSync(bad, 'not a database at all, just text '.repeat(100))
    const before = fs.readFileSync(target)
    await expect(restoreDatabase(bad, target)).rejects.toMatchObject({ code: 'DB_DAMAGED' })
    expect(fs.readFileSync(target).equals(before)).toBe(true)
    expect(listSubmissions(open(target), S('2025-Y'))).toHaveLength(1)
  })
})
