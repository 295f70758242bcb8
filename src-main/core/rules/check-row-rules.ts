// The rules one row implies by its kind, columns and bounds: V03 ranges, V05/V06 groups of columns
// that add up to another, V07 "of which" columns, W04/W06 against the previous period, W05 computed
// columns, W08 a figure outside the row's plausible band. Every message is built from the pack's own
// column names, group labels and row labels.
import type { Problem } from '../../shared/problem'
import type { ColumnGroup, Indicator, OfWhich } from '../template/pack'
import type { ComputedCheck, RangeCheck, RulePlan } from './rule-plan'
import type { FileValues, RowValues, RuleContext, ValueCell } from './values'
import { nearlyEqual } from '../../shared/nearly-equal'
import { greater, placeAt, problemAt, show, showVi, sumOfColumns } from './values'
import { isWhole } from '../numbers/read-number'

type Out = Problem[]

export function checkRanges(
  plan: RulePlan,
  ind: Indicator,
  values: FileValues,
  ctx: RuleContext,
  out: Out,
): void {
  const row = values.get(ind.code)
  if (!row) return
  const ranges = plan.rows.get(ind.code)?.ranges
  if (!ranges) return
  for (const check of ranges) {
    const v = row.get(check.column)
    if (!v) continue
    if (check.min !== null && v.value < check.min) out.push(outOfRange({ why: 'below', ind, check, v, ctx }))
    else if (check.kind === 'count' && !isWhole(v.value))
      out.push(outOfRange({ why: 'fraction', ind, check, v, ctx }))
    else if (check.max !== null && greater(v.value, check.max))
      out.push(outOfRange({ why: 'above', ind, check, v, ctx }))
  }
}

/** `%` after a percentage (a rate per 100), nothing after other figures. */
function percentOf(ind: Indicator, check: RangeCheck): string {
  return check.kind === 'rate' && (ind.scale === 100 || ind.kind !== 'rate') ? '%' : ''
}

function outOfRange({
  why,
  ind,
  check,
  v,
  ctx,
}: Readonly<{
  why: 'below' | 'fraction' | 'above'
  ind: Indicator
  check: RangeCheck
  v: ValueCell
  ctx: RuleContext
}>): Problem {
  const name = ctx.columnName(check.column)
  const x = show(v.value)
  const xVi = showVi(v.value)
  const pct = percentOf(ind, check)
  const message =
    why === 'below'
      ? check.min === 0
        ? {
            vi: `${name.vi}: số âm (${xVi}); số liệu không được âm, hãy ghi lại số đúng (0 nếu không có)`,
            en: `${name.en}: negative figure (${x}); a figure cannot be negative, write the right one (0 if there is none)`,
          }
        : {
            vi: `${name.vi}: ${xVi}${pct} nhỏ hơn mức thấp nhất của chỉ tiêu (${showVi(check.min ?? 0)}${pct}); hãy kiểm tra lại số liệu`,
            en: `${name.en}: ${x}${pct} is below the row's lowest value (${show(check.min ?? 0)}${pct}); check the figure`,
          }
      : why === 'fraction'
        ? {
            vi: `${name.vi}: số đếm phải là số nguyên, không phải ${xVi}; hãy ghi lại số nguyên`,
            en: `${name.en}: a count must be whole, not ${x}; write a whole number`,
          }
        : check.kind === 'rate'
          ? {
              vi: `${name.vi}: tỷ lệ ${xVi}${pct} lớn hơn ${showVi(check.max ?? 0)}${pct}; hãy kiểm tra lại tử số và mẫu số`,
              en: `${name.en}: rate ${x}${pct} is over ${show(check.max ?? 0)}${pct}; check the numerator and the denominator`,
            }
          : {
              vi: `${name.vi}: ${xVi} lớn hơn mức cao nhất của chỉ tiêu (${showVi(check.max ?? 0)}); hãy kiểm tra lại số liệu`,
              en: `${name.en}: ${x} is above the row's highest value (${show(check.max ?? 0)}); check the figure`,
            }
  return problemAt('V03', 'error', placeAt(ctx, ind, check.column, v), message)
}

