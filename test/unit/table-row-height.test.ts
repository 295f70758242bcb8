// A table row's height: enough lines for the longest wrapped text of its cells, numbers included.
import { describe, expect, it } from 'vitest'
import {
  proseHeight,
  tableRowHeight,
  wrappedHeight,
  type TableColumn,
} from '../../src-main/core/output/excel-util'

/** The height as the rule says it, every cell's text made and measured. */
function byTheRule(columns: readonly TableColumn[], values: readonly (string | number | null)[]): number {
  let h = 15
  columns.forEach((c, i) => {
    const text = String(values[i] ?? '')
    if (c.wrap) h = Math.max(h, c.prose ? proseHeight(text, c.width - 1) : wrappedHeight(text, c.width - 1))
  })
  return h
}

describe('tableRowHeight', () => {
  it('gives every row the height its texts and numbers need, in narrow and wide columns', () => {
    const columns: TableColumn[] = [
      { header: 'STT', width: 7, center: true },
      { header: 'Nội dung', width: 20, wrap: true },
      { header: 'Xã A', width: 13, wrap: true },
      { header: 'Hẹp', width: 6, wrap: true },
      { header: 'Tổng', width: 13 },
      // a unit's column of the breakdown, and a narrower one of words
      { header: 'Xã B', width: 11, wrap: true, prose: true },
      { header: 'Tên', width: 5, wrap: true, prose: true },
    ]
    const numbers = [
      0,
      -7,
      12345,
      99_999_999_999,
      -99_999_999_999,
      1e11,
      -1e11,
      123456789012.5,
      0.1 + 0.2,
      1e21,
      12.5,
      1_234_567_890_123,
      -1_234_567_890_123,
      12_345_678_901_234,
      123_456_789_012_345,
      999_999_999_999_999,
      1e15,
      -1e14,
    ]
    const texts = ['', 'Số trẻ em', 'Số trẻ em dưới 16 tuổi có hoàn cảnh đặc biệt', 'một\nhai\nba']
    let seed = 7
    const pick = <T>(xs: readonly T[]): T => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
      return xs[seed % xs.length] as T
    }
    const cell = (): string | number | null => pick([null, pick(numbers), pick(texts)])
    for (let k = 0; k < 500; k++) {
      const values = [k, cell(), cell(), cell(), cell(), cell(), cell()]
      expect(tableRowHeight(columns, values), JSON.stringify(values)).toBe(byTheRule(columns, values))
    }
    // a row of blanks and short numbers only: one line, as a row of one-line texts
    expect(tableRowHeight(columns, [1, null, 99_999_999_999, null, 5])).toBe(wrappedHeight('x', 19))
    // a long number in a 13-wide column takes two lines
    expect(tableRowHeight(columns, [1, null, 123456789012.5, null, 5])).toBe(32)
  })
})
