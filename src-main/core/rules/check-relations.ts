// The rules between rows that indicators.csv implies: `sum` parents (V09), `part` children (V10),
// `each` and `group` children (V11, W01), stated rates (V12), and the cross-row rules of rules.csv.
import type { Localized } from '../../shared/localized'
import type { Problem } from '../../shared/problem'
import type { CrossRule, Indicator } from '../template/pack'
import type { CrossRulePlan, RulePlan } from './rule-plan'
import type { FileValues, RuleContext, ValueCell } from './values'
import { nearlyEqual } from '../../shared/nearly-equal'
import { greater, placeAt, problemAt, show, showVi, sumOfRows, valueOf, withFix } from './values'

type Out = Problem[]

export function checkChildren(
  plan: RulePlan,
  parent: Indicator,
  values: FileValues,
  ctx: RuleContext,
  out: Out,
): void {
  const columns = plan.childColumns.get(parent.code)
  if (!columns) return
  const row = values.get(parent.code)
  if (!row) return
  for (const { column: col, sum: sumKids, parts, eachThenGroup, groups } of columns) {
    const p = row.get(col)
    // every check below compares the children with the parent's figure
    if (!p) continue
    if (sumKids) {
      const sum = sumOfRows(values, sumKids, col)
      if (sum !== undefined && !nearlyEqual(sum, p.value))
        out.push(notSumOfRows({ parent, col, p, kids: sumKids, sum, ctx }))
    }
    if (parts.length > 0) {
      // the filled parts only
      let sum = 0
      let filled = 0
      for (const k of parts) {
        const v = valueOf(values, k.code, col)
        if (v === undefined) continue
        sum += v.value
        filled++
      }
      if (filled > 0 && greater(sum, p.value)) out.push(partsOverParent({ parent, col, p, sum, ctx }))
    }
    for (const k of eachThenGroup) {
      const v = valueOf(values, k.code, col)
      if (v && greater(v.value, p.value)) out.push(childOverParent({ parent, col, p, k, v, ctx }))
    }
    if (groups) {
      const sum = sumOfRows(values, groups, col)
      if (sum !== undefined && greater(p.value, sum))
        out.push(groupsUnderParent({ parent, col, p, sum, ctx }))
    }
  }
}

// The problems are made apart from the checks, which run for every row of every file: built inline,
// their rare failures would each have the check compiled anew (see check-row-rules.ts). Each maker
// takes one object that names what failed, never a row of positional arguments.

function notSumOfRows({
  parent,
  col,
  p,
  kids,
  sum,
  ctx,
}: Readonly<{
  parent: Indicator
  col: string
  p: ValueCell
  kids: readonly Readonly<{ code: string }>[]
  sum: number
  ctx: RuleContext
}>): Problem {
  const codes = kids.map((k) => k.code).join(', ')
  return problemAt(
    'V09',
    'error',
    placeAt(ctx, parent, col, p),
    withFix(
      ctx,
      {
        vi: `${ctx.columnName(col).vi}: ${parent.code} (${showVi(p.value)}) khác tổng các dòng con ${codes} (${showVi(sum)})`,
        en: `${ctx.columnName(col).en}: ${parent.code} (${show(p.value)}) differs from the sum of its rows ${codes} (${show(sum)})`,
      },
      {
        vi: `${parent.code} phải bằng tổng các dòng ${codes}, hãy sửa số sai (dòng tổng hoặc dòng con)`,
        en: `${parent.code} must equal the sum of ${codes}: correct the wrong figure (the total or a row)`,
      },
    ),
  )
}

function partsOverParent({
  parent,
  col,
  p,
  sum,
  ctx,
}: Readonly<{ parent: Indicator; col: string; p: ValueCell; sum: number; ctx: RuleContext }>): Problem {
  return problemAt(
    'V10',
    'error',
    placeAt(ctx, parent, col, p),
    withFix(
      ctx,
      {
        vi: `${ctx.columnName(col).vi}: các dòng "Trong đó" của ${parent.code} cộng lại (${showVi(sum)}) lớn hơn ${parent.code} (${showVi(p.value)})`,
        en: `${ctx.columnName(col).en}: the "of which" rows of ${parent.code} add up to ${show(sum)}, more than ${parent.code} (${show(p.value)})`,
      },
      {
        vi: `các dòng "Trong đó" là một phần của ${parent.code}, hãy sửa số sai (${parent.code} hoặc các dòng "Trong đó")`,
        en: `the "of which" rows are part of ${parent.code}: correct the wrong figure (${parent.code} or those rows)`,
      },
    ),
  )
}

