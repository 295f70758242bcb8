// The season's periods: which template packs there are, the periods made with them, a period's
// deadline.
import type { PeriodId } from '../../shared/period'
import { getPeriod, listPeriods, savePeriod, setPeriodAside } from '../../db'
import { prepareSeason } from '../prepare-season'
import { templatesRoot } from '../template-source'
import type { ApiContext } from './api-context'
import { explained, notFound } from './api-context'
import type { Handlers } from './router'
import { ApiFailure } from './router'
import { toPeriodSummary } from './views'

export function periodHandlers(
  ctx: ApiContext,
): Pick<Handlers, 'app.info' | 'period.list' | 'period.create' | 'period.update' | 'period.setAside'> {
  const { db, actor, options, packs } = ctx
  const summary = (id: PeriodId) => toPeriodSummary(db, ctx.periodOf(id))
  return {
    'app.info': () => ({
      version: options.appVersion ?? '0.1.0',
      transport: options.transport,
      // over HTTP the page is told nothing of the server's disk
      dataPath: options.transport === 'electron' ? options.dataDir : '',
      templates: packs.list(templatesRoot()),
    }),

    'period.list': (req) =>
      listPeriods(db, { includeSetAside: req.includeSetAside === true }).map((p) => toPeriodSummary(db, p)),
    'period.create': (req) =>
      explained(() => {
        const r = packs.get(req.templateId)
        if (!r.ok)
          throw new ApiFailure('bad_request', {
            vi: `Mẫu biểu không hợp lệ: ${r.errors.join('; ')}`,
            en: `Invalid template pack: ${r.errors.join('; ')}`,
          })
        const id = req.id
        const existing = getPeriod(db, id)
        // a period made again is the same period: its deadline and list stay as they are (a period
        // set aside comes back)
        if (existing) {
          if (existing.setAsideAt !== null) setPeriodAside(db, id, false, actor)
          return { ...summary(id), created: false }
        }
        prepareSeason(db, r.pack, id, null, actor, req.deadline)
        return { ...summary(id), created: true }
      }),
    'period.setAside': (req) =>
      explained(() => {
        const p = getPeriod(db, req.id)
        if (!p) throw notFound(`kỳ báo cáo ${req.id}`)
        setPeriodAside(db, p.id, req.aside, actor)
        ctx.emit({ type: 'data.changed', period: req.id })
        return toPeriodSummary(db, getPeriod(db, p.id)!)
      }),
    'period.update': (req) =>
      explained(() => {
        ctx.periodOf(req.id)
        savePeriod(db, { id: req.id, deadline: req.deadline }, actor)
        ctx.emit({ type: 'data.changed', period: req.id })
        return summary(req.id)
      }),
  }
}
