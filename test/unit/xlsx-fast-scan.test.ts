// The fast reader's shortcuts for the usual markup (plain shared strings, `<v>`-only cells, plainly
// written attributes) must read exactly as its general scanning of the same content does.
import { describe, expect, it } from 'vitest'
import { parseSheet } from '../../src-main/core/workbook/xlsx-fast/parse-sheet'
import {
  parseSharedStrings,
  parseSharedStringsPart,
  parseStyles,
} from '../../src-main/core/workbook/xlsx-fast/parts'
import type { PartBytes } from '../../src-main/core/workbook/xlsx-fast/byte-text'
import { indexOfBang } from '../../src-main/core/workbook/xlsx-fast/scan'
import { partBytes, partText } from '../../src-main/core/workbook/xlsx-fast/part-text'

const SST_OPEN = '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
const ITEMS = [
  '<si><t>Mã đơn vị</t></si>',
  '<si><t xml:space="preserve">  có khoảng trắng </t></si>',
  '<si><t>A &amp; B &lt;x&gt; &#7899; &quot;q&quot;</t></si>',
  '<si><t>dòng 1_x000D_\r\ndòng 2</t></si>',
  '<si><t>under_score</t></si>',
  '<si><t></t></si>',
]
// a rich item sends the whole table to the general reading
const RICH = '<si><r><t>x</t></r></si>'

describe('parseSharedStrings', () => {
  it('reads a plain table as the general reading does, with its empty item after the last', () => {
    const plain = parseSharedStrings(SST_OPEN + ITEMS.join('\n') + '</sst>')
    const general = parseSharedStrings(SST_OPEN + ITEMS.join('\n') + RICH + '</sst>')
    expect(plain).toEqual([...general.slice(0, ITEMS.length), ''])
    expect(plain.slice(0, 3)).toEqual(['Mã đơn vị', '  có khoảng trắng ', 'A & B <x> ớ "q"'])
  })

  it('reads an empty table as one empty item, as the general reading does', () => {
    expect(parseSharedStrings(SST_OPEN + '</sst>')).toEqual([''])
  })
})

describe('parseSharedStringsPart (from the bytes, texts decoded once per batch)', () => {
  const part = (xml: string, bom = false): PartBytes => {
    const bytes = new TextEncoder().encode(xml)
    return partBytes(bom ? new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]) : bytes)
  }

  it('reads every kind of table exactly as the decoded text is read', () => {
    const tables = [
      SST_OPEN + ITEMS.join('\n') + '</sst>',
      SST_OPEN + ITEMS.join('') + RICH + '</sst>',
      SST_OPEN + '</sst>',
      '<?xml version="1.0"?>\n<x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
        '<x:si><x:t>Tỉnh Lai Châu</x:t></x:si></x:sst>',
    ]
    for (const xml of tables) {
      expect(parseSharedStringsPart(part(xml)), xml).toEqual(
        parseSharedStrings(partText(new TextEncoder().encode(xml))),
      )
      expect(parseSharedStringsPart(part(xml, true)), xml).toEqual(parseSharedStrings(xml))
    }
    expect(parseSharedStringsPart(null)).toEqual([])
  })

  it('hands out the same text for an item that comes again in another file', () => {
    const a = parseSharedStringsPart(part(SST_OPEN + ITEMS.join('') + '</sst>'))
    const b = parseSharedStringsPart(
      part(SST_OPEN + '<si><t>UBND xã Bắc Đức</t></si>' + ITEMS.join('') + '</sst>'),
    )
    expect(b.slice(1)).toEqual(a)
    expect(b[1]).toBe('Mã đơn vị')
  })

  it('reads an item that changed at its place as what it now says', () => {
    const table = (name: string) =>
      parseSharedStringsPart(part(`${SST_OPEN}<si><t>Mã đơn vị</t></si><si><t>${name}</t></si></sst>`))
    expect(table('UBND xã Bắc Đức')).toEqual(['Mã đơn vị', 'UBND xã Bắc Đức', ''])
    // same length, other bytes; then a text with an entity at that place; then the first again
    expect(table('UBND xã Bắc Đưc')).toEqual(['Mã đơn vị', 'UBND xã Bắc Đưc', ''])
    expect(table('A &amp; B')).toEqual(['Mã đơn vị', 'A & B', ''])
    expect(table('UBND xã Bắc Đức')).toEqual(['Mã đơn vị', 'UBND xã Bắc Đức', ''])
  })
})

const SHEET_OPEN =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
const ctx = {
  strings: ['chuỗi chung', ''],
  styles: parseStyles(null),
  limits: { maxRows: 100, maxCols: 100 },
}
const sheet = (rows: string): unknown => parseSheet(SHEET_OPEN + rows + '</sheetData></worksheet>', ctx)

describe('parseSheet', () => {
  it('reads `<v>`-only cells and plainly written attributes as their general forms', () => {
    const usual =
      '<row r="1"><c r="A1"><v>42</v></c><c r="B1" t="s"><v>0</v></c><c r="C1" t="str"><v>Năm &amp; kỳ</v></c>' +
      '<c r="D1"><v>105.1</v></c><c r="E1" t="str"><v></v></c><c r="F1" s="0"/></row>'
    const general =
      "<row r = '1'><c x:r='A1'> <v >42</v> </c><c r = \"B1\" t ='s'><v>0</v>\n</c>" +
      "<c r='C1' t='str'><v >Năm &amp; kỳ</v></c><c r='D1' ><v>105.1</v></c><c r=\"E1\" t='str'> <v></v></c>" +
      "<c r='F1' s='0'/></row>"
    expect(sheet(usual)).toEqual(sheet(general))
    expect(sheet(usual)).toMatchObject({
      rows: [
        [
          { kind: 'number', value: 42 },
          { kind: 'text', value: 'chuỗi chung' },
          { kind: 'text', value: 'Năm & kỳ' },
          { kind: 'number', value: 105.1 },
          { kind: 'text', value: '' },
        ],
      ],
    })
  })

  it('sends CDATA back, wherever it is', () => {
    expect(() => sheet('<row r="1"><c r="A1" t="str"><v><![CDATA[x]]></v></c></row>')).toThrow('cdata')
  })
})

describe('the search for declarations', () => {
  it('finds each `<!` and only those', () => {
    const text = 'a!b<x>!<!-- c --><!DOCTYPE x>'
    expect(indexOfBang(text, 0)).toBe(text.indexOf('<!'))
    expect(indexOfBang(text, text.indexOf('<!') + 2)).toBe(text.indexOf('<!D'))
    expect(indexOfBang('!<!', 1)).toBe(1)
    expect(indexOfBang('<x>!', 0)).toBe(-1)
  })

  it('refuses a part that declares a DTD or entities, in any case', () => {
    const enc = new TextEncoder()
    expect(() => partText(enc.encode('<?xml version="1.0"?><!doctype x><x/>'))).toThrow('declarations')
    expect(() => partText(enc.encode('<x>!</x><!ENTITY e "v">'))).toThrow('declarations')
    expect(partText(enc.encode('<x>Hay!</x><!-- ghi chú -->'))).toBe('<x>Hay!</x><!-- ghi chú -->')
  })
})
