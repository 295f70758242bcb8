// The text SheetJS gives an error value of a cell (its BErr table), shared by the readers that must
// give exactly SheetJS's grid: SheetJS's own, and the fast .xls and .ods readers.

export const ERROR_TEXT: Readonly<Record<number, string>> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
  0x2b: '#GETTING_DATA',
}

/** An error code's text; an unknown code reads as #N/A, as SheetJS shows it. */
export function errorText(code: unknown): string {
  return ERROR_TEXT[code as number] ?? '#N/A'
}
