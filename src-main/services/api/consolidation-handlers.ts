// The province's figures as the consolidation screen shows them, and where one figure came from.
import type { PeriodId } from '../../shared/period'
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
        const { pack, consolidation } = ctx.mergedOf(req.period as PeriodId)
        return buildConsolidationView(db, pack, consolidation, req.period as PeriodId)
      }),
    'consolidation.sources': (req) =>
      explained(() => {
        const { pack, consolidation } = ctx.mergedOf(req.period as PeriodId)
        return buildFigureSources(db, pack, consolidation, req.period as PeriodId, req.indicator, req.column)
      }),
  }
}
