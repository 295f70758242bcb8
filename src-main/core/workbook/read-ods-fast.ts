// The fast path for .ods: content.xml and styles.xml taken from the zip and read into exactly the Grid
// the SheetJS path yields (ods-fast/content.ts, ods-fast/number-styles.ts, ports of SheetJS's own
// OpenDocument reader). Anything it does not fully understand returns a reason, and the caller reads
// the file with SheetJS instead.
import { isXmlPart, Unsupported, ZipIndex } from '../zip/zip-index'
import { entryKey } from '../zip/central-directory'
import type { RawInflate } from '../zip/zip-index'
import type { Grid } from './grid'
import { declaresEntities, DEFAULT_XML_LIMITS, guardOdsRepeats } from './guard-xml'
import type { XmlLimits } from './guard-xml'
import { readOdsContent } from './ods-fast/content'
import type { OdsLimits } from './ods-fast/content'
import { readNumberStyles } from './ods-fast/number-styles'
import { tagAttrs, tagRegex } from './ods-fast/xml-tags'
import type { FastReadResult } from './read-xlsx-fast'
import { PORTABLE_READ_CONTEXT } from './read-context'

const CT_ODS = 'application/vnd.oasis.opendocument.spreadsheet'
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/** SheetJS's parse_manifest: a package that is not a spreadsheet, or is encrypted, is its business. */
function checkManifest(xml: string): void {
  const re = tagRegex()
  let Rn: RegExpExecArray | null
  while ((Rn = re.exec(xml))) {
    switch (Rn[3]) {
      case 'file-entry': {
        const tag = tagAttrs(Rn[0])
        if (tag.path === '/' && tag.type !== CT_ODS) throw new Unsupported('ods: not a spreadsheet')
        break
      }
      case 'encryption-data':
      case 'algorithm':
      case 'start-key-generation':
      case 'key-derivation':
        throw new Unsupported('ods: encrypted')
    }
  }
}

/** Reads an .ods, or says why the SheetJS path must read it. Never throws. */
export function readOdsFastDetailed(
  bytes: Uint8Array,
  limits: OdsLimits & { xml?: XmlLimits },
  inflateRaw: RawInflate = PORTABLE_READ_CONTEXT.inflateRaw,
): FastReadResult {
  try {
    const zip = new ZipIndex(bytes, inflateRaw)
    // what guard-xml.ts checks before SheetJS, done here on the parts as they are inflated once:
    // every XML part inflates and declares no entities, and content.xml's repeats stay in bounds;
    // a file that fails is read the guarded way, which refuses it in the same words
    const parts = new Map<string, Uint8Array | null>()
    for (const path of zip.entryPaths()) {
      const part = zip.read(path)
      if (isXmlPart(path) && part !== null && declaresEntities(part)) throw new Unsupported('ods: entities')
      parts.set(path, part)
    }
    const partAt = (path: string): Uint8Array | null => parts.get(entryKey(path)) ?? null
    const manifest = partAt('META-INF/manifest.xml')
    if (manifest === null) throw new Unsupported('ods: no manifest')
    checkManifest(utf8.decode(manifest))
    const content = partAt('content.xml')
    if (content === null || content.length === 0) throw new Unsupported('ods: no content')
    if (guardOdsRepeats(content, limits.xml ?? DEFAULT_XML_LIMITS) !== null)
      throw new Unsupported('ods: repeats')
    const styles = new Map<string, string>()
    const stylesXml = partAt('styles.xml')
    if (stylesXml !== null && stylesXml.length > 0) readNumberStyles(utf8.decode(stylesXml), styles)
    const sheets = readOdsContent(utf8.decode(content), styles, limits)
    return { grid: { format: 'ods', sheets } }
  } catch (e) {
    return { fallback: e instanceof Unsupported ? e.message : `error: ${(e as Error).message ?? String(e)}` }
  }
}

/** The Grid of an .ods, or null when the file must be read by SheetJS. */
export function readOdsFast(bytes: Uint8Array, limits: OdsLimits, inflateRaw?: RawInflate): Grid | null {
  const r = readOdsFastDetailed(bytes, limits, inflateRaw)
  return 'grid' in r ? r.grid : null
}
