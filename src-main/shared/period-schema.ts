// The period as given at a boundary (a command-line flag, a request), checked with zod. Apart from
// period.ts so that the read workers, which only need the type, do not load zod.
import { z } from 'zod'
import type { PeriodId } from './period'
import { PERIOD_ID } from './period'

export const periodIdSchema = z
  .string()
  .regex(PERIOD_ID, {
    message:
      'Kỳ báo cáo phải có dạng YYYY-Mtt, YYYY-Qn, YYYY-H1, YYYY-9M hoặc YYYY-Y (ví dụ 2025-M03, 2025-Q1, 2025-Y)',
  })
  .transform((s) => s as PeriodId)

export const formIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, {
  message: 'Mã mẫu biểu gồm chữ thường, số và dấu gạch ngang (ví dụ child-work-2025)',
})
