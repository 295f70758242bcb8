// Loads the bundled 6-month immunization pack (format 2) from disk for tests, and gives a unit's
// figures that satisfy every rule of it, to be broken one cell at a time.
import fs from 'node:fs'
import path from 'node:path'
import type { TemplatePack } from '../../src-main/core/template/pack'
import { loadPack } from '../../src-main/core/template/load-pack'

export const IMMUNIZATION_DIR = path.resolve(__dirname, '../../templates/immunization-6m-2025')

let cached: TemplatePack | null = null

export function loadImmunizationPack(): TemplatePack {
  if (cached) return cached
  const files: Record<string, string> = {}
  for (const name of fs.readdirSync(IMMUNIZATION_DIR))
    if (/\.(json|csv)$/.test(name)) files[name] = fs.readFileSync(path.join(IMMUNIZATION_DIR, name), 'utf8')
  const result = loadPack(files)
  if (!result.ok) throw new Error(`immunization pack invalid:\n${JSON.stringify(result.problems, null, 1)}`)
  cached = result.pack
  return cached
}
