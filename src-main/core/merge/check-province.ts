// R02: the relations between rows that the form declares hold in every unit's file, yet can break in
// the province's totals (a part summed over communes above a parent taken from a department). The
// same checks that judge a file (V08-V11, W01, W02) run on the totals, and each failure is an R02
// that names the rule it broke.
import type { Problem } from '../../shared/problem'
import type { TemplatePack } from '../template/pack'
import { columnName } from '../template/pack'
import { checkChildren, checkCrossRule } from '../rules/check-relations'
import { rulePlan } from '../rules/rule-plan'
import type { FileValues, RowValues, RuleContext, ValueCell } from '../rules/values'
import { show } from '../rules/values'
import type { FiguresByColumn } from './consolidation'

/** The province's totals as the rules read a file's values: a blank figure is absent. */
function totalsAsValues(totals: Readonly<Record<string, FiguresByColumn>>): FileValues {
  const values = new Map<string, RowValues>()
  for (const [code, row] of Object.entries(totals)) {
    values.set(code, {
      get(column): ValueCell | undefined {
        const v = row[column]
        return typeof v === 'number' && Number.isFinite(v) ? { value: v, cell: '', raw: show(v) } : undefined
      },
    })
  }
  return values
}

/** Every relation of the form that fails on the province's totals, as R02 warnings. */
export function checkProvinceTotals(
  pack: TemplatePack,
  totals: Readonly<Record<string, FiguresByColumn>>,
): Problem[] {
  const plan = rulePlan(pack)
  const values = totalsAsValues(totals)
  const ctx: RuleContext = {
    sheet: pack.layout.sheets.figures,
    cellOf: () => null,
    columnName: (column) => columnName(pack, column),
    // the totals are no one's figures to correct: the message names the relation that failed
    advise: false,
  }
  const failed: Problem[] = []
  for (const ind of pack.indicators) checkChildren(plan, ind, values, ctx, failed)
  for (const rule of plan.crossRules) checkCrossRule(rule, values, ctx, failed)
  return failed.map((p) => ({
    rule: 'R02',
    severity: 'warning',
    ...(p.indicator !== undefined ? { indicator: p.indicator } : {}),
    ...(p.column !== undefined ? { column: p.column } : {}),
    ...(p.value !== undefined ? { value: p.value } : {}),
    failedRule: p.rule,
    message: {
      vi: `Số liệu tổng hợp toàn tỉnh không thỏa quan hệ giữa các dòng của biểu (quy tắc ${p.rule}): ${p.message.vi}`,
      en: `The province's totals break a relation between the form's rows (rule ${p.rule}): ${p.message.en}`,
    },
  }))
}
