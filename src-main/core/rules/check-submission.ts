// Runs every figure rule of the catalogue over one file's values, generated from the template's data.
import type { Problem } from '../../shared/problem'
import type { TemplatePack } from '../template/pack'
import { checkAgainstLastYear, checkBreakdowns, checkRanges, checkSexRatio } from './check-row-rules'
import { checkChildren, checkCrossRule, checkRate } from './check-relations'
import type { FileValues, RuleContext } from './values'

export function checkValues(pack: TemplatePack, values: FileValues, ctx: RuleContext): Problem[] {
  const out: Problem[] = []
  for (const ind of pack.indicators) {
    if (ind.kind === 'section') continue
    checkRanges(pack, ind, values, ctx, out)
    checkBreakdowns(pack, ind, values, ctx, out)
    checkChildren(pack, ind, values, ctx, out)
    checkRate(pack, ind, values, ctx, out)
    checkAgainstLastYear(pack, ind, values, ctx, out)
    checkSexRatio(ind, values, ctx, out)
  }
  for (const rule of pack.rules) checkCrossRule(pack, rule, values, ctx, out)
  return out
}
