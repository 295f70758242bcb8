// Thêm mẫu biểu: a pack folder's files, given by id (picked in the desktop's dialog or uploaded over
// HTTP, never by a path), checked as `sheaf pack check` does and copied into the data folder.
import type { Handlers } from './router'
import type { ApiContext } from './api-context'
import { explained } from './api-context'
import { addedPacksRoot, addPack } from '../pack-library'
import { packProblemText } from '../template-source'
import { templateInfo } from './pack-cache'

export function templateHandlers(ctx: ApiContext): Pick<Handlers, 'templates.add'> {
  return {
    'templates.add': (req) =>
      explained(() => {
        const files = req.files.map((f) => ctx.readInput(f))
        // read once: an upload's temporary copy goes, a picked file's id is forgotten
        for (const f of req.files) if (f.kind === 'held') ctx.held.release(f.id)
        const r = addPack(files, addedPacksRoot(ctx.options.dataDir))
        if (!r.ok)
          return {
            added: null,
            replaced: false,
            problems: r.problems.map((p) => ({ vi: packProblemText(p, 'vi'), en: packProblemText(p, 'en') })),
          }
        ctx.packs.forget(r.pack.manifest.id)
        return { added: templateInfo(r.pack, 'added'), replaced: r.replaced, problems: [] }
      }),
  }
}