function childOverParent({
  parent,
  col,
  p,
  k,
  v,
  ctx,
}: Readonly<{
  parent: Indicator
  col: string
  p: ValueCell
  k: Readonly<{ code: string }>
  v: ValueCell
  ctx: RuleContext
}>): Problem {
  return problemAt(
    'V11',
    'error',
    placeAt(ctx, k, col, v),
    withFix(
      ctx,
      {
        vi: `${ctx.columnName(col).vi}: ${k.code} (${showVi(v.value)}) lớn hơn dòng cha ${parent.code} (${showVi(p.value)})`,
        en: `${ctx.columnName(col).en}: ${k.code} (${show(v.value)}) is greater than its parent ${parent.code} (${show(p.value)})`,
      },
      {
        vi: `${k.code} là một phần của ${parent.code} nên không được lớn hơn, hãy sửa số sai (${k.code} hoặc ${parent.code})`,
        en: `${k.code} is part of ${parent.code} and cannot exceed it: correct the wrong figure (${k.code} or ${parent.code})`,
      },
    ),
  )
}

function groupsUnderParent({
  parent,
  col,
  p,
  sum,
  ctx,
}: Readonly<{ parent: Indicator; col: string; p: ValueCell; sum: number; ctx: RuleContext }>): Problem {
  return problemAt(
    'W01',
    'warning',
    placeAt(ctx, parent, col, p),
    withFix(
      ctx,
      {
        vi: `${ctx.columnName(col).vi}: các nhóm của ${parent.code} cộng lại (${showVi(sum)}) ít hơn ${parent.code} (${showVi(p.value)})`,
        en: `${ctx.columnName(col).en}: the groups of ${parent.code} add up to ${show(sum)}, less than ${parent.code} (${show(p.value)})`,
      },
      {
        vi: `hãy kiểm tra đã ghi đủ số liệu các nhóm chưa; nếu số liệu đúng thì ghi lý do vào cột Ghi chú`,
        en: `check that every group's figure is filled in; if the figures are right, give the reason in the Notes column`,
      },
    ),
  )
}

/** Decimals written in a figure (`96.8` → 1, `97` → 0), from the text the unit typed when there is one. */
function decimalsWritten(v: ValueCell): number {
  const raw = v.raw.trim()
  const m = /[.,](\d+)\s*%?$/.exec(raw)
  if (m && /^[\d\s.,]+%?$/.test(raw) && !/^\d{1,3}([.,]\d{3})+$/.test(raw)) return (m[1] as string).length
  const s = String(Number(v.value.toPrecision(12)))
  const dot = s.indexOf('.')
  return dot < 0 ? 0 : s.length - dot - 1
}

export function checkRate(
  { pack }: RulePlan,
  rate: Indicator,
  values: FileValues,
  ctx: RuleContext,
  out: Out,
): void {
  if (!rate.num || !rate.den) return
  const num = pack.byCode.get(rate.num)
  const den = pack.byCode.get(rate.den)
  if (!num || !den) return
  for (const col of rate.relationColumns) {
    if (!num.relationColumns.includes(col) || !den.relationColumns.includes(col)) continue
    const r = valueOf(values, rate.code, col)
    const n = valueOf(values, num.code, col)
    const d = valueOf(values, den.code, col)
    if (!r || !n || !d || d.value === 0) continue
    const expected = (n.value / d.value) * rate.scale
    const off = Math.abs(r.value - expected)
    // the tolerance is at least 0.1: a rate within it passes without reading how it was written
    if (!greater(off, 0.1)) continue
    const tolerance = Math.max(0.1, 0.5 * 10 ** -decimalsWritten(r))
    if (greater(off, tolerance)) out.push(rateDiffers({ rate, num, den, col, r, n, d, expected, ctx }))
  }
}

function rateDiffers({
  rate,
  num,
  den,
  col,
  r,
  n,
  d,
  expected,
  ctx,
}: Readonly<{
  rate: Indicator
  num: Indicator
  den: Indicator
  col: string
  r: ValueCell
  n: ValueCell
  d: ValueCell
  expected: number
  ctx: RuleContext
}>): Problem {
  const name = ctx.columnName(col)
  const rounded = Math.round(expected * 100) / 100
  const exp = show(rounded)
  const pct = rate.scale === 100 ? '%' : ''
  const x = rate.scale
  return problemAt('V12', 'error', placeAt(ctx, rate, col, r), {
    vi: `${name.vi}: tỷ lệ ghi ${showVi(r.value)}${pct} nhưng ${num.code} / ${den.code} x ${showVi(x)} = ${showVi(n.value)} / ${showVi(d.value)} x ${showVi(x)} = ${showVi(rounded)}${pct}; hãy sửa tỷ lệ, hoặc tử số, mẫu số nếu chúng sai`,
    en: `${name.en}: stated rate ${show(r.value)}${pct} but ${num.code} / ${den.code} x ${show(x)} = ${show(n.value)} / ${show(d.value)} x ${show(x)} = ${exp}${pct}; correct the rate, or the numerator or denominator if they are wrong`,
  })
}

