// The texts the cells of a batch keep (labels, codes, units) repeat from file to file: each distinct one
// is decoded from UTF-8 once, and later the same string is handed out again. The lookup slices the
// one-byte text (a cheap copy) and lets the engine hash and compare it.
import type { PartBytes } from './byte-text'

const MAX_ENTRIES = 50_000
const MAX_LENGTH = 256

/** One-byte text of the bytes -> their decoded text. */
const known = new Map<string, string>()

/** The UTF-8 text of part bytes [from, to). */
export function decodedText(part: PartBytes, from: number, to: number): string {
  if (to - from > MAX_LENGTH) return part.utf8(from, to)
  const raw = part.text.slice(from, to)
  const text = known.get(raw)
  if (text !== undefined) return text
  if (known.size >= MAX_ENTRIES) known.clear()
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
