// A cell's number format as SheetJS applies it, for every fast reader (.xlsx, .xls, .ods): whether the
// format shows a date, and the text SheetJS's formatter gives a value, remembered per format and value.
import * as XLSX from '@e965/xlsx'

const dateFormats = new Map<string, boolean>()
export function isDateFormat(format: string): boolean {
  let d = dateFormats.get(format)
  if (d === undefined) {
    d = format !== 'General' && Boolean(XLSX.SSF.is_date(format))
    dateFormats.set(format, d)
  }
  return d
}

// Formatting a number is the costliest step per cell, and a batch repeats the same few values.
const formatted = new Map<string, Map<number, string | undefined>>()
const FORMAT_CACHE_MAX = 50_000
let formatCacheSize = 0
export function formatNumber(format: string, v: number): string | undefined {
  if (Object.is(v, -0)) return formatOther(format, v)
  let byValue = formatted.get(format)
  if (byValue === undefined) {
    byValue = new Map()
    formatted.set(format, byValue)
  }
  const known = byValue.get(v)
  if (known !== undefined || byValue.has(v)) return known
  let w: string | undefined
  try {
    w = XLSX.SSF.format(format, v)
  } catch {
    w = undefined
  }
  if (formatCacheSize >= FORMAT_CACHE_MAX) {
    formatted.clear()
    formatCacheSize = 0
    byValue = new Map()
    formatted.set(format, byValue)
  }
  byValue.set(v, w)
  formatCacheSize++
  return w
}

export function formatOther(format: string, v: string | boolean | number): string | undefined {
  try {
    return XLSX.SSF.format(format, v)
  } catch {
    return undefined
  }
}
