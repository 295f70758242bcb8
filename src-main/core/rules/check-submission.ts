// Runs every figure rule of the catalogue over one file's values, generated from the template's data.
// A cell is judged once: a value out of range (V03) counts as blank in every other rule, as a value
// that could not be read (V01, V02, V04, V13) already does, so that one wrong cell is one problem and
// the unit does not "fix" the cells around it that were right.
import type { Problem } from '../../shared/problem'
import type { TemplatePack } from '../template/pack'
import { checkAgainstLastYear, checkBand, checkBreakdowns, checkRanges } from './check-row-rules'
import { checkChildren, checkCrossRule, checkRate } from './check-relations'
import type { FileValues, RowValues, RuleContext } from './values'
import { rulePlan } from './rule-plan'
import type { FigureValues } from './figure-values'
import { fileValuesOf, ruleContextOf } from './figure-values'

/** The key of a figure's cell in the sets below: indicator code and column key. */
export function figureKey(indicator: string, column: string): string {
  return `${indicator}\u0000${column}`
}

/** The values without the cells of `left`, which read as blank. */
function without(values: FileValues, left: ReadonlySet<string>): FileValues {
  const out = new Map<string, RowValues>()
  for (const [code, row] of values)
    out.set(code, { get: (column) => (left.has(figureKey(code, column)) ? undefined : row.get(column)) })
  return out
}

/**
 * `unread`: the `figureKey`s of the cells whose text could not be read as a figure (absent from
 * `values`): a rule that would call such a cell blank (W06) leaves it to the problem already made.
 */
export function checkValues(
  pack: TemplatePack,
  values: FileValues,
  ctx: RuleContext,
  unread: ReadonlySet<string> = new Set(),
): Problem[] {
  const plan = rulePlan(pack)
  // V03 first, row by row, kept to be listed with its row's other problems
  const ranges = new Map<string, Problem[]>()
  const outOfRange = new Set<string>()
  for (const { ind, ranges: hasRanges } of plan.checked) {
    if (!hasRanges) continue
    const found: Problem[] = []
    checkRanges(plan, ind, values, ctx, found)
    if (found.length === 0) continue
    ranges.set(ind.code, found)
    for (const p of found) outOfRange.add(figureKey(ind.code, p.column ?? ''))
  }
  const usable = outOfRange.size === 0 ? values : without(values, outOfRange)
  const judged = (code: string, column: string): boolean => {
    const k = figureKey(code, column)
    return unread.has(k) || outOfRange.has(k)
  }
  const out: Problem[] = []
  for (const c of plan.checked) {
    const ind = c.ind
    if (ranges.size > 0) {
      const own = ranges.get(ind.code)
      if (own) out.push(...own)
    }
    if (c.breakdowns) checkBreakdowns(plan, ind, usable, ctx, out)
    if (c.children) checkChildren(plan, ind, usable, ctx, out)
    if (c.rate) checkRate(plan, ind, usable, ctx, out)
    if (c.lastYear) checkAgainstLastYear(plan, ind, usable, ctx, out, judged)
    if (c.band) checkBand(plan, ind, usable, ctx, out)
  }
  for (const rule of plan.crossRules) checkCrossRule(rule, usable, ctx, out)
  return out
}

/** `checkValues` over the values the reader kept (figure-values.ts), on whichever thread holds them. */
export function checkFigureValues(pack: TemplatePack, v: FigureValues): Problem[] {
  return checkValues(pack, fileValuesOf(pack, v), ruleContextOf(pack, v), new Set(v.unread))
}
