// Fills in the cells of a run of columns that ExcelJS left out of a sheet's rows, each with the style
// of another cell of its own row. The breakdown by unit has a column per unit (thousands for a
// country) and a style per kind of row: ExcelJS writes every row with its first unit's cell and its
// total, styled by kind, and the other units' cells are written here as bytes, styled like the first.
import { strToU8 } from 'fflate'
import { columnLetter } from '../workbook/address'
import { AsciiChunks, asciiWords, putNumber, putWords, type AsciiWords } from './ascii-chunks'

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

/** the most bytes one filled cell takes besides its column letters and row number */
const CELL_BOUND = 64

/**
 * The sheet's XML with the cells filled in, in chunks: each filled row gets its cells right after the
 * cell of `styleFrom` (which must come just before `from`), before any cell that follows. `text`
 * numbers a text in the workbook's shared strings.
 */
export function fillColumns(sheetXml: string, fill: ColumnFill, text: (s: string) => number): Uint8Array[] {
  // each cell's opening (`<c r="AB`), and the same after the end of the cell before it: a cell is
  // written with its opening, its row's part up to the value, the value, and the next one's opening
  const open = (j: number): string => (j < fill.count ? `<c r="${columnLetter(fill.from + j)}` : '')
  const opens = Array.from({ length: fill.count }, (_, j) => asciiWords(open(j)))
  const afterValue = Array.from({ length: fill.count }, (_, j) => asciiWords(`</v></c>${open(j + 1)}`))
  const afterEmpty = Array.from({ length: fill.count }, (_, j) => asciiWords(`"/>${open(j + 1)}`))
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
    const style = /\bs="(\d+)"/.exec(cellTag)?.[1] ?? '0'
    const next = sheetXml.indexOf('<c ', styleAt + 3)
    const insertAt = next >= 0 && next < rowEnd ? next : rowEnd
    copy(strToU8(sheetXml.slice(copied, insertAt)))
    copied = insertAt
    // what follows each cell's column letters up to its value, the same for the whole row
    const rowStyle = `${r}" s="${style}`
    const toNumber = asciiWords(`${rowStyle}"><v>`)
    const toText = asciiWords(`${rowStyle}" t="s"><v>`)
    const toEmpty = asciiWords(rowStyle)
    // the chunk's buffer and its view, taken again only when a chunk is cut
    let buf = out.buffer
    let view = out.view
    for (let j = 0; j < fill.count; j++) {
      const letters = opens[j] as AsciiWords
      const full = out.cutFor(letters.length + toText.length + CELL_BOUND)
      if (full) {
        chunks.push(full)
        buf = out.buffer
        view = out.view
      }
      // the cell's opening came at the end of the cell before it (the row's first cell has its own)
      let at = j === 0 ? putWords(view, buf, out.position, letters) : out.position
      const v = values[j]
      if (typeof v === 'number' && Number.isFinite(v)) {
        at = putWords(view, buf, at, toNumber)
        at = putNumber(buf, at, v)
        at = putWords(view, buf, at, afterValue[j] as AsciiWords)
      } else if (typeof v === 'string' && v !== '') {
        at = putWords(view, buf, at, toText)
        at = putNumber(buf, at, text(v))
        at = putWords(view, buf, at, afterValue[j] as AsciiWords)
      } else {
        at = putWords(view, buf, at, toEmpty)
        at = putWords(view, buf, at, afterEmpty[j] as AsciiWords)
      }
      out.moveTo(at)
    }
  }
  copy(strToU8(sheetXml.slice(copied)))
  flush()
  return chunks
}
