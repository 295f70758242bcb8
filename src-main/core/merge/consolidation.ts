// The province's figures after merging, with where each came from.
import type { Problem } from '../../shared/problem'
import type { ReadNote } from '../numbers/cell-reading'

/** A figure or blank, by column key. */
export type FigureRow = Readonly<Record<string, number | null>>

/** One unit's contribution to one figure of the province. */
export type Contribution = Readonly<{
  indicator: string
  column: string
  unit: string
  value: number
  fileName: string
  version: number | null
  sheet: string
  cell: string
  raw: string
  notes: readonly ReadNote[]
}>

export type UnitContribution = Readonly<{
  unit: string
  fileName: string
  version: number | null
  /** the unit's own figures, by indicator then column */
  figures: Readonly<Record<string, FigureRow>>
  /** the same figures with where each came from, in the submission's order */
  sources: readonly Contribution[]
  acceptedWithReason: string | null
}>

export type Consolidation = Readonly<{
  templateId: string
  templateVersion: string
  period: string
  /** every non-section indicator: `prev`, each data column that applies, `compare` where it applies */
  totals: Readonly<Record<string, FigureRow>>
  /** for department-owned rows, the sum of the territorial units' figures, kept for comparison */
  territorialSums: Readonly<Record<string, FigureRow>>
  contributions: readonly Contribution[]
  units: readonly UnitContribution[]
  /** expected units with no accepted submission */
  missing: readonly string[]
  /** problems of the consolidation itself (R01, R02) */
  problems: readonly Problem[]
  provisional: boolean
}>
