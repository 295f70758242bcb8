// Text of cells as a person reads them: merged ranges carry their top-left text, legacy-encoded
// Vietnamese (TCVN3, VNI) is converted before anything is compared.
import type { GridSheet } from '../workbook/grid'
import { cellAt, cellText } from '../workbook/grid'
import { toUnicodeVietnamese } from '../text/legacy-vietnamese'
import { memoText } from '../text/memo-text'

export type MergeIndex = ReadonlyMap<string, { r: number; c: number }>

export function mergeIndex(sheet: GridSheet, maxRow = Infinity): MergeIndex {
  const m = new Map<string, { r: number; c: number }>()
  for (const g of sheet.merges) {
    if (g.r1 > maxRow) continue
    const rows = Math.min(g.r2, g.r1 + 50)
    const cols = Math.min(g.c2, g.c1 + 50)
    for (let r = g.r1; r <= rows; r++)
      for (let c = g.c1; c <= cols; c++)
        if (r !== g.r1 || c !== g.c1) m.set(`${r}:${c}`, { r: g.r1, c: g.c1 })
  }
  return m
}

/** The text shown at (r, c): the cell's own, or the text of the merged range covering it. */
export function textAt(sheet: GridSheet, r: number, c: number, merges?: MergeIndex): string {
  const own = cellText(cellAt(sheet, r, c))
  if (own !== '' || !merges) return unicodeText(own)
  const origin = merges.get(`${r}:${c}`)
  return origin ? unicodeText(cellText(cellAt(sheet, origin.r, origin.c))) : ''
}

const toUnicodeCached = memoText(toUnicodeVietnamese)

export function unicodeText(s: string): string {
  return s === '' || !hasLatin1High(s) ? s : toUnicodeCached(s)
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
