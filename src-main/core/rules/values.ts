// The figures of one file as the rules see them: by indicator code, then column key, each with the
// cell it came from. Values that failed V01, V02, V04 or V13 are simply absent (blank).

export type ValueCell = Readonly<{ value: number; cell: string; raw: string }>

export type FileValues = ReadonlyMap<string, ReadonlyMap<string, ValueCell>>

export type RuleContext = Readonly<{
  sheet: string
  /** A1 address of an indicator's cell in a column, when both were found in the file */
  cellOf: (code: string, column: string) => string | null
  columnName: (column: string) => { vi: string; en: string }
}>

export function valueOf(values: FileValues, code: string, column: string): ValueCell | undefined {
  return values.get(code)?.get(column)
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

/** Numbers as a clerk writes them in a message: no float noise, no grouping. */
export function show(x: number): string {
  return String(Number(x.toPrecision(12)))
}

/** Compare with a small relative tolerance (1e-9): 7.000000000000001 equals 7. */
export function nearlyEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))
}

export function greater(a: number, b: number): boolean {
  return a > b && !nearlyEqual(a, b)
}