export function checkBreakdowns(
  plan: RulePlan,
  ind: Indicator,
  values: FileValues,
  ctx: RuleContext,
  out: Out,
): void {
  const checks = plan.rows.get(ind.code)
  if (!checks || (checks.groups.length === 0 && checks.ofWhich.length === 0)) return
  const row = values.get(ind.code)
  if (!row) return
  for (const group of checks.groups) {
    const total = row.get(group.total)
    if (!total) continue
    const sum = sumOfColumns(row, group.parts)
    if (sum !== undefined && !nearlyEqual(sum, total.value))
      out.push(partsDiffer({ ind, row, group, sum, total, ctx }))
  }
  for (const o of checks.ofWhich) {
    const e = row.get(o.column)
    const total = row.get(o.notAbove)
    if (e && total && greater(e.value, total.value)) out.push(ofWhichOver({ ind, o, e, total, ctx }))
  }
}

// The problems themselves are made apart from the checks (here and below): a check runs for every row
// of every file and is compiled for that; its rare failures, built inline, would each have it compiled
// anew (a string or list of a shape it had not seen yet) many times over a batch. Each maker takes one
// object that names what failed, never a row of positional arguments.

function partsDiffer({
  ind,
  row,
  group,
  sum,
  total,
  ctx,
}: Readonly<{
  ind: Indicator
  row: RowValues
  group: ColumnGroup
  sum: number
  total: ValueCell
  ctx: RuleContext
}>): Problem {
  const vs = group.parts.map((k) => row.get(k) as ValueCell)
  const names = group.parts.map((k) => ctx.columnName(k))
  const totalName = ctx.columnName(group.total)
  return problemAt(group.rule, 'error', placeAt(ctx, ind, group.parts[0] as string, vs[0]), {
    vi: `${group.label.vi}: ${names.map((n, i) => `${n.vi} (${showVi(vs[i]!.value)})`).join(' + ')} = ${showVi(sum)} khác ${totalName.vi} (${showVi(total.value)}); hãy sửa ô sai để tổng khớp`,
    en: `${group.label.en}: ${names.map((n, i) => `${n.en} (${show(vs[i]!.value)})`).join(' + ')} = ${show(sum)} differs from ${totalName.en} (${show(total.value)}); correct the wrong cell so the sum matches`,
  })
}

function ofWhichOver({
  ind,
  o,
  e,
  total,
  ctx,
}: Readonly<{ ind: Indicator; o: OfWhich; e: ValueCell; total: ValueCell; ctx: RuleContext }>): Problem {
  const n = ctx.columnName(o.column)
  const t = ctx.columnName(o.notAbove)
  return problemAt('V07', 'error', placeAt(ctx, ind, o.column, e), {
    vi: `${n.vi} (${showVi(e.value)}) lớn hơn ${t.vi} (${showVi(total.value)}); ${n.vi} là một phần của ${t.vi}, hãy sửa ô sai`,
    en: `${n.en} (${show(e.value)}) is greater than ${t.en} (${show(total.value)}); ${n.en} is part of ${t.en}, correct the wrong cell`,
  })
}

export function checkAgainstLastYear(
  plan: RulePlan,
  ind: Indicator,
  values: FileValues,
  ctx: RuleContext,
  out: Out,
  /** a cell already judged (unreadable, out of range): not blank for W06 */
  judged: (code: string, column: string) => boolean = () => false,
): void {
  const checks = plan.rows.get(ind.code)
  if (!checks) return
  const row = values.get(ind.code)
  if (!row) return
  const { prevKey, totalKey } = plan
  // W04 and W06 start from the previous period's figure
  if (checks.againstPrev && prevKey !== undefined && totalKey !== undefined) {
    const prev = row.get(prevKey)
    if (prev) {
      const total = row.get(totalKey)
      if (total) {
        const diff = Math.abs(total.value - prev.value)
        if (greater(diff, 0.5 * Math.abs(prev.value)) && greater(diff, 5))
          out.push(farFromLastYear({ ind, totalKey, prevKey, total, prev, ctx }))
      } else if (!judged(ind.code, totalKey))
        out.push(blankUnlikeLastYear({ ind, totalKey, prevKey, prev, ctx }))
    }
  }
  for (const c of checks.computed) {
    const stated = row.get(c.column.key)
    const num = row.get(c.num)
    const den = row.get(c.den)
    if (!stated || !num || !den || den.value === 0) continue
    const expected = (num.value / den.value) * c.scale
    if (greater(Math.abs(stated.value - expected), 0.1))
      out.push(computedDiffers({ ind, c, stated, expected, ctx }))
  }
}

