// Fills in the cells of a run of columns that ExcelJS left out of a sheet's rows, each with the style
// of another cell of its own row. The breakdown by unit has a column per unit (thousands for a
// country) and a style per kind of row: ExcelJS writes every row with its first unit's cell and its
// total, styled by kind, and the other units' cells are written here as bytes, styled like the first.
import { strToU8 } from 'fflate'
import { columnLetter } from '../workbook/address'
import { AsciiChunks, asciiBytes, putBytes, putNumber } from './ascii-chunks'

export type ColumnFill = Readonly<{
  sheetName: string
  /** the first column to fill (0-based) */
  from: number
  /** how many columns, from `from` on */
  count: number
  /** the column (0-based) whose cell in the same row gives each filled cell its style */
  styleFrom: number
  /**
   * the values of a sheet row (1-based), `count` of them (a text goes to the shared strings: a header
   * row's); undefined: the row is left as it is
   */
  values: (row: number) => readonly (number | string | null | undefined)[] | undefined
}>

/** The bytes of each chunk of filled cells: the unit the zip deflates at a time, as `append-rows.ts`. */
const CHUNK_BYTES = 4 << 20

const STYLE = asciiBytes('" s="')
const NUMBER_VALUE = asciiBytes('"><v>')
const SHARED_VALUE = asciiBytes('" t="s"><v>')
const VALUE_END = asciiBytes('</v></c>')
const EMPTY_END = asciiBytes('"/>')
/** the most bytes one filled cell takes besides its column letters and row number */
const CELL_BOUND = 64

/**
 * The sheet's XML with the cells filled in, in chunks: each filled row gets its cells right after the
 * cell of `styleFrom` (which must come just before `from`), before any cell that follows. `text`
 * numbers a text in the workbook's shared strings.
 */
export function fillColumns(sheetXml: string, fill: ColumnFill, text: (s: string) => number): Uint8Array[] {
  const opens = Array.from({ length: fill.count }, (_, j) =>
    asciiBytes(`<c r="${columnLetter(fill.from + j)}`),
  )
  const styleLetter = columnLetter(fill.styleFrom)
  const chunks: Uint8Array[] = []
  const out = new AsciiChunks(CHUNK_BYTES)
  const flush = (): void => {
    const bytes = out.take()
    if (bytes.length > 0) chunks.push(bytes)
  }
  // the sheet's own XML between filled runs goes into the same chunks: a chunk per row would make the
  // zip deflate thousands of small pieces, each with a deflater of its own
  const copy = (bytes: Uint8Array): void => {
    if (bytes.length > CHUNK_BYTES / 2) {
      flush()
      chunks.push(bytes)
      return
    }
    const full = out.cutFor(bytes.length)
    if (full) chunks.push(full)
    out.buffer.set(bytes, out.position)
    out.moveTo(out.position + bytes.length)
  }
  let copied = 0
  for (const m of sheetXml.matchAll(/<row\b[^>]*?\br="(\d+)"[^>]*>/g)) {
    const r = Number(m[1])
    const values = fill.values(r)
    if (!values) continue
    const rowEnd = sheetXml.indexOf('</row>', m.index)
    const styleAt = sheetXml.indexOf(`<c r="${styleLetter}${r}"`, m.index)
    if (rowEnd < 0 || styleAt < 0 || styleAt > rowEnd)
      throw new Error(`fillColumns: row ${r} of "${fill.sheetName}" has no cell ${styleLetter}${r}`)
    const cellTag = sheetXml.slice(styleAt, sheetXml.indexOf('>', styleAt))
    const style = asciiBytes(/\bs="(\d+)"/.exec(cellTag)?.[1] ?? '0')
    const next = sheetXml.indexOf('<c ', styleAt + 3)
    const insertAt = next >= 0 && next < rowEnd ? next : rowEnd
    copy(strToU8(sheetXml.slice(copied, insertAt)))
    copied = insertAt
    const row = asciiBytes(String(r))
    for (let j = 0; j < fill.count; j++) {
      const open = opens[j] as Uint8Array
      const full = out.cutFor(open.length + row.length + style.length + CELL_BOUND)
      if (full) chunks.push(full)
      const buf = out.buffer
      let at = putBytes(buf, out.position, open)
      at = putBytes(buf, at, row)
      at = putBytes(buf, at, STYLE)
      at = putBytes(buf, at, style)
      const v = values[j]
      if (typeof v === 'number' && Number.isFinite(v)) {
        at = putBytes(buf, at, NUMBER_VALUE)
        at = putNumber(buf, at, v)
        at = putBytes(buf, at, VALUE_END)
      } else if (typeof v === 'string' && v !== '') {
        at = putBytes(buf, at, SHARED_VALUE)
        at = putNumber(buf, at, text(v))
        at = putBytes(buf, at, VALUE_END)
      } else at = putBytes(buf, at, EMPTY_END)
      out.moveTo(at)
    }
  }
  copy(strToU8(sheetXml.slice(copied)))
  flush()
  return chunks
}
