// The files received and what the validator decides about them: the problems of the period, a
// unit's versions, a sheet as it was received, accept or reject with a reason, the version used,
// two versions compared.
import {
  diffVersions,
  getSubmission,
  listVersions,
  recordDecision,
  revokeDecision,
  setReceivedOn,
  setSubmissionAside,
  type Submission,
} from '../../db'
import type { ApiContext } from './api-context'
import { explained, explainedAsync, notFound } from './api-context'
import type { Handlers } from './router'
import { ApiFailure } from './router'
import { buildProblemRows, columnLabelOf, toVersionDto } from './views'

type SubmissionChannels =
  | 'problems.list'
  | 'submission.versions'
  | 'submission.sheet'
  | 'submission.decide'
  | 'submission.activate'
  | 'submission.compare'
  | 'decision.revoke'
  | 'submission.setReceived'
  | 'submission.setAside'

export function submissionHandlers(ctx: ApiContext): Pick<Handlers, SubmissionChannels> {
  const { db, actor, store } = ctx
  /** After a decision about a file: the season is told it changed, the page gets the file's version. */
  const changedVersion = (s: Submission) => {
    ctx.emit({ type: 'data.changed', period: s.period })
    const v = s.unit
      ? listVersions(db, { form: s.form, period: s.period }, s.unit).find((x) => x.id === s.id)
      : undefined
    if (!v) throw notFound(`phiên bản của tệp #${s.id}`)
    return toVersionDto(v)
  }
  return {
    'problems.list': (req) =>
      explained(() => {
        const season = ctx.seasonOf(req)
        return buildProblemRows(db, season, ctx.packs.pack(season.form))
      }),
    'submission.versions': (req) =>
      explained(() => listVersions(db, ctx.seasonOf(req), req.unit).map(toVersionDto)),
    'submission.sheet': (req) =>
      explainedAsync(async () => {
        const s = getSubmission(db, req.submissionId)
        if (!s) throw notFound(`tệp #${req.submissionId}`)
        const bytes = store.get(s.sha256)
        if (!bytes)
          throw new ApiFailure('not_found', {
            vi: 'Không còn bản lưu của tệp này trong thư mục dữ liệu',
            en: 'The stored copy of this file is gone from the data folder',
          })
        // read in a worker with the pool's limits: a hostile workbook never holds up this thread
        const view = await ctx.tasks.sheet({
          bytes,
          wanted: [req.sheet, s.table?.sheet],
          maxRows: 2000,
          maxColumns: 60,
        })
        if (!view) throw notFound('trang tính')
        return { submissionId: s.id, fileName: s.fileName, ...view }
      }),
    'submission.decide': (req) =>
      explained(() => {
        const s = getSubmission(db, req.submissionId)
        if (!s) throw notFound(`tệp #${req.submissionId}`)
        recordDecision(db, { kind: req.decision, submissionId: s.id, reason: req.reason, by: actor })
        return changedVersion(s)
      }),
    'submission.activate': (req) =>
      explained(() => {
        const s = getSubmission(db, req.submissionId)
        if (!s) throw notFound(`tệp #${req.submissionId}`)
        recordDecision(db, { kind: 'choose_active', submissionId: s.id, by: actor })
        return changedVersion(s)
      }),
    'decision.revoke': (req) =>
      explained(() => {
        const d = revokeDecision(db, req.decisionId, actor)
        const s = getSubmission(db, d.submissionId)
        if (!s) throw notFound(`tệp #${d.submissionId}`)
        return changedVersion(s)
      }),
    'submission.setReceived': (req) =>
      explained(() => {
        const periods = new Set<string>()
        for (const id of req.submissionIds) {
          const s = getSubmission(db, id)
          if (!s) throw notFound(`tệp #${id}`)
          periods.add(s.period)
        }
        setReceivedOn(db, req.submissionIds, req.date, actor)
        for (const period of periods) ctx.emit({ type: 'data.changed', period })
        return { changed: req.submissionIds.length }
      }),
    'submission.setAside': (req) =>
      explained(() => {
        const s = getSubmission(db, req.submissionId)
        if (!s) throw notFound(`tệp #${req.submissionId}`)
        setSubmissionAside(db, s.id, req.aside, actor)
        ctx.merges.invalidate()
        ctx.emit({ type: 'data.changed', period: s.period })
        return { submissionId: s.id, setAside: req.aside }
      }),
    'submission.compare': (req) =>
      explained(() => {
        const s = getSubmission(db, req.a)
        const d = diffVersions(db, req.a, req.b)
        const pack = s ? ctx.packs.pack(s.form) : null
        return d.changes.map((c) => ({
          indicator: c.indicator,
          label: pack?.byCode.get(c.indicator)?.label ?? c.indicator,
          column: c.column,
          columnLabel: columnLabelOf(pack, c.column),
          a: c.old,
          b: c.new,
          cellA: c.oldCell,
          cellB: c.newCell,
        }))
      }),
  }
}
