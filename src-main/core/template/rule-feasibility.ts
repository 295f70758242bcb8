// The cells a rule of rules.csv compares, and the rules that can never hold or never be checked:
// `x < x`, a part that must exceed the row it is part of, a column the row does not have, a heading
// with no figures. Such a rule would reject every file (or none) for a mistake of the pack, so the
// pack check refuses it and says why.
import type { Localized } from '../../shared/localized'
import type { Indicator, Operand } from './pack'
import { isAdditive } from './pack'
import type { RuleOp } from './pack-schema'

export type { RuleOp }

export type RuleShape = Readonly<{
  left: Operand
  op: RuleOp
  right: Operand | Readonly<{ constant: number }>
}>

/**
 * The pairs of columns a rule compares: two rows, column by column in every data and plan column
 * both have; a named cell against a named cell (a side without a column meaning the total column);
 * a row against a number, in each of its columns (or its named one).
 */
export function ruleCellPairs(
  rule: Pick<RuleShape, 'left' | 'right'>,
  left: Pick<Indicator, 'relationColumns'>,
  right: Pick<Indicator, 'relationColumns'> | null,
  totalKey: string | undefined,
): (readonly [string, string])[] {
  if (!right || 'constant' in rule.right)
    return (rule.left.column !== null ? [rule.left.column] : left.relationColumns).map((c) => [c, c] as const)
  return rule.left.column === null && rule.right.column === null
    ? left.relationColumns.filter((c) => right.relationColumns.includes(c)).map((c) => [c, c] as const)
    : [[rule.left.column ?? totalKey ?? '', rule.right.column ?? totalKey ?? '']]
}

export type RuleFault = Readonly<{ index: number; field: 'left' | 'right' | 'op'; message: Localized }>

type PackView = Readonly<{
  byCode: ReadonlyMap<string, Indicator>
  children: ReadonlyMap<string, readonly Indicator[]>
  rules: readonly RuleShape[]
  /** the keys of the data columns (a named column of another role is not judged here) */
  dataColumnKeys: readonly string[]
  totalKey: string | undefined
}>

/** Whether `low` is declared not above `high` in column `col`: a part, each or group row, or a sum
 * child of a count or money row (its figures are never negative), at any depth. */
function declaredNotAbove(view: PackView, low: string, high: string, col: string): boolean {
  const seen = new Set<string>()
  let code: string | null = low
  while (code !== null && !seen.has(code)) {
    seen.add(code)
    const ind = view.byCode.get(code)
    if (!ind?.parent || !ind.relationColumns.includes(col)) return false
    const parent = view.byCode.get(ind.parent)
    if (!parent?.relationColumns.includes(col)) return false
    const additive = isAdditive(ind)
    if (ind.relation === 'sum' ? !additive : ind.relation === null) return false
    if (parent.code === high) return true
    code = parent.code
  }
  return false
}

const OP_WORDS: Readonly<Record<RuleOp, Localized>> = {
  '<': { vi: 'nhỏ hơn', en: 'less than' },
  '<=': { vi: 'không lớn hơn', en: 'not above' },
  '=': { vi: 'bằng', en: 'equal to' },
  '>=': { vi: 'không nhỏ hơn', en: 'not below' },
  '>': { vi: 'lớn hơn', en: 'greater than' },
}

function shown(o: Operand | Readonly<{ constant: number }>): string {
  if ('constant' in o) return String(o.constant)
  return o.column === null ? o.code : `${o.code}.${o.column}`
}

/** The rules of a pack that can never hold or never be checked, with why. */
export function neverHoldingRules(view: PackView): RuleFault[] {
  const out: RuleFault[] = []
  view.rules.forEach((rule, index) => {
    const fault = (field: RuleFault['field'], message: Localized) => out.push({ index, field, message })
    const left = view.byCode.get(rule.left.code)
    const right = 'constant' in rule.right ? null : (view.byCode.get(rule.right.code) ?? null)
    if (!left || (!right && !('constant' in rule.right))) return
    let sideFault = false
    const sides: (readonly ['left' | 'right', Indicator, Operand])[] = [['left', left, rule.left]]
    if (right && !('constant' in rule.right)) sides.push(['right', right, rule.right])
    for (const [side, ind, operand] of sides) {
      if (ind.kind === 'section') {
        fault(side, {
          vi: `${ind.code} là một mục (section), không có số liệu: quy tắc không bao giờ được kiểm tra`,
          en: `${ind.code} is a section, with no figures: the rule would never be checked`,
        })
        sideFault = true
      } else if (
        operand.column !== null &&
        view.dataColumnKeys.includes(operand.column) &&
        !ind.relationColumns.includes(operand.column)
      ) {
        fault(side, {
          vi: `dòng ${ind.code} không có cột ${operand.column} (xem dims của nó): quy tắc không bao giờ được kiểm tra`,
          en: `row ${ind.code} has no column ${operand.column} (see its dims): the rule would never be checked`,
        })
        sideFault = true
      }
    }
    if (sideFault) return
    const pairs = ruleCellPairs(rule, left, right, view.totalKey)
    if (!right) return
    if (pairs.length === 0) {
      fault('right', {
        vi: `${left.code} và ${right.code} không có cột số liệu chung nào: quy tắc không bao giờ được kiểm tra`,
        en: `${left.code} and ${right.code} share no data column: the rule would never be checked`,
      })
      return
    }
    const l = shown(rule.left)
    const r = shown(rule.right)
    const same = left.code === right.code && pairs.every(([a, b]) => a === b)
    if (same) {
      const never = rule.op === '<' || rule.op === '>'
      fault('right', {
        vi: `so sánh ${l} với chính nó (${l} ${rule.op} ${r}): ${never ? 'không bao giờ đúng' : 'luôn đúng, không kiểm tra gì'}`,
        en: `compares ${l} with itself (${l} ${rule.op} ${r}): ${never ? 'it can never hold' : 'it always holds and checks nothing'}`,
      })
      return
    }
    if (!pairs.every(([a, b]) => a === b)) return
    const rightBelow = pairs.every(([c]) => declaredNotAbove(view, right.code, left.code, c))
    const leftBelow = pairs.every(([c]) => declaredNotAbove(view, left.code, right.code, c))
    if ((rule.op === '<' && rightBelow) || (rule.op === '>' && leftBelow)) {
      const [low, high] = rightBelow ? [right.code, left.code] : [left.code, right.code]
      fault('op', {
        vi: `${l} ${rule.op} ${r} không bao giờ đúng: theo indicators.csv, ${low} là phần của ${high} nên không lớn hơn nó; quy tắc đòi ${l} ${OP_WORDS[rule.op].vi} ${r}`,
        en: `${l} ${rule.op} ${r} can never hold: by indicators.csv, ${low} is part of ${high} and so not above it; the rule wants ${l} ${OP_WORDS[rule.op].en} ${r}`,
      })
    }
  })
  return out
}
