// What leaves the application: the ministry's report, the feedback workbooks for the units, the
// list of units still to chase. Each goes to the place the page names, else under the data folder.
import fs from 'node:fs'
import path from 'node:path'
import type { PeriodId } from '../../shared/period'
import type { ExportedFile } from '../../shared/api-types'
import { getProblems, listVersions } from '../../db'
import { exportReport } from '../consolidate-period'
import { exportFeedback } from '../export-feedback'
import { reportHeaderTexts, settleReportHeader } from '../report-header'
import type { ApiContext } from './api-context'
import { explained, explainedAsync } from './api-context'
import type { Handlers } from './router'
import { buildStatusRows, writeMissingList } from './views'

export function exportHandlers(
  ctx: ApiContext,
): Pick<Handlers, 'export.header' | 'export.report' | 'export.feedback' | 'status.exportMissing'> {
  const { db, actor, store, exportsDir, figureCache } = ctx
  return {
    'export.header': (req) => explained(() => reportHeaderTexts(db, req.period)),
    'export.report': (req) =>
      explainedAsync(async () => {
        const pack = ctx.packOf(req.period)
        const header = settleReportHeader(db, req.period, req.header, { remember: true, actor })
        const target = ctx.writePlace(
          req.target,
          'target',
          path.join(exportsDir, req.period, `bao-cao-tong-hop-${req.period}.xlsx`),
        )
        fs.mkdirSync(path.dirname(target), { recursive: true })
        await exportReport(db, { pack, period: req.period as PeriodId, figureCache, outPath: target, header })
        return { files: [ctx.exported('report', target)], folder: ctx.shownFolder(path.dirname(target)) }
      }),
    'export.feedback': (req) =>
      explainedAsync(async () => {
        const period = req.period as PeriodId
        const pack = ctx.packOf(period)
        const folder = ctx.writePlace(req.folder, 'folder', path.join(exportsDir, period, 'phan-hoi'))
        fs.mkdirSync(folder, { recursive: true })
        const wanted = req.units ? new Set(req.units) : null
        const files: ExportedFile[] = []
        const taken = new Set<string>()
        for (const v of listVersions(db, period)) {
          if (!v.active || (wanted && !wanted.has(v.unit))) continue
          if (!wanted && v.errorCount + v.warningCount === 0) continue
          const bytes = store.get(v.sha256)
          if (!bytes) continue
          const out = await exportFeedback(db, {
            pack,
            bytes,
            fileName: v.fileName,
            problems: getProblems(db, v.id),
            unit: v.unit,
            outDir: folder,
            submissionId: v.id,
            taken,
            period,
          })
          if (out) files.push(ctx.exported('feedback', out, v.unit))
        }
        return { files, folder: ctx.shownFolder(folder) }
      }),
    'status.exportMissing': (req) =>
      explained(() => {
        const rows = buildStatusRows(db, ctx.periodOf(req.period), new Date())
        const target = ctx.writePlace(
          req.target,
          'target',
          path.join(exportsDir, req.period, `don-vi-chua-nop-${req.period}.xlsx`),
        )
        fs.mkdirSync(path.dirname(target), { recursive: true })
        writeMissingList(rows, req.period, target)
        return { files: [ctx.exported('missing', target)], folder: ctx.shownFolder(path.dirname(target)) }
      }),
  }
}
