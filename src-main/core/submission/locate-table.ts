// Finds the figures table in a workbook by its header texts and its indicator codes or labels, not
// by position: renamed or reordered sheets, inserted rows and columns, headers merged differently.
import type { Indicator, TemplatePack } from '../template/pack'
import type { Grid, GridSheet } from '../workbook/grid'
import { cellAt, isBlankCell } from '../workbook/grid'
import { foldUnitCode } from '../text/normalize'
import { foldedLabelAt, foldedTextAt, mergeIndex, rowWidth, textAt } from './sheet-text'
import type { TableKeys } from './table-keys'
import { labelKeys, tableKeys } from './table-keys'

export type TableRow = Readonly<{ row: number; indicator: Indicator }>

/** A row inside the table that matched no indicator (or repeated one) and holds data: S07. */
export type StrayRow = Readonly<{ row: number; code: string; label: string; duplicateOf: string | null }>

export type LocatedTable = Readonly<{
  sheet: GridSheet
  /** first header row (0-based) */
  headerRow: number
  /** first row after the headers (and the index row, if any) */
  firstBodyRow: number
  /** last row of the table body, before the signature block */
  lastBodyRow: number
  /** 0-based column of each column key that was found */
  columns: ReadonlyMap<string, number>
  rows: ReadonlyMap<string, TableRow>
  stray: readonly StrayRow[]
  matchCount: number
}>

const HEADER_SCAN_ROWS = 60
const HEADER_DEPTH = 3

function findHeaderRow(sheet: GridSheet, keys: TableKeys): number | null {
  const limit = Math.min(sheet.rows.length, HEADER_SCAN_ROWS)
  for (let r = 0; r < limit; r++) {
    const w = Math.min(rowWidth(sheet, r), 60)
    for (let c = 0; c < w; c++) {
      const t = foldedLabelAt(sheet, r, c, undefined, keys.anchorList)
      if (t !== '' && keys.anchors.has(t)) return r
    }
  }
  return null
}

/** Header texts of each column over the header rows, merged cells spread over their range. */
function columnHeaderTexts(sheet: GridSheet, headerRow: number, depth: number): string[][] {
  const merges = mergeIndex(sheet, headerRow + depth - 1, headerRow)
  let width = 0
  for (let r = headerRow; r < headerRow + depth; r++) width = Math.max(width, rowWidth(sheet, r))
  for (const m of sheet.merges)
    if (m.r1 >= headerRow && m.r1 < headerRow + depth) width = Math.max(width, m.c2 + 1)
  const texts: string[][] = []
  for (let c = 0; c < Math.min(width, 200); c++) {
    const list: string[] = []
    for (let r = headerRow; r < headerRow + depth; r++) {
      const t = foldedLabelAt(sheet, r, c, merges)
      if (t !== '' && !list.includes(t)) list.push(t)
    }
    texts[c] = list
  }
  return texts
}

/** `Trong đó: Nam`, `Nam (người)`, `Tổng số (1)` are read as `Nam`, `Tổng số`. */
function headerVariants(t: string): string[] {
  const bare = t
    .replace(/^trong do[:,]?\s*/, '')
    .replace(/\s*\([^)]*\)$/, '')
    .trim()
  return bare !== '' && bare !== t ? [t, bare] : [t]
}

// Most files keep the form's header rows as they are: the match of the previous file is reused when the
// header texts are the same (the memo hands out the same folded strings, so comparing them is cheap).
let lastMatch: { keys: TableKeys; texts: string[][]; found: ReadonlyMap<string, number> } | null = null

function sameTexts(a: readonly string[][], b: readonly string[][]): boolean {
  if (a.length !== b.length) return false
  for (let c = 0; c < a.length; c++) {
    const x = a[c] as string[]
    const y = b[c] as string[]
    if (x.length !== y.length) return false
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false
  }
  return true
}

function matchColumnsOnce(keys: TableKeys, texts: string[][]): ReadonlyMap<string, number> {
  if (lastMatch && lastMatch.keys === keys && sameTexts(lastMatch.texts, texts)) return lastMatch.found
  const found = matchColumns(keys, texts)
  lastMatch = { keys, texts, found }
  return found
}

function matchColumns(keys: TableKeys, texts: string[][]): Map<string, number> {
  const found = new Map<string, number>()
  const taken = new Set<number>()
  const variants = texts.map((raw) => raw.flatMap(headerVariants))
  // Two-level columns first: they need both their group and their own text, or their own text alone.
  const scored: Array<{ key: string; c: number; score: number }> = []
  for (const col of keys.columns) {
    for (let c = 0; c < variants.length; c++) {
      const list = variants[c] as string[]
      let score = 0
      if (list.some((t) => col.own.has(t))) score = 10
      else if (list.some((t) => t.length > 8 && col.ownLong.some((o) => t.startsWith(o) || o.startsWith(t))))
        score = 5
      if (score > 0 && col.group !== null && list.includes(col.group)) score += 2
      if (score > 0) scored.push({ key: col.key, c, score })
    }
  }
  scored.sort((a, b) => b.score - a.score || a.c - b.c)
  for (const s of scored) {
    if (found.has(s.key) || taken.has(s.c)) continue
    found.set(s.key, s.c)
    taken.add(s.c)
  }
  return found
}

