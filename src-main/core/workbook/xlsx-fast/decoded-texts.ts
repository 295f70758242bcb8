// The texts the cells of a batch keep (labels, codes, units) repeat from file to file: each distinct one
// is decoded from UTF-8 once, and later the same string is handed out again. The lookup slices the
// one-byte text (a cheap copy) and lets the engine hash and compare it.
import type { PartBytes } from './byte-text'
import { unescapeXml } from './sheetjs-text'
import { BoundedMemo } from '../../../shared/bounded-memo'

const MAX_ENTRIES = 50_000
const MAX_LENGTH = 256

/** One-byte text of the bytes -> their decoded text. */
const known = new BoundedMemo<string, string>(MAX_ENTRIES)
/** One-byte text of escaped bytes (`S&#7889; tr&#7867;`) -> their decoded, un-escaped text. */
const knownEscaped = new BoundedMemo<string, string>(MAX_ENTRIES)

/** The UTF-8 text of part bytes [from, to). */
export function decodedText(part: PartBytes, from: number, to: number): string {
  if (to - from > MAX_LENGTH) return part.utf8(from, to)
  const raw = part.text.slice(from, to)
  const text = known.get(raw)
  if (text !== undefined) return text
  // keys and texts of their own, not slices that would keep the whole part alive in the table
  const key = part.latin1(from, to)
  const decoded = isAscii(key) ? key : part.utf8(from, to)
  known.set(key, decoded)
  return decoded
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false
  return true
}

/**
 * The text of an item's or an inline string's escaped bytes [from, to), as SheetJS reads it (UTF-8
 * decoded, then un-escaped, a CR LF read as LF): writers that put every letter beyond ASCII as a
 * character reference repeat the same escaped labels in every file, un-escaped once per batch.
 */
export function unescapedText(part: PartBytes, from: number, to: number): string {
  if (to - from > MAX_LENGTH) return unescapeXml(part.utf8(from, to), true)
  const raw = part.text.slice(from, to)
  const text = knownEscaped.get(raw)
  if (text !== undefined) return text
  const key = part.latin1(from, to)
  const decoded = unescapeXml(isAscii(key) ? key : part.utf8(from, to), true)
  knownEscaped.set(key, decoded)
  return decoded
}
