// A reporting period: the first half (`2025-H1`) or the whole year (`2025-Y`).
import { z } from 'zod'

export type PeriodKind = 'H1' | 'Y'
export type PeriodId = `${number}-${PeriodKind}`

export const periodIdSchema = z
  .string()
  .regex(/^\d{4}-(H1|Y)$/, { message: 'Kỳ báo cáo phải có dạng YYYY-H1 hoặc YYYY-Y (ví dụ 2025-Y)' })
  .transform((s) => s as PeriodId)

export function periodParts(id: PeriodId): { year: number; kind: PeriodKind } {
  const [y, k] = id.split('-')
  return { year: Number(y), kind: k as PeriodKind }
}

export function makePeriodId(year: number, kind: PeriodKind): PeriodId {
  return `${year}-${kind}` as PeriodId
}
