// Text of cells as a person reads them: merged ranges carry their top-left text, legacy-encoded
// Vietnamese (TCVN3, VNI) is converted before anything is compared.
import type { GridSheet } from '../workbook/grid'
import { cellAt, cellText } from '../workbook/grid'
import { hasUnicodeOnlyLetters, toUnicodeVietnamese } from '../text/legacy-vietnamese'
import { memoText } from '../text/memo-text'
import { foldAscii, foldLabel, foldMayStartWith, foldText } from '../text/normalize'

/** The top-left cell of the merged range covering a cell, by `mergeKey` of the cell. */
export type MergeIndex = ReadonlyMap<number, { r: number; c: number }>

// One number names a cell without building a string: spreadsheets stop at 16,384 columns and a merged
// range is spread over at most 50 more.
const mergeKey = (r: number, c: number): number => r * 32768 + c

/** The merged cells of rows `minRow` to `maxRow` (a sheet's title rows are merged too: not spread). */
export function mergeIndex(sheet: GridSheet, maxRow = Infinity, minRow = 0): MergeIndex {
  const m = new Map<number, { r: number; c: number }>()
  for (const g of sheet.merges) {
    if (g.r1 > maxRow || g.r2 < minRow) continue
    const rows = Math.min(g.r2, g.r1 + 50, maxRow)
    const cols = Math.min(g.c2, g.c1 + 50)
    const origin = { r: g.r1, c: g.c1 }
    for (let r = Math.max(g.r1, minRow); r <= rows; r++)
      for (let c = g.c1; c <= cols; c++) if (r !== g.r1 || c !== g.c1) m.set(mergeKey(r, c), origin)
  }
  return m
}

/** The text shown at (r, c): the cell's own, or the text of the merged range covering it. */
export function textAt(sheet: GridSheet, r: number, c: number, merges?: MergeIndex): string {
  return unicodeText(rawTextAt(sheet, r, c, merges))
}

// `textAt` before legacy conversion.
function rawTextAt(sheet: GridSheet, r: number, c: number, merges?: MergeIndex): string {
  const own = cellText(cellAt(sheet, r, c))
  if (own !== '' || !merges) return own
  const origin = merges.get(mergeKey(r, c))
  return origin ? cellText(cellAt(sheet, origin.r, origin.c)) : ''
}

const toUnicodeCached = memoText(toUnicodeVietnamese)

// Raw cell text to its fold in one step: a sheet's non-ASCII texts (labels, names) would otherwise
// take two memo lookups each, one to convert and one to fold.
const foldShown = memoText((s: string) => foldText(unicodeText(s)))
const foldShownLabel = memoText((s: string) => foldLabel(unicodeText(s)))

/**
 * `foldText(textAt(sheet, r, c))`: an ASCII text (codes, numbers) is folded without a memo. When only
 * folds starting with one of `starts` are wanted, any other text that shows it at its start is '',
 * without folding: a memo lookup must hash the text, and most texts of a file are new to the process.
 */
export function foldedTextAt(sheet: GridSheet, r: number, c: number, starts?: readonly string[]): string {
  const own = cellText(cellAt(sheet, r, c))
  if (starts && !mayStartWithAny(own, starts, false)) return ''
  return foldAscii(own) ?? foldShown(own)
}

/** `foldLabel(textAt(sheet, r, c, merges))`; `starts` as above. */
export function foldedLabelAt(
  sheet: GridSheet,
  r: number,
  c: number,
  merges?: MergeIndex,
  starts?: readonly string[],
): string {
  const raw = rawTextAt(sheet, r, c, merges)
  // most cells around a table are empty: their fold is '' (no memo to ask)
  if (raw === '' || (starts && !mayStartWithAny(raw, starts, true))) return ''
  return foldShownLabel(raw)
}

/**
 * Whether the label at (r, c) is surely not '' and starts with none of `starts` (folded labels), told
 * from its first characters without folding: a first letter or digit stays in the fold.
 */
export function labelRuledOutAt(sheet: GridSheet, r: number, c: number, starts: readonly string[]): boolean {
  const raw = cellText(cellAt(sheet, r, c))
  return isAsciiAlphanumeric(raw.charCodeAt(0)) && !mayStartWithAny(raw, starts, true)
}

function isAsciiAlphanumeric(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)
}

// Legacy conversion keeps the fold of a text's leading ASCII characters too (see `foldMayStartWith`).
function mayStartWithAny(raw: string, starts: readonly string[], label: boolean): boolean {
  for (const t of starts) if (foldMayStartWith(raw, t, label)) return true
  return false
}

export function unicodeText(s: string): string {
  // most Vietnamese texts show a letter legacy encodings cannot write: no conversion, no memo lookup
  return s === '' || !hasLatin1High(s) || hasUnicodeOnlyLetters(s) ? s : toUnicodeCached(s)
}

/** Legacy encodings show only as characters U+00A0…U+00FF: without any, the text is left as it is. */
function hasLatin1High(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 0xa0 && c <= 0xff) return true
  }
  return false
}

export function rowWidth(sheet: GridSheet, r: number): number {
  return sheet.rows[r]?.length ?? 0
}
