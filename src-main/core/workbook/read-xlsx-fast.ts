// The fast path for .xlsx/.xlsm: inflates only the parts that matter (workbook, relationships,
// shared strings, styles, worksheets) and scans the sheet XML by hand into exactly the Grid the
// SheetJS path yields; a small part byte-identical to one an earlier file had is not read again
// (part-memo.ts). Anything it does not fully understand returns a reason, and the caller reads the
// file with SheetJS instead: being fast must never change a figure or a problem.
import type { Grid, GridSheet, WorkbookFormat } from './grid'
import { parseSheet } from './xlsx-fast/parse-sheet'
import type { SheetLimits } from './xlsx-fast/parse-sheet'
import {
  parseContentTypes,
  parseRels,
  parseSharedStringsPart,
  parseStyles,
  parseWorkbook,
} from './xlsx-fast/parts'
import type { PartBytes } from './xlsx-fast/byte-text'
import { readPart } from './xlsx-fast/part-memo'
import { Unsupported, ZipIndex } from '../zip/zip-index'
import { partBytes, partText } from './xlsx-fast/part-text'
import type { ReadContext } from './read-context'
import { PORTABLE_READ_CONTEXT } from './read-context'

export type FastReadResult = Readonly<{ grid: Grid }> | Readonly<{ fallback: string }>

const WORKSHEET_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet'
const COMMENT_RELS = /\/(?:comments|threadedComment)$/

/** A small part as `parse` reads it, or null when absent; files that share the part share the reading. */
function parsed<T>(zip: ZipIndex, path: string, how: string, parse: (xml: string) => T): T | null {
  return readPart(zip, path, how, (bytes) => (bytes === null ? null : parse(partText(bytes))))
}

/** The byte work a reading is given (read-context.ts). */
type ByteWork = Pick<ReadContext, 'inflateRaw' | 'decoders'>

/** Reads a .xlsx/.xlsm, or says why the SheetJS path must read it. Never throws. */
export function readXlsxFastDetailed(
  bytes: Uint8Array,
  format: WorkbookFormat,
  limits: SheetLimits,
  work: ByteWork = PORTABLE_READ_CONTEXT,
): FastReadResult {
  try {
    return { grid: read(bytes, format, limits, work) }
  } catch (e) {
    return { fallback: e instanceof Unsupported ? e.message : `error: ${(e as Error).message ?? String(e)}` }
  }
}

/** The Grid of a .xlsx/.xlsm, or null when the file must be read by SheetJS. */
export function readXlsxFast(
  bytes: Uint8Array,
  format: WorkbookFormat,
  limits: SheetLimits,
  work: ByteWork = PORTABLE_READ_CONTEXT,
): Grid | null {
  const r = readXlsxFastDetailed(bytes, format, limits, work)
  return 'grid' in r ? r.grid : null
}

function read(bytes: Uint8Array, format: WorkbookFormat, limits: SheetLimits, work: ByteWork): Grid {
  const { decoders } = work
  /** A worksheet (or the shared strings), scanned as one-byte text. */
  const bytesOf = (path: string): PartBytes | null => {
    const entry = zip.entry(path)
    if (entry === undefined) return null
    const b = zip.inflate(entry, zip.stored(entry))
    // a part stored as it is lies in the caller's bytes, which the next files' texts are compared with
    // (decoded-texts.ts): a copy of its own, in case the caller reuses them
    return partBytes(entry.method === 0 ? b.slice() : b, decoders)
  }
  /** What a part that is not read still gets: the checks of UTF-8 and for declarations. */
  const checkPart = (b: Uint8Array | null): true => {
    if (b !== null) partBytes(b, decoders)
    return true
  }
  const zip = new ZipIndex(bytes, work.inflateRaw)
  const ct = parsed(zip, '[Content_Types].xml', 'content types', parseContentTypes)
  if (ct === null) throw new Unsupported('no content types')
  const refs = parsed(zip, ct.workbook, 'workbook', parseWorkbook)
  if (refs === null) throw new Unsupported('no workbook')
  const rels = parsed(zip, 'xl/_rels/workbook.xml.rels', 'rels', parseRels)
  if (rels === null || rels.size === 0) throw new Unsupported('no workbook relationships')
  const strings = ct.sst ? parseSharedStringsPart(bytesOf(ct.sst)) : []
  const styles = (ct.styles ? parsed(zip, ct.styles, 'styles', parseStyles) : null) ?? parseStyles(null)
  const ctx = { strings, styles, limits }
  const sheets: GridSheet[] = refs.map((ref, n) => {
    const rel = rels.get(ref.relId)
    if (!rel || rel.type !== WORKSHEET_REL) throw new Unsupported('not a worksheet')
    const path = rel.target.startsWith('/') ? rel.target.slice(1) : 'xl/' + rel.target.replace(/[/]?xl\//, '')
    const sheetRels = parsed(zip, path.replace(/^(.*)(\/)([^/]*)$/, '$1/_rels/$3.rels'), 'rels', parseRels)
    if (sheetRels !== null)
      for (const r of sheetRels.values()) if (COMMENT_RELS.test(r.type)) throw new Unsupported('comments')
    const xml = bytesOf(path)
    if (xml === null) throw new Unsupported('missing worksheet')
    const sheet = parseSheet(xml, ctx, n)
    return { name: ref.name, hidden: ref.hidden, rows: sheet.rows, merges: sheet.merges }
  })
  // Parts SheetJS would parse and this path did not read are scanned too: a declaration anywhere
  // sends the file to the guarded path, which refuses it.
  for (const part of zip.unreadXmlParts(zip.readParts)) readPart(zip, part, 'checked', checkPart)
  return { format, sheets }
}
