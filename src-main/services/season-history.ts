// `sheaf history`: each unit's versions with the validator's decisions, and for each resubmission
// what it changed from the version before, in a line a clerk reads.
import type { Lang } from '../shared/localized'
import type { PeriodId } from '../shared/period'
import type { TemplatePack } from '../core/template/pack'
import type { HistoryEntry, SheafDb, SubmissionVersion } from '../db'
import { diffVersions, getHistory } from '../db'
import { summariseChanges } from './summarise-changes'
import { loadTemplate } from './template-source'

export type HistoryVersion = SubmissionVersion & Readonly<{ changes: string | null }>
export type HistoryWithChanges = Omit<HistoryEntry, 'versions'> & Readonly<{ versions: HistoryVersion[] }>

/** Column names of a season's form (`Tổng số`), for messages; the column key when unknown. */
function columnNamer(lang: Lang): (form: string) => (column: string) => string {
  const packs = new Map<string, TemplatePack | null>()
  return (id) => {
    if (!packs.has(id)) {
      const t = loadTemplate(id)
      packs.set(id, t.ok ? t.pack : null)
    }
    const pack = packs.get(id)
    return (column) => {
      const def = pack?.columnByKey.get(column)
      return lang === 'vi' && def ? (def.header[def.header.length - 1] as string) : column
    }
  }
}

export function seasonHistory(
  db: SheafDb,
  filter: Readonly<{ form?: string; unit?: string; period?: PeriodId }>,
  lang: Lang,
): HistoryWithChanges[] {
  const namer = columnNamer(lang)
  return getHistory(db, filter).map((e) => ({
    ...e,
    versions: e.versions.map((now, i) => {
      const before = e.versions[i - 1]
      const changes = before
        ? summariseChanges(now.version, diffVersions(db, before.id, now.id).changes, lang, namer(e.form))
        : null
      return { ...now, changes }
    }),
  }))
}