/** Whether `l op r` fails, with the engine's tolerance for equality. */
function fails(op: CrossRule['op'], l: number, r: number): boolean {
  switch (op) {
    case '<=':
      return greater(l, r)
    case '<':
      return !greater(r, l)
    case '=':
      return !nearlyEqual(l, r)
    case '>=':
      return greater(r, l)
    case '>':
      return !greater(l, r)
  }
}

/**
 * rules.csv: column by column for the columns both operands have, or for the named columns; against
 * a number, in each of the left row's columns (or its named one).
 */
export function checkCrossRule(
  { rule, left, right, pairs }: CrossRulePlan,
  values: FileValues,
  ctx: RuleContext,
  out: Out,
): void {
  const constant = 'constant' in rule.right ? rule.right.constant : null
  for (const [lc, rc] of pairs) {
    const l = valueOf(values, left.code, lc)
    if (!l) continue
    const r = right ? valueOf(values, right.code, rc) : undefined
    const rv = right ? r?.value : constant
    if (rv === undefined || rv === null) continue
    if (fails(rule.op, l.value, rv)) out.push(crossRuleFails({ rule, left, lc, l, right, rc, rv, ctx }))
  }
}

/** What an operator says in a message built from the pack's labels. */
const OP_WORDS = {
  '<=': { vi: 'không được lớn hơn', en: 'cannot be greater than' },
  '<': { vi: 'phải nhỏ hơn', en: 'must be less than' },
  '=': { vi: 'phải bằng', en: 'must equal' },
  '>=': { vi: 'không được nhỏ hơn', en: 'cannot be less than' },
  '>': { vi: 'phải lớn hơn', en: 'must be greater than' },
} as const satisfies Record<CrossRule['op'], Localized>

function crossRuleFails({
  rule,
  left,
  lc,
  l,
  right,
  rc,
  rv,
  ctx,
}: Readonly<{
  rule: CrossRule
  left: Indicator
  lc: string
  l: ValueCell
  right: Indicator | null
  rc: string
  rv: number
  ctx: RuleContext
}>): Problem {
  const ln = ctx.columnName(lc)
  const rn = ctx.columnName(rc)
  const said = rule.message ?? {
    vi: `${left.label} (${ln.vi}) ${OP_WORDS[rule.op].vi} ${right ? `${right.label} (${rn.vi})` : showVi(rv)}`,
    en: `${left.code} (${ln.en}) ${OP_WORDS[rule.op].en} ${right ? `${right.code} (${rn.en})` : show(rv)}`,
  }
  const what = right
    ? {
        vi: `${said.vi} (${left.code} ${ln.vi}: ${showVi(l.value)}; ${right.code} ${rn.vi}: ${showVi(rv)})`,
        en: `${said.en} (${left.code} ${ln.en}: ${show(l.value)}; ${right.code} ${rn.en}: ${show(rv)})`,
      }
    : {
        vi: `${said.vi} (${left.code} ${ln.vi}: ${showVi(l.value)})`,
        en: `${said.en} (${left.code} ${ln.en}: ${show(l.value)})`,
      }
  const both = right ? { vi: `${left.code} và ${right.code}`, en: `${left.code} and ${right.code}` } : null
  const fix =
    rule.severity === 'error'
      ? both
        ? {
            vi: `hãy kiểm tra lại ${both.vi} rồi sửa số sai`,
            en: `check ${both.en} and correct the wrong figure`,
          }
        : { vi: `hãy kiểm tra lại ${left.code} rồi sửa số sai`, en: `check ${left.code} and correct it` }
      : {
          vi: `hãy kiểm tra lại ${both?.vi ?? left.code}; nếu số liệu đúng thì ghi lý do vào cột Ghi chú`,
          en: `check ${both?.en ?? left.code}; if the figures are right, give the reason in the Notes column`,
        }
  return problemAt(rule.id, rule.severity, placeAt(ctx, left, lc, l), withFix(ctx, what, fix))
}
