// "Consolidate and export": merge the active accepted submissions of the period, write the
// province's report, re-read it and check every figure before saying it is done, and record which
// versions made it.
import crypto from 'node:crypto'
import path from 'node:path'
import type { PeriodId, Season } from '../shared/period'
import type { Problem } from '../shared/problem'
import type { Consolidation } from '../core/merge/consolidation'
import { mergeSubmissions } from '../core/merge/merge-submissions'
import type { TemplatePack } from '../core/template/pack'
import { columnApplies, isValueRole } from '../core/template/pack'
import type { ReportHeader } from '../core/output/report-header'
import { loadReportLibraries, verifyReport, writeReport } from '../core/output/write-report'
import type { FigureCache, SheafDb } from '../db'
import {
  getAcceptedForMerge,
  listUnits,
  listVersions,
  recordConsolidation,
  recordExport,
  versionsByUnit,
} from '../db'
// the merge's own read: figures that already carry their source, kept as contributions without a copy
import type { FileSystem } from './fs-seam'
import { OutputError, realFs, writeFileAtomic } from './fs-seam'
import { zipFilesOffThread } from './zip-files'
import { missingUnitsOf } from './missing-units'
import type { UnitSeasonState } from './unit-states'
import { nativeReadContext } from './read-pool/native-inflate'
import { packForPeriod } from '../core/template/pack-for-period'

export type { Consolidation } from '../core/merge/consolidation'

/** Loads what writing the report needs, so that a caller with time to spare (the read workers
 * starting up) can take the wait there rather than when the report is written. */
export function prepareReportWriter(): void {
  loadReportLibraries()
}

export type ConsolidateOptions = Readonly<{
  pack: TemplatePack
  period: PeriodId
  final?: boolean
  /** figures the import of this run kept (`importFiles`' `figureCache`) */
  figureCache?: FigureCache
}>

export function consolidateStored(
  db: SheafDb,
  opts: ConsolidateOptions,
): { consolidation: Consolidation; submissionIds: number[] } {
  const season = { form: opts.pack.manifest.id, period: opts.period }
  const units = listUnits(db, season)
  const accepted = getAcceptedForMerge(db, season, opts.figureCache)
  const consolidation = mergeSubmissions({
    pack: opts.pack,
    period: opts.period,
    units,
    submissions: accepted
      .filter((s) => s.unit !== null)
      .map((s) => ({
        unit: s.unit as string,
        fileName: s.fileName,
        version: s.version,
        figures: s.figures,
        acceptedWithReason: s.acceptedWithReason,
      })),
    ...(opts.final !== undefined ? { final: opts.final } : {}),
  })
  return { consolidation, submissionIds: accepted.map((s) => s.id) }
}

/** S08 for each unit that sent several files for the season (the newest is used), by unit code. */
export function duplicateWarnings(db: SheafDb, season: Season): Map<string, Problem> {
  // the season's versions are read once while nothing is written: a report that follows takes them too
  const out = new Map<string, Problem>()
  for (const [unit, versions] of versionsByUnit(listVersions(db, season))) {
    if (versions.length < 2) continue
    const active = versions.find((v) => v.active) ?? versions[versions.length - 1]
    out.set(unit, {
      rule: 'S08',
      severity: 'warning',
      value: versions.length,
      message: {
        vi: `Đơn vị ${unit} đã gửi ${versions.length} tệp cho kỳ này: dùng tệp ${path.basename(active?.fileName ?? '')} (phiên bản ${active?.version ?? ''}), các tệp khác được giữ làm phiên bản cũ`,
        en: `Unit ${unit} sent ${versions.length} files for this period: ${path.basename(active?.fileName ?? '')} (version ${active?.version ?? ''}) is used, the others are kept as earlier versions`,
      },
    })
  }
  return out
}

export type ExportResult = Readonly<{
  consolidation: Consolidation
  consolidationId: number
  output: string
  sha256: string
}>

export async function exportReport(
  db: SheafDb,
  opts: ConsolidateOptions &
    Readonly<{
      outPath: string
      header: ReportHeader
      fsys?: FileSystem
      /** the season's unit states (`unitStates` with the period's deadline), when the caller has them */
      states?: readonly UnitSeasonState[]
    }>,
): Promise<ExportResult> {
  const { consolidation, submissionIds } = consolidateStored(db, opts)
  const units = listUnits(db, { form: opts.pack.manifest.id, period: opts.period })
  const bytes = await writeReport({
    pack: opts.pack,
    consolidation,
    units,
    header: opts.header,
    ...missingUnitsOf(db, { form: opts.pack.manifest.id, period: opts.period }, opts.states),
    zip: zipFilesOffThread,
  })
  // the report's checksum is taken on the thread pool while this thread re-reads the report
  const digest = crypto.webcrypto.subtle.digest('SHA-256', bytes)
  digest.catch(() => undefined)
  const mismatches = verifyReport(bytes, opts.pack, consolidation, nativeReadContext())
  if (mismatches.length > 0)
    throw new OutputError('EVERIFY', opts.outPath, {
      vi: `Báo cáo vừa ghi không khớp số liệu tổng hợp (${mismatches.slice(0, 3).join('; ')}): không lưu`,
      en: `The written report does not match the merged figures (${mismatches.slice(0, 3).join('; ')}): not saved`,
    })
  writeFileAtomic(opts.fsys ?? realFs, opts.outPath, bytes)
  const sha256 = Buffer.from(await digest).toString('hex')
  const consolidationId = recordConsolidation(db, {
    period: opts.period,
    templateId: opts.pack.manifest.id,
    templateVersion: opts.pack.manifest.version,
    submissionIds,
    missing: [...consolidation.missing],
    provisional: consolidation.provisional,
    final: opts.final === true,
    problems: [...consolidation.problems],
  })
  recordExport(db, { kind: 'report', consolidationId, outputPath: opts.outPath, sha256, size: bytes.length })
  return { consolidation, consolidationId, output: opts.outPath, sha256 }
}

/** The province's figure of each indicator in each column that applies to it (`null` when none). */
export function provinceTotals(
  form: TemplatePack,
  c: Consolidation,
): Record<string, Record<string, number | null>> {
  // the columns of the consolidated period (one of other periods only is no figure of it)
  const pack = packForPeriod(form, c.period)
  const out: Record<string, Record<string, number | null>> = {}
  for (const ind of pack.indicators) {
    if (ind.kind === 'section') continue
    const row: Record<string, number | null> = {}
    const merged = c.totals[ind.code] ?? {}
    for (const col of pack.columns) {
      if (!isValueRole(col.role) || col.kind === 'text') continue
      if (!columnApplies(pack, ind, col.key)) continue
      row[col.key] = merged[col.key] ?? null
    }
    out[ind.code] = row
  }
  return out
}
