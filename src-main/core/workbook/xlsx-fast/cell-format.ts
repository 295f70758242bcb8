// A cell's number format as SheetJS applies it, for every fast reader (.xlsx, .xls, .ods): whether the
// format shows a date, and the text SheetJS's formatter gives a value, remembered per format and value
// in the one bounded memo (shared/bounded-memo.ts).
import * as XLSX from '@e965/xlsx'
import { BoundedMemo, BoundedPairMemo } from '../../../shared/bounded-memo'

const dateFormats = new BoundedMemo<string, boolean>(4096)
export function isDateFormat(format: string): boolean {
  let d = dateFormats.get(format)
  if (d === undefined) {
    d = format !== 'General' && Boolean(XLSX.SSF.is_date(format))
    dateFormats.set(format, d)
  }
  return d
}

// Formatting a number is the costliest step per cell, and a batch repeats the same few values.
const formatted = new BoundedPairMemo<string, number, string | undefined>(50_000)
export function formatNumber(format: string, v: number): string | undefined {
  if (Object.is(v, -0)) return formatOther(format, v)
  const byValue = formatted.under(format)
  if (byValue !== undefined) {
    const known = byValue.get(v)
    if (known !== undefined || byValue.has(v)) return known
  }
  const w = formatOther(format, v)
  formatted.set(format, v, w)
  return w
}

/**
 * Loads SheetJS's formatter now: the command's bundle loads SheetJS on first use, which a batch's
 * first file with a number format would otherwise wait for; a read worker loads it while it waits for
 * its first file.
 */
export function loadNumberFormats(): void {
  XLSX.SSF.is_date('General')
}

export function formatOther(format: string, v: string | boolean | number): string | undefined {
  try {
    return XLSX.SSF.format(format, v)
  } catch {
    return undefined
  }
}
