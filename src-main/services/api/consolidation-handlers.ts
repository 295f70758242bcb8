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
        const season = ctx.seasonOf(req)
        const { pack, consolidation } = ctx.mergedOf(season)
        return buildConsolidationView(db, pack, consolidation, season)
      }),
    'consolidation.sources': (req) =>
      explained(() => {
        const season = ctx.seasonOf(req)
        const { pack, consolidation } = ctx.mergedOf(season)
        return buildFigureSources(db, pack, consolidation, season, req.indicator, req.column)
      }),
  }
}
