// The report's header block (province, report number, signer): the texts given for this export,
// else the ones remembered from the last export of the season; the texts given are remembered.
import type { ReportHeader } from '../core/output/write-report'
import type { SheafDb } from '../db'
import { getSettings, setSettings, SETTING_KEYS } from '../db'

export type ReportHeaderTexts = Readonly<{ province?: string; reportNo?: string; signer?: string }>

export function settleReportHeader(
  db: SheafDb,
  given: ReportHeaderTexts,
  opts: Readonly<{
    /** false for a season that is not kept (the CLI without `--db`): nothing to recall or remember */
    remember: boolean
    actor?: string
    date: Date
  }>,
): ReportHeader {
  const remembered = opts.remember ? getSettings(db) : {}
  const province = given.province ?? remembered[SETTING_KEYS.provinceName] ?? ''
  const reportNo = given.reportNo ?? remembered[SETTING_KEYS.reportNumber]
  const signer = given.signer ?? remembered[SETTING_KEYS.signer]
  if (opts.remember)
    setSettings(
      db,
      {
        ...(given.province !== undefined ? { [SETTING_KEYS.provinceName]: given.province } : {}),
        ...(given.reportNo !== undefined ? { [SETTING_KEYS.reportNumber]: given.reportNo } : {}),
        ...(given.signer !== undefined ? { [SETTING_KEYS.signer]: given.signer } : {}),
      },
      opts.actor,
    )
  return {
    province,
    ...(reportNo ? { reportNo } : {}),
    ...(signer ? { signer } : {}),
    date: opts.date,
  }
}
