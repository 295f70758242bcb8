// The shape of one problem found in a submission or a consolidation: the interface every screen,
// the CLI's JSON and every export share.
import type { Localized } from './localized'

export type Severity = 'error' | 'warning'

export type ProblemValue = string | number | boolean | null

/**
 * `rule` is a catalogue id, or for V08/W02 the id of the row of rules.csv that failed (`V08a`).
 * `sheet` and `cell` (A1) say where the rule placed it; `indicator` and `column` which figure.
 */
export type Problem = Readonly<{
  rule: string
  severity: Severity
  sheet?: string
  cell?: string
  indicator?: string
  column?: string
  value?: ProblemValue
  /** R02: the form's rule that failed on the province's totals (`V10`, `V08b`) */
  failedRule?: string
  message: Localized
}>
