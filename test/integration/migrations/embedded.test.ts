import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS } from '../../../src-main/db/migrations/index'

const DIR = path.resolve(__dirname, '../../../src-main/db/migrations')

describe('embedded migrations', () => {
  it('carry exactly the text of the .sql files (run `node scripts/embed-migrations.mjs` if not)', () => {
    const files = fs
      .readdirSync(DIR)
      .filter((f) => f.endsWith('.sql'))
      .sort()
    expect(MIGRATIONS.map((m) => `${m.name}.sql`)).toEqual(files)
    for (const m of MIGRATIONS) expect(m.sql).toBe(fs.readFileSync(path.join(DIR, `${m.name}.sql`), 'utf8'))
  })

  it('are numbered in increasing order, the number matching the file name', () => {
    const ids = MIGRATIONS.map((m) => m.id)
    expect(ids).toEqual([...ids].sort((a, b) => a - b))
    expect(new Set(ids).size).toBe(ids.length)
    for (const m of MIGRATIONS) expect(m.name.slice(0, 4)).toBe(String(m.id).padStart(4, '0'))
  })
})
