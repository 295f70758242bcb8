// Finds and loads a template pack: an id shipped under templates/, or a path to a pack folder.
import path from 'node:path'
import type { TemplatePack } from '../core/template/pack'
import { loadPack } from '../core/template/load-pack'
export { undeclaredPeriod } from '../core/template/pack-periods'
import type { FileSystem } from './fs-seam'
import { realFs } from './fs-seam'

/** templates/ beside the package: from src-main/services (tsx) or out/cli (the bundle), two levels up. */
export function templatesRoot(): string {
  return path.resolve(__dirname, '..', '..', 'templates')
}

export type { TemplatePack } from '../core/template/pack'

export type TemplateLoad = { ok: true; pack: TemplatePack; dir: string } | { ok: false; errors: string[] }

export function loadTemplate(idOrPath: string, fsys: FileSystem = realFs): TemplateLoad {
  const candidates = [path.resolve(idOrPath), path.join(templatesRoot(), idOrPath)]
  const dir = candidates.find((d) => fsys.exists(path.join(d, 'manifest.json')))
  if (!dir)
    return {
      ok: false,
      errors: [
        `Không tìm thấy mẫu biểu "${idOrPath}" (không phải thư mục mẫu, cũng không có trong ${templatesRoot()}) / template pack not found`,
      ],
    }
  const files: Record<string, string> = {}
  for (const name of fsys.readdir(dir)) {
    if (/\.(json|csv)$/i.test(name))
      files[name] = new TextDecoder().decode(fsys.readFile(path.join(dir, name)))
  }
  const r = loadPack(files)
  return r.ok ? { ok: true, pack: r.pack, dir } : { ok: false, errors: r.errors }
}

/** The form (pack id) an id or pack folder names: the folder's manifest id, else the text itself. */
export function formIdOf(idOrPath: string, fsys: FileSystem = realFs): string {
  const t = loadTemplate(idOrPath, fsys)
  return t.ok ? t.pack.manifest.id : idOrPath
}
