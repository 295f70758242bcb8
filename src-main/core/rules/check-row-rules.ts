// The rules one row implies by its kind and columns: V03 ranges, V05 sexes, V06 age bands, V07 ethnic
// minority, W04/W05/W06 against last year, W08 sex ratio at birth.
import type { Problem } from '../../shared/problem'
import type { Indicator } from '../template/pack'
import { columnApplies, isAdditive } from '../template/pack'
import type { RulePlan } from './rule-plan'
import type { FileValues, RowValues, RuleContext, ValueCell } from './values'
import { nearlyEqual } from '../../shared/nearly-equal'
import { greater, placeAt, problemAt, show, showVi, sumOfColumns, valueOf } from './values'
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
  for (const col of plan.rangeColumns.get(ind.code) ?? []) {
    const v = row.get(col)
    if (!v) continue
    if (v.value < 0) out.push(outOfRange({ why: 'negative', ind, col, v, ctx }))
    else if (ind.kind === 'count' && !isWhole(v.value))
      out.push(outOfRange({ why: 'fraction', ind, col, v, ctx }))
    else if (ind.kind === 'rate' && greater(v.value, 100))
      out.push(outOfRange({ why: 'over100', ind, col, v, ctx }))
  }
}

function outOfRange({
  why,
  ind,
  col,
  v,
  ctx,
}: Readonly<{
  why: 'negative' | 'fraction' | 'over100'
  ind: Indicator
  col: string
  v: ValueCell
  ctx: RuleContext
}>): Problem {
  const name = ctx.columnName(col)
  const x = show(v.value)
  const xVi = showVi(v.value)
  return problemAt(
    'V03',
    'error',
    placeAt(ctx, ind, col, v),
    why === 'negative'
      ? {
          vi: `${name.vi}: số âm (${xVi}); số liệu không được âm, hãy ghi lại số đúng (0 nếu không có)`,
          en: `${name.en}: negative figure (${x}); a figure cannot be negative, write the right one (0 if there is none)`,
        }
      : why === 'fraction'
        ? {
            vi: `${name.vi}: số đếm phải là số nguyên, không phải ${xVi}; hãy ghi lại số nguyên`,
            en: `${name.en}: a count must be whole, not ${x}; write a whole number`,
          }
        : {
            vi: `${name.vi}: tỷ lệ ${xVi}% lớn hơn 100%; hãy kiểm tra lại tử số và mẫu số`,
            en: `${name.en}: rate ${x}% is over 100%; check the numerator and the denominator`,
          },
  )
}

export function checkBreakdowns(
  plan: RulePlan,
  ind: Indicator,
  values: FileValues,
  ctx: RuleContext,
  out: Out,
): void {
  if (!isAdditive(ind)) return
  const { totalKey, sexKeys: sexes, ageKeys: ages } = plan
  if (!totalKey || !ind.dims.includes('T')) return
  const row = values.get(ind.code)
  if (!row) return
  const total = row.get(totalKey)
  if (ind.dims.includes('S') && sexes.length > 0 && total) {
    const sum = sumOfColumns(row, sexes)
    if (sum !== undefined && !nearlyEqual(sum, total.value))
      out.push(sexesDiffer({ ind, row, sexes, sum, totalKey, total, ctx }))
  }
  if (ind.dims.includes('A') && ages.length > 0 && total) {
    const sum = sumOfColumns(row, ages)
    if (sum !== undefined && !nearlyEqual(sum, total.value))
      out.push(agesDiffer({ ind, row, ages, sum, totalKey, total, ctx }))
  }
  for (const k of plan.ethnicKeys) {
    const e = row.get(k)
    if (ind.dims.includes('E') && e && total && greater(e.value, total.value))
      out.push(ethnicOverTotal({ ind, k, e, totalKey, total, ctx }))
  }
}

// The problems themselves are made apart from the checks (here and below): a check runs for every row
// of every file and is compiled for that; its rare failures, built inline, would each have it compiled
// anew (a string or list of a shape it had not seen yet) many times over a batch. Each maker takes one
// object that names what failed, never a row of positional arguments.

function sexesDiffer({
  ind,
  row,
  sexes,
  sum,
  totalKey,
  total,
  ctx,
}: Readonly<{
  ind: Indicator
  row: RowValues
  sexes: readonly string[]
  sum: number
  totalKey: string
  total: ValueCell
  ctx: RuleContext
}>): Problem {
  const vs = sexes.map((k) => row.get(k) as ValueCell)
  const names = sexes.map((k) => ctx.columnName(k))
  return problemAt('V05', 'error', placeAt(ctx, ind, sexes[0] as string, vs[0]), {
    vi: `${names.map((n, i) => `${n.vi} (${showVi(vs[i]!.value)})`).join(' + ')} = ${showVi(sum)} khác ${ctx.columnName(totalKey).vi} (${showVi(total.value)}); hãy sửa ô sai để tổng khớp`,
    en: `${names.map((n, i) => `${n.en} (${show(vs[i]!.value)})`).join(' + ')} = ${show(sum)} differs from ${ctx.columnName(totalKey).en} (${show(total.value)}); correct the wrong cell so the sum matches`,
  })
}

function agesDiffer({
  ind,
  row,
  ages,
  sum,
  totalKey,
  total,
  ctx,
}: Readonly<{
  ind: Indicator
  row: RowValues
  ages: readonly string[]
  sum: number
  totalKey: string
  total: ValueCell
  ctx: RuleContext
}>): Problem {
  const vs = ages.map((k) => row.get(k) as ValueCell)
  return problemAt('V06', 'error', placeAt(ctx, ind, ages[0] as string, vs[0]), {
    vi: `Tổng ba nhóm tuổi (${vs.map((v) => showVi(v.value)).join(' + ')} = ${showVi(sum)}) khác ${ctx.columnName(totalKey).vi} (${showVi(total.value)}); hãy sửa ô sai để tổng khớp`,
    en: `The three age bands (${vs.map((v) => show(v.value)).join(' + ')} = ${show(sum)}) differ from ${ctx.columnName(totalKey).en} (${show(total.value)}); correct the wrong cell so the sum matches`,
  })
}

