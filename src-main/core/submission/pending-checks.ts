// The figure checks of an analysis, to be run by the thread that finishes it: a read worker hands
// them over with the values they read (figure-values.ts), and the thread that stores the file runs
// them, so that the reading thread, which bounds a batch, does not. Wherever they run, their problems
// go where the analysis always had them: after the reading problems, before S06 and S07.
import type { Problem } from '../../shared/problem'
import type { PeriodId } from '../../shared/period'
import type { TemplatePack } from '../template/pack'
import { packForPeriod } from '../template/pack-for-period'
import type { FigureValues } from '../rules/figure-values'
import { checkFigureValues } from '../rules/check-submission'
import type { SubmissionAnalysis } from './analysis'

/** `at`: the index among the analysis's problems where the checks' problems go. */
export type PendingChecks = Readonly<{ at: number; values: FigureValues }>

/** An analysis whose figure checks are still to run (`checks`), its status as if they found nothing. */
export type UncheckedAnalysis = Readonly<{ analysis: SubmissionAnalysis; checks: PendingChecks | null }>

export function statusOf(problems: readonly Problem[]): SubmissionAnalysis['status'] {
  return problems.some((p) => p.severity === 'error') ? 'rejected' : 'accepted'
}

/**
 * The analysis (or what of it a thread holds) with its checks run against the form it was read as
 * (the pack and period of the batch for a reply of the read pool) and its status worked out again.
 */
export function withChecks<A extends Pick<SubmissionAnalysis, 'problems' | 'status'>>(
  form: Readonly<{ pack: TemplatePack; period: PeriodId }>,
  analysis: A,
  checks: PendingChecks | null,
): A {
  if (!checks) return analysis
  const found = checkFigureValues(packForPeriod(form.pack, form.period), checks.values)
  if (found.length === 0) return analysis
  const problems = [...analysis.problems.slice(0, checks.at), ...found, ...analysis.problems.slice(checks.at)]
  return { ...analysis, problems, status: statusOf(problems) }
}
