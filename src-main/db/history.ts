// What `sheaf history` (and the unit's history panel) shows: each unit's versions per period, with
// the decisions taken about them.
import type { PeriodId } from '../shared/period'
import { read, type SheafDb } from './connection'
import { listVersions, type SubmissionVersion } from './versions'

export type HistoryEntry = Readonly<{
  period: PeriodId
  unit: string
  /** from the period's unit list, when the unit is in it */
  unitName: string | null
  /** oldest first; each carries its decisions */
  versions: readonly SubmissionVersion[]
}>

/** By period then unit; filter by unit code and/or period. Files with no identified unit are left out. */
export function getHistory(
  db: SheafDb,
  filter: Readonly<{ unit?: string; period?: PeriodId }> = {},
): HistoryEntry[] {
  return read(db, () => {
    const periods = (
      filter.period !== undefined
        ? [{ period_id: filter.period }]
        : db.prepare('SELECT DISTINCT period_id FROM submissions ORDER BY period_id').all()
    ) as { period_id: PeriodId }[]
    const names = db.prepare('SELECT name FROM units WHERE period_id = ? AND code = ?')
    const out: HistoryEntry[] = []
    for (const { period_id: period } of periods) {
      const versions = listVersions(db, period, filter.unit)
      const byUnit = new Map<string, SubmissionVersion[]>()
      for (const v of versions) byUnit.set(v.unit, [...(byUnit.get(v.unit) ?? []), v])
      for (const [unit, vs] of byUnit) {
        const n = names.get(period, unit) as { name: string } | undefined
        out.push({ period, unit, unitName: n?.name ?? null, versions: vs })
      }
    }
    return out
  })
}
