// The figures of one file as the rules see them: by indicator code, then column key, each with the
// cell it came from. Values that failed V01, V02, V04 or V13 are simply absent (blank).
import type { Localized } from '../../shared/localized'
import type { Problem } from '../../shared/problem'
import { nearlyEqual } from '../../shared/nearly-equal'

export type ValueCell = Readonly<{ value: number; cell: string; raw: string }>

/** One row's figures by column key. */
export type RowValues = Readonly<{ get(column: string): ValueCell | undefined }>

export type FileValues = ReadonlyMap<string, RowValues>

export type RuleContext = Readonly<{
  sheet: string
  /** A1 address of an indicator's cell in a column, when both were found in the file */
  cellOf: (code: string, column: string) => string | null
  columnName: (column: string) => { vi: string; en: string }
  /** whether a message ends with how to fix it: yes for a unit's file, no for the province's totals */
  advise: boolean
}>

/** What is wrong, then how to fix it when the figures are a unit's own to fix. */
export function withFix(ctx: RuleContext, what: Localized, fix: Localized): Localized {
  return ctx.advise ? { vi: `${what.vi}; ${fix.vi}`, en: `${what.en}; ${fix.en}` } : what
}

export function valueOf(values: FileValues, code: string, column: string): ValueCell | undefined {
  return values.get(code)?.get(column)
}

// The sums below add in list order from 0, as the messages show them, without building lists: most
// rows pass their checks and the lists would only be dropped.

/** The sum of the rows' figures in a column, or undefined when one of them is blank. */
export function sumOfRows(
  values: FileValues,
  rows: readonly Readonly<{ code: string }>[],
  column: string,
): number | undefined {
  let sum = 0
  for (const r of rows) {
    const v = valueOf(values, r.code, column)
    if (v === undefined) return undefined
    sum += v.value
  }
  return sum
}

/** The sum of one row's figures in the columns, or undefined when one of them is blank. */
export function sumOfColumns(row: RowValues, columns: readonly string[]): number | undefined {
  let sum = 0
  for (const c of columns) {
    const v = row.get(c)
    if (v === undefined) return undefined
    sum += v.value
  }
  return sum
}

/** Where a rule places its problem: the judged value's cell, or the blank cell it expected filled. */
export function placeAt(
  ctx: RuleContext,
  ind: Readonly<{ code: string }>,
  column: string,
  v: ValueCell | undefined,
) {
  const cell = v?.cell ?? ctx.cellOf(ind.code, column)
  return {
    sheet: ctx.sheet,
    ...(cell ? { cell } : {}),
    indicator: ind.code,
    column,
    value: v ? v.value : null,
  }
}

/** A rule's problem at a place (`placeAt`), with its message in both languages. */
export function problemAt(
  rule: Problem['rule'],
  severity: Problem['severity'],
  place: ReturnType<typeof placeAt>,
  message: Problem['message'],
): Problem {
  return { rule, severity, ...place, message }
}

/** Numbers as a clerk writes them in a message: no float noise, no grouping. */
export function show(x: number): string {
  return String(Number(x.toPrecision(12)))
}

/**
 * Numbers as a Vietnamese message writes them: a dot between thousands, a decimal comma, no float
 * noise (`1522.7` -> `1.522,7`, `14.37` -> `14,37`).
 */
export function showVi(x: number): string {
  const [int = '', frac] = show(x).split('.')
  const sign = int.startsWith('-') ? '-' : ''
  const digits = sign ? int.slice(1) : int
  const grouped = digits.length > 3 ? digits.replace(/\B(?=(\d{3})+$)/g, '.') : digits
  return `${sign}${grouped}${frac !== undefined ? `,${frac}` : ''}`
}

export function greater(a: number, b: number): boolean {
  return a > b && !nearlyEqual(a, b)
}
