// SheetJS reads XML as a byte string and un-escapes text in a particular order (sometimes twice);
// the fast reader works on decoded text, so these reproduce SheetJS's result exactly for the rare
// text that holds an entity (`&amp;`) or an escape (`_x000D_`).
import { Unsupported } from './zip'

const ENCODINGS: Record<string, string> = {
  '&quot;': '"',
  '&apos;': "'",
  '&gt;': '>',
  '&lt;': '<',
  '&amp;': '&',
}
const ENC_RE = /&(?:quot|apos|gt|lt|amp|#x?([\da-fA-F]+));/gi
const CODE_RE = /_x([\da-fA-F]{4})_/gi

function rawUnescape(s: string): string {
  if (s.includes('<![CDATA[')) throw new Unsupported('cdata')
  return s
    .replace(
      ENC_RE,
      ($$: string, $1: string) =>
        ENCODINGS[$$] || String.fromCharCode(parseInt($1, $$.indexOf('x') > -1 ? 16 : 10)) || $$,
    )
    .replace(CODE_RE, (_m: string, c: string) => String.fromCharCode(parseInt(c, 16)))
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
