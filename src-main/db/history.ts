// What `sheaf history` (and the unit's history panel) shows: each unit's versions per season (form and
// period), with the decisions taken about them.
import type { PeriodId } from '../shared/period'
import { read, type SheafDb } from './connection'
import { listVersions, versionsByUnit, type SubmissionVersion } from './versions'

export type HistoryEntry = Readonly<{
  /** the form (template pack id) of the season */
  form: string
  period: PeriodId
  unit: string
  /** from the season's unit list, when the unit is in it */
  unitName: string | null
  /** oldest first; each carries its decisions */
  versions: readonly SubmissionVersion[]
}>

/**
 * By form, period, then unit; filter by form, unit code and/or period. Files with no identified unit
 * are left out.
 */
export function getHistory(
  db: SheafDb,
  filter: Readonly<{ form?: string; unit?: string; period?: PeriodId }> = {},
): HistoryEntry[] {
  return read(db, () => {
    const where: string[] = []
    const args: string[] = []
    if (filter.form !== undefined) {
      where.push('form_id = ?')
      args.push(filter.form)
    }
    if (filter.period !== undefined) {
      where.push('period_id = ?')
      args.push(filter.period)
    }
    const seasons = db
      .prepare(
        `SELECT DISTINCT form_id, period_id FROM submissions ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY form_id, period_id`,
      )
      .all(...args) as { form_id: string; period_id: PeriodId }[]
    const names = db.prepare('SELECT name FROM units WHERE form_id = ? AND period_id = ? AND code = ?')
    const out: HistoryEntry[] = []
    for (const { form_id: form, period_id: period } of seasons) {
      const versions = listVersions(db, { form, period }, filter.unit)
      for (const [unit, vs] of versionsByUnit(versions)) {
        const n = names.get(form, period, unit) as { name: string } | undefined
        out.push({ form, period, unit, unitName: n?.name ?? null, versions: vs })
      }
    }
    return out
  })
}
