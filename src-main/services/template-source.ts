// Finds and loads a template pack: an id shipped under templates/ or added to the data folder, or a
// path to a pack folder anywhere.
import path from 'node:path'
import type { TemplatePack } from '../core/template/pack'
import { loadPack } from '../core/template/load-pack'
import type { PackProblem } from '../core/template/pack-problem'
export { undeclaredPeriod } from '../core/template/pack-periods'
export type { PackProblem } from '../core/template/pack-problem'
export { packProblemText, packProblemsLocalized, packProblemsText } from '../core/template/pack-problem'
import type { FileSystem } from './fs-seam'
import { realFs } from './fs-seam'

/** templates/ beside the package: from src-main/services (tsx) or out/cli (the bundle), two levels up. */
export function templatesRoot(): string {
  return path.resolve(__dirname, '..', '..', 'templates')
}

export type { TemplatePack } from '../core/template/pack'

/** `notFound`: no pack folder by that id or path (the CLI's exit 2); else the pack's mistakes. */
export type TemplateLoad =
  | { ok: true; pack: TemplatePack; dir: string }
  | { ok: false; notFound: boolean; problems: PackProblem[]; dir?: string }

/**
 * Loads the pack `idOrPath` names: a folder path, else an id among the shipped packs, else among the
 * folders of `moreRoots` (the packs added in the interface, under the data folder).
 */
export function loadTemplate(
  idOrPath: string,
  fsys: FileSystem = realFs,
  moreRoots: readonly string[] = [],
): TemplateLoad {
  const byId = /^[a-z0-9][a-z0-9-]*$/.test(idOrPath)
  const candidates = [
    path.resolve(idOrPath),
    ...(byId ? [templatesRoot(), ...moreRoots].map((root) => path.join(root, idOrPath)) : []),
  ]
  const dir = candidates.find((d) => fsys.exists(path.join(d, 'manifest.json')))
  if (!dir)
    return {
      ok: false,
      notFound: true,
      problems: [
        {
          file: idOrPath,
          message: {
            vi: `không tìm thấy mẫu biểu: không phải thư mục có manifest.json, cũng không phải mã một mẫu biểu đã có`,
            en: `template pack not found: neither a folder holding manifest.json nor the id of a known pack`,
          },
        },
      ],
    }
  return loadTemplateDir(dir, fsys)
}

/** Loads the pack in `dir` (its .json and .csv files). */
export function loadTemplateDir(dir: string, fsys: FileSystem = realFs): TemplateLoad {
  const files: Record<string, string> = {}
  for (const name of fsys.readdir(dir)) {
    if (/\.(json|csv)$/i.test(name))
      files[name] = new TextDecoder().decode(fsys.readFile(path.join(dir, name)))
  }
  const r = loadPack(files)
  return r.ok ? { ok: true, pack: r.pack, dir } : { ok: false, notFound: false, problems: r.problems, dir }
}

/** The form (pack id) an id or pack folder names: the folder's manifest id, else the text itself. */
export function formIdOf(idOrPath: string, fsys: FileSystem = realFs): string {
  const t = loadTemplate(idOrPath, fsys)
  return t.ok ? t.pack.manifest.id : idOrPath
}
