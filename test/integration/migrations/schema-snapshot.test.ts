import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src-main/db/index'

const SNAPSHOT = path.resolve(__dirname, '../../../src-main/db/schema.snapshot.sql')

// To accept a deliberate schema change: UPDATE_SCHEMA_SNAPSHOT=1 npx vitest run test/integration/migrations
describe('final schema', () => {
  it('matches the committed snapshot (src-main/db/schema.snapshot.sql)', () => {
    const db = openDatabase(':memory:')
    const rows = db.conn
      .prepare(`SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name`)
      .all() as { type: string; name: string; sql: string }[]
    db.close()
    const text =
      '-- The schema after every migration, as sqlite_master holds it. Checked by\n' +
      '-- test/integration/migrations/schema-snapshot.test.ts; never edited by hand.\n\n' +
      rows.map((r) => `-- ${r.type} ${r.name}\n${r.sql};\n`).join('\n')
    if (process.env.UPDATE_SCHEMA_SNAPSHOT === '1') fs.writeFileSync(SNAPSHOT, text)
    expect(text).toBe(fs.readFileSync(SNAPSHOT, 'utf8'))
  })
})
