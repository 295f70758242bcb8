// A reporting period: the first half (`2025-H1`) or the whole year (`2025-Y`).

export type PeriodKind = 'H1' | 'Y'
export type PeriodId = `${number}-${PeriodKind}`

export function periodParts(id: PeriodId): { year: number; kind: PeriodKind } {
  const [y, k] = id.split('-')
  return { year: Number(y), kind: k as PeriodKind }
}

export function makePeriodId(year: number, kind: PeriodKind): PeriodId {
  return `${year}-${kind}` as PeriodId
}
