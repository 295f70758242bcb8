// The loaded form of a template pack, with the lookups the engine needs derived once.
import type { Localized } from '../../shared/localized'
import type { ColumnDef, Dim, IndicatorKind, Layout, Manifest, Relation } from './pack-schema'

export type Indicator = Readonly<{
  code: string
  stt: string
  label: string
  unit: string
  kind: IndicatorKind
  dims: readonly Dim[]
  /** the data columns (role `data`) that apply to this row, in layout order */
  dataColumns: readonly string[]
  parent: string | null
  relation: Relation | null
  num: string | null
  den: string | null
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
  left: Operand
  op: '<=' | '='
  right: Operand
  message: Localized
}>

export type TemplatePack = Readonly<{
  manifest: Manifest
  layout: Layout
  indicators: readonly Indicator[]
  rules: readonly CrossRule[]
  byCode: ReadonlyMap<string, Indicator>
  columns: readonly ColumnDef[]
  columnByKey: ReadonlyMap<string, ColumnDef>
  /** keys of the data columns in layout order (`total`, `male`, …) */
  dataColumnKeys: readonly string[]
  /** the column key for each dim letter */
  columnsOfDim: ReadonlyMap<Dim, readonly string[]>
  /** children of each parent code, by relation, in form order */
  children: ReadonlyMap<string, readonly Indicator[]>
}>

export const TERRITORIAL = 'territorial'

export function isDataRow(ind: Indicator): boolean {
  return ind.kind !== 'section'
}

/** Count and money rows: their columns add up (sexes, age bands, children, units). */
export function isAdditive(ind: Pick<Indicator, 'kind'>): boolean {
  return ind.kind === 'count' || ind.kind === 'money'
}

/** Whether a column applies to a row: `prev`, `note` always (data rows); `compare` on count and money. */
export function columnApplies(pack: TemplatePack, ind: Indicator, key: string): boolean {
  if (ind.kind === 'section') return false
  const col = pack.columnByKey.get(key)
  if (!col) return false
  switch (col.role) {
    case 'data':
      return ind.dataColumns.includes(key)
    case 'prev':
    case 'note':
      return true
    case 'compare':
      return isAdditive(ind)
    default:
      return false
  }
}

export function keyOfRole(pack: TemplatePack, role: ColumnDef['role']): string | undefined {
  return pack.columns.find((c) => c.role === role)?.key
}
