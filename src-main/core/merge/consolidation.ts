// The province's figures after merging, with where each came from.
import type { PeriodId } from '../../shared/period'
import type { Problem } from '../../shared/problem'
import type { Figure } from '../submission/analysis'

/** One indicator's figures (or blanks), by column key: a row of the form. */
export type FiguresByColumn = Readonly<Record<string, number | null>>

/** Where a submission's figures came from: the unit, its file and the file's version. */
export type SubmissionOrigin = Readonly<{ unit: string; fileName: string; version: number | null }>

/** One unit's contribution to one figure of the province: its figure, with the file it came from. */
export type Contribution = Figure & SubmissionOrigin

export type UnitContribution = Readonly<{
  unit: string
  fileName: string
  version: number | null
  /** the unit's own figures, by indicator then column */
  figures: Readonly<Record<string, FiguresByColumn>>
  /** the same figures with where each came from, in the submission's order */
  sources: readonly Contribution[]
  acceptedWithReason: string | null
}>

export type Consolidation = Readonly<{
  templateId: string
  templateVersion: string
  period: PeriodId
  /** every non-section indicator: `prev`, each data column that applies, `compare` where it applies */
  totals: Readonly<Record<string, FiguresByColumn>>
  /** for department-owned rows, the sum of the territorial units' figures, kept for comparison */
  territorialSums: Readonly<Record<string, FiguresByColumn>>
  contributions: readonly Contribution[]
  units: readonly UnitContribution[]
  /** expected units with no accepted submission */
  missing: readonly string[]
  /** problems of the consolidation itself (R01, R02) */
  problems: readonly Problem[]
  provisional: boolean
}>
