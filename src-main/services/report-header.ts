// The report's header and signature texts for a season: what the clerk gives now (CLI options, the
// export screen) over what the season remembers, over what the last season used (all but the number
// and the date, which belong to one report), over defaults. With a database, what is given is
// remembered. The CLI and the API both call this.
import type { ReportHeader } from '../core/output/report-header'
import type { ReportDefaults } from '../core/template/pack-schema'
import {
  defaultReportDate,
  governingBodyOf,
  placeOf,
  signerTitleLines,
  splitLines,
} from '../core/output/report-header'
import type { ReportHeaderInput, ReportHeaderTexts } from '../shared/report-header-input'
import type { Season } from '../shared/period'
import type { SheafDb } from '../db'
import { getSettings, setSettings, SETTING_KEYS } from '../db'

type Field = keyof ReportHeaderTexts

const FIELDS: readonly Field[] = [
  'governingBody',
  'issuer',
  'reportNo',
  'place',
  'date',
  'signerTitle',
  'signer',
  'preparer',
  'recipients',
]

/** Texts that belong to one season's report only: never carried over to the next season. */
const SEASON_ONLY: ReadonlySet<Field> = new Set(['reportNo', 'date'])

// kept per season: two forms of the same period keep texts of their own (migration 0060)
const seasonKey = ({ form, period }: Season, f: Field): string => `report.${form}.${period}.${f}`
const lastKey = (f: Field): string => `report.last.${f}`

/** The fields given, with `province` spelled out as the governing body and the place. */
function givenTexts(input: ReportHeaderInput): Partial<Record<Field, string>> {
  const given: Partial<Record<Field, string>> = {}
  if (input.province !== undefined) {
    given.governingBody = governingBodyOf(input.province)
    given.place = placeOf(input.province)
  }
  for (const f of FIELDS) {
    const v = input[f]
    if (v !== undefined) given[f] = v.trim()
  }
  return given
}

/** What a season starts from: the form's own words (its pack's `report`), the rest blank. */
function defaults(period: string, today: Date, report: ReportDefaults): ReportHeaderTexts {
  return {
    governingBody: governingBodyOf(''),
    issuer: report.issuer,
    reportNo: '',
    place: '',
    date: defaultReportDate(period, today) ?? '',
    signerTitle: report.signerTitle,
    signer: '',
    preparer: '',
    recipients: '',
  }
}

/** The season's texts: given, else remembered for the season, else the last season's, else defaults. */
export function reportHeaderTexts(
  db: SheafDb | null,
  season: Season,
  report: ReportDefaults,
  input: ReportHeaderInput = {},
  today: Date = new Date(),
): ReportHeaderTexts {
  const saved = db ? getSettings(db) : {}
  const given = givenTexts(input)
  const fallback = defaults(season.period, today, report)
  // what the settings held before headers were kept per season: the province and the signer
  const legacyProvince = saved[SETTING_KEYS.provinceName]
  const legacy: Partial<Record<Field, string>> = {
    ...(legacyProvince
      ? { governingBody: governingBodyOf(legacyProvince), place: placeOf(legacyProvince) }
      : {}),
    ...(saved[SETTING_KEYS.signer] ? { signer: saved[SETTING_KEYS.signer] } : {}),
  }
  const out = {} as Record<Field, string>
  for (const f of FIELDS) {
    out[f] =
      given[f] ??
      saved[seasonKey(season, f)] ??
      (SEASON_ONLY.has(f) ? undefined : (saved[lastKey(f)] ?? legacy[f])) ??
      fallback[f]
  }
  return out
}

/** Remembers the texts given for the season (and, but for its number and date, for the next one). */
export function rememberReportHeader(
  db: SheafDb,
  season: Season,
  input: ReportHeaderInput,
  actor?: string,
): void {
  const given = givenTexts(input)
  const values: Record<string, string> = {}
  for (const f of FIELDS) {
    const v = given[f]
    if (v === undefined) continue
    values[seasonKey(season, f)] = v
    if (!SEASON_ONLY.has(f)) values[lastKey(f)] = v
  }
  if (Object.keys(values).length > 0) setSettings(db, values, actor)
}

/** The texts as the report's header and signature blocks take them. */
export function reportHeaderOf(texts: ReportHeaderTexts): ReportHeader {
  return {
    governingBody: texts.governingBody,
    issuer: texts.issuer,
    number: texts.reportNo,
    place: texts.place,
    date: texts.date === '' ? null : texts.date,
    signerTitle: signerTitleLines(texts.signerTitle),
    signer: texts.signer,
    preparer: texts.preparer,
    recipients: splitLines(texts.recipients),
  }
}

/**
 * The report's header for an export: the texts given over the season's (`reportHeaderTexts`), and
 * the texts given remembered for the season unless `remember` is false (the CLI without `--db`).
 */
export function settleReportHeader(
  db: SheafDb,
  season: Season,
  report: ReportDefaults,
  given: ReportHeaderInput,
  opts: Readonly<{ remember: boolean; actor?: string; today?: Date }>,
): ReportHeader {
  const texts = reportHeaderTexts(opts.remember ? db : null, season, report, given, opts.today)
  if (opts.remember) rememberReportHeader(db, season, given, opts.actor)
  return reportHeaderOf(texts)
}
