// The schema of a template pack: the form of one year, as data. A pack that does not fit is refused
// with messages that name the file, the row and the field.
import { z } from 'zod'

export const DIMS = ['T', 'S', 'A', 'E'] as const
export type Dim = (typeof DIMS)[number]

export const INDICATOR_KINDS = ['section', 'count', 'money', 'rate', 'permille', 'ratio'] as const
export type IndicatorKind = (typeof INDICATOR_KINDS)[number]

export const RELATIONS = ['sum', 'part', 'each', 'group'] as const
export type Relation = (typeof RELATIONS)[number]

const COLUMN_ROLES = ['stt', 'code', 'label', 'unit', 'prev', 'data', 'compare', 'note'] as const

const localizedSchema = z.object({ vi: z.string().min(1), en: z.string().min(1) })

export const manifestSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  version: z.string().min(1),
  years: z.array(z.number().int().min(2000).max(2100)).min(1),
  olderVersions: z.array(z.string()).default([]),
  name: localizedSchema,
  ministry: z.string().min(1),
  dispatch: z.string().min(1),
  files: z.object({ indicators: z.string(), rules: z.string(), layout: z.string() }),
})
export type Manifest = z.infer<typeof manifestSchema>

export const columnSchema = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]*$/),
    role: z.enum(COLUMN_ROLES),
    dim: z.enum(DIMS).optional(),
    header: z.array(z.string().min(1)).min(1).max(2),
    /** the column's name in English messages */
    nameEn: z.string().min(1).optional(),
    aliases: z.array(z.string().min(1)).default([]),
    index: z.string().min(1),
    width: z.number().positive(),
  })
  .refine((c) => (c.role === 'data') === (c.dim !== undefined), {
    message: 'a data column needs a dim, and only a data column has one',
  })
export type ColumnDef = z.infer<typeof columnSchema>

export const layoutSchema = z.object({
  sheets: z.object({ info: z.string().min(1), figures: z.string().min(1), guide: z.string().min(1) }),
  info: z.array(z.object({ key: z.string(), label: z.string().min(1) })),
  periods: z
    .array(
      z.object({
        key: z.enum(['H1', 'Y']),
        label: z.string().min(1),
        aliases: z.array(z.string()),
        titleWords: z.array(z.string()),
        titleText: z.string(),
      }),
    )
    .length(2),
  header: z.object({
    nation: z.string(),
    motto: z.string(),
    title: z.string(),
    subtitle: z.string(),
    unitPrefixes: z.array(z.string()),
    signLeft: z.string(),
    signLeftNote: z.string(),
    signRight: z.string(),
    signRightNote: z.string(),
  }),
  columns: z.array(columnSchema).min(4),
  guide: z.array(z.string()),
  owners: z.record(z.string(), localizedSchema),
})
export type Layout = z.infer<typeof layoutSchema>

const blankToNull = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? null : v)

export const indicatorRowSchema = z.object({
  code: z.string().regex(/^[A-Za-z0-9.]+$/, { message: 'a code is letters, digits and dots' }),
  stt: z.string(),
  label: z.string().min(1),
  unit: z.string(),
  kind: z.enum(INDICATOR_KINDS),
  dims: z
    .string()
    .regex(/^T?S?A?E?$/, { message: 'dims is a subset of TSAE, in that order' })
    .transform((s) => s.split('') as Dim[]),
  parent: z.preprocess(blankToNull, z.string().nullable()),
  relation: z.preprocess(blankToNull, z.enum(RELATIONS).nullable()),
  num: z.preprocess(blankToNull, z.string().nullable()),
  den: z.preprocess(blankToNull, z.string().nullable()),
  owner: z.preprocess(blankToNull, z.string().nullable()),
  flow: z.preprocess(blankToNull, z.enum(['flow', 'stock']).nullable()),
})
export type IndicatorRow = z.infer<typeof indicatorRowSchema>

const operandSchema = z.string().regex(/^[A-Za-z0-9.]+?(\.[a-z][a-z0-9_]*)?$/)

export const ruleRowSchema = z.object({
  id: z
    .string()
    .regex(/^(V08|W02)[a-z0-9]*$/, { message: 'a rule id starts with V08 (error) or W02 (warning)' }),
  severity: z.enum(['error', 'warning']),
  left: operandSchema,
  op: z.enum(['<=', '=']),
  right: operandSchema,
  message_vi: z.string().min(1),
  message_en: z.string().min(1),
})
