// The checks a workbook passes before SheetJS may parse it: a zip's declared sizes and ratios, the
// entity declarations and .ods repeat counts of its XML, an OLE file's header. Each refusal says why.
import type { WorkbookFormat } from './grid'
import { guardOle } from './guard-ole'
import { guardXml, type XmlLimits, DEFAULT_XML_LIMITS } from './guard-xml'
import { guardZip, type GuardRefusal, type ZipLimits, DEFAULT_ZIP_LIMITS } from './guard-zip'

export type GuardLimits = Readonly<{ zip: ZipLimits; xml: XmlLimits }>
export const DEFAULT_GUARD_LIMITS: GuardLimits = { zip: DEFAULT_ZIP_LIMITS, xml: DEFAULT_XML_LIMITS }

export type GuardVerdict =
  Readonly<{ ok: true; bytes: Uint8Array }> | Readonly<{ ok: false; refusal: GuardRefusal }>

/** `bytes` of the verdict are what SheetJS must read: a zip's data-descriptor sizes are made explicit. */
export function guardWorkbook(
  bytes: Uint8Array,
  format: WorkbookFormat,
  limits: GuardLimits = DEFAULT_GUARD_LIMITS,
): GuardVerdict {
  switch (format) {
    case 'xlsx':
    case 'xlsm':
    case 'xlsb':
    case 'ods': {
      const zip = guardZip(bytes, limits.zip)
      if (!zip.ok) return zip
      const xml = guardXml(zip.bytes, format === 'ods', limits.xml)
      return xml ? { ok: false, refusal: xml } : { ok: true, bytes: zip.bytes }
    }
    case 'xls': {
      // an Excel 2.x–4.0 file is a bare record stream: no container, no sector tables to check
      if (bytes[0] !== 0xd0) return { ok: true, bytes }
      const ole = guardOle(bytes)
      return ole ? { ok: false, refusal: ole } : { ok: true, bytes }
    }
    case 'other': {
      // SpreadsheetML 2003 is XML too: the same entity rule applies
      const head = new TextDecoder().decode(bytes.subarray(0, Math.min(bytes.length, 1 << 16)))
      if (/<!(ENTITY|DOCTYPE)/i.test(head))
        return {
          ok: false,
          refusal: {
            reason: 'unsafe',
            text: {
              vi: 'Tệp bị từ chối vì có thể làm treo máy: tệp khai báo thực thể XML (<!ENTITY/<!DOCTYPE).',
              en: 'The file is refused because it could bring the computer down: it declares XML entities (<!ENTITY/<!DOCTYPE).',
            },
          },
        }
      return { ok: true, bytes }
    }
  }
}
