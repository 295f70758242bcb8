// The figures of one file as the checks read them, kept as numbers and the pack's indexes instead of
// objects: the reader makes them beside the figures, they cross to another thread as one buffer
// (a few typed arrays over it), and the checks read them there as `FileValues` (values.ts). The
// cells' addresses are made from the table's row of each indicator and column of each key, and only
// for the problems that name them.
import type { TemplatePack } from '../template/pack'
import { columnName } from '../template/pack'
import { derivedFromPack } from '../template/pack-derived'
import { a1 } from '../workbook/address'
import { rulePlan } from './rule-plan'
import type { FileValues, RowValues, RuleContext, ValueCell } from './values'

export type FigureValues = Readonly<{
  /** the sheet of the table */
  sheet: string
  count: number
  /** per figure, in the reader's order (a row's figures together): its value, row and column */
  value: Float64Array
  /** index in `pack.indicators` */
  indicator: Uint16Array
  /** index in `pack.columns` */
  column: Uint16Array
  /** the table's row of each indicator of the pack, its column of each column key (-1: none) */
  rowOf: Int32Array
  colOf: Int32Array
  /** the text of each figure in a rate's row (V12 reads the decimals written), in the figures' order */
  raws: readonly string[]
  /** `figureKey`s of the cells whose text could not be read as a figure (check-submission.ts) */
  unread: readonly string[]
}>

/** What the values need of the pack: its codes and keys by index, and the rows whose texts are kept. */
type PackIndex = Readonly<{
  indicator: ReadonlyMap<string, number>
  column: ReadonlyMap<string, number>
  /** 1 for the rows whose rate is checked (V12) */
  keepsRaw: Uint8Array
}>

const packIndex = derivedFromPack((pack): PackIndex => {
  const keepsRaw = new Uint8Array(pack.indicators.length)
  const indicator = new Map(pack.indicators.map((ind, i) => [ind.code, i]))
  for (const c of rulePlan(pack).checked) if (c.rate) keepsRaw[indicator.get(c.ind.code) as number] = 1
  return { indicator, column: new Map(pack.columns.map((c, i) => [c.key, i])), keepsRaw }
})

/**
 * Collects one file's values as the reader finds them, row by row (`startRow`) the figures (`add`),
 * at most one per column of the pack in each of the table's `rows` rows; `columns`: the table's
 * column of each column key it has.
 */
export class FigureValuesBuilder {
  private readonly index: PackIndex
  private readonly buffer: ArrayBuffer
  private readonly value: Float64Array
  private readonly indicator: Uint16Array
  private readonly column: Uint16Array
  private readonly rowOf: Int32Array
  private readonly colOf: Int32Array
  private readonly raws: string[] = []
  private count = 0
  private row = -1

  constructor(
    pack: TemplatePack,
    private readonly sheet: string,
    rows: number,
    columns: ReadonlyMap<string, number>,
  ) {
    this.index = packIndex(pack)
    const inds = pack.indicators.length
    const cols = pack.columns.length
    const capacity = rows * cols
    // one buffer, the widest type first so that every view is aligned
    this.buffer = new ArrayBuffer(capacity * 8 + (inds + cols) * 4 + capacity * 4)
    this.value = new Float64Array(this.buffer, 0, capacity)
    this.rowOf = new Int32Array(this.buffer, capacity * 8, inds).fill(-1)
    this.colOf = new Int32Array(this.buffer, capacity * 8 + inds * 4, cols).fill(-1)
    const at = capacity * 8 + (inds + cols) * 4
    this.indicator = new Uint16Array(this.buffer, at, capacity)
    this.column = new Uint16Array(this.buffer, at + capacity * 2, capacity)
    for (let k = 0; k < cols; k++) {
      const c = columns.get((pack.columns[k] as { key: string }).key)
      if (c !== undefined) this.colOf[k] = c
    }
  }

  /** The table's row of an indicator of the pack, whose figures come next. */
  startRow(code: string, row: number): void {
    const i = this.index.indicator.get(code) as number
    this.rowOf[i] = row
    this.row = i
  }

  /** A figure of the current row, in the pack's column of index `column`. */
  add(column: number, value: number, raw: string): void {
    const n = this.count++
    this.value[n] = value
    this.indicator[n] = this.row
    this.column[n] = column
    if (this.index.keepsRaw[this.row] === 1) this.raws.push(raw)
  }

  /** The values; the cells that could not be read are told apart (`FigureValues.unread`). */
  done(): Omit<FigureValues, 'unread'> {
    return {
      sheet: this.sheet,
      count: this.count,
      value: this.value,
      indicator: this.indicator,
      column: this.column,
      rowOf: this.rowOf,
      colOf: this.colOf,
      raws: this.raws,
    }
  }
}

/** The buffer a message carrying `v` may hand over rather than copy. */
export function valuesBuffer(v: FigureValues): ArrayBuffer | null {
  const b = v.value.buffer
  return b instanceof ArrayBuffer ? b : null
}

/** One figure as the checks read it: its cell's address and text made only when a problem asks. */
class FigureAt implements ValueCell {
  constructor(
    private readonly v: FigureValues,
    private readonly i: number,
    private readonly rawAt: number,
    readonly value: number,
  ) {}

  get cell(): string {
    const { v, i } = this
    return a1(v.rowOf[v.indicator[i] as number] as number, v.colOf[v.column[i] as number] as number)
  }

  get raw(): string {
    if (this.rawAt < 0) throw new Error('the text of a figure outside a rate row is not kept')
    return this.v.raws[this.rawAt] as string
  }
}

/** A row's figures, consecutive in the values: the row looks its few columns up there. */
class RowAt implements RowValues {
  constructor(
    private readonly columns: ReadonlyMap<string, number>,
    private readonly v: FigureValues,
    private readonly start: number,
    private readonly end: number,
    private readonly firstRaw: number,
  ) {}

  get(column: string): ValueCell | undefined {
    const k = this.columns.get(column)
    if (k === undefined) return undefined
    const v = this.v
    for (let i = this.start; i < this.end; i++)
      if (v.column[i] === k)
        return new FigureAt(
          v,
          i,
          this.firstRaw < 0 ? -1 : this.firstRaw + i - this.start,
          v.value[i] as number,
        )
    return undefined
  }
}

/** The values by indicator code and column key, as the checks take them. */
export function fileValuesOf(pack: TemplatePack, v: FigureValues): FileValues {
  const index = packIndex(pack)
  const out = new Map<string, RowValues>()
  let raws = 0
  for (let start = 0; start < v.count;) {
    const ind = v.indicator[start] as number
    let end = start + 1
    while (end < v.count && v.indicator[end] === ind) end++
    const kept = index.keepsRaw[ind] === 1
    out.set(
      (pack.indicators[ind] as { code: string }).code,
      new RowAt(index.column, v, start, end, kept ? raws : -1),
    )
    if (kept) raws += end - start
    start = end
  }
  return out
}

/** Where the checks place their problems, from the table's rows and columns. */
export function ruleContextOf(pack: TemplatePack, v: FigureValues): RuleContext {
  const index = packIndex(pack)
  return {
    sheet: v.sheet,
    cellOf: (code, column) => {
      const i = index.indicator.get(code)
      const k = index.column.get(column)
      const r = i === undefined ? -1 : (v.rowOf[i] as number)
      const c = k === undefined ? -1 : (v.colOf[k] as number)
      return r < 0 || c < 0 ? null : a1(r, c)
    },
    columnName: (column) => columnName(pack, column),
    advise: true,
  }
}