function isIndexRow(
  sheet: GridSheet,
  r: number,
  keys: TableKeys,
  columns: ReadonlyMap<string, number>,
): boolean {
  let hits = 0
  let seen = 0
  for (const col of keys.columns) {
    const c = columns.get(col.key)
    if (c === undefined) continue
    const t = foldedTextAt(sheet, r, c)
    if (t === '') continue
    seen++
    if (t === col.index || t === `(${col.index})`) hits++
  }
  return seen >= 3 && hits >= seen - 1
}

function isSignatureRow(sheet: GridSheet, r: number, keys: TableKeys): boolean {
  const w = Math.min(rowWidth(sheet, r), 60)
  for (let c = 0; c < w; c++) {
    const t = foldedTextAt(sheet, r, c, keys.signTexts)
    if (t === '') continue
    for (const s of keys.signTexts) if (t.startsWith(s)) return true
  }
  return false
}

function hasDataAt(sheet: GridSheet, r: number, dataCols: readonly number[]): boolean {
  for (const c of dataCols) if (!isBlankCell(cellAt(sheet, r, c))) return true
  return false
}

function locateInSheet(sheet: GridSheet, keys: TableKeys): LocatedTable | null {
  const headerRow = findHeaderRow(sheet, keys)
  if (headerRow === null) return null
  const texts = columnHeaderTexts(sheet, headerRow, HEADER_DEPTH)
  const columns = matchColumnsOnce(keys, texts)
  const codeCol = columns.get(keys.codeKey)
  const labelCol = columns.get(keys.labelKey)
  if (codeCol === undefined && labelCol === undefined) return null

  const dataCols = keys.figureKeys.map((k) => columns.get(k)).filter((c): c is number => c !== undefined)

  const labelAt = (r: number): string => (labelCol !== undefined ? textAt(sheet, r, labelCol).trim() : '')

  let firstBodyRow = headerRow + 1
  const rows = new Map<string, TableRow>()
  const stray: StrayRow[] = []
  let lastBodyRow = headerRow
  const end = sheet.rows.length
  let started = false
  for (let r = headerRow + 1; r < end; r++) {
    if (!started && isIndexRow(sheet, r, keys, columns)) {
      firstBodyRow = r + 1
      continue
    }
    const codeText = codeCol !== undefined ? textAt(sheet, r, codeCol).trim() : ''
    const byCode = matchCode(codeText, keys)
    // a row that an indicator's code names is that indicator's, not the signatures below the table
    if (byCode === null && isSignatureRow(sheet, r, keys)) break
    // a row its code names needs its label only if it is reported as stray
    const labelText = byCode === null ? labelAt(r) : ''
    const hasData = hasDataAt(sheet, r, dataCols)
    if (codeText === '' && labelText === '' && !hasData) continue
    const ind = byCode ?? matchLabel(labelText, keys)
    if (!started) {
      // Header lines (a second or third level, a column-number row of any style) come before the
      // first row that matches an indicator.
      if (!ind) {
        firstBodyRow = r + 1
        continue
      }
      started = true
      firstBodyRow = Math.min(firstBodyRow, r)
    }
    lastBodyRow = r
    if (ind && !rows.has(ind.code)) rows.set(ind.code, { row: r, indicator: ind })
    else if (hasData)
      stray.push({
        row: r,
        code: codeText,
        label: byCode === null ? labelText : labelAt(r),
        duplicateOf: ind ? ind.code : null,
      })
  }
  return { sheet, headerRow, firstBodyRow, lastBodyRow, columns, rows, stray, matchCount: rows.size }
}

function matchCode(codeText: string, keys: TableKeys): Indicator | null {
  return codeText !== '' ? (keys.byCode.get(foldUnitCode(codeText)) ?? null) : null
}

/** A row whose code matches no indicator is matched by its label. */
function matchLabel(labelText: string, keys: TableKeys): Indicator | null {
  if (labelText !== '') {
    for (const key of labelKeys(labelText)) {
      const list = keys.byLabel.get(key)
      if (list && list.length === 1) return list[0] as Indicator
    }
  }
  return null
}

/**
 * The table is found when a sheet has the header row and at least half the template's rows match by
 * code or label; among several such sheets, prefer the visible one, then the one with most matches.
 */
export function locateTable(grid: Grid, pack: TemplatePack): LocatedTable | null {
  const keys = tableKeys(pack)
  const found = grid.sheets
    .map((sheet) => locateInSheet(sheet, keys))
    .filter((t): t is LocatedTable => t !== null)
  // A department may send only its own section: when no sheet has half the rows, a sheet with the
  // header row and a few indicator rows is still the table.
  const half = Math.ceil(pack.indicators.length / 2)
  return pickTable(found, half) ?? pickTable(found, MIN_SECTION_ROWS)
}

const MIN_SECTION_ROWS = 2

function pickTable(found: readonly LocatedTable[], needed: number): LocatedTable | null {
  let best: LocatedTable | null = null
  for (const t of found) {
    if (t.matchCount < needed) continue
    if (
      !best ||
      (best.sheet.hidden && !t.sheet.hidden) ||
      (best.sheet.hidden === t.sheet.hidden && t.matchCount > best.matchCount)
    )
      best = t
  }
  return best
}
