// The loaded form of a template pack, with the lookups the engine needs derived once. Every format
// (1: dims T/S/A/E; 2: columns, groups, "of which" columns) is turned into this one model by
// `load-pack.ts`: the engine knows only columns with a role and a kind, groups of columns that add up
// to another, "of which" columns, computed columns, and rows with their columns and bounds.
import type { Localized } from '../../shared/localized'
import type { PeriodKind } from '../../shared/period'
import type { ColumnKind, IndicatorKind, Layout, Manifest, Relation, RuleOp } from './pack-schema'

export type ColumnRole = 'stt' | 'code' | 'label' | 'unit' | 'data' | 'plan' | 'prev' | 'computed' | 'note'

/** num / den × scale, from two columns of the same row (done / plan %, total / last year %). */
export type ComputedDef = Readonly<{ num: string; den: string; scale: number }>

export type ColumnDef = Readonly<{
  key: string
  role: ColumnRole
  /** what the cells hold when the column says so itself; null: the row's kind */
  kind: ColumnKind | null
  computed: ComputedDef | null
  header: readonly string[]
  nameEn?: string | undefined
  aliases: readonly string[]
  index: string
  width: number
  /** the period kinds in which the column exists; absent: every period (`pack-for-period.ts`) */
  periods?: readonly PeriodKind[] | undefined
}>

/** Columns of a row that add up to another of its columns (sexes, age bands, quarters, areas). */
export type ColumnGroup = Readonly<{
  id: string
  label: Localized
  total: string
  parts: readonly string[]
  rule: 'V05' | 'V06'
}>

/** An "of which" column, never above another column of the same row (V07). */
export type OfWhich = Readonly<{ column: string; notAbove: string }>

/** A row's bounds: outside min/max is an error (V03); outside the warning band a warning (W08). */
export type Bounds = Readonly<{
  min: number | null
  max: number | null
  warnBelow: number | null
  warnAbove: number | null
}>

export type Indicator = Readonly<{
  code: string
  stt: string
  label: string
  unit: string
  kind: IndicatorKind
  /** every value column (data, plan, prev, computed) that applies to this row, in layout order */
  columns: readonly string[]
  /** the data columns (role `data`) that apply to this row, in layout order */
  dataColumns: readonly string[]
  /** the data and plan columns holding figures: the relations between rows compare these */
  relationColumns: readonly string[]
  /** the plan, prev and data columns holding figures: the merge adds or recomputes these */
  mergedColumns: readonly string[]
  parent: string | null
  relation: Relation | null
  num: string | null
  den: string | null
  /** a rate's factor: the stated figure is num / den × scale */
  scale: number
  bounds: Bounds
  /** `territorial`, a department code, or null for sections */
  owner: string | null
  flow: 'flow' | 'stock' | null
  /** position in the form (0-based, among all rows including sections) */
  order: number
}>

export type Operand = Readonly<{ code: string; column: string | null }>

export type CrossRule = Readonly<{
  id: string
  severity: 'error' | 'warning'
  /** always a row (a rule written `5 <= X` is kept as `X >= 5`) */
  left: Operand
  op: RuleOp
  right: Operand | Readonly<{ constant: number }>
  /** null: built from the rows' labels and the columns' names */
  message: Localized | null
}>

export type TemplatePack = Readonly<{
  manifest: Manifest
  layout: Layout
  formatVersion: 1 | 2
  indicators: readonly Indicator[]
  rules: readonly CrossRule[]
  byCode: ReadonlyMap<string, Indicator>
  columns: readonly ColumnDef[]
  columnByKey: ReadonlyMap<string, ColumnDef>
  /** keys of the data columns in layout order (`total`, `male`, …) */
  dataColumnKeys: readonly string[]
  /** the main figure column: the one a previous-period column is compared with, the detail sheet's */
  totalKey: string | undefined
  /** the previous-period column (W04, W06), if the form has one */
  prevKey: string | undefined
  groups: readonly ColumnGroup[]
  ofWhich: readonly OfWhich[]
  /** children of each parent code, by relation, in form order */
  children: ReadonlyMap<string, readonly Indicator[]>
}>

export const TERRITORIAL = 'territorial'

export function isDataRow(ind: Indicator): boolean {
  return ind.kind !== 'section'
}

/** Count, decimal and money rows: their columns add up (breakdowns, children, units). */
export function isAdditive(ind: Pick<Indicator, 'kind'>): boolean {
  return ind.kind === 'count' || ind.kind === 'money' || ind.kind === 'decimal'
}

/** A rate, per-mille or ratio row stated as num / den × scale: recomputed, never summed. */
export function isRecomputed(ind: Pick<Indicator, 'num' | 'den'>): boolean {
  return ind.num !== null && ind.den !== null
}

/** Columns whose cells hold a row's values: figures or, for a `text` column, words. */
export function isValueRole(role: ColumnRole): boolean {
  return role === 'data' || role === 'plan' || role === 'prev' || role === 'computed'
}

/** Whether a column applies to a row: its value columns, and `note` on every data row. */
export function columnApplies(pack: TemplatePack, ind: Indicator, key: string): boolean {
  if (ind.kind === 'section') return false
  if (ind.columns.includes(key)) return true
  return pack.columnByKey.get(key)?.role === 'note'
}

/**
 * What a cell of a row and a value column holds: `text` when either says so, a percentage in a
 * computed column, else the column's own kind or the row's.
 */
export function cellKind(ind: Indicator, col: ColumnDef): IndicatorKind {
  if (ind.kind === 'text' || col.kind === 'text') return 'text'
  if (col.role === 'computed') return 'rate'
  return col.kind ?? ind.kind
}

export function keyOfRole(pack: TemplatePack, role: ColumnRole): string | undefined {
  return pack.columns.find((c) => c.role === role)?.key
}

/** A column's name in messages: its last header line, or its English name. */
export function columnName(pack: TemplatePack, column: string): Localized {
  const def = pack.columnByKey.get(column)
  return { vi: def ? (def.header[def.header.length - 1] as string) : column, en: def?.nameEn ?? column }
}
