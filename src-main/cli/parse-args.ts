// Turns argv into a command and its options, checked by a zod schema per command, so that wrong
// arguments get a message that names the option (exit 2).
import { z } from 'zod'
import { periodIdSchema } from '../shared/period-schema'

export type RawArgs = { command: string | null; flags: Record<string, string | true>; positionals: string[] }

const BOOLEAN_FLAGS = new Set(['json', 'strict', 'final', 'help'])

export function splitArgs(argv: readonly string[]): RawArgs {
  const flags: Record<string, string | true> = {}
  const positionals: string[] = []
  let command: string | null = null
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string
    if (a.startsWith('--')) {
      const eq = a.indexOf('=')
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2)
      if (eq > 0) flags[name] = a.slice(eq + 1)
      else if (BOOLEAN_FLAGS.has(name)) flags[name] = true
      else {
        const next = argv[i + 1]
        if (next === undefined || next.startsWith('--')) flags[name] = ''
        else {
          flags[name] = next
          i++
        }
      }
    } else if (command === null) command = a
    else positionals.push(a)
  }
  return { command, flags, positionals }
}

const text = (name: string) =>
  z
    .string({ message: `--${name} cần một giá trị (needs a value)` })
    .min(1, `--${name} cần một giá trị (needs a value)`)
const lang = z.enum(['vi', 'en']).default('vi')

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày theo dạng YYYY-MM-DD (date as YYYY-MM-DD)')
  .refine((d) => !Number.isNaN(Date.parse(d)), 'ngày không có thật (no such date)')

const common = {
  template: text('template'),
  period: periodIdSchema,
  units: text('units'),
  db: text('db').optional(),
  json: z.literal(true).optional(),
  lang,
  /** the date the files were received (for lateness), else each file's modification time */
  received: isoDate.optional(),
}

export const consolidateArgs = z.strictObject({
  ...common,
  out: text('out'),
  strict: z.literal(true).optional(),
  final: z.literal(true).optional(),
  province: z.string().optional(),
  'governing-body': z.string().optional(),
  issuer: z.string().optional(),
  'report-no': z.string().optional(),
  place: z.string().optional(),
  date: isoDate.optional(),
  'signer-title': z.string().optional(),
  signer: z.string().optional(),
  preparer: z.string().optional(),
  recipients: z.string().optional(),
})
export const validateArgs = z.strictObject(common)
export const feedbackArgs = z.strictObject({ ...common, out: text('out') })
export const packCheckArgs = z.strictObject({ lang })
export const blankArgs = z.strictObject({
  template: text('template'),
  out: text('out'),
  period: periodIdSchema.optional(),
  lang,
})
export const historyArgs = z.strictObject({
  db: text('db'),
  template: z.string().min(1).optional(),
  unit: z.string().optional(),
  period: periodIdSchema.optional(),
  json: z.literal(true).optional(),
  lang,
})
export const backupArgs = z.strictObject({ db: text('db'), out: text('out'), lang })
export const restoreArgs = z.strictObject({ from: text('from'), db: text('db'), lang })
export const serveArgs = z.strictObject({
  port: z.coerce.number().int().min(0).max(65535).optional(),
  db: text('db').optional(),
  lang,
})

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => {
      const where = i.path.length ? `--${i.path.join('.')}` : ''
      if (i.code === 'unrecognized_keys')
        return `tùy chọn không hợp lệ (unknown option): ${i.keys.map((k) => `--${k}`).join(', ')}`
      if (i.code === 'invalid_type' && i.input === undefined)
        return `${where}: thiếu tùy chọn bắt buộc (required option missing)`
      return `${where}: ${i.message}`
    })
    .join('\n')
}
