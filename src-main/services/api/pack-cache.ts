// Template packs are read from disk once per process: every screen needs the pack of its period. The
// forms are the shipped packs and those added under the data folder; a broken one is listed with its
// mistakes.
import type { BrokenTemplate, TemplateInfo } from '../../shared/api-types'
import type { TemplatePack } from '../../core/template/pack'
import type { TemplateLoad } from '../template-source'
import { loadTemplate, packProblemText } from '../template-source'
import { listPacks } from '../pack-library'

export type TemplateCatalogue = Readonly<{ templates: TemplateInfo[]; broken: BrokenTemplate[] }>

export class PackCache {
  private readonly packs = new Map<string, TemplateLoad>()

  /** `addedRoot`: where the packs added in the interface are kept (null: the shipped ones only) */
  constructor(private readonly addedRoot: string | null = null) {}

  get(id: string): TemplateLoad {
    let r = this.packs.get(id)
    if (!r) {
      r = id
        ? loadTemplate(id, undefined, this.addedRoot === null ? [] : [this.addedRoot])
        : {
            ok: false,
            notFound: true,
            problems: [
              {
                file: '',
                message: { vi: 'kỳ báo cáo chưa có mẫu biểu', en: 'the period has no template pack' },
              },
            ],
          }
      if (r.ok) this.packs.set(id, r)
    }
    return r
  }

  pack(id: string): TemplatePack | null {
    const r = this.get(id)
    return r.ok ? r.pack : null
  }

  /** Forgets a pack read before (a pack added again under the same id). */
  forget(id: string): void {
    this.packs.delete(id)
  }

  /** Every form: the valid ones to choose from, and the broken ones with their mistakes. */
  list(): TemplateCatalogue {
    const templates: TemplateInfo[] = []
    const broken: BrokenTemplate[] = []
    for (const f of listPacks(this.addedRoot)) {
      if (!f.load.ok) {
        broken.push({
          folder: f.folder,
          source: f.source,
          problems: f.load.problems.map((p) => ({
            vi: packProblemText(p, 'vi'),
            en: packProblemText(p, 'en'),
          })),
        })
        continue
      }
      const pack = f.load.pack
      // a folder whose id another folder already gave (an added copy of a shipped form) is not a second form
      if (templates.some((t) => t.id === pack.manifest.id)) continue
      if (!this.packs.has(pack.manifest.id)) this.packs.set(pack.manifest.id, f.load)
      templates.push(templateInfo(pack, f.source))
    }
    return { templates, broken }
  }
}

export function templateInfo(pack: TemplatePack, source: TemplateInfo['source']): TemplateInfo {
  return {
    id: pack.manifest.id,
    version: pack.manifest.version,
    name: pack.manifest.name,
    years: pack.manifest.years,
    periods: pack.layout.periods.map((p) => ({ key: p.key, label: p.label })),
    source,
  }
}
