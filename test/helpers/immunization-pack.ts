// Loads the bundled 6-month immunization pack (format 2) from disk for tests, and gives a unit's
// figures that satisfy every rule of it, to be broken one cell at a time.
import path from 'node:path'
import type { TemplatePack } from '../../src-main/core/template/pack'
import { loadTestPack } from './load-test-pack'

export const IMMUNIZATION_DIR = path.resolve(__dirname, '../../templates/immunization-6m-2025')

export function loadImmunizationPack(): TemplatePack {
  return loadTestPack(IMMUNIZATION_DIR)
}
