// A reporting period (a month `2025-M03`, a quarter `2025-Q1`, the first half `2025-H1`, nine months
// `2025-9M`, the whole year `2025-Y`) and a season: one form's reports for one period.

type MonthNo = '01' | '02' | '03' | '04' | '05' | '06' | '07' | '08' | '09' | '10' | '11' | '12'
export type PeriodKind = 'Y' | 'H1' | '9M' | 'Q1' | 'Q2' | 'Q3' | 'Q4' | `M${MonthNo}`
export type PeriodId = `${number}-${PeriodKind}`

/** Every kind of period a form may be reported for, shortest first within each family. */
export const PERIOD_KINDS: readonly PeriodKind[] = [
  'M01',
  'M02',
  'M03',
  'M04',
  'M05',
  'M06',
  'M07',
  'M08',
  'M09',
  'M10',
  'M11',
  'M12',
  'Q1',
  'Q2',
  'Q3',
  'Q4',
  'H1',
  '9M',
  'Y',
]

export const PERIOD_ID = /^(\d{4})-(M(?:0[1-9]|1[0-2])|Q[1-4]|H1|9M|Y)$/

export function isPeriodId(s: string): s is PeriodId {
  return PERIOD_ID.test(s)
}

export function periodParts(id: PeriodId): { year: number; kind: PeriodKind } {
  const [y, k] = id.split('-')
  return { year: Number(y), kind: k as PeriodKind }
}

export function makePeriodId(year: number, kind: PeriodKind): PeriodId {
  return `${year}-${kind}` as PeriodId
}

/** A season: the reports of one form (a template pack's id) for one period. Forms never mix. */
export type Season = Readonly<{ form: string; period: PeriodId }>

export function seasonOf(form: string, period: PeriodId): Season {
  return { form, period }
}
