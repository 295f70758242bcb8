// W03: a `flow` figure of the annual report (counted over the period) cannot be below the same
// unit's 6-month figure; the 6-month figures come from what was stored for the unit.
import type { Problem } from '../../shared/problem'
import type { TemplatePack } from '../template/pack'
import type { Figure } from '../submission/analysis'
import { greater, show, showVi } from './values'

export function checkAgainstHalfYear(
  pack: TemplatePack,
  annual: readonly Figure[],
  halfYear: readonly Figure[],
): Problem[] {
  const key = (f: Figure): string => `${f.indicator}|${f.column}`
  const h1 = new Map(halfYear.map((f) => [key(f), f]))
  const year = new Map(annual.map((f) => [key(f), f]))
  const out: Problem[] = []
  // in the form's order, whatever order the figures come in
  for (const ind of pack.indicators) {
    if (ind.flow !== 'flow') continue
    for (const column of ind.dataColumns) {
      const f = year.get(`${ind.code}|${column}`)
      const before = h1.get(`${ind.code}|${column}`)
      if (!f || !before || !greater(before.value, f.value)) continue
      out.push({
        rule: 'W03',
        severity: 'warning',
        sheet: f.sheet,
        cell: f.cell,
        indicator: f.indicator,
        column: f.column,
        value: f.value,
        message: {
          vi: `Số cả năm (${showVi(f.value)}) nhỏ hơn số 6 tháng đầu năm đã nộp (${showVi(before.value)}); số cả năm gồm cả 6 tháng đầu năm, hãy kiểm tra lại`,
          en: `The annual figure (${show(f.value)}) is below the 6-month figure already submitted (${show(before.value)})`,
        },
      })
    }
  }
  return out
}
