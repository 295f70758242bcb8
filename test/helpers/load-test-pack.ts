// Loads the shipped 2025 template pack from disk for tests.
import fs from 'node:fs'
import path from 'node:path'
import type { TemplatePack } from '../../src-main/core/template/pack'
import { loadPack } from '../../src-main/core/template/load-pack'
import { packProblemsText } from '../../src-main/core/template/pack-problem'

export const PACK_DIR = path.resolve(__dirname, '../../templates/child-work-2025')

/** The shipped pack's files by name, to change one and load the result. */
export function shippedPackFiles(): Record<string, string> {
  const files: Record<string, string> = {}
  for (const name of fs.readdirSync(PACK_DIR))
    if (/\.(json|csv)$/.test(name)) files[name] = fs.readFileSync(path.join(PACK_DIR, name), 'utf8')
  return files
}

let cached: TemplatePack | null = null

export function loadTestPack(): TemplatePack {
  if (cached) return cached
  const result = loadPack(shippedPackFiles())
  if (!result.ok)
    throw new Error(`template pack invalid:\n${packProblemsText(result.problems, 'vi').join('\n')}`)
  cached = result.pack
  return cached
}