function ethnicOverTotal({
  ind,
  k,
  e,
  totalKey,
  total,
  ctx,
}: Readonly<{
  ind: Indicator
  k: string
  e: ValueCell
  totalKey: string
  total: ValueCell
  ctx: RuleContext
}>): Problem {
  const n = ctx.columnName(k)
  return problemAt('V07', 'error', placeAt(ctx, ind, k, e), {
    vi: `${n.vi} (${showVi(e.value)}) lớn hơn ${ctx.columnName(totalKey).vi} (${showVi(total.value)}); số trẻ em dân tộc thiểu số là một phần của tổng số, hãy sửa ô sai`,
    en: `${n.en} (${show(e.value)}) is greater than ${ctx.columnName(totalKey).en} (${show(total.value)}); ethnic-minority children are part of the total, correct the wrong cell`,
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
  const { prevKey, compareKey, totalKey } = plan
  if (!prevKey || !totalKey || !ind.dims.includes('T')) return
  const row = values.get(ind.code)
  const prev = row?.get(prevKey)
  // W04, W05 and W06 all start from last year's figure
  if (!row || !prev) return
  const total = row.get(totalKey)
  if (total) {
    const diff = Math.abs(total.value - prev.value)
    if (greater(diff, 0.5 * Math.abs(prev.value)) && greater(diff, 5))
      out.push(farFromLastYear({ ind, totalKey, total, prev, ctx }))
  } else if (!judged(ind.code, totalKey)) out.push(blankUnlikeLastYear({ ind, totalKey, prev, ctx }))
  if (compareKey && columnApplies(plan.pack, ind, compareKey)) {
    const stated = row.get(compareKey)
    if (stated && total && prev.value !== 0) {
      const expected = (total.value / prev.value) * 100
      if (greater(Math.abs(stated.value - expected), 0.1))
        out.push(comparisonDiffers({ ind, compareKey, stated, expected, ctx }))
    }
  }
}

function farFromLastYear({
  ind,
  totalKey,
  total,
  prev,
  ctx,
}: Readonly<{
  ind: Indicator
  totalKey: string
  total: ValueCell
  prev: ValueCell
  ctx: RuleContext
}>): Problem {
  return problemAt('W04', 'warning', placeAt(ctx, ind, totalKey, total), {
    vi: `Tổng số (${showVi(total.value)}) chênh lệch hơn 50% so với cùng kỳ năm trước (${showVi(prev.value)}); hãy kiểm tra lại, nếu đúng thì ghi lý do vào cột Ghi chú`,
    en: `Total (${show(total.value)}) differs by more than 50% from the same period last year (${show(prev.value)}); check it, and if it is right give the reason in the Notes column`,
  })
}

function blankUnlikeLastYear({
  ind,
  totalKey,
  prev,
  ctx,
}: Readonly<{ ind: Indicator; totalKey: string; prev: ValueCell; ctx: RuleContext }>): Problem {
  return problemAt('W06', 'warning', placeAt(ctx, ind, totalKey, undefined), {
    vi: `Tổng số để trống trong khi cùng kỳ năm trước có số liệu (${showVi(prev.value)}); nếu có số liệu hãy ghi vào, nếu bằng 0 thì ghi 0`,
    en: `Total is blank while the same period last year has a figure (${show(prev.value)}); write the figure if there is one, or 0 if there is none`,
  })
}

function comparisonDiffers({
  ind,
  compareKey,
  stated,
  expected,
  ctx,
}: Readonly<{
  ind: Indicator
  compareKey: string
  stated: ValueCell
  expected: number
  ctx: RuleContext
}>): Problem {
  return problemAt('W05', 'warning', placeAt(ctx, ind, compareKey, stated), {
    vi: `So sánh cùng kỳ ghi ${showVi(stated.value)}%, nhưng Tổng số / Cùng kỳ x 100 = ${showVi(Math.round(expected * 100) / 100)}%; hãy sửa lại tỷ lệ so sánh`,
    en: `Stated comparison ${show(stated.value)}%, but Total / Last year x 100 = ${show(Math.round(expected * 100) / 100)}%; correct the stated comparison`,
  })
}

export const SEX_RATIO_RANGE = { min: 80, max: 140 } as const

export function checkSexRatio(ind: Indicator, values: FileValues, ctx: RuleContext, out: Out): void {
  if (ind.kind !== 'ratio') return
  for (const col of ind.dataColumns) {
    const v = valueOf(values, ind.code, col)
    if (v && (v.value < SEX_RATIO_RANGE.min || v.value > SEX_RATIO_RANGE.max))
      out.push(implausibleSexRatio({ ind, col, v, ctx }))
  }
}

function implausibleSexRatio({
  ind,
  col,
  v,
  ctx,
}: Readonly<{ ind: Indicator; col: string; v: ValueCell; ctx: RuleContext }>): Problem {
  return problemAt('W08', 'warning', placeAt(ctx, ind, col, v), {
    vi: `Tỷ số giới tính khi sinh ${showVi(v.value)} nằm ngoài khoảng hợp lý 80-140 bé trai/100 bé gái; hãy kiểm tra lại số liệu`,
    en: `Sex ratio at birth ${show(v.value)} is outside the plausible range of 80-140 boys per 100 girls; check the figures`,
  })
}
