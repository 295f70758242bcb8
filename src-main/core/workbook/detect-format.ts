// Decides what a file is from its bytes, not its name: SheetJS would read almost anything as a
// text table, so a PDF, an image or a Word document must be turned away before it is parsed.
import type { WorkbookFormat } from './grid'
import { officeDocument } from './office-document'
import { centralEnd, walkCentralDirectory } from '../zip/central-directory'

export type DetectedFormat =
  | Readonly<{ kind: 'workbook'; format: WorkbookFormat }>
  | Readonly<{ kind: 'encrypted' }>
  | Readonly<{ kind: 'not-spreadsheet'; what: string }>
  | Readonly<{ kind: 'empty' }>

const startsWith = (b: Uint8Array, sig: readonly number[]): boolean => sig.every((x, i) => b[i] === x)

/** The entries that tell what a zip archive holds. */
const TELLING = [
  'xl/workbook.xml',
  'xl/vbaProject.bin',
  'xl/workbook.bin',
  'content.xml',
  'word/document.xml',
  'ppt/presentation.xml',
] as const
type Telling = (typeof TELLING)[number]

/** Whether the `n` bytes of `b` from `at` spell the ASCII text `s` (a backslash standing for a slash). */
function spells(b: Uint8Array, at: number, n: number, s: string): boolean {
  if (n !== s.length) return false
  for (let i = 0; i < n; i++) {
    const c = b[at + i]
    const want = s.charCodeAt(i)
    if (c !== want && !(c === 0x5c && want === 0x2f)) return false
  }
  return true
}

/**
 * Which of the telling entries a zip archive has, read from its central directory (nothing is
 * inflated, no name decoded: every file of a batch comes here first), or null when it is damaged.
 */
function tellingEntries(b: Uint8Array): Set<Telling> | null {
  const end = centralEnd(b)
  if (end === null) return null
  const found = new Set<Telling>()
  const whole = walkCentralDirectory(b, end, (r) => {
    for (const name of TELLING) if (spells(b, r.nameStart, r.nameLength, name)) found.add(name)
  })
  return whole ? found : null
}

export function detectFormat(b: Uint8Array): DetectedFormat {
  if (b.length === 0) return { kind: 'empty' }
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06])) {
    const names = tellingEntries(b)
    if (!names) return { kind: 'not-spreadsheet', what: 'damaged-zip' }
    if (names.has('xl/workbook.xml')) {
      return { kind: 'workbook', format: names.has('xl/vbaProject.bin') ? 'xlsm' : 'xlsx' }
    }
    if (names.has('xl/workbook.bin')) return { kind: 'workbook', format: 'xlsb' }
    if (names.has('content.xml')) return { kind: 'workbook', format: 'ods' }
    if (names.has('word/document.xml')) return { kind: 'not-spreadsheet', what: 'docx' }
    if (names.has('ppt/presentation.xml')) return { kind: 'not-spreadsheet', what: 'pptx' }
    // a workbook elsewhere than xl/: found as the package's relationships name it
    const office = officeDocument(b)
    if (office !== null) return { kind: 'workbook', format: office }
    return { kind: 'not-spreadsheet', what: 'zip' }
  }
  if (isBareBiff(b)) return { kind: 'workbook', format: 'xls' }
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    // An OLE container: a legacy .xls, or an encrypted OOXML file (EncryptionInfo stream).
    const head = new TextDecoder('utf-16le').decode(b.subarray(0, Math.min(b.length, 1 << 16)))
    if (head.includes('EncryptionInfo') || head.includes('EncryptedPackage')) return { kind: 'encrypted' }
    return { kind: 'workbook', format: 'xls' }
  }
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46])) return { kind: 'not-spreadsheet', what: 'pdf' }
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47])) return { kind: 'not-spreadsheet', what: 'png' }
  if (startsWith(b, [0xff, 0xd8, 0xff])) return { kind: 'not-spreadsheet', what: 'jpeg' }
  if (startsWith(b, [0x47, 0x49, 0x46, 0x38])) return { kind: 'not-spreadsheet', what: 'gif' }
  const head = new TextDecoder()
    .decode(b.subarray(0, 2048))
    .replace(/^\ufeff/, '')
    .trimStart()
  if (/^<\?xml/i.test(head) && head.includes('urn:schemas-microsoft-com:office:spreadsheet'))
    return { kind: 'workbook', format: 'other' }
  return { kind: 'not-spreadsheet', what: /^<(!doctype|html)/i.test(head) ? 'html' : 'text' }
}

/**
 * An Excel 2.x–4.0 worksheet or workbook: a bare BIFF2, BIFF3 or BIFF4 stream (no OLE container) that
 * opens with its BOF record (type 0x0009, 0x0209 or 0x0409, a version and the kind of sheet).
 */
function isBareBiff(b: Uint8Array): boolean {
  if (b.length < 8 || b[0] !== 0x09 || (b[1] !== 0x00 && b[1] !== 0x02 && b[1] !== 0x04)) return false
  const length = (b[2] as number) | ((b[3] as number) << 8)
  if (length < 4 || length > 20 || b.length < 4 + length) return false
  const kind = (b[6] as number) | ((b[7] as number) << 8)
  // worksheet, chart, macro sheet, BIFF4 workbook
  return kind === 0x0010 || kind === 0x0020 || kind === 0x0040 || kind === 0x0100
}
