// Template packs are read from disk once per process: every screen needs the pack of its period.
import fs from 'node:fs'
import path from 'node:path'
import type { TemplateInfo } from '../../shared/api-types'
import type { TemplatePack } from '../../core/template/pack'
import type { TemplateLoad } from '../template-source'
import { loadTemplate } from '../template-source'

export class PackCache {
  private readonly packs = new Map<string, TemplateLoad>()

  get(id: string): TemplateLoad {
    let r = this.packs.get(id)
    if (!r) {
      r = id
        ? loadTemplate(id)
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

  /** the packs shipped under templates/ */
  list(root: string): TemplateInfo[] {
    let names: string[] = []
    try {
      names = fs.readdirSync(root).filter((n) => fs.existsSync(path.join(root, n, 'manifest.json')))
    } catch {
      return []
    }
    const out: TemplateInfo[] = []
    for (const n of names.sort()) {
      const r = this.get(n)
      if (r.ok)
        out.push({
          id: r.pack.manifest.id,
          version: r.pack.manifest.version,
          name: r.pack.manifest.name,
          years: r.pack.manifest.years,
          periods: r.pack.layout.periods.map((p) => ({ key: p.key, label: p.label })),
        })
    }
    return out
  }
}
