// The fast path for .xls (BIFF8 in an OLE container): the Workbook stream taken through the
// container's sector tables (xls-fast/cfb.ts) and its records read into exactly the Grid the SheetJS
// path yields (xls-fast/biff.ts). Anything it does not fully understand (formulas, notes, encryption,
// BIFF5 and older, odd records) returns a reason, and the caller reads the file with SheetJS instead.
import type { Grid } from './grid'
import { readBiff8 } from './xls-fast/biff'
import type { BiffLimits } from './xls-fast/biff'
import { workbookStream } from './xls-fast/cfb'
import type { FastReadResult } from './read-xlsx-fast'
import { Unsupported } from '../zip/zip-index'

/** Reads an .xls, or says why the SheetJS path must read it. Never throws. */
export function readXlsFastDetailed(bytes: Uint8Array, limits: BiffLimits): FastReadResult {
  try {
    const sheets = readBiff8(workbookStream(bytes), limits)
    return { grid: { format: 'xls', sheets } }
  } catch (e) {
    return { fallback: e instanceof Unsupported ? e.message : `error: ${(e as Error).message ?? String(e)}` }
  }
}

/** The Grid of an .xls, or null when the file must be read by SheetJS. */
export function readXlsFast(bytes: Uint8Array, limits: BiffLimits): Grid | null {
  const r = readXlsFastDetailed(bytes, limits)
  return 'grid' in r ? r.grid : null
}