function farFromLastYear({
  ind,
  totalKey,
  prevKey,
  total,
  prev,
  ctx,
}: Readonly<{
  ind: Indicator
  totalKey: string
  prevKey: string
  total: ValueCell
  prev: ValueCell
  ctx: RuleContext
}>): Problem {
  const t = ctx.columnName(totalKey)
  const p = ctx.columnName(prevKey)
  return problemAt('W04', 'warning', placeAt(ctx, ind, totalKey, total), {
    vi: `${t.vi} (${showVi(total.value)}) chênh lệch hơn 50% so với ${p.vi} (${showVi(prev.value)}); hãy kiểm tra lại, nếu đúng thì ghi lý do vào cột Ghi chú`,
    en: `${t.en} (${show(total.value)}) differs by more than 50% from ${p.en} (${show(prev.value)}); check it, and if it is right give the reason in the Notes column`,
  })
}

function blankUnlikeLastYear({
  ind,
  totalKey,
  prevKey,
  prev,
  ctx,
}: Readonly<{
  ind: Indicator
  totalKey: string
  prevKey: string
  prev: ValueCell
  ctx: RuleContext
}>): Problem {
  const t = ctx.columnName(totalKey)
  const p = ctx.columnName(prevKey)
  return problemAt('W06', 'warning', placeAt(ctx, ind, totalKey, undefined), {
    vi: `${t.vi} để trống trong khi ${p.vi} có số liệu (${showVi(prev.value)}); nếu có số liệu hãy ghi vào, nếu bằng 0 thì ghi 0`,
    en: `${t.en} is blank while ${p.en} has a figure (${show(prev.value)}); write the figure if there is one, or 0 if there is none`,
  })
}

function computedDiffers({
  ind,
  c,
  stated,
  expected,
  ctx,
}: Readonly<{
  ind: Indicator
  c: ComputedCheck
  stated: ValueCell
  expected: number
  ctx: RuleContext
}>): Problem {
  const name = ctx.columnName(c.column.key)
  const num = ctx.columnName(c.num)
  const den = ctx.columnName(c.den)
  const rounded = Math.round(expected * 100) / 100
  const pct = c.scale === 100 ? '%' : ''
  return problemAt('W05', 'warning', placeAt(ctx, ind, c.column.key, stated), {
    vi: `${name.vi} ghi ${showVi(stated.value)}${pct}, nhưng ${num.vi} / ${den.vi} x ${showVi(c.scale)} = ${showVi(rounded)}${pct}; hãy sửa lại ô này`,
    en: `${name.en} states ${show(stated.value)}${pct}, but ${num.en} / ${den.en} x ${show(c.scale)} = ${show(rounded)}${pct}; correct this cell`,
  })
}

/** W08: a figure outside the row's plausible band (format 1: the sex ratio at birth, 80-140). */
export function checkBand(
  plan: RulePlan,
  ind: Indicator,
  values: FileValues,
  ctx: RuleContext,
  out: Out,
): void {
  const checks = plan.rows.get(ind.code)
  if (!checks || checks.banded.length === 0) return
  const row = values.get(ind.code)
  if (!row) return
  const { warnBelow, warnAbove } = ind.bounds
  for (const col of checks.banded) {
    const v = row.get(col)
    if (!v) continue
    const low = warnBelow !== null && v.value < warnBelow && !nearlyEqual(v.value, warnBelow)
    if (low || (warnAbove !== null && greater(v.value, warnAbove)))
      out.push(outsideBand({ ind, col, v, ctx }))
  }
}

function outsideBand({
  ind,
  col,
  v,
  ctx,
}: Readonly<{ ind: Indicator; col: string; v: ValueCell; ctx: RuleContext }>): Problem {
  const { warnBelow: lo, warnAbove: hi } = ind.bounds
  const unit = ind.unit ? ` ${ind.unit}` : ''
  const band =
    lo !== null && hi !== null
      ? {
          vi: `nằm ngoài khoảng hợp lý ${showVi(lo)}-${showVi(hi)}${unit}`,
          en: `is outside the plausible range of ${show(lo)}-${show(hi)}${unit}`,
        }
      : lo !== null
        ? { vi: `nhỏ hơn mức hợp lý ${showVi(lo)}${unit}`, en: `is below the plausible ${show(lo)}${unit}` }
        : {
            vi: `lớn hơn mức hợp lý ${showVi(hi ?? 0)}${unit}`,
            en: `is above the plausible ${show(hi ?? 0)}${unit}`,
          }
  const name = ctx.columnName(col)
  return problemAt('W08', 'warning', placeAt(ctx, ind, col, v), {
    vi: `${ind.label} (${name.vi}) ${showVi(v.value)} ${band.vi}; hãy kiểm tra lại số liệu`,
    en: `${ind.code} (${name.en}) ${show(v.value)} ${band.en}; check the figures`,
  })
}
