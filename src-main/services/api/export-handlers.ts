// What leaves the application: the ministry's report, the feedback workbooks for the units, the
// list of units still to chase. Each goes to the place the page names, else under the data folder.
import fs from 'node:fs'
import path from 'node:path'
import type { TemplatePack } from '../../core/template/pack'
import { REPORT_DEFAULTS } from '../../core/template/pack-schema'
import type { ExportedFile } from '../../shared/api-types'
import type { PeriodId, Season } from '../../shared/period'
import { getProblems, listPeriods, listSubmissions, listVersions } from '../../db'
import { exportReport } from '../consolidate-period'
import { exportFeedback } from '../export-feedback'
import { reportHeaderTexts, settleReportHeader } from '../report-header'
import type { ApiContext } from './api-context'
import { explained, explainedAsync } from './api-context'
import type { Handlers } from './router'
import { buildProblemRows, buildStatusRows, seasonOfPeriod } from './views'
import {
  chaseListBytes,
  problemsTableBytes,
  seasonSummaryText,
  statusTableBytes,
  writeOut,
  zipOfFiles,
} from '../clerk-workbooks'
import { localDate } from '../unit-states'
import { pick } from '../../shared/localized'
import { makeFolder, realFs } from '../fs-seam'

/** The bundle's folder of feedback files, and in it the notes for files of no known unit. */
const FEEDBACK_FOLDER = 'phan-hoi'
const UNIDENTIFIED_FOLDER = 'khong-ro-don-vi'

export function exportHandlers(
  ctx: ApiContext,
): Pick<
  Handlers,
  | 'export.header'
  | 'export.report'
  | 'export.feedback'
  | 'status.exportMissing'
  | 'status.export'
  | 'problems.export'
  | 'season.summary'
  | 'export.all'
