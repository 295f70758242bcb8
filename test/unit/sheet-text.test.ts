import { describe, expect, it } from 'vitest'
import { encodeLegacyVietnamese } from '../../src-main/core/text/legacy-vietnamese'
import { foldLabel, foldText } from '../../src-main/core/text/normalize'
import { foldedLabelAt, foldedTextAt, mergeIndex, textAt } from '../../src-main/core/submission/sheet-text'
import { trimFloat } from '../../src-main/core/numbers/read-number'
import type { GridCell, GridSheet } from '../../src-main/core/workbook/grid'

const text = (value: string): GridCell => ({ kind: 'text', value })

const TEXTS = [
  '',
  'TE.0101',
  '  Mã   Chỉ Tiêu : ',
  'NGƯỜI LẬP BIỂU',
  'Nội dung chỉ tiêu',
  '“Trong đó”: trẻ em (dưới 6 tuổi).',
  'a\u00a0b\u200bc',
  encodeLegacyVietnamese('Người lập biểu', 'tcvn3'),
]

describe('folded cell texts', () => {
  const sheet: GridSheet = {
    name: 'S',
    hidden: false,
    rows: [[...TEXTS.map(text), { kind: 'number', value: 1234.5, formatted: '1.234,5' }, undefined]],
    merges: [],
  }

  it('are the fold of the text a person reads, ASCII or not, legacy-encoded or not', () => {
    for (let c = 0; c < TEXTS.length + 2; c++) {
      expect(foldedTextAt(sheet, 0, c)).toBe(foldText(textAt(sheet, 0, c)))
      expect(foldedLabelAt(sheet, 0, c)).toBe(foldLabel(textAt(sheet, 0, c)))
    }
    expect(foldedTextAt(sheet, 0, TEXTS.length - 1)).toBe('nguoi lap bieu')
  })
})

describe('merged ranges', () => {
  it('give every covered cell the text of their top-left cell, and no other cell', () => {
    const sheet: GridSheet = {
      name: 'S',
      hidden: false,
      rows: [[text('Kỳ báo cáo')], [undefined, text('Nam')]],
      merges: [
        { r1: 0, c1: 0, r2: 1, c2: 2 },
        { r1: 3, c1: 16383, r2: 3, c2: 16390 },
      ],
    }
    const merges = mergeIndex(sheet)
    expect(textAt(sheet, 1, 0, merges)).toBe('Kỳ báo cáo')
    expect(textAt(sheet, 0, 2, merges)).toBe('Kỳ báo cáo')
    expect(textAt(sheet, 1, 1, merges)).toBe('Nam')
    expect(textAt(sheet, 0, 3, merges)).toBe('')
    expect(textAt(sheet, 4, 0, merges)).toBe('')
    expect(merges.size).toBe(5 + 7)
  })
})

describe('merged ranges of some rows only', () => {
  it('give the cells of those rows the texts that all the merged ranges give them', () => {
    let seed = 11
    const next = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
      return seed % n
    }
    // a few cells hold a text: the others show their merged range's
    const rows = Array.from({ length: 20 }, (_, r) =>
      Array.from({ length: 12 }, (_, c) => (next(4) === 0 ? text(`${r}:${c}`) : undefined)),
    )
    let merged = 0
    for (let round = 0; round < 20; round++) {
      const merges = Array.from({ length: 15 }, () => {
        const r1 = next(20)
        const c1 = next(12)
        ;(rows[r1] as (GridCell | undefined)[])[c1] = text(`${r1}:${c1}`)
        return { r1, c1, r2: r1 + next(4), c2: c1 + next(5) }
      })
      const sheet: GridSheet = { name: 'S', hidden: false, rows, merges }
      const all = mergeIndex(sheet)
      const from = next(18)
      const to = from + next(3)
      const some = mergeIndex(sheet, to, from)
      for (let r = from; r <= to; r++)
        for (let c = 0; c < 16; c++) {
          const shown = textAt(sheet, r, c, all)
          if (shown !== '' && sheet.rows[r]?.[c] === undefined) merged++
          expect(textAt(sheet, r, c, some)).toBe(shown)
        }
    }
    expect(merged).toBeGreaterThan(20)
  })
})

describe('trimFloat on short numbers', () => {
  it('leaves numbers with fewer than 15 significant digits alone and trims longer noise', () => {
    expect(trimFloat(93.41)).toBe(93.41)
    expect(trimFloat(-0.000001)).toBe(-0.000001)
    expect(trimFloat(0.1 + 0.7)).toBe(0.8)
    expect(trimFloat(102.40375219855385)).toBe(102.40375219855385)
  })
})
