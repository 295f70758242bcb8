// The period as given at a boundary (a command-line flag, a request), checked with zod. Apart from
// period.ts so that the read workers, which only need the type, do not load zod.
import { z } from 'zod'
import type { PeriodId } from './period'

export const periodIdSchema = z
  .string()
  .regex(/^\d{4}-(H1|Y)$/, { message: 'Kỳ báo cáo phải có dạng YYYY-H1 hoặc YYYY-Y (ví dụ 2025-Y)' })
  .transform((s) => s as PeriodId)
