// Loads the shipped 2025 template pack (and the test packs under test/fixtures/packs/) from disk for tests.
import fs from 'node:fs'
import path from 'node:path'
import type { TemplatePack } from '../../src-main/core/template/pack'
import { loadPack } from '../../src-main/core/template/load-pack'
import { packProblemsText } from '../../src-main/core/template/pack-problem'

export const PACK_DIR = path.resolve(__dirname, '../../templates/child-work-2025')

/** A tiny monthly form: months and the year, with a column (ethnic minority) in the annual form only. */
export const MONTHLY_PACK_DIR = path.resolve(__dirname, '../fixtures/packs/monthly-test')

const cached = new Map<string, TemplatePack>()

/** The pack files of a folder, by name. */
export function packFiles(dir: string): Record<string, string> {
  const files: Record<string, string> = {}
  for (const name of fs.readdirSync(dir)) {
    if (/\.(json|csv)$/.test(name)) files[name] = fs.readFileSync(path.join(dir, name), 'utf8')
  }
  return files
}

/** The shipped pack's files by name, to change one and load the result. */
export function shippedPackFiles(): Record<string, string> {
  return packFiles(PACK_DIR)
}

export function loadTestPack(dir: string = PACK_DIR): TemplatePack {
  const known = cached.get(dir)
  if (known) return known
  const result = loadPack(packFiles(dir))
  if (!result.ok)
    throw new Error(`template pack invalid:\n${packProblemsText(result.problems, 'vi').join('\n')}`)
  cached.set(dir, result.pack)
  return result.pack
}
