// The schema of a template pack: the form of one year, as data. A pack that does not fit is refused
// with messages that name the file, the row and the field. Two formats share these schemas: format 1
// (no `formatVersion`: data columns by the letters T/S/A/E, one `prev` and one `compare` column) and
// format 2 (columns with a kind, groups of columns, "of which" columns, plan, previous-period and
// computed columns); `load-pack.ts` turns either into one model (`pack.ts`).
import { z } from 'zod'
import { saidAs } from './pack-problem'
import type { PeriodKind } from '../../shared/period'
import { PERIOD_KINDS } from '../../shared/period'

/** Format 1's data column letters: total, a sex, an age band, an "of which" (ethnic minority) column. */
export const DIMS = ['T', 'S', 'A', 'E'] as const
export type Dim = (typeof DIMS)[number]

export const INDICATOR_KINDS = [
  'section',
  'count',
  'decimal',
  'money',
  'rate',
  'permille',
  'ratio',
  'text',
] as const
export type IndicatorKind = (typeof INDICATOR_KINDS)[number]

/** What a column's cells hold when the column says so itself (else the row's kind). */
export const COLUMN_KINDS = ['count', 'decimal', 'money', 'rate', 'text'] as const
export type ColumnKind = (typeof COLUMN_KINDS)[number]

export const RELATIONS = ['sum', 'part', 'each', 'group'] as const
export type Relation = (typeof RELATIONS)[number]

/** `compare` is format 1's only computed column (total / prev × 100); format 2 says `computed`. */
export const COLUMN_ROLES = [
  'stt',
  'code',
  'label',
  'unit',
  'prev',
  'plan',
  'data',
  'computed',
  'compare',
  'note',
] as const

export const RULE_OPS = ['<=', '<', '=', '>=', '>'] as const
export type RuleOp = (typeof RULE_OPS)[number]

/** The unit prefixes of a pack that declares none: local government, departments, health facilities. */
export const DEFAULT_UNIT_PREFIXES = [
  'UBND',
  'ỦY BAN NHÂN DÂN',
  'SỞ',
  'TRẠM Y TẾ',
  'TRUNG TÂM Y TẾ',
  'BỆNH VIỆN',
] as const

const periodKindSchema = z.enum(PERIOD_KINDS as [PeriodKind, ...PeriodKind[]])

const localizedSchema = z.object({ vi: z.string().min(1), en: z.string().min(1) })

const columnKey = z.string().regex(/^[a-z][a-z0-9_]*$/, {
  message: 'a column key is lower-case letters, digits and _',
})

/**
 * The words of the province report's header and signature blocks that the clerk may change on the
 * export screen (or with the CLI's options): the issuing body, the report number's sign (`Số:
 * ……/BC-SYT`) and the signer's title. A pack that leaves them out gets a Department of Health's.
 */
export const REPORT_DEFAULTS = { issuer: 'SỞ Y TẾ', numberSuffix: 'BC-SYT', signerTitle: 'GIÁM ĐỐC' } as const

export const reportDefaultsSchema = z.object({
  /** the issuing body, above the number: `SỞ Y TẾ` */
  issuer: z.string().min(1).default(REPORT_DEFAULTS.issuer),
  /** the sign after the number's slash: `BC-SYT` in `Số: 125/BC-SYT` */
  numberSuffix: z.string().min(1).default(REPORT_DEFAULTS.numberSuffix),
  /** the signer's title; `KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC` is two lines */
  signerTitle: z.string().min(1).default(REPORT_DEFAULTS.signerTitle),
})
export type ReportDefaults = z.infer<typeof reportDefaultsSchema>

export const manifestSchema = z.object({
  /** 1 when absent: the format of the 2025 child-work pack */
  formatVersion: z.union([z.literal(1), z.literal(2)]).default(1),
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  version: z.string().min(1),
  years: z.array(z.number().int().min(2000).max(2100)).min(1),
  olderVersions: z.array(z.string()).default([]),
  name: localizedSchema,
  ministry: z.string().min(1),
  dispatch: z.string().min(1),
  files: z.object({ indicators: z.string(), rules: z.string(), layout: z.string() }),
  /** the province report's header and signature words (absent: REPORT_DEFAULTS) */
  report: reportDefaultsSchema.prefault({}),
})
export type Manifest = z.infer<typeof manifestSchema>

export const columnSchema = z.object({
  key: columnKey,
  role: z.enum(COLUMN_ROLES),
  /** format 1 only: which breakdown a data column is */
  dim: z.enum(DIMS).optional(),
  /** format 2: what the column's cells hold (absent: the row's kind) */
  kind: z.enum(COLUMN_KINDS).optional(),
  /** format 2, `computed` columns: num / den × scale, from two other columns of the same row */
  computed: z
    .object({ num: columnKey, den: columnKey, scale: z.number().positive().default(100) })
    .optional(),
  header: z.array(z.string().min(1)).min(1).max(2),
  /** the column's name in English messages */
  nameEn: z.string().min(1).optional(),
  aliases: z.array(z.string().min(1)).default([]),
  index: z.string().min(1),
  width: z.number().positive(),
  /** the period kinds in which the column exists (Quý III–IV only in the annual form); absent: all */
  periods: z.array(periodKindSchema).min(1).optional(),
})
export type ColumnInput = z.infer<typeof columnSchema>

/** Format 2: columns (`parts`) that add up to another column of the same row (`total`). */
export const groupSchema = z.object({
  id: columnKey,
  label: localizedSchema,
  total: columnKey,
  parts: z.array(columnKey).min(2),
  /** the catalogue's rule a failure is reported under: V05 (sexes) or V06 (any other group) */
  rule: z.enum(['V05', 'V06']).default('V06'),
})

