// The kinds of unit have one home (shared/unit-kinds.ts); the database's CHECK, which a migration
// cannot import, must list exactly the same kinds.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { UNIT_KINDS } from '../../src-main/shared/unit-kinds'

describe('unit kinds', () => {
  it('are the ones the units table accepts', () => {
    const schema = fs.readFileSync(path.join(__dirname, '../../src-main/db/schema.snapshot.sql'), 'utf8')
    const check = /CREATE TABLE units \([\s\S]*?kind TEXT NOT NULL CHECK \(kind IN \(([^)]*)\)\)/.exec(schema)
    expect(check).not.toBeNull()
    const kinds = (check?.[1] ?? '').split(',').map((k) => k.trim().replace(/^'|'$/g, ''))
    expect(kinds).toEqual([...UNIT_KINDS])
  })
})
