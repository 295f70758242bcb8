// The stored form of a submission's figures (`submission_figures.figures`): one JSON array, each
// element [indicator, column, value, sheet, cell, raw] with the reading notes as a seventh when there
// are any, ordered by indicator then column. Pure, so that a read worker can encode a file's figures
// beside reading it and the main thread only stores the text.
import type { ReadNote } from '../core/numbers/cell-reading'
import type { Figure } from '../core/submission/analysis'
import { NO_NOTES } from './scan-figures'

export type StoredFigure = [string, string, number, string, string, string, ReadNote[]?]

/** Figures in their stored form, with how many there are. */
export type EncodedFigures = Readonly<{ json: string; count: number }>

function byIndicatorColumn(a: Figure, b: Figure): number {
  if (a.indicator !== b.indicator) return a.indicator < b.indicator ? -1 : 1
  return a.column < b.column ? -1 : a.column > b.column ? 1 : 0
}

// A text that JSON writes as it is between quotes: no quote, backslash, control character or surrogate.
const PLAIN_TEXT = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/

/** `JSON.stringify(s)`, without its work for the common plain text. */
function jsonText(s: string): string {
  return PLAIN_TEXT.test(s) ? `"${s}"` : JSON.stringify(s)
}

/**
 * The stored form, or why the figures cannot be stored (a value that is not a number, a cell twice).
 * The text is `JSON.stringify` of the rows, written piece by piece: a country encodes 10^6 figures,
 * and most of their texts (indicator, column, sheet) repeat from one figure to the next.
 */
export function encodeFigures(
  figures: readonly Figure[],
): Readonly<{ ok: true; json: string; count: number } | { ok: false; error: string }> {
  let sorted = true
  for (let i = 1; i < figures.length && sorted; i++)
    sorted = byIndicatorColumn(figures[i - 1] as Figure, figures[i] as Figure) <= 0
  const ordered = sorted ? figures : [...figures].sort(byIndicatorColumn)
  const known = new Map<string, string>()
  const repeated = (s: string): string => {
    let t = known.get(s)
    if (t === undefined) known.set(s, (t = jsonText(s)))
    return t
  }
  let json = '['
  for (let i = 0; i < ordered.length; i++) {
    const f = ordered[i] as Figure
    // JSON would write NaN or Infinity as null: say which figure instead
    if (!Number.isFinite(f.value))
      return { ok: false, error: `${f.indicator}/${f.column} = ${String(f.value)} (${f.sheet}!${f.cell})` }
    // one figure per indicator and column
    if (i > 0 && byIndicatorColumn(ordered[i - 1] as Figure, f) === 0)
      return { ok: false, error: `${f.indicator}/${f.column} hai lần / twice (${f.sheet}!${f.cell})` }
    // String(-0) is "0", as JSON writes it
    json += `${i === 0 ? '' : ','}[${repeated(f.indicator)},${repeated(f.column)},${String(f.value)},${repeated(f.sheet)},${jsonText(f.cell)},${jsonText(f.raw)}${f.notes.length === 0 ? '' : `,${JSON.stringify(f.notes)}`}]`
  }
  return { ok: true, json: `${json}]`, count: ordered.length }
}

/** The stored figures, or null when the text is not what `encodeFigures` writes. */
export function parseFiguresJson(json: string): StoredFigure[] | null {
  let rows: unknown
  try {
    rows = JSON.parse(json)
  } catch {
    return null
  }
  return Array.isArray(rows) && rows.every(isStoredFigure) ? rows : null
}

function isStoredFigure(r: unknown): r is StoredFigure {
  return (
    Array.isArray(r) &&
    (r.length === 6 || (r.length === 7 && Array.isArray(r[6]))) &&
    typeof r[0] === 'string' &&
    typeof r[1] === 'string' &&
    typeof r[2] === 'number' &&
    typeof r[3] === 'string' &&
    typeof r[4] === 'string' &&
    typeof r[5] === 'string'
  )
}

/** The figures of a stored form, as the analysis had them (−0 comes back as 0). */
export function figuresFromStored(rows: readonly StoredFigure[]): Figure[] {
  const out: Figure[] = new Array<Figure>(rows.length)
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as StoredFigure
    out[i] = {
      indicator: r[0],
      column: r[1],
      value: r[2],
      sheet: r[3],
      cell: r[4],
      raw: r[5],
      notes: r[6] ?? NO_NOTES,
    }
  }
  return out
}