/** Format 2: an "of which" column that may not exceed another column of the same row (V07). */
export const ofWhichSchema = z.object({ column: columnKey, notAbove: columnKey })

export const layoutSchema = z.object({
  sheets: z.object({ info: z.string().min(1), figures: z.string().min(1), guide: z.string().min(1) }),
  info: z.array(z.object({ key: z.string(), label: z.string().min(1) })),
  periods: z
    .array(
      z.object({
        key: periodKindSchema,
        label: z.string().min(1),
        aliases: z.array(z.string()),
        titleWords: z.array(z.string()),
        titleText: z.string(),
      }),
    )
    .min(1)
    .refine(
      (ps) => new Set(ps.map((p) => p.key)).size === ps.length,
      saidAs({
        vi: 'mỗi loại kỳ chỉ được khai một lần (có hai kỳ cùng key)',
        en: 'each period kind once (two periods have the same key)',
      }),
    ),
  header: z.object({
    nation: z.string(),
    motto: z.string(),
    title: z.string(),
    subtitle: z.string(),
    /**
     * Words a unit's name in the header block starts with (`UBND`, `SỞ`, `TRẠM Y TẾ`): a line starting
     * with one names the unit; when the line names no unit as written, it is tried without the prefix
     * (`TRẠM Y TẾ XÃ MINH SƠN` names `Xã Minh Sơn`). Compared without case or diacritics.
     */
    unitPrefixes: z.array(z.string().min(1)).default([...DEFAULT_UNIT_PREFIXES]),
    /** the blank form's issuer line, for the unit to complete (`TRẠM Y TẾ: ……………………`) */
    unitIssuer: z.string().min(1).default('ĐƠN VỊ BÁO CÁO: ……………………'),
    /** the blank form's number line, for the unit to complete (`Số: ……/BC-TYT`) */
    unitNumber: z.string().min(1).default('Số: ……/BC-……'),
    signLeft: z.string(),
    signLeftNote: z.string(),
    signRight: z.string(),
    signRightNote: z.string(),
  }),
  columns: z.array(columnSchema).min(4),
  /** format 2 */
  groups: z.array(groupSchema).default([]),
  /** format 2 */
  ofWhich: z.array(ofWhichSchema).default([]),
  guide: z.array(z.string()),
  owners: z.record(z.string(), localizedSchema),
})
export type Layout = z.infer<typeof layoutSchema>

const blankToNull = (v: unknown): unknown =>
  v === undefined || (typeof v === 'string' && v.trim() === '') ? null : v

/** A number field of a CSV: blank (or a column the file leaves out) is null. */
const optionalNumber = z.preprocess(
  (v) => {
    const b = blankToNull(v)
    return typeof b === 'string' ? Number(b.trim().replace(/\s/g, '')) : b
  },
  z.number({ message: 'a number, or blank' }).finite().nullable(),
)

export const indicatorRowSchema = z.object({
  code: z.string().regex(/^[A-Za-z0-9.]+$/, { message: 'a code is letters, digits and dots' }),
  stt: z.string(),
  label: z.string().min(1),
  unit: z.string(),
  kind: z.enum(INDICATOR_KINDS),
  /** format 1: which data columns the row has, a subset of TSAE */
  dims: z.preprocess(
    blankToNull,
    z
      .string()
      .regex(/^T?S?A?E?$/, { message: 'dims is a subset of TSAE, in that order' })
      .transform((s) => s.split('') as Dim[])
      .nullable(),
  ),
  /** format 2: the row's value columns and groups, by key, separated by spaces; blank: all of them */
  columns: z.preprocess(blankToNull, z.string().nullable()),
  parent: z.preprocess(blankToNull, z.string().nullable()),
  relation: z.preprocess(blankToNull, z.enum(RELATIONS).nullable()),
  num: z.preprocess(blankToNull, z.string().nullable()),
  den: z.preprocess(blankToNull, z.string().nullable()),
  /** format 2: a rate's factor (100, 1000, 100000) */
  scale: optionalNumber,
  /** format 2: the row's figures may not be below `min` or above `max` (V03) */
  min: optionalNumber,
  max: optionalNumber,
  /** format 2: a plausible band; a figure outside it is a warning (W08) */
  warn_below: optionalNumber,
  warn_above: optionalNumber,
  owner: z.preprocess(blankToNull, z.string().nullable()),
  flow: z.preprocess(blankToNull, z.enum(['flow', 'stock']).nullable()),
})
export type IndicatorRow = z.infer<typeof indicatorRowSchema>

/** A row code, `CODE.column`, or a number. */
const operandSchema = z.string().regex(/^(?:[A-Za-z0-9.]+?(\.[a-z][a-z0-9_]*)?|-?\d+(?:\.\d+)?)$/, {
  message: 'an operand is a row code, CODE.column or a number',
})

export const ruleRowSchema = z.object({
  id: z
    .string()
    .regex(/^(V08|W02)[a-z0-9]*$/, { message: 'a rule id starts with V08 (error) or W02 (warning)' }),
  severity: z.enum(['error', 'warning']),
  left: operandSchema,
  op: z.enum(RULE_OPS),
  right: operandSchema,
  /** blank: the message is built from the rows' labels and the columns' names */
  message_vi: z.preprocess(blankToNull, z.string().nullable()),
  message_en: z.preprocess(blankToNull, z.string().nullable()),
})
