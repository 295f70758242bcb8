// Where a package keeps its workbook when not at `xl/workbook.xml`: the part `_rels/.rels` names as
// its office document (a folder of another name, the root, parts named with backslashes), when the
// content types say that part is a spreadsheet. SheetJS finds it so too; the fast reader leaves these
// rare packages to it.
import type { WorkbookFormat } from './grid'
import { ZipIndex } from '../zip/zip-index'

const OFFICE_DOCUMENT = /\/officeDocument$/
const WORKBOOK_TYPES = /\.sheet\.main\+xml$|\.sheet\.macroEnabled\.main\+xml$|\.template\.main\+xml$/
const BINARY_TYPE = /\.sheet\.binary\.macroEnabled\.main$/

function attr(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)
    .exec(tag)
    ?.slice(1)
    .find((v) => v !== undefined)
}

function text(zip: ZipIndex, path: string): string | null {
  const bytes = zip.read(path)
  return bytes === null ? null : new TextDecoder().decode(bytes)
}

/** The workbook format of a package whose relationships name a spreadsheet part, else null. */
export function officeDocument(bytes: Uint8Array): WorkbookFormat | null {
  try {
    const zip = new ZipIndex(bytes)
    const rels = text(zip, '_rels/.rels')
    const types = text(zip, '[Content_Types].xml')
    if (rels === null || types === null) return null
    for (const tag of rels.match(/<(?:\w+:)?Relationship\b[^>]*>/g) ?? []) {
      if (!OFFICE_DOCUMENT.test(attr(tag, 'Type') ?? '')) continue
      const target = (attr(tag, 'Target') ?? '').replace(/\\/g, '/').replace(/^\//, '')
      if (target === '' || !zip.has(target)) continue
      const binary = /\.bin$/i.test(target)
      const declared = (types.match(/<(?:\w+:)?(?:Override|Default)\b[^>]*>/g) ?? []).some((t) => {
        const part = attr(t, 'PartName')
        const ext = attr(t, 'Extension')
        const named =
          part !== undefined
            ? part.replace(/^\//, '').toLowerCase() === target.toLowerCase()
            : ext !== undefined && target.toLowerCase().endsWith('.' + ext.toLowerCase())
        const type = attr(t, 'ContentType') ?? ''
        return named && (binary ? BINARY_TYPE.test(type) : WORKBOOK_TYPES.test(type))
      })
      if (!declared) continue
      if (binary) return 'xlsb'
      return zip.has(target.replace(/[^/]*$/, 'vbaProject.bin')) ? 'xlsm' : 'xlsx'
    }
    return null
  } catch {
    return null
  }
}

/** Whether an .ods package is encrypted (its manifest gives encryption data for its parts). */
export function odsIsEncrypted(bytes: Uint8Array): boolean {
  try {
    const manifest = text(new ZipIndex(bytes), 'META-INF/manifest.xml')
    return manifest !== null && /<(?:\w+:)?encryption-data\b/.test(manifest)
  } catch {
    return false
  }
}
