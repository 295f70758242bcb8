// "Import files": read and check each file, and store it with its figures and problems in one
// transaction, so that a batch cut short keeps every finished file and no trace of the others.
import type { PeriodId } from '../shared/period'
import { makePeriodId, periodParts } from '../shared/period'
import type { Problem } from '../shared/problem'
import type { SubmissionAnalysis } from '../core/submission/analysis'
import { checkAgainstHalfYear } from '../core/rules/check-half-year'
import type { SheafDb } from '../db'
import { findSubmissionByHash, getProblems, getSubmission, getUnitFigures, storeSubmission } from '../db'
import type { AnalysedFile, BatchContext, Progress } from './analyse-inputs'
import { analyseInput } from './analyse-inputs'
import type { InputFile } from './collect-inputs'
import type { FileSystem } from './fs-seam'
import { realFs } from './fs-seam'

export type ImportedFile = Readonly<{
  file: string
  submissionId: number | null
  unit: string | null
  status: 'accepted' | 'rejected'
  problems: readonly Problem[]
  duplicate: boolean
  analysed: AnalysedFile | null
}>

/** Adds what needs the stored season: W03 against the unit's stored 6-month figures. */
export function withStoredChecks(
  db: SheafDb,
  ctx: BatchContext,
  analysis: SubmissionAnalysis,
): SubmissionAnalysis {
  const { year, kind } = periodParts(ctx.period)
  if (kind !== 'Y' || !analysis.unit || analysis.figures.length === 0) return analysis
  const h1 = getUnitFigures(db, makePeriodId(year, 'H1'), analysis.unit)
  if (!h1) return analysis
  const extra = checkAgainstHalfYear(ctx.pack, analysis.figures, h1.figures)
  return extra.length === 0 ? analysis : { ...analysis, problems: [...analysis.problems, ...extra] }
}

export function importOne(
  db: SheafDb,
  ctx: BatchContext,
  input: InputFile,
  order: number,
  fsys: FileSystem = realFs,
  actor?: string,
): ImportedFile {
  const analysed = analyseInput(ctx, input, order, fsys)
  if (analysed.sha256 !== null) {
    const stored = findSubmissionByHash(db, ctx.period, analysed.sha256)
    if (stored) return storedOutcome(db, stored.id, input.display, analysed)
  }
  const analysis = withStoredChecks(db, ctx, analysed.analysis)
  if (analysed.sha256 === null) {
    return {
      file: input.display,
      submissionId: null,
      unit: null,
      status: 'rejected',
      problems: analysis.problems,
      duplicate: false,
      analysed,
    }
  }
  const r = storeSubmission(db, {
    period: ctx.period,
    file: { name: input.display, sha256: analysed.sha256, size: analysed.size, mtime: analysed.mtimeMs },
    analysis,
    ...(actor ? { actor } : {}),
  })
  return {
    file: input.display,
    submissionId: r.submissionId,
    unit: analysis.unit,
    status: analysis.status,
    problems: analysis.problems,
    duplicate: r.duplicate,
    analysed: { ...analysed, analysis },
  }
}

function storedOutcome(db: SheafDb, id: number, display: string, analysed: AnalysedFile): ImportedFile {
  const s = getSubmission(db, id)
  return {
    file: display,
    submissionId: id,
    unit: s?.unit ?? null,
    status: s?.status ?? 'rejected',
    problems: getProblems(db, id),
    duplicate: true,
    analysed,
  }
}

export function importFiles(
  db: SheafDb,
  ctx: BatchContext,
  inputs: readonly InputFile[],
  options: Readonly<{
    onProgress?: (p: Progress) => void
    onFile?: (f: ImportedFile) => void
    fsys?: FileSystem
    actor?: string
    isCancelled?: () => boolean
  }> = {},
): ImportedFile[] {
  const out: ImportedFile[] = []
  for (let i = 0; i < inputs.length; i++) {
    if (options.isCancelled?.()) break
    const input = inputs[i] as InputFile
    options.onProgress?.({ done: i, total: inputs.length, file: input.display })
    const f = importOne(db, ctx, input, i, options.fsys, options.actor)
    out.push(f)
    options.onFile?.(f)
  }
  options.onProgress?.({ done: out.length, total: inputs.length, file: '' })
  return out
}

export type { PeriodId }
