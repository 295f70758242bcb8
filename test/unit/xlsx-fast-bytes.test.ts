// Worksheets are scanned as one-byte text with their kept texts decoded by range, and small parts that
// repeat byte for byte are read once: both must read exactly as decoding each part whole did, with the
// portable decoders and the native ones alike, and the checks of UTF-8 and declarations must hold.
import { deflateRawSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import type { ByteDecoders } from '../../src-main/core/workbook/xlsx-fast/byte-text'
import { PartBytes, portableDecoders } from '../../src-main/core/workbook/xlsx-fast/byte-text'
import { parseSheet } from '../../src-main/core/workbook/xlsx-fast/parse-sheet'
import { readPart } from '../../src-main/core/workbook/xlsx-fast/part-memo'
import { parseStyles } from '../../src-main/core/workbook/xlsx-fast/parts'
import { indexOfVia } from '../../src-main/core/workbook/xlsx-fast/scan'
import { partBytes, partText } from '../../src-main/core/workbook/xlsx-fast/part-text'
import { ZipIndex } from '../../src-main/core/zip/zip-index'
import { nativeByteDecoders } from '../../src-main/services/read-pool/native-inflate'
import { buildZip, crc32 } from '../fixtures/hostile/zip'

const enc = new TextEncoder()
const DECODERS: ReadonlyArray<readonly [string, ByteDecoders]> = [
  ['portable', portableDecoders],
  ['native', nativeByteDecoders],
]

describe('the byte decoders', () => {
  const texts = ['plain ascii', 'Mã đơn vị \uFEFF giữa', '\uFEFFđầu', 'emoji 😀 và\u00A0NBSP', '']

  it('give the native and the portable results alike', () => {
    for (const text of texts) {
      const b = enc.encode(text)
      for (const [from, to] of [
        [0, b.length],
        [1, b.length],
        [0, Math.min(3, b.length)],
      ] as const) {
        expect(nativeByteDecoders.latin1(b, from, to), text).toBe(portableDecoders.latin1(b, from, to))
        if (from === 0 && to === b.length)
          expect(nativeByteDecoders.utf8(b, from, to), text).toBe(portableDecoders.utf8(b, from, to))
      }
      // a byte order mark inside a range is text, kept by both
      expect(nativeByteDecoders.utf8(b, 0, b.length)).toBe(text)
      expect(nativeByteDecoders.isUtf8(b)).toBe(true)
    }
    for (const bad of [[0xff], [0xc3], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0x61, 0x80]]) {
      const b = new Uint8Array(bad)
      expect(nativeByteDecoders.isUtf8(b), String(bad)).toBe(false)
      expect(portableDecoders.isUtf8(b), String(bad)).toBe(false)
    }
  })

  it('make one character per byte, also for a part too large for a native string', () => {
    const b = new Uint8Array(1_100_000).map((_, i) => (i * 7919) & 0xff)
    const s = nativeByteDecoders.latin1(b, 0, b.length)
    expect(s.length).toBe(b.length)
    expect([0, 1, 128, 255, 1_099_999].map((i) => s.charCodeAt(i))).toEqual(
      [0, 1, 128, 255, 1_099_999].map((i) => b[i]),
    )
  })
})

describe('a part read as bytes', () => {
  it('drops a leading byte order mark, as decoding the part whole did, and refuses what is not UTF-8', () => {
    expect(PartBytes.of(new Uint8Array([0xef, 0xbb, 0xbf, 0x3c, 0x78, 0x2f, 0x3e]))?.text).toBe('<x/>')
    expect(PartBytes.of(new Uint8Array([0x3c, 0xff, 0x3e]))).toBeNull()
    expect(() => partBytes(new Uint8Array([0x3c, 0xff, 0x3e]))).toThrow('invalid utf-8')
  })

  it.each(DECODERS)('refuses the declarations partText refuses, and only those (%s)', (_name, decoders) => {
    const words = ['<!DOCTYPE x>', '<!doctype x>', '<!ENTITY e "v">', '<!ENTıTY e "v">', '<!-- ghi chú -->']
    for (const w of [...words, '<!ĐOCTYPE>', '<!ſ>', 'x<!']) {
      const b = enc.encode(`<x>${w}</x>`)
      const refused = (read: () => unknown): boolean => {
        try {
          read()
          return false
        } catch {
          return true
        }
      }
      expect(
        refused(() => partBytes(b, decoders)),
        w,
      ).toBe(refused(() => partText(b)))
    }
  })
})

const HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
const TAIL = '</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>'
const ctx = { strings: ['chuỗi'], styles: parseStyles(null), limits: { maxRows: 100, maxCols: 100 } }

