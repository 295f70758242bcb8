// The JSON Schema of docs/pack-schema/ is what the zod schema generates (never stale), describes the
// shipped pack's files, refuses what the loader refuses, and has words in both languages for every
// pattern it holds.
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { describe, expect, it } from 'vitest'
import { packJsonSchemaFiles } from '../../src-main/core/template/pack-json-schema'
import { PATTERN_WORDS } from '../../src-main/core/template/pack-problem'
import { PACK_DIR } from '../helpers/load-test-pack'

const DOCS = path.resolve(__dirname, '../../docs/pack-schema')
const generated = packJsonSchemaFiles()

function patterns(node: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => patterns(n, out))
  else if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node)) {
      if (k === 'pattern' && typeof v === 'string') out.add(v)
      else patterns(v, out)
    }
  return out
}

const shipped = (name: string) => JSON.parse(fs.readFileSync(path.join(PACK_DIR, name), 'utf8')) as unknown

describe('docs/pack-schema', () => {
  it('holds exactly what the zod schema generates (else: npx tsx scripts/write-pack-schema.ts)', () => {
    const committed = fs.readdirSync(DOCS).filter((n) => n.endsWith('.json'))
    expect(committed.sort()).toEqual(Object.keys(generated).sort())
    for (const [name, text] of Object.entries(generated))
      expect(fs.readFileSync(path.join(DOCS, name), 'utf8'), name).toBe(text)
  })

  it('accepts the shipped pack and refuses a column with an unknown dim or a manifest without an id', () => {
    const layout = z.fromJSONSchema(JSON.parse(generated['layout.schema.json'] as string))
    const manifest = z.fromJSONSchema(JSON.parse(generated['manifest.schema.json'] as string))
    expect(layout.safeParse(shipped('layout.json')).success).toBe(true)
    expect(manifest.safeParse(shipped('manifest.json')).success).toBe(true)
    const bad = shipped('layout.json') as { columns: { dim?: string }[] }
    bad.columns.forEach((c) => {
      if (c.dim) c.dim = 'X'
    })
    expect(layout.safeParse(bad).success).toBe(false)
    const { id: _id, ...noId } = shipped('manifest.json') as Record<string, unknown>
    expect(manifest.safeParse(noId).success).toBe(false)
  })

  it('describes the CSV rows by their header names, with the kinds a row may have', () => {
    const row = JSON.parse(generated['indicators-row.schema.json'] as string) as {
      properties: Record<string, { enum?: string[] }>
      required: string[]
    }
    const header = fs
      .readFileSync(path.join(PACK_DIR, 'indicators.csv'), 'utf8')
      .split(/\r?\n/)[0]
      ?.split(',')
    // format 1's header (dims) and format 2's (columns, scale, bounds) are both described
    expect(Object.keys(row.properties)).toEqual(expect.arrayContaining(header ?? []))
    expect(Object.keys(row.properties)).toEqual(
      expect.arrayContaining(['columns', 'scale', 'min', 'max', 'warn_below', 'warn_above']),
    )
    expect(row.properties['kind']?.enum).toContain('rate')
  })

  it('has Vietnamese and English words for every pattern, so a format mistake is said in both', () => {
    const all = new Set<string>()
    for (const text of Object.values(generated)) patterns(JSON.parse(text), all)
    expect(all.size).toBeGreaterThan(3)
    for (const p of all) expect(PATTERN_WORDS[p], p).toBeDefined()
  })
})
