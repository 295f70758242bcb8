// Every `SHEAF_*` setting read from the environment, parsed by one zod schema: a mistyped value
// (`SHEAF_READ_TIMEOUT_MS=20s`, `SHEAF_CODE_CACHE=off`) stops the command with a message naming the
// setting and what it takes, instead of being silently ignored.
import { z } from 'zod'

// an empty value is no value (`SHEAF_READ_WORKERS= sheaf …`)
const unsetIfEmpty = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v)

const number = (what: string) =>
  z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .trim()
      .regex(/^\d+(\.\d+)?$/, { message: `phải là một số ${what} / must be a number ${what}` })
      .transform(Number)
      .optional(),
  )
const whole = (min: number, max: number, unit: string) =>
  number(`(${unit})`).refine((n) => n === undefined || (Number.isInteger(n) && n >= min && n <= max), {
    message: `phải là số nguyên từ ${min} đến ${max} / must be a whole number from ${min} to ${max}`,
  })
const positive = (unit: string) =>
  number(`(${unit})`).refine((n) => n === undefined || n > 0, {
    message: `phải lớn hơn 0 / must be more than 0`,
  })
const flag = z.preprocess(
  unsetIfEmpty,
  z.enum(['0', '1'], { message: 'phải là 0 hoặc 1 / must be 0 or 1' }).optional(),
)

export const sheafEnvSchema = z.object({
  /** threads reading files at once */
  SHEAF_READ_WORKERS: whole(1, 256, 'luồng / threads'),
  /** time to read one file */
  SHEAF_READ_TIMEOUT_MS: positive('ms'),
  /** heap of one read thread */
  SHEAF_READ_MEMORY_MB: whole(16, 65_536, 'MB'),
  /** files larger than this are refused before they are read (and uploads over it) */
  SHEAF_MAX_FILE_MB: positive('MB'),
  /** stage timings on stderr (the benchmark) */
  SHEAF_TIMINGS: flag,
  /** the compiled-code cache of the `sheaf` command (bin/code-cache.js) */
  SHEAF_CODE_CACHE: flag,
  /** a run shorter than this does not refresh the code cache */
  SHEAF_CODE_CACHE_MIN_MS: number('(ms)'),
  /** `sheetjs`: every .xlsx, .xls and .ods read with SheetJS, the slow way (a figure doubted in the field); default `fast` */
  SHEAF_XLSX_READER: z.preprocess(
    unsetIfEmpty,
    z
      .enum(['fast', 'sheetjs'], { message: 'phải là fast hoặc sheetjs / must be fast or sheetjs' })
      .optional(),
  ),
})

export type SheafEnv = z.output<typeof sheafEnvSchema>

/** A `SHEAF_*` setting with a wrong value; `problems` name each setting and what it takes. */
export class SheafEnvError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Cài đặt môi trường không hợp lệ / invalid environment setting: ${problems.join('; ')}`)
    this.name = 'SheafEnvError'
  }
}

export function sheafEnv(env: NodeJS.ProcessEnv = process.env): SheafEnv {
  const known = Object.fromEntries(Object.keys(sheafEnvSchema.shape).map((k) => [k, env[k]]))
  const parsed = sheafEnvSchema.safeParse(known)
  if (!parsed.success)
    throw new SheafEnvError(
      parsed.error.issues.map(
        (i) => `${i.path.join('.')}=${JSON.stringify(env[String(i.path[0])] ?? '')}: ${i.message}`,
      ),
    )
  return parsed.data
}
