// The season's periods: which template packs there are, the periods made with them, a period's
// deadline.
import type { PeriodId } from '../../shared/period'
import { undeclaredPeriod } from '../../core/template/pack-periods'
import type { Period } from '../../db'
import { getPeriod, listPeriods, savePeriod, setPeriodAside } from '../../db'
import { prepareSeason } from '../prepare-season'
import { packProblemsLocalized } from '../template-source'
import type { ApiContext } from './api-context'
import { explained } from './api-context'
import type { Handlers } from './router'
import { ApiFailure } from './router'
import { toPeriodSummary } from './views'

export function periodHandlers(
  ctx: ApiContext,
): Pick<Handlers, 'app.info' | 'period.list' | 'period.create' | 'period.update' | 'period.setAside'> {
  const { db, actor, options, packs } = ctx
  const summary = (p: Period) => toPeriodSummary(db, p, packs.pack(p.templateId)?.manifest.name)
  return {
    'app.info': () => ({
      version: options.appVersion ?? '0.1.0',
      transport: options.transport,
      // over HTTP the page is told nothing of the server's disk
      dataPath: options.transport === 'electron' ? options.dataDir : '',
      ...(({ templates, broken }) => ({ templates, brokenTemplates: broken }))(packs.list()),
    }),

    'period.list': (req) => listPeriods(db, { includeSetAside: req.includeSetAside === true }).map(summary),
    'period.create': (req) =>
      explained(() => {
        const r = packs.get(req.templateId)
        if (!r.ok)
          throw new ApiFailure('bad_request', {
            vi: `Mẫu biểu không hợp lệ: ${packProblemsLocalized(r.problems).vi}`,
            en: `Invalid template pack: ${packProblemsLocalized(r.problems).en}`,
          })
        const id = req.id as PeriodId
        const undeclared = undeclaredPeriod(r.pack, id)
        if (undeclared) throw new ApiFailure('bad_request', undeclared)
        const season = { form: r.pack.manifest.id, period: id }
        const existing = getPeriod(db, season)
        // a season made again is the same season: its deadline and list stay as they are (a season
        // set aside comes back)
        if (existing) {
          if (existing.setAsideAt !== null) setPeriodAside(db, season, false, actor)
          return { ...summary(getPeriod(db, season)!), created: false }
        }
        prepareSeason(db, r.pack, id, null, actor, req.deadline)
        return { ...summary(getPeriod(db, season)!), created: true }
      }),
    'period.setAside': (req) =>
      explained(() => {
        const p = ctx.periodOf({ period: req.id, form: req.form }, { includeSetAside: true })
        const season = { form: p.templateId, period: p.id }
        setPeriodAside(db, season, req.aside, actor)
        ctx.emit({ type: 'data.changed', period: req.id })
        return summary(getPeriod(db, season)!)
      }),
    'period.update': (req) =>
      explained(() => {
        const p = ctx.periodOf({ period: req.id, form: req.form })
        const saved = savePeriod(db, { id: p.id, templateId: p.templateId, deadline: req.deadline }, actor)
        ctx.emit({ type: 'data.changed', period: req.id })
        return summary(saved)
      }),
  }
}
