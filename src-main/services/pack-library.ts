// The forms Sheaf knows: the packs shipped under templates/ and the packs a clerk added (Thêm mẫu
// biểu), kept under the data folder's templates/. Every pack folder is listed, a broken one with its
// mistakes, never hidden; a pack is added only when it passes the same check as `sheaf pack check`.
import path from 'node:path'
import type { Localized } from '../shared/localized'
import { loadPack } from '../core/template/load-pack'
import type { PackProblem } from '../core/template/pack-problem'
import type { TemplatePack } from '../core/template/pack'
import type { FileSystem } from './fs-seam'
import { makeFolder, realFs, writeFileAtomic } from './fs-seam'
import type { TemplateLoad } from './template-source'
import { loadTemplateDir, templatesRoot } from './template-source'

export type PackSource = 'shipped' | 'added'

export type PackFolder = Readonly<{ source: PackSource; folder: string; dir: string }>

/** Where the packs a clerk added are kept. */
export function addedPacksRoot(dataDir: string): string {
  return path.join(dataDir, 'templates')
}

/** Every folder holding a manifest.json under the shipped and the added roots, shipped first. */
export function packFolders(addedRoot: string | null, fsys: FileSystem = realFs): PackFolder[] {
  const out: PackFolder[] = []
  const roots: [PackSource, string | null][] = [
    ['shipped', templatesRoot()],
    ['added', addedRoot],
  ]
  for (const [source, root] of roots) {
    if (root === null) continue
    let names: string[]
    try {
      names = fsys.readdir(root)
    } catch {
      continue
    }
    for (const folder of names.sort()) {
      const dir = path.join(root, folder)
      if (fsys.exists(path.join(dir, 'manifest.json'))) out.push({ source, folder, dir })
    }
  }
  return out
}

export type PackListing = PackFolder & Readonly<{ load: TemplateLoad }>

export function listPacks(addedRoot: string | null, fsys: FileSystem = realFs): PackListing[] {
  return packFolders(addedRoot, fsys).map((f) => ({ ...f, load: loadTemplateDir(f.dir, fsys) }))
}

/** A file of a pack as the clerk gave it: its name (any, from a picked folder or an upload) and bytes. */
export type GivenPackFile = Readonly<{ name: string; bytes: Uint8Array }>

export type AddPackResult =
  | Readonly<{ ok: true; pack: TemplatePack; dir: string; replaced: boolean }>
  | Readonly<{ ok: false; problems: PackProblem[] }>

/** A file name a pack may use: a plain name ending in .json or .csv, no folder, nothing odd. */
const PACK_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}\.(json|csv)$/

const refusal = (file: string, message: Localized): AddPackResult => ({
  ok: false,
  problems: [{ file, message }],
})

/**
 * Checks the given files as a pack and copies it to `<addedRoot>/<id>/`: the manifest and the three
 * files it names, nothing else. Refused with the check's mistakes, or when the id is a shipped form's.
 * A pack added before under the same id is replaced (a corrected pack), its other files removed.
 */
export function addPack(
  files: readonly GivenPackFile[],
  addedRoot: string,
  fsys: FileSystem = realFs,
): AddPackResult {
  const byName = new Map<string, Uint8Array>()
  for (const f of files) byName.set(f.name.replace(/^.*[\\/]/, ''), f.bytes)
  if (!byName.has('manifest.json'))
    return refusal('manifest.json', {
      vi: 'thiếu tệp manifest.json: hãy chọn thư mục của mẫu biểu (có manifest.json, layout.json và hai tệp .csv)',
      en: 'manifest.json is missing: pick the pack folder (with manifest.json, layout.json and the two .csv files)',
    })
  const texts: Record<string, string> = {}
  for (const [name, bytes] of byName)
    if (/\.(json|csv)$/i.test(name)) texts[name] = new TextDecoder().decode(bytes)
  const r = loadPack(texts)
  if (!r.ok) return { ok: false, problems: r.problems }
  const { manifest } = r.pack
  const names = ['manifest.json', manifest.files.layout, manifest.files.indicators, manifest.files.rules]
  for (const name of names)
    if (!PACK_FILE_NAME.test(name))
      return refusal('manifest.json', {
        vi: `files: tên tệp "${name}" không dùng được (chỉ chữ không dấu, chữ số, . _ -, đuôi .json hoặc .csv, không có thư mục)`,
        en: `files: the file name "${name}" cannot be used (plain letters, digits, . _ - only, ending in .json or .csv, no folder)`,
      })
  const shipped = packFolders(null, fsys).find((f) => f.folder === manifest.id)
  if (shipped)
    return refusal('manifest.json', {
      vi: `id: đã có mẫu biểu "${manifest.id}" đi kèm Sheaf; hãy đặt id khác cho mẫu biểu mới`,
      en: `id: "${manifest.id}" is a form shipped with Sheaf; give the new pack another id`,
    })
  const dir = path.join(addedRoot, manifest.id)
  const replaced = fsys.exists(path.join(dir, 'manifest.json'))
  makeFolder(fsys, dir)
  // the manifest last: a folder is a pack once its manifest is there
  for (const name of [...names.slice(1), 'manifest.json'])
    writeFileAtomic(fsys, path.join(dir, name), byName.get(name) ?? new Uint8Array())
  for (const old of fsys.readdir(dir))
    if (/\.(json|csv)$/i.test(old) && !names.includes(old)) fsys.unlink(path.join(dir, old))
  return { ok: true, pack: r.pack, dir, replaced }
}
