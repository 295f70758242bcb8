// The other forms a batch's files may be of: every valid pack Sheaf knows (shipped, and added in the
// interface) but the season's own, each with its seasons in the database and their unit lists, so
// that a file of another form is read as its file for its season (or told S10 when there is none).
import type { SheafDb } from '../db'
import { listPeriods, listUnits } from '../db'
import type { TemplatePack } from '../core/template/pack'
import type { OtherForm } from '../core/submission/recognise-form'
import { indexUnits } from '../core/submission/identify-unit'
import { listPacks } from './pack-library'

/** Every valid pack under templates/ and `addedRoot` (null: the shipped ones only). */
export function knownPacks(addedRoot: string | null): TemplatePack[] {
  return listPacks(addedRoot).flatMap((f) => (f.load.ok ? [f.load.pack] : []))
}

/** The forms of `packs` other than `form`, each with its seasons of `db` (none without a database). */
export function otherFormsOf(db: SheafDb | null, packs: readonly TemplatePack[], form: string): OtherForm[] {
  const periods = db ? listPeriods(db) : []
  const seen = new Set<string>([form])
  const out: OtherForm[] = []
  for (const pack of packs) {
    const id = pack.manifest.id
    if (seen.has(id)) continue
    seen.add(id)
    out.push({
      pack,
      seasons: periods
        .filter((p) => p.templateId === id)
        .map((p) => ({
          period: p.id,
          units: indexUnits(listUnits(db as SheafDb, { form: id, period: p.id })),
        })),
    })
  }
  return out
}
