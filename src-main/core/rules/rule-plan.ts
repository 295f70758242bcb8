// Which rules apply to which rows and columns depends on the pack alone: worked out once per pack
// (a pack is never changed once loaded) instead of once per file and row.
import type { CrossRule, Indicator, TemplatePack } from '../template/pack'
import { ruleCellPairs } from '../template/rule-feasibility'
import { isAdditive, keyOfRole } from '../template/pack'
import { derivedFromPack } from '../template/pack-derived'

/** The children of a parent that one data column's checks (V09, V10, V11, W01) compare with it. */
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

export type RulePlan = Readonly<{
  pack: TemplatePack
  prevKey: string | undefined
  compareKey: string | undefined
  totalKey: string | undefined
  sexKeys: readonly string[]
  ageKeys: readonly string[]
  ethnicKeys: readonly string[]
  /** the prev column and the row's data columns, by indicator code (V03) */
  rangeColumns: ReadonlyMap<string, readonly string[]>
  /** for additive parents with additive children only */
  childColumns: ReadonlyMap<string, readonly ChildColumnPlan[]>
  /** a cross-row rule's operands (by the pack's codes) and the column pairs it compares */
  crossRules: readonly CrossRulePlan[]
}>

export type CrossRulePlan = Readonly<{
  rule: CrossRule
  left: Indicator
  right: Indicator
  /** [left column, right column]: each data column both rows have, or the rule's named columns */
  pairs: readonly (readonly [string, string])[]
}>

export const rulePlan: (pack: TemplatePack) => RulePlan = derivedFromPack((pack) => buildRulePlan(pack))

function buildRulePlan(pack: TemplatePack): RulePlan {
  const prevKey = keyOfRole(pack, 'prev')
  const rangeColumns = new Map<string, readonly string[]>()
  const childColumns = new Map<string, readonly ChildColumnPlan[]>()
  for (const ind of pack.indicators) {
    rangeColumns.set(ind.code, [...(prevKey ? [prevKey] : []), ...ind.dataColumns])
    const kids = (pack.children.get(ind.code) ?? []).filter((k) => isAdditive(k))
    if (kids.length === 0 || !isAdditive(ind)) continue
    const sumKids = kids.filter((k) => k.relation === 'sum')
    const groups = kids.filter((k) => k.relation === 'group')
    childColumns.set(
      ind.code,
      ind.dataColumns.map((col) => {
        const withCol = (rel: string) => kids.filter((k) => k.relation === rel && k.dataColumns.includes(col))
        const hasCol = (k: Indicator) => k.dataColumns.includes(col)
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
  const totalKey = pack.columnsOfDim.get('T')?.[0]
  const crossRules: CrossRulePlan[] = []
  for (const rule of pack.rules) {
    const left = pack.byCode.get(rule.left.code)
    const right = pack.byCode.get(rule.right.code)
    if (!left || !right) continue
    const pairs = ruleCellPairs(rule, left, right, totalKey)
    crossRules.push({ rule, left, right, pairs })
  }
  return {
    pack,
    prevKey,
    compareKey: keyOfRole(pack, 'compare'),
    totalKey,
    sexKeys: pack.columnsOfDim.get('S') ?? [],
    ageKeys: pack.columnsOfDim.get('A') ?? [],
    ethnicKeys: pack.columnsOfDim.get('E') ?? [],
    rangeColumns,
    childColumns,
    crossRules,
  }
}
