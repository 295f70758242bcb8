// An analysis in the shape that crosses between threads cheaply: a file's ~500 figures as a few long
// strings and one Float64Array instead of ~500 objects, which the structured clone copies (and the
// main thread rebuilds) one property at a time.
import type { ReadNote } from '../../core/numbers/cell-reading'
import type { Figure, SubmissionAnalysis } from '../../core/submission/analysis'

export type PackedFigures = Readonly<{
  count: number
  /** indicator, column, sheet, cell and raw of every figure, each joined with SEP */
  indicator: string
  column: string
  sheet: string
  cell: string
  raw: string
  value: Float64Array<ArrayBuffer>
  /** the notes of the figures that have any, by figure index */
  notes: ReadonlyArray<readonly [number, readonly ReadNote[]]>
}>

export type PackedAnalysis = Readonly<Omit<SubmissionAnalysis, 'figures'> & { packed: PackedFigures }>

const SEP = '\u0000'

/** The packed form, or null when a text holds the separator itself (then the analysis goes as it is). */
export function packAnalysis(a: SubmissionAnalysis): PackedAnalysis | null {
  const figures = a.figures
  const n = figures.length
  const indicator: string[] = new Array<string>(n)
  const column: string[] = new Array<string>(n)
  const sheet: string[] = new Array<string>(n)
  const cell: string[] = new Array<string>(n)
  const raw: string[] = new Array<string>(n)
  const value = new Float64Array(n)
  const notes: Array<readonly [number, readonly ReadNote[]]> = []
  for (let i = 0; i < n; i++) {
    const f = figures[i] as Figure
    indicator[i] = f.indicator
    column[i] = f.column
    sheet[i] = f.sheet
    cell[i] = f.cell
    raw[i] = f.raw
    value[i] = f.value
    if (f.notes.length > 0) notes.push([i, f.notes])
  }
  const joined = [indicator, column, sheet, cell, raw].map((list) => list.join(SEP))
  // n texts joined give back n texts only if none holds the separator
  for (const j of joined) if (countSep(j) !== Math.max(0, n - 1)) return null
  const packed: PackedFigures = {
    count: n,
    indicator: joined[0] as string,
    column: joined[1] as string,
    sheet: joined[2] as string,
    cell: joined[3] as string,
    raw: joined[4] as string,
    value,
    notes,
  }
  // the same keys in the same order, `packed` where `figures` was (the clone keeps the order)
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(a)) {
    if (k === 'figures') out.packed = packed
    else out[k] = v
  }
  return out as PackedAnalysis
}

function countSep(s: string): number {
  let k = 0
  for (let i = s.indexOf(SEP); i !== -1; i = s.indexOf(SEP, i + 1)) k++
  return k
}

function split(s: string, n: number): string[] {
  return n === 0 ? [] : s.split(SEP)
}

/**
 * The analysis as `analyseBytes` gave it in the worker. Its figures are built on first read: the
 * main thread stores them from their encoded form and most files never need them as objects.
 */
export function unpackAnalysis(p: PackedAnalysis): SubmissionAnalysis {
  let figures: Figure[] | null = null
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(p)) {
    if (k === 'packed')
      Object.defineProperty(out, 'figures', {
        enumerable: true,
        configurable: true,
        get: () => (figures ??= unpackFigures(p.packed)),
      })
    else out[k] = v
  }
  return out as SubmissionAnalysis
}

function unpackFigures(packed: PackedFigures): Figure[] {
  const n = packed.count
  const indicator = split(packed.indicator, n)
  const column = split(packed.column, n)
  const sheet = split(packed.sheet, n)
  const cell = split(packed.cell, n)
  const raw = split(packed.raw, n)
  const notes = new Map(packed.notes)
  const figures: Figure[] = new Array<Figure>(n)
  for (let i = 0; i < n; i++) {
    figures[i] = {
      indicator: indicator[i] as string,
      column: column[i] as string,
      value: packed.value[i] as number,
      sheet: sheet[i] as string,
      cell: cell[i] as string,
      raw: raw[i] as string,
      notes: notes.get(i) ?? [],
    }
  }
  return figures
}
