import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { csvRecords, parseCsv } from '../../src-main/core/csv/parse-csv'
import {
  decodeLegacyVietnamese,
  encodeLegacyVietnamese,
  isVietnameseSyllable,
  legacyTableSizes,
  looksLegacyVietnamese,
  toUnicodeVietnamese,
} from '../../src-main/core/text/legacy-vietnamese'

const labels = csvRecords(
  parseCsv(
    fs.readFileSync(path.resolve(__dirname, '../../templates/child-work-2025/indicators.csv'), 'utf8'),
  ),
).records.map((r) => r.label as string)

// The 134 letters of Vietnamese beyond ASCII, built from bases and tones rather than copied from a table.
const BASES = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y']
const TONES = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323']
const LETTERS = [...BASES.flatMap((b) => TONES.map((t) => (b + t).normalize('NFC'))), 'đ']
  .filter((l) => !/^[a-z]$/.test(l))
  .flatMap((l) => [l, l.toUpperCase()])

describe('legacy Vietnamese encodings', () => {
  it('has all 134 Vietnamese letters in both tables', () => {
    expect(LETTERS).toHaveLength(134)
    expect(legacyTableSizes()).toEqual({ tcvn3: 134, vni: 134 })
    for (const l of LETTERS) {
      // TCVN3 keeps a toned capital's case only inside a word in capitals
      const word = l === l.toUpperCase() ? `TH${l}NG` : `th${l}ng`
      expect(decodeLegacyVietnamese(encodeLegacyVietnamese(word, 'tcvn3'), 'tcvn3')).toBe(word)
      expect(decodeLegacyVietnamese(encodeLegacyVietnamese(l, 'vni'), 'vni')).toBe(l)
    }
    // the legacy forms are Latin-1 characters, one or two of them
    expect(encodeLegacyVietnamese(LETTERS.join(''), 'tcvn3')).toMatch(/^[\u00a1-\u00ff]{134}$/)
    expect(encodeLegacyVietnamese('Số trẻ em', 'vni')).toBe('Soá treû em')
  })

  it('decodes the examples people know', () => {
    expect(toUnicodeVietnamese('Sè trÎ em')).toBe('Số trẻ em')
    expect(toUnicodeVietnamese('Soá treû em')).toBe('Số trẻ em')
    expect(looksLegacyVietnamese('Sè trÎ em')).toBe('tcvn3')
    expect(looksLegacyVietnamese('Soá treû em')).toBe('vni')
    expect(toUnicodeVietnamese('B¶o Th¾ng')).toBe('Bảo Thắng')
    // TCVN3 writes ư as the soft hyphen U+00AD
    expect(toUnicodeVietnamese('M\u00adêng Kh\u00ad¬ng')).toBe('Mường Khương')
    expect(toUnicodeVietnamese('Xin chaøo caùc baïn')).toBe('Xin chào các bạn')
    expect(toUnicodeVietnamese('UBND X· T©n Phong')).toBe('UBND Xã Tân Phong')
    expect(toUnicodeVietnamese('SÔÛ Y TEÁ TÆNH ÑAÉK LAÉK')).toBe('SỞ Y TẾ TỈNH ĐẮK LẮK')
  })

  it('restores the capitals that TCVN3 writes with lower-case codes', () => {
    expect(toUnicodeVietnamese('B¸O C¸O 6 TH¸NG')).toBe('BÁO CÁO 6 THÁNG')
    // the converters that spell a toned capital as capital + code
    expect(toUnicodeVietnamese('A¸nh s¸ng')).toBe('Ánh sáng')
  })

  it.each(['tcvn3', 'vni'] as const)('round-trips every label of the 2025 form through %s', (enc) => {
    let encoded = 0
    for (const label of labels) {
      const legacy = encodeLegacyVietnamese(label, enc)
      if (legacy === label) continue
      encoded++
      expect(looksLegacyVietnamese(legacy), legacy).toBe(enc)
      expect(toUnicodeVietnamese(legacy)).toBe(label)
    }
    expect(encoded).toBeGreaterThan(80)
  })

  it('does not fire on Unicode Vietnamese, in NFC or NFD', () => {
    for (const label of labels) {
      expect(looksLegacyVietnamese(label), label).toBeNull()
      expect(toUnicodeVietnamese(label)).toBe(label)
      expect(looksLegacyVietnamese(label.normalize('NFD'))).toBeNull()
    }
    for (const s of [
      'Tên',
      'Mã',
      'Chú ý',
      'Hè',
      'Tên khác',
      'Mã sở',
      'Số TT',
      'Cà Mau',
      'Lào Cai',
      'Hà Nội',
    ]) {
      expect(looksLegacyVietnamese(s), s).toBeNull()
    }
  })

  it('does not fire on English or other Latin text', () => {
    for (const s of [
      'Number of children',
      'café au lait',
      'naïve résumé',
      'Zoë and José',
      '© 2025 Ministry of Health',
      'Total ± 5%',
      'Crème brûlée',
      'Straße',
      '',
      '12.345',
    ]) {
      expect(looksLegacyVietnamese(s), s).toBeNull()
      expect(toUnicodeVietnamese(s)).toBe(s)
    }
  })

  it('knows the shape of a Vietnamese syllable', () => {
    for (const w of ['người', 'khuya', 'quốc', 'gì', 'Trẻ', 'EM', 'nghiêng', 'yêu']) {
      expect(isVietnameseSyllable(w), w).toBe(true)
    }
    for (const w of ['treû', 'trỴ', 'cafe', 'sốá', 'strong']) expect(isVietnameseSyllable(w), w).toBe(false)
  })
})
