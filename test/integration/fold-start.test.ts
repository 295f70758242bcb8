import { describe, expect, it } from 'vitest'
import { encodeLegacyVietnamese } from '../../src-main/core/text/legacy-vietnamese'
import { foldLabel, foldMayStartWith, foldText } from '../../src-main/core/text/normalize'
import {
  foldedLabelAt,
  foldedTextAt,
  labelRuledOutAt,
  unicodeText,
} from '../../src-main/core/submission/sheet-text'
import { trimFloat } from '../../src-main/core/numbers/read-number'
import type { GridSheet } from '../../src-main/core/workbook/grid'

// What follows an ASCII character and could change its fold: spaces, Latin-1 (legacy codes),
// combining marks of every block, Vietnamese letters, the letters legacy decoding produces.
const FOLLOWERS: number[] = []
for (const [a, b] of [
  [0x00, 0x2ff],
  [0x300, 0x36f],
  [0x483, 0x489],
  [0x591, 0x5c7],
  [0x610, 0x61a],
  [0x64b, 0x65f],
  [0x900, 0x97f],
  [0x1ab0, 0x1aff],
  [0x1dc0, 0x1dff],
  [0x1e00, 0x1eff],
  [0x2000, 0x206f],
  [0x20d0, 0x20ff],
  [0x3000, 0x3000],
  [0x3099, 0x309a],
  [0xfe20, 0xfe2f],
  [0xfeff, 0xfeff],
] as const)
  for (let m = a; m <= b; m++) FOLLOWERS.push(m)

const foldShown = (s: string) => foldText(unicodeText(s))
const labelShown = (s: string) => foldLabel(unicodeText(s))

describe('foldMayStartWith', () => {
  it('an ASCII character other than a space starts its fold lower-cased, whatever follows', () => {
    for (let c = 0x21; c < 0x7f; c++) {
      const ch = String.fromCharCode(c)
      const lower = ch.toLowerCase()
      const quote = ch === '"' || ch === "'" || ch === '`'
      for (const m of FOLLOWERS) {
        const s = ch + String.fromCodePoint(m)
        expect(foldShown(s)[0]).toBe(lower)
        const label = labelShown(s)
        if (!quote && label !== '') expect(label[0]).toBe(lower)
      }
    }
  })

  const TEXTS = [
    'NGƯỜI LẬP BIỂU',
    'Người lập biểu:',
    'Nguoi lap bieu',
    'THỦ TRƯỞNG ĐƠN VỊ',
    'Thu truong',
    'Trẻ em',
    'thôn',
    'TE.0101',
    '1.234',
    '  Người lập biểu',
    '"Người" lập biểu',
    'Mã chỉ tiêu',
    'Ma chi tieu.',
    'STT',
    'S T T',
    '.',
    'a.',
    'ab,:',
    '\u200bNgười',
    'N\u0301guoi',
  ]
  const legacy = TEXTS.flatMap((t) => [
    encodeLegacyVietnamese(t, 'tcvn3'),
    encodeLegacyVietnamese(t, 'vni'),
    encodeLegacyVietnamese(t.toLowerCase(), 'tcvn3'),
  ])
  const starts = [
    '',
    'n',
    'ng',
    'nguoi lap bieu',
    'thu truong don vi',
    'tr',
    'stt',
    'ma chi tieu',
    'te.0101',
    '1.2',
    'a',
    'ab',
  ]

  it('says no only to texts whose fold does not start with the text asked', () => {
    let ruledOut = 0
    for (const s of [...TEXTS, ...legacy]) {
      for (const t of [...starts, foldShown(s), labelShown(s)]) {
        if (!foldMayStartWith(s, t)) {
          ruledOut++
          expect(foldShown(s).startsWith(t)).toBe(false)
        }
        if (!foldMayStartWith(s, t, true)) expect(labelShown(s).startsWith(t)).toBe(false)
      }
    }
    // and it does rule texts out
    expect(ruledOut).toBeGreaterThan(100)
  })

  it('gives the cell functions the same answers, only without folding', () => {
    const sheet: GridSheet = {
      name: 'S',
      hidden: false,
      rows: [[...TEXTS, ...legacy].map((value) => ({ kind: 'text', value }))],
      merges: [],
    }
    const labels = ['nguoi lap bieu', 'ma chi tieu', 'stt', 'a']
    for (let c = 0; c < TEXTS.length + legacy.length; c++) {
      const t = foldedTextAt(sheet, 0, c)
      const filtered = foldedTextAt(sheet, 0, c, starts.slice(1))
      expect(filtered === t || (filtered === '' && !starts.slice(1).some((s) => t.startsWith(s)))).toBe(true)
      const l = foldedLabelAt(sheet, 0, c)
      const lf = foldedLabelAt(sheet, 0, c, undefined, labels)
      expect(lf === l || (lf === '' && !labels.includes(l))).toBe(true)
      if (labelRuledOutAt(sheet, 0, c, labels)) {
        expect(l).not.toBe('')
        expect(labels.some((s) => l.startsWith(s))).toBe(false)
      }
    }
  })
})

describe('trimFloat shortcut', () => {
  it('takes numbers of at most 4 decimals and 9 integer digits, which print in under 16 characters', () => {
    let seed = 7
    const rnd = () => (seed = (seed * 48271) % 2147483647) / 2147483647
    for (let i = 0; i < 20000; i++) {
      const x =
        Math.round((rnd() - 0.5) * 2e9 * 10 ** -Math.floor(rnd() * 9) * 1e4) / 10 ** Math.floor(rnd() * 5)
      if (Math.abs(x) < 1e9 && Math.round(x * 1e4) / 1e4 === x) expect(String(x).length).toBeLessThan(16)
      expect(trimFloat(x)).toBe(x)
    }
  })
})
