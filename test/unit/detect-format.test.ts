// What a zip archive is, from the names in its central directory alone.
import { strToU8, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { detectFormat } from '../../src-main/core/workbook/detect-format'

const zipOf = (...names: string[]): Uint8Array =>
  zipSync(Object.fromEntries(names.map((n) => [n, strToU8('<x/>')])), { level: 0 })

describe('detectFormat of a zip archive', () => {
  it('tells a workbook, with or without macros, binary, OpenDocument, Word, PowerPoint and other zips apart', () => {
    expect(detectFormat(zipOf('[Content_Types].xml', 'xl/workbook.xml'))).toEqual({
      kind: 'workbook',
      format: 'xlsx',
    })
    expect(detectFormat(zipOf('xl/vbaProject.bin', 'xl/workbook.xml'))).toEqual({
      kind: 'workbook',
      format: 'xlsm',
    })
    expect(detectFormat(zipOf('xl/workbook.bin'))).toEqual({ kind: 'workbook', format: 'xlsb' })
    expect(detectFormat(zipOf('mimetype', 'content.xml'))).toEqual({ kind: 'workbook', format: 'ods' })
    expect(detectFormat(zipOf('word/document.xml'))).toEqual({ kind: 'not-spreadsheet', what: 'docx' })
    expect(detectFormat(zipOf('ppt/presentation.xml'))).toEqual({ kind: 'not-spreadsheet', what: 'pptx' })
    // names that only start or end like a telling one, or differ in case, tell nothing
    expect(detectFormat(zipOf('xl/workbook.xml.bak', 'XL/WORKBOOK.XML', 'a/content.xml'))).toEqual({
      kind: 'not-spreadsheet',
      what: 'zip',
    })
    const whole = zipOf('xl/workbook.xml')
    expect(detectFormat(whole.subarray(0, whole.length - 30))).toEqual({
      kind: 'not-spreadsheet',
      what: 'damaged-zip',
    })
  })
})
