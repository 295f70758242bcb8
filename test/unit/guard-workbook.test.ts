import zlib from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { guardWorkbook } from '../../src-main/core/workbook/guard-workbook'
import { declaresEntities, guardOdsRepeats } from '../../src-main/core/workbook/guard-xml'
import { guardZip } from '../../src-main/core/workbook/guard-zip'
import { guardOle } from '../../src-main/core/workbook/guard-ole'
import { readWorkbook, WorkbookReadError } from '../../src-main/core/workbook/read-workbook'
import { loadTestPack } from '../helpers/load-test-pack'
import {
  billionLaughs,
  brokenOle,
  odsAbsurdRepeat,
  odsRepeatBomb,
  odsTrailingEmptiness,
  zipBombDeclared,
} from '../fixtures/hostile/hostile-files'
import { validWorkbook } from '../fixtures/hostile/valid-workbook'
import { buildZip, unzip } from '../fixtures/hostile/zip'

const pack = loadTestPack()
const enc = new TextEncoder()

function refusal(bytes: Uint8Array): WorkbookReadError {
  try {
    readWorkbook(bytes)
  } catch (e) {
    if (e instanceof WorkbookReadError) return e
    throw e
  }
  throw new Error('the workbook was read')
}

describe('guardZip', () => {
  it('lets a normal workbook through untouched', () => {
    const bytes = validWorkbook(pack)
    const v = guardZip(bytes)
    expect(v.ok).toBe(true)
    if (v.ok) expect(v.bytes).toBe(bytes)
  })

  it('refuses a sheet that declares 4 GB before inflating anything', () => {
    const v = guardZip(zipBombDeclared(pack))
    expect(v.ok).toBe(false)
    if (!v.ok) {
      expect(v.refusal.reason).toBe('unsafe')
      expect(v.refusal.text.vi).toMatch(/200 MB/)
    }
  })

  it('refuses an entry over 10 MB that is compressed more than 200 times', () => {
    const zeros = new Uint8Array(11 * 1024 * 1024)
    const bytes = buildZip([
      { name: 'xl/workbook.xml', data: enc.encode('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', deflated: zlib.deflateRawSync(zeros), size: zeros.length, crc: 0 },
    ])
    const v = guardZip(bytes)
    expect(v.ok).toBe(false)
    if (!v.ok) expect(v.refusal.text.en).toMatch(/sheet1\.xml is compressed \d+ times/)
  })

  it('accepts a large entry that compresses like ordinary XML', () => {
    const rows: string[] = []
    for (let r = 1; r <= 400_000; r++)
      rows.push(`<row r="${r}"><c r="A${r}"><v>${(r * 7919) % 100003}</v></c></row>`)
    const xml = enc.encode(rows.join(''))
    const deflated = zlib.deflateRawSync(xml)
    expect(xml.length).toBeGreaterThan(10 * 1024 * 1024)
    const bytes = buildZip([
      { name: 'xl/workbook.xml', data: enc.encode('<workbook/>') },
      { name: 'big.xml', deflated, size: xml.length, crc: 0 },
    ])
    expect(guardZip(bytes).ok).toBe(true)
    // making and deflating 10 MB of XML took 14.5 s beside the other test files on a loaded machine
  }, 60_000)

  it('refuses one entry listed many times in the central directory (overlapping entries)', () => {
    const bytes = buildZip([
      { name: 'xl/workbook.xml', data: enc.encode('<workbook/>') },
      { name: 'blob', data: new Uint8Array(4 * 1024 * 1024).fill(7), aliases: 60 },
    ])
    const v = guardZip(bytes)
    expect(v.ok).toBe(false)
  })

  it('writes the central size into a local header that left it to a data descriptor', () => {
    const data = enc.encode('<worksheet/>'.repeat(100))
    const bytes = buildZip([
      { name: 'xl/workbook.xml', data: enc.encode('<workbook/>'), dataDescriptor: true },
      { name: 'a.xml', data, dataDescriptor: true },
    ])
    const v = guardZip(bytes)
    expect(v.ok).toBe(true)
    if (v.ok) {
      expect(v.bytes).not.toBe(bytes)
      expect(bytes.length).toBe(v.bytes.length)
      expect(v.entries.map((e) => e.size)).toEqual([11, data.length])
    }
  })

  it('calls a central directory that points outside the file damaged', () => {
    const bytes = validWorkbook(pack).slice()
    const view = new DataView(bytes.buffer)
    const end = bytes.length - 22
    view.setUint32(view.getUint32(end + 16, true) + 42, 0x7fffffff, true)
    const v = guardZip(bytes)
    expect(v.ok).toBe(false)
    if (!v.ok) expect(v.refusal.reason).toBe('damaged')
  })
})

describe('guardXml through guardWorkbook', () => {
  it('refuses entity declarations (billion laughs in sharedStrings)', () => {
    const e = refusal(billionLaughs(pack))
    expect(e.reason).toBe('unsafe')
    expect(e.text.vi).toMatch(/xl\/sharedStrings\.xml khai báo thực thể XML/)
  })

  it('refuses an .ods whose repeated cells would expand to a billion', () => {
    expect(refusal(odsRepeatBomb(pack)).text.en).toMatch(/more than 1,000,000 cells/)
    expect(refusal(odsAbsurdRepeat(pack)).text.en).toMatch(/a row is repeated 99999999999 times/)
  })

  it('accepts the empty padding LibreOffice writes after the data', () => {
    const grid = readWorkbook(odsTrailingEmptiness(pack))
    expect(grid.format).toBe('ods')
    expect(grid.sheets.map((s) => s.name)).toContain('Bieu 01')
  })

  it('counts repeats of filled cells only', () => {
    const xml = (row: number, col: number, filled: boolean) =>
      enc.encode(
        `<table:table-row table:number-rows-repeated="${row}"><table:table-cell table:number-columns-repeated="${col}"${filled ? ' office:value-type="float" office:value="1"' : ''}/></table:table-row>`,
      )
    expect(guardOdsRepeats(xml(1000, 999, true))).toBeNull()
    expect(guardOdsRepeats(xml(1001, 1000, true))).not.toBeNull()
    expect(guardOdsRepeats(xml(1_048_576, 16_384, false))).toBeNull()
  })

  it('keeps the parts of a workbook readable after the guard', () => {
    const bytes = validWorkbook(pack)
    const v = guardWorkbook(bytes, 'xlsx')
    expect(v.ok).toBe(true)
    expect([...unzip(bytes).keys()]).toContain('xl/workbook.xml')
  })
})

describe('guardOle', () => {
  it('accepts a real .xls and refuses a header with nonsense tables', () => {
    expect(guardOle(validWorkbook(pack, { bookType: 'xls' }))).toBeNull()
    expect(guardOle(brokenOle())?.reason).toBe('damaged')
    const xls = validWorkbook(pack, { bookType: 'xls' }).slice()
    new DataView(xls.buffer).setUint32(0x2c, 1_000_000, true)
    expect(guardOle(xls)?.text.en).toMatch(/allocation tables are larger than the file/)
  })
})

describe('declaresEntities', () => {
  const utf16 = (text: string, bigEndian: boolean): Uint8Array => {
    const out = new Uint8Array(text.length * 2)
    for (let i = 0; i < text.length; i++) out[i * 2 + (bigEndian ? 1 : 0)] = text.charCodeAt(i)
    return out
  }
  it('finds a declaration in any letter case, in 8-bit and UTF-16 text, and nothing else', () => {
    const plain = '<?xml version="1.0"?><!-- note --><a><![CDATA[x]]></a>'
    expect(declaresEntities(enc.encode(plain))).toBe(false)
    expect(declaresEntities(utf16(plain, false))).toBe(false)
    expect(declaresEntities(enc.encode(plain.replace('<a>', '<!doctype a><a>')))).toBe(true)
    expect(declaresEntities(enc.encode(plain.replace('<a>', '<!EnTiTy x "y"><a>')))).toBe(true)
    expect(declaresEntities(utf16(plain.replace('<a>', '<!ENTITY x "y"><a>'), false))).toBe(true)
    expect(declaresEntities(utf16(plain.replace('<a>', '<!DOCTYPE a><a>'), true))).toBe(true)
    expect(declaresEntities(enc.encode('<!ENTIT'))).toBe(false)
  })
})
