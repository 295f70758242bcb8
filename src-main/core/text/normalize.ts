// How Sheaf compares labels, names and header texts: NFC, no case, no diacritics (đ folded by hand,
// Unicode does not decompose it), single spaces. Every comparison of human text goes through here.

const COMBINING = /[\u0300-\u036f]/g

// Every file repeats the form's labels and headers: remember the folded texts (bounded).
const FOLD_CACHE_LIMIT = 50_000
const foldCache = new Map<string, string>()

export function foldText(s: string): string {
  const hit = foldCache.get(s)
  if (hit !== undefined) return hit
  const folded = foldUncached(s)
  if (foldCache.size >= FOLD_CACHE_LIMIT) foldCache.clear()
  foldCache.set(s, folded)
  return folded
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
export function foldLabel(s: string): string {
  return foldText(s)
    .replace(/[“”"'‘’`]/g, '')
    .replace(/\s*([,:;()\-–/])\s*/g, '$1')
    .replace(/[.:;,]+$/, '')
    .trim()
}

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
export function foldUnitCode(s: string): string {
  const t = s.trim().toUpperCase().replace(/\.0+$/, '')
  return /^\d+$/.test(t) ? t.replace(/^0+(?=\d)/, '') : t
}
