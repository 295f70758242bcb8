// Runs every figure rule of the catalogue over one file's values, generated from the template's data.
import type { Problem } from '../../shared/problem'
import type { TemplatePack } from '../template/pack'
import { checkAgainstLastYear, checkBreakdowns, checkRanges, checkSexRatio } from './check-row-rules'
import { checkChildren, checkCrossRule, checkRate } from './check-relations'
import type { FileValues, RuleContext } from './values'
import { rulePlan } from './rule-plan'

export function checkValues(pack: TemplatePack, values: FileValues, ctx: RuleContext): Problem[] {
  const out: Problem[] = []
  const plan = rulePlan(pack)
  for (const ind of pack.indicators) {
    if (ind.kind === 'section') continue
    checkRanges(plan, ind, values, ctx, out)
    checkBreakdowns(plan, ind, values, ctx, out)
    checkChildren(plan, ind, values, ctx, out)
    checkRate(plan, ind, values, ctx, out)
    checkAgainstLastYear(plan, ind, values, ctx, out)
    checkSexRatio(ind, values, ctx, out)
  }
  for (const rule of plan.crossRules) checkCrossRule(rule, values, ctx, out)
  return out
}