> {
  const { db, actor, store, exportsDir, figureCache } = ctx
  /** The season whose texts the export screen shows: a period not created yet has none of its own. */
  const headerSeason = (req: Parameters<ApiContext['seasonOf']>[0]): Season =>
    req.form === undefined && !listPeriods(db).some((p) => p.id === req.period)
      ? { form: '', period: req.period as PeriodId }
      : ctx.seasonOf(req)
  /**
   * The feedback workbooks of a season's active files into `folder`: the files of the `wanted` units,
   * else every file with a problem, and with `unidentified` a note for each file no unit was found for
   * (in `unidentified.folder` when given: they go back to whoever sent them, not to a unit of the list).
   */
  const writeFeedbackFiles = async (
    season: Season,
    pack: TemplatePack,
    folder: string,
    {
      wanted,
      unidentified,
    }: Readonly<{ wanted: ReadonlySet<string> | null; unidentified: false | { folder: string } }>,
  ): Promise<{ file: string; unit: string | null }[]> => {
    makeFolder(realFs, folder)
    const written: { file: string; unit: string | null }[] = []
    const taken = new Set<string>()
    const write = (
      s: Readonly<{ id: number; fileName: string }>,
      bytes: Uint8Array,
      unit: string | null,
      outDir = folder,
    ) =>
      exportFeedback(db, {
        pack,
        bytes,
        fileName: s.fileName,
        problems: getProblems(db, s.id),
        unit,
        outDir,
        submissionId: s.id,
        taken,
        period: season.period,
        tasks: ctx.tasks,
      })
    for (const v of listVersions(db, season)) {
      if (!v.active || (wanted && !wanted.has(v.unit))) continue
      if (!wanted && v.errorCount + v.warningCount === 0) continue
      const bytes = store.get(v.sha256)
      if (!bytes) continue
      written.push({ file: await write(v, bytes, v.unit), unit: v.unit })
    }
    if (unidentified) {
      const apart = listSubmissions(db, season).filter((s) => s.unit === null)
      if (apart.length > 0 && unidentified.folder !== folder) makeFolder(realFs, unidentified.folder)
      for (const s of apart) {
        const bytes = store.get(s.sha256) ?? new Uint8Array(0)
        written.push({ file: await write(s, bytes, null, unidentified.folder), unit: null })
      }
    }
    return written
  }
  /** Where one export of a season goes: the place the page holds, else `<exports>/<form>/<period>/<name>`. */
  const placeFor = (req: Readonly<{ target?: string; period: PeriodId }>, form: string, name: string) =>
    ctx.writePlace(req.target, 'target', path.join(exportsDir, form, req.period, name))
  /** The reply for one exported file, with the folder it is in. */
  const oneFile = (kind: ExportedFile['kind'], target: string) => ({
    files: [ctx.exported(kind, target)],
    folder: ctx.shownFolder(path.dirname(target)),
  })
  return {
    'export.header': (req) =>
      explained(() => {
        const season = headerSeason(req)
        // a period with no season yet: a Department of Health's words until a form is chosen
        const report = season.form === '' ? REPORT_DEFAULTS : ctx.packOf(season.form).manifest.report
        return reportHeaderTexts(db, season, report)
      }),
    'export.report': (req) =>
      explainedAsync(async () => {
        const season = ctx.seasonOf(req)
        const pack = ctx.packOf(season.form)
        const header = settleReportHeader(db, season, pack.manifest.report, req.header, {
          remember: true,
          actor,
        })
        const target = placeFor(req, season.form, `bao-cao-tong-hop-${req.period}.xlsx`)
        makeFolder(realFs, path.dirname(target))
        await exportReport(db, { pack, period: season.period, figureCache, outPath: target, header })
        return oneFile('report', target)
      }),
    'export.feedback': (req) =>
      explainedAsync(async () => {
        const season = ctx.seasonOf(req)
        const { period } = season
        const pack = ctx.packOf(season.form)
        const folder = ctx.writePlace(
          req.folder,
          'folder',
          path.join(exportsDir, season.form, period, 'phan-hoi'),
        )
        const wanted = req.units ? new Set(req.units) : null
        // a file no unit could be found for gets its feedback too (why, and to send it again),
        // unless the page asked for some units only
        const written = await writeFeedbackFiles(season, pack, folder, {
          wanted,
          unidentified: wanted ? false : { folder },
        })
        const files = written.map((w) => ctx.exported('feedback', w.file, w.unit ?? undefined))
        return { files, folder: ctx.shownFolder(folder) }
      }),
    'status.exportMissing': (req) =>
      explained(() => {
        const rows = buildStatusRows(db, ctx.periodOf(req), new Date())
        const target = placeFor(req, ctx.seasonOf(req).form, `don-vi-chua-nop-${req.period}.xlsx`)
        writeOut(target, chaseListBytes(rows, req.period))
        return oneFile('missing', target)
      }),
    'status.export': (req) =>
      explained(() => {
        const rows = buildStatusRows(db, ctx.periodOf(req), new Date())
        const target = placeFor(req, ctx.seasonOf(req).form, `tinh-hinh-nop-${req.period}.xlsx`)
        writeOut(target, statusTableBytes(rows, req.period))
        return oneFile('status', target)
      }),
    'problems.export': (req) =>
      explained(() => {
        const season = ctx.seasonOf(req)
        const rows = buildProblemRows(db, season, ctx.packOf(season.form)).filter((r) => r.active)
        const target = placeFor(req, season.form, `loi-va-canh-bao-${req.period}.xlsx`)
        writeOut(target, problemsTableBytes(rows, req.period))
        return oneFile('problems', target)
      }),
    'season.summary': (req) =>
      explained(() => {
        const period = ctx.periodOf(req)
        const pack = ctx.packOf(period.templateId)
        const now = new Date()
        return {
          text: seasonSummaryText(
            {
              period: period.id,
              formName: pick(pack.manifest.name, req.lang),
              rows: buildStatusRows(db, period, now),
              deadline: period.deadline,
            },
            localDate(now.toISOString()),
            req.lang,
          ),
        }
      }),
    'export.all': (req) =>
      explainedAsync(async () => {
        const period = ctx.periodOf(req)
        const pack = ctx.packOf(period.templateId)
        const folder = path.join(exportsDir, period.templateId, period.id, 'tat-ca')
        fs.rmSync(folder, { recursive: true, force: true })
        const header = settleReportHeader(
          db,
          seasonOfPeriod(period),
          pack.manifest.report,
          {},
          {
            remember: false,
            actor,
          },
        )
        const report = path.join(folder, `bao-cao-tong-hop-${period.id}.xlsx`)
        makeFolder(realFs, folder)
        await exportReport(db, { pack, period: period.id, figureCache, outPath: report, header })
        const now = new Date()
        const rows = buildStatusRows(db, period, now)
        const files = [
          report,
          writeOut(path.join(folder, `don-vi-chua-nop-${period.id}.xlsx`), chaseListBytes(rows, period.id)),
          writeOut(path.join(folder, `tinh-hinh-nop-${period.id}.xlsx`), statusTableBytes(rows, period.id)),
          writeOut(
            path.join(folder, `loi-va-canh-bao-${period.id}.xlsx`),
            problemsTableBytes(
              buildProblemRows(db, seasonOfPeriod(period), pack).filter((r) => r.active),
              period.id,
            ),
          ),
          writeOut(
            path.join(folder, `tom-tat-${period.id}.txt`),
            new TextEncoder().encode(
              seasonSummaryText(
                { period: period.id, formName: pack.manifest.name.vi, rows, deadline: period.deadline },
                localDate(now.toISOString()),
                'vi',
              ),
            ),
          ),
        ]
        // every unit's feedback, and a note for each file no unit was found for, apart: the clerk
        // answers those to whoever sent them (why the file was not taken, what to put in it)
        const feedback = await writeFeedbackFiles(
          seasonOfPeriod(period),
          pack,
          path.join(folder, FEEDBACK_FOLDER),
          { wanted: null, unidentified: { folder: path.join(folder, FEEDBACK_FOLDER, UNIDENTIFIED_FOLDER) } },
        )
        files.push(...feedback.map((w) => w.file))
        const target = ctx.writePlace(
          req.target,
          'target',
          path.join(exportsDir, period.templateId, period.id, `tat-ca-${period.id}.zip`),
        )
        writeOut(target, zipOfFiles(files, folder))
        return oneFile('zip', target)
      }),
  }
}
