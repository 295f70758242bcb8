// The province's figures as the consolidation screen shows them, and where one figure came from.
import type { ApiContext } from './api-context'
import { explained } from './api-context'
import type { Handlers } from './router'
import { buildConsolidationView, buildFigureSources } from './views'

export function consolidationHandlers(
  ctx: ApiContext,
): Pick<Handlers, 'consolidation.get' | 'consolidation.sources'> {
  const { db } = ctx
  return {
    'consolidation.get': (req) =>
      explained(() => {
        const { pack, consolidation } = ctx.mergedOf(req.period)
        return buildConsolidationView(db, pack, consolidation, req.period)
      }),
    'consolidation.sources': (req) =>
      explained(() => {
        const { pack, consolidation } = ctx.mergedOf(req.period)
        return buildFigureSources(db, pack, consolidation, req.period, req.indicator, req.column)
      }),
  }
}
