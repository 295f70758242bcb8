// `sheaf history`: each unit's versions with the validator's decisions, and for each resubmission
// what it changed from the version before, in a line a clerk reads.
import type { Lang } from '../shared/localized'
import type { PeriodId } from '../shared/period'
import type { TemplatePack } from '../core/template/pack'
import type { HistoryEntry, SheafDb, SubmissionVersion } from '../db'
import { diffVersions, getHistory, getPeriod } from '../db'
import { summariseChanges } from './summarise-changes'
import { loadTemplate } from './template-source'

export type HistoryVersion = SubmissionVersion & Readonly<{ changes: string | null }>
export type HistoryWithChanges = Omit<HistoryEntry, 'versions'> & Readonly<{ versions: HistoryVersion[] }>

/** Column names of a period's template (`Tổng số`), for messages; the column key when unknown. */
function columnNamer(db: SheafDb, lang: Lang): (period: PeriodId) => (column: string) => string {
  const packs = new Map<string, TemplatePack | null>()
  return (period) => {
    const id = getPeriod(db, period)?.templateId ?? null
    if (id !== null && !packs.has(id)) {
      const t = loadTemplate(id)
      packs.set(id, t.ok ? t.pack : null)
    }
    const pack = id !== null ? packs.get(id) : null
    return (column) => {
      const def = pack?.columnByKey.get(column)
      return lang === 'vi' && def ? (def.header[def.header.length - 1] as string) : column
    }
  }
}

export function seasonHistory(
  db: SheafDb,
  filter: Readonly<{ unit?: string; period?: PeriodId }>,
  lang: Lang,
): HistoryWithChanges[] {
  const namer = columnNamer(db, lang)
  return getHistory(db, filter).map((e) => ({
    ...e,
    versions: e.versions.map((now, i) => {
      const before = e.versions[i - 1]
      const changes = before
        ? summariseChanges(now.version, diffVersions(db, before.id, now.id).changes, lang, namer(e.period))
        : null
      return { ...now, changes }
    }),
  }))
}