describe('indexOfVia', () => {
  it('finds what indexOf finds', () => {
    const s = '<row r="1"><c r="D1"><v>1</v></c></row>w></row><sheetData></sheetDat></sheetData>'
    for (const [pattern, rare] of [
      ['</row>', 'w>'],
      ['</sheetData>', 'Da'],
    ] as const)
      for (let from = 0; from <= s.length; from++)
        expect(indexOfVia(s, pattern, rare, from), `${pattern} ${from}`).toBe(s.indexOf(pattern, from))
  })
})

describe('parseSheet on one-byte text', () => {
  it.each(DECODERS)('decodes the texts cells keep, as the whole part decoded gave them (%s)', (_n, d) => {
    const row =
      '<row r="1"><c r="A1" t="str"><v>\uFEFFđầu 😀</v></c>\u00A0<c r="B1" t="str"><v>A &amp; Đạt</v></c>' +
      '<c r="C1"><f>"Đạt"&amp;A1</f><v>1</v></c><c r="D1" t="inlineStr"><is><t>Tổng</t></is></c>' +
      '<c r="E1" t="str"><v>dòng\r\nhai</v></c><c r="F1" t="s"><v>0</v></c></row>'
    const sheet = parseSheet(PartBytes.ofString(HEAD + row + TAIL, d), ctx)
    expect(sheet.rows[0]?.map((c) => c?.value)).toEqual([
      '\uFEFFđầu 😀',
      'A & Đạt',
      1,
      'Tổng',
      'dòng\nhai',
      'chuỗi',
    ])
    expect(sheet.rows[0]?.[2]?.formula).toBe('"Đạt"&A1')
    // the same again, from the texts already decoded
    expect(parseSheet(HEAD + row + TAIL, ctx)).toEqual(sheet)
  })

  it('reads white space beyond ASCII as the decoded text did', () => {
    // trim() and `\s` know spaces that are several bytes in UTF-8
    expect(
      parseSheet(HEAD + '<row r="1">\u00A0\u3000<c r="A1"><v>1</v></c></row>' + TAIL, ctx).rows,
    ).toHaveLength(1)
    const root = '<?xml version="1.0"?>\u3000<worksheet><sheetData><row r="1"><c r="A1"><v>2</v></c></row>'
    expect(parseSheet(root + TAIL, ctx).rows[0]?.[0]?.value).toBe(2)
    expect(() => parseSheet(HEAD + '</sheetData><hyperlink\u00A0ref="A1"/></worksheet>', ctx)).toThrow(
      'hyperlinks',
    )
    expect(() => parseSheet(HEAD + '<row r="1">x<c r="A1"><v>1</v></c></row>' + TAIL, ctx)).toThrow(
      'text in row',
    )
  })
})

describe('parts read once for files that share them', () => {
  const STYLES = '<styleSheet><cellXfs count="1"><xf numFmtId="0"/></cellXfs></styleSheet>'
  const OTHER = '<styleSheet><cellXfs count="1"><xf numFmtId="9"/></cellXfs></styleSheet>'
  const zipWith = (text: string, crc = crc32(enc.encode(text))): ZipIndex => {
    const data = enc.encode(text)
    return new ZipIndex(
      buildZip([{ name: 'xl/styles.xml', deflated: deflateRawSync(data), size: data.length, crc }]),
    )
  }

  it('reads a part byte-identical to an earlier one once', () => {
    let reads = 0
    const read = (b: Uint8Array | null): string => (reads++, partText(b as Uint8Array))
    expect(readPart(zipWith(STYLES), 'xl/styles.xml', 'test once', read)).toBe(STYLES)
    expect(readPart(zipWith(STYLES), 'xl/styles.xml', 'test once', read)).toBe(STYLES)
    expect(reads).toBe(1)
  })

  it('reads anew a part that only declares the same checksum and size', () => {
    expect(OTHER.length).toBe(STYLES.length)
    const read = (b: Uint8Array | null): string => partText(b as Uint8Array)
    expect(readPart(zipWith(STYLES), 'xl/styles.xml', 'test forged', read)).toBe(STYLES)
    const forged = zipWith(OTHER, crc32(enc.encode(STYLES)))
    expect(readPart(forged, 'xl/styles.xml', 'test forged', read)).toBe(OTHER)
  })

  it('does not remember what a reading threw, and counts the part as read', () => {
    let reads = 0
    const failing = (): never => {
      reads++
      throw new Error('no')
    }
    const zip = zipWith(STYLES)
    expect(() => readPart(zip, 'xl/styles.xml', 'test throws', failing)).toThrow('no')
    expect(() => readPart(zipWith(STYLES), 'xl/styles.xml', 'test throws', failing)).toThrow('no')
    expect(reads).toBe(2)
    expect(zip.unreadXmlParts(zip.readParts)).toEqual([])
  })
})
