// SheetJS reads XML as a byte string and un-escapes text in a particular order (sometimes twice);
// the fast reader works on decoded text, so these reproduce SheetJS's result exactly for the rare
// text that holds an entity (`&amp;`) or an escape (`_x000D_`).
import { Unsupported } from '../../zip/zip-index'

const ENCODINGS: Record<string, string> = {
  '&quot;': '"',
  '&apos;': "'",
  '&gt;': '>',
  '&lt;': '<',
  '&amp;': '&',
}
const CODE_RE = /_x([\da-fA-F]{4})_/gi
const NAMES = ['quot', 'apos', 'gt', 'lt', 'amp']

function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 102)
}

/**
 * Where the entity SheetJS's pattern `&(?:quot|apos|gt|lt|amp|#x?([\da-fA-F]+));` (case-insensitive)
 * matches at s[amp] ends (just past its `;`), or -1 when none starts there.
 */
function entityEnd(s: string, amp: number): number {
  const c = s.charCodeAt(amp + 1)
  if (c === 35 /* # */) {
    let i = amp + 2
    if ((s.charCodeAt(i) | 32) === 120 /* x */) i++
    const digits = i
    while (isHexDigit(s.charCodeAt(i))) i++
    return i > digits && s.charCodeAt(i) === 59 /* ; */ ? i + 1 : -1
  }
  for (const name of NAMES) {
    const end = amp + 1 + name.length
    if (s.charCodeAt(end) !== 59) continue
    let same = true
    for (let k = 0; k < name.length && same; k++)
      same = (s.charCodeAt(amp + 1 + k) | 32) === name.charCodeAt(k)
    if (same) return end + 1
  }
  return -1
}

/** What SheetJS puts for the entity s[amp, end): its `encodings[$$] || String.fromCharCode(…)`. */
function entityText(s: string, amp: number, end: number): string {
  const named = ENCODINGS[s.slice(amp, end)]
  if (named !== undefined) return named
  // a named entity in other letter cases has no digits: NaN gives U+0000, as in SheetJS
  if (s.charCodeAt(amp + 1) !== 35 /* # */) return String.fromCharCode(NaN)
  // base 16 only after a lower-case x (SheetJS looks for "x" in the match)
  const hex = s.charCodeAt(amp + 2) === 120
  const start = (s.charCodeAt(amp + 2) | 32) === 120 ? amp + 3 : amp + 2
  return String.fromCharCode(parseInt(s.slice(start, end - 1), hex ? 16 : 10))
}

/**
 * SheetJS's raw_unescapexml in one pass over the text: entities replaced left to right (not a callback
 * per match), then the `_xHHHH_` escapes of the result, which are rare.
 */
function rawUnescape(s: string): string {
  if (s.includes('<![CDATA[')) throw new Unsupported('cdata')
  let out = s
  let amp = s.indexOf('&')
  if (amp >= 0) {
    out = ''
    let last = 0
    for (; amp >= 0; amp = s.indexOf('&', amp + 1)) {
      const end = entityEnd(s, amp)
      if (end < 0) continue
      out += s.slice(last, amp) + entityText(s, amp, end)
      last = end
      amp = end - 1
    }
    out = last === 0 ? s : out + s.slice(last)
  }
  return hasCode(out)
    ? out.replace(CODE_RE, (_m: string, c: string) => String.fromCharCode(parseInt(c, 16)))
    : out
}

/** Whether `_x` (either case) appears: only then can the `_xHHHH_` escapes be there. */
function hasCode(s: string): boolean {
  for (let i = s.indexOf('_'); i >= 0; i = s.indexOf('_', i + 1))
    if ((s.charCodeAt(i + 1) | 32) === 120) return true
  return false
}

const NEEDS = /[&]|_x/i

/** SheetJS's `unescapexml(text, xlsx)` applied to already-decoded text. */
export function unescapeXml(text: string, xlsx = false): string {
  const out = NEEDS.test(text) ? rawUnescape(text) : text
  return xlsx && out.includes('\r\n') ? out.replace(/\r\n/g, '\n') : out
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()

function toByteString(text: string): string {
  const bytes = encoder.encode(text)
  let s = ''
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i] as number)
  return s
}

function utf8Read(byteString: string): string {
  const bytes = new Uint8Array(byteString.length)
  for (let i = 0; i < byteString.length; i++) bytes[i] = byteString.charCodeAt(i) & 0xff
  return decoder.decode(bytes)
}

/**
 * The text of a `t="str"` cell: SheetJS un-escapes its byte string, decodes UTF-8, un-escapes again.
 * `bytes` is the byte string, when the caller has it already (one character per byte).
 */
export function strCellText(decoded: string, bytes?: string): string {
  if (!NEEDS.test(decoded)) return decoded.includes('\r\n') ? decoded.replace(/\r\n/g, '\n') : decoded
  return unescapeXml(utf8Read(rawUnescape(bytes ?? toByteString(decoded))), true)
}

/** A `<v>` of a non-text cell: SheetJS un-escapes the raw bytes; only ASCII reads the same both ways. */
export function asciiValue(decoded: string): string {
  if (/[^\x00-\x7f]/.test(decoded)) throw new Unsupported('non-ascii value')
  return unescapeXml(decoded)
}
