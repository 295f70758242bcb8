// Which rules apply to which rows and columns depends on the pack alone: worked out once per pack
// (a pack is never changed once loaded) instead of once per file and row.
import type { ColumnDef, ColumnGroup, CrossRule, Indicator, OfWhich, TemplatePack } from '../template/pack'
import { cellKind, isAdditive } from '../template/pack'
import type { IndicatorKind } from '../template/pack-schema'
import { derivedFromPack } from '../template/pack-derived'
import { ruleCellPairs } from '../template/rule-feasibility'

/** The children of a parent that one column's checks (V09, V10, V11, W01) compare with it. */
export type ChildColumnPlan = Readonly<{
  column: string
  /** the `sum` children, when there are some and all have the column (V09) */
  sum: readonly Indicator[] | null
  /** the `part` children with the column (V10) */
  parts: readonly Indicator[]
  /** the `each` children with the column, then the `group` ones (V11) */
  eachThenGroup: readonly Indicator[]
  /** the `group` children, when there are some and all have the column (W01) */
  groups: readonly Indicator[] | null
}>

/** One cell of a row that V03 judges: what it holds and the row's bounds for it. */
export type RangeCheck = Readonly<{
  column: string
  kind: IndicatorKind
  min: number | null
  max: number | null
}>

/** A computed column on a row (W05): the stated figure against num / den × scale. */
export type ComputedCheck = Readonly<{ column: ColumnDef; num: string; den: string; scale: number }>

/** The checks of one row within itself, made once per pack. */
export type RowPlan = Readonly<{
  ranges: readonly RangeCheck[]
  /** the groups of columns the row has, total and every part (V05, V06) */
  groups: readonly ColumnGroup[]
  /** the "of which" columns the row has, with the column they may not exceed (V07) */
  ofWhich: readonly OfWhich[]
  /** whether the row has the previous-period column and the main column (W04, W06) */
  againstPrev: boolean
  computed: readonly ComputedCheck[]
  /** the row's figure columns its plausible band applies to (W08) */
  banded: readonly string[]
}>

/**
 * Which of a row's checks can find something, from the pack alone: a file's rows skip the others (a
 * check with nothing to compare would only look its plan up and return).
 */
export type RowChecks = Readonly<{
  ind: Indicator
  ranges: boolean
  breakdowns: boolean
  children: boolean
  rate: boolean
  lastYear: boolean
  band: boolean
}>

export type RulePlan = Readonly<{
  pack: TemplatePack
  /** every indicator but the sections, in the pack's order, with the checks that apply to it */
  checked: readonly RowChecks[]
  prevKey: string | undefined
  totalKey: string | undefined
  rows: ReadonlyMap<string, RowPlan>
  /** for additive parents with additive children only */
  childColumns: ReadonlyMap<string, readonly ChildColumnPlan[]>
  /** a cross-row rule's operands (by the pack's codes) and the column pairs it compares */
  crossRules: readonly CrossRulePlan[]
}>

export type CrossRulePlan = Readonly<{
  rule: CrossRule
  left: Indicator
  /** null: the rule compares with a number */
  right: Indicator | null
  /** [left column, right column]: each column both rows have, or the rule's named columns */
  pairs: readonly (readonly [string, string])[]
}>

export const rulePlan: (pack: TemplatePack) => RulePlan = derivedFromPack((pack) => buildRulePlan(pack))

const NO_ROW_CHECKS: RowPlan = {
  ranges: [],
  groups: [],
  ofWhich: [],
  againstPrev: false,
  computed: [],
  banded: [],
}

function rowPlanOf(pack: TemplatePack, ind: Indicator): RowPlan {
  if (ind.kind === 'section' || ind.kind === 'text') return NO_ROW_CHECKS
  const has = (k: string): boolean => ind.columns.includes(k)
  const ranges: RangeCheck[] = []
  const computed: ComputedCheck[] = []
  for (const key of ind.columns) {
    const col = pack.columnByKey.get(key) as ColumnDef
    const kind = cellKind(ind, col)
    if (kind === 'text') continue
    if (col.computed) {
      computed.push({ column: col, ...col.computed })
      continue
    }
    // the row's bounds apply to its own kind of figure; a column of another kind is only not negative
    const own = col.kind === null
    ranges.push({
      column: key,
      kind,
      min: own ? ind.bounds.min : 0,
      max: own ? ind.bounds.max : kind === 'rate' ? 100 : null,
    })
  }
  const additive = isAdditive(ind)
  const { prevKey, totalKey } = pack
  const banded =
    ind.bounds.warnBelow === null && ind.bounds.warnAbove === null
      ? []
      : ind.dataColumns.filter((k) => cellKind(ind, pack.columnByKey.get(k) as ColumnDef) !== 'text')
  return {
    ranges,
    groups: additive ? pack.groups.filter((g) => has(g.total) && g.parts.every(has)) : [],
    ofWhich: additive ? pack.ofWhich.filter((o) => has(o.column) && has(o.notAbove)) : [],
    againstPrev: prevKey !== undefined && totalKey !== undefined && has(prevKey) && has(totalKey),
    computed,
    banded,
  }
}

function buildRulePlan(pack: TemplatePack): RulePlan {
  const rows = new Map<string, RowPlan>()
  const childColumns = new Map<string, readonly ChildColumnPlan[]>()
  for (const ind of pack.indicators) {
    rows.set(ind.code, rowPlanOf(pack, ind))
    const kids = (pack.children.get(ind.code) ?? []).filter((k) => isAdditive(k))
    if (kids.length === 0 || !isAdditive(ind)) continue
    const sumKids = kids.filter((k) => k.relation === 'sum')
    const groups = kids.filter((k) => k.relation === 'group')
    childColumns.set(
      ind.code,
      ind.relationColumns.map((col) => {
        const hasCol = (k: Indicator) => k.relationColumns.includes(col)
        const withCol = (rel: string) => kids.filter((k) => k.relation === rel && hasCol(k))
        return {
          column: col,
          sum: sumKids.length > 0 && sumKids.every(hasCol) ? sumKids : null,
          parts: withCol('part'),
          eachThenGroup: [...withCol('each'), ...withCol('group')],
          groups: groups.length > 0 && groups.every(hasCol) ? groups : null,
        }
      }),
    )
  }
  const { totalKey } = pack
  const crossRules: CrossRulePlan[] = []
  for (const rule of pack.rules) {
    const left = pack.byCode.get(rule.left.code)
    const right = 'constant' in rule.right ? null : (pack.byCode.get(rule.right.code) ?? null)
    if (!left || (!right && !('constant' in rule.right))) continue
    crossRules.push({ rule, left, right, pairs: ruleCellPairs(rule, left, right, totalKey) })
  }
  const checked = pack.indicators
    .filter((ind) => ind.kind !== 'section')
    .map((ind): RowChecks => {
      const row = rows.get(ind.code) as RowPlan
      return {
        ind,
        ranges: row.ranges.length > 0,
        breakdowns: row.groups.length > 0 || row.ofWhich.length > 0,
        children: childColumns.has(ind.code),
        rate: Boolean(ind.num && ind.den),
        lastYear: row.againstPrev || row.computed.length > 0,
        band: row.banded.length > 0,
      }
    })
  return { pack, checked, prevKey: pack.prevKey, totalKey, rows, childColumns, crossRules }
}
