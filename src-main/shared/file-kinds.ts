// The files a clerk gives Sheaf, by their names: the units' reports (spreadsheets) and the unit
// list. Only where a name is all there is (a folder's listing, a picker's filter, a dropped
// folder); a file that is read is judged by its bytes, never its name.

/** The spreadsheet formats Sheaf reads, as file extensions. */
export const SPREADSHEET_EXTENSIONS = ['xlsx', 'xlsm', 'xlsb', 'xls', 'ods'] as const
export type SpreadsheetFormat = (typeof SPREADSHEET_EXTENSIONS)[number]

/** The unit list: the CSV of the spec (or its text), or a workbook. */
export const UNIT_LIST_EXTENSIONS = ['csv', 'txt', 'xlsx', 'xls'] as const

/** `.xlsx,.xls` for a file input's `accept`. */
export function acceptList(extensions: readonly string[]): string {
  return extensions.map((e) => `.${e}`).join(',')
}

/** A spreadsheet by its name, any case; Excel's lock files (`~$…`) are not. */
export function isSpreadsheetName(name: string): boolean {
  const dot = name.lastIndexOf('.')
  const ext = dot < 0 ? '' : name.slice(dot + 1).toLowerCase()
  return (SPREADSHEET_EXTENSIONS as readonly string[]).includes(ext) && !name.startsWith('~$')
}
