// How Sheaf compares labels, names and header texts: NFC, no case, no diacritics (đ folded by hand,
// Unicode does not decompose it), single spaces. Every comparison of human text goes through here.

import { memoText } from './memo-text'

const COMBINING = /[\u0300-\u036f]/g

const foldCached = memoText(foldUncached)

export function foldText(s: string): string {
  return foldAscii(s) ?? foldCached(s)
}

/**
 * The fold of a text with only ASCII characters (numbers, codes, most of what a sheet holds), without
 * Unicode normalisation and without the cache; null for any other text. The same result as below:
 * NFD, NFC and the diacritics leave ASCII alone, and the only ASCII spaces `\s` matches are these.
 */
export function foldAscii(s: string): string | null {
  let plain = true
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c > 0x7e) return null
    // upper case, control characters and spaces need the slow path's work (still ASCII)
    if (c <= 0x20 || (c >= 0x41 && c <= 0x5a)) plain = false
  }
  if (plain) return s
  return s
    .toLowerCase()
    .replace(/[\t\n\v\f\r ]+/g, ' ')
    .trim()
}

/**
 * Whether the fold of `s` (`foldText`, or `foldLabel` for a label) may start with `t`, a folded text:
 * false only when the leading ASCII characters of `s` show that it cannot. It spares folding texts that
 * cannot match. The fold keeps a leading run of ASCII characters other than spaces (and quotes, for a
 * label) lower-cased: no space to collapse, no diacritic to drop, and no following character composes
 * with them or, legacy conversion included, changes their fold (a test tries every one). A label may
 * also lose trailing punctuation, so its fold can be a start of that run: either way, the run and `t`
 * must agree as far as both go.
 */
export function foldMayStartWith(s: string, t: string, label = false): boolean {
  const n = Math.min(s.length, t.length)
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i)
    if (c <= 0x20 || c >= 0x7f || (label && (c === 0x22 || c === 0x27 || c === 0x60))) return true
    if ((c >= 0x41 && c <= 0x5a ? c + 0x20 : c) !== t.charCodeAt(i)) return false
  }
  return true
}

function foldUncached(s: string): string {
  return s
    .normalize('NFD')
    .replace(COMBINING, '')
    .replace(/[đĐ]/g, 'd')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\s\u00a0\u200b]+/g, ' ')
    .trim()
}

/** For labels: also drops punctuation differences that do not change meaning. */
export const foldLabel = memoText((s: string): string =>
  foldText(s)
    .replace(/[“”"'‘’`]/g, '')
    .replace(/\s*([,:;()\-–/])\s*/g, '$1')
    .replace(/[.:;,]+$/, '')
    .trim(),
)

/** For unit names: also drops the word UBND and the administrative prefixes spelt out. */
export function foldUnitName(s: string): string {
  return foldText(s)
    .replace(/\bubnd\b/g, ' ')
    .replace(/\buy ban nhan dan\b/g, ' ')
    .replace(/[.,;:()\-–_]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** Numeric unit codes are compared without their leading zeros ("08001" = "8001"). */
export const foldUnitCode = memoText((s: string): string => {
  const t = s.trim().toUpperCase().replace(/\.0+$/, '')
  return /^\d+$/.test(t) ? t.replace(/^0+(?=\d)/, '') : t
})
