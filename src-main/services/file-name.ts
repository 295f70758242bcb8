// The one function that makes the name of every file Sheaf writes from a name it was given (a unit's
// file, an upload): a name any of Windows, macOS and Linux accepts, whatever came in. It is at most
// 255 bytes of UTF-8 with its ending (`.loi.xlsx`) and the temporary name of an atomic write counted,
// never `.` or `..`, never a name Windows reserves for a device (`CON`, `NUL`, `LPT1.xlsx`…), has no
// control, bidirectional or zero-width character, and is unique within its folder. It never fails:
// a name with nothing left becomes `tep`, so one odd name cannot stop a batch.

/** The longest file name the file systems Sheaf meets accept, in bytes of UTF-8. */
export const MAX_NAME_BYTES = 255

/** What an atomic write adds to a name for its temporary file (`.<name>.<8 hex>.tmp`). */
export const TEMPORARY_NAME_BYTES = 14

const FALLBACK = 'tep'

// C0 and C1 controls, DEL; bidirectional marks and embeddings/isolates; zero-width characters and
// the byte-order mark; the characters Windows forbids in a name, and both slashes
const DROPPED =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u200b-\u200d\u2060\ufeff]/g
const FORBIDDEN = /[<>:"/\\|?*]/g
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i

const encoder = new TextEncoder()

export function utf8Bytes(text: string): number {
  return encoder.encode(text).length
}

/** `text` cut to at most `bytes` bytes of UTF-8, never inside a character. */
function cutToBytes(text: string, bytes: number): string {
  let used = 0
  let out = ''
  for (const ch of text) {
    const size = utf8Bytes(ch)
    if (used + size > bytes) break
    used += size
    out += ch
  }
  return out
}

/** The last extension of a name (`.xlsx`), when it looks like one; else ''. */
export function extensionOf(name: string): string {
  const m = /\.[A-Za-z0-9]{1,8}$/.exec(name)
  return m && m.index > 0 ? m[0] : ''
}

/** The name's last part (after either slash), in NFC, without the characters no name may hold. */
function cleanText(name: string): string {
  const base = name.replace(/\\/g, '/').split('/').pop() ?? ''
  return base.normalize('NFC').replace(DROPPED, '').replace(FORBIDDEN, '_')
}

/** A stem without leading or trailing spaces and dots (Windows drops trailing ones) nor a device name. */
function cleanStem(stem: string): string {
  const trimmed = stem.replace(/^[\s.]+|[\s.]+$/g, '')
  if (trimmed === '') return FALLBACK
  // `CON.loi.xlsx` and `nul .xlsx` are the device too: what matters is the part before the first dot
  const first = trimmed.split('.')[0]?.trim() ?? ''
  return RESERVED.test(first) ? `_${trimmed}` : trimmed
}

export type FileNameOptions = Readonly<{
  /** the ending to give the name instead of its own extension (`.loi.xlsx`) */
  ending?: string
  /** the names already used in the folder, compared without case; the new name is added */
  taken?: Set<string>
  /** tried before `-2`, `-3`… when the name is taken (`-ods`, for `a.ods` beside `a.xls`) */
  variant?: string
}>

/**
 * The name to write `wanted` under. Without `ending` the name keeps its own extension; the stem is
 * shortened (never the ending) so that the name and its temporary twin fit in 255 bytes.
 */
export function safeFileName(wanted: string, options: FileNameOptions = {}): string {
  const text = cleanText(wanted)
  const ownExt = extensionOf(text)
  const ending = options.ending ?? ownExt
  const stem = cleanStem(ownExt ? text.slice(0, -ownExt.length) : text)
  const budget = MAX_NAME_BYTES - TEMPORARY_NAME_BYTES - utf8Bytes(ending)
  const fit = (extra: string): string => {
    const cut = cutToBytes(stem, budget - utf8Bytes(extra)).replace(/[\s.]+$/, '')
    return `${cut === '' ? FALLBACK : cut}${extra}${ending}`
  }
  const taken = options.taken
  let name = fit('')
  if (taken) {
    const used = (n: string): boolean => taken.has(n.toLowerCase())
    if (used(name) && options.variant) name = fit(options.variant)
    for (let n = 2; used(name); n++) name = fit(`-${n}`)
    taken.add(name.toLowerCase())
  }
  return name
}
