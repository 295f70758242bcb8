// What the engine learns from one submitted workbook: who sent it, for which period, on which
// version of the form, every figure with the cell it came from, and every problem.
import type { PeriodId } from '../../shared/period'
import type { Problem } from '../../shared/problem'
import type { ReadNote } from '../numbers/cell-reading'

/** One figure of a submission, traceable to its cell. */
export type Figure = Readonly<{
  indicator: string
  /** column key: `prev`, `total`, `male`, …, `compare` */
  column: string
  value: number
  sheet: string
  cell: string
  /** what the cell held, as text (the number itself, `1.234`, `12 em`, …) */
  raw: string
  notes: readonly ReadNote[]
}>

/** where the unit was read from; `manual`: a person assigned the file to the unit by hand */
export type Source = 'info-code' | 'info-name' | 'header' | 'file-name' | 'manual'

export type Located = Readonly<{ sheet: string; cell: string }>

export type SubmissionAnalysis = Readonly<{
  fileName: string
  /** the unit code from the unit list, or null when it could not be identified (S03) */
  unit: string | null
  unitSource: Source | null
  /** the period the file declares, or the period being consolidated when none could be read (S09) */
  period: PeriodId | null
  templateVersion: string | null
  /** ISO date `YYYY-MM-DD` from `Ngày báo cáo`, used to order versions (S08) */
  reportDate: string | null
  /** where the figures table was found */
  table: Readonly<{ sheet: string; headerRow: number; rowCount: number }> | null
  figures: readonly Figure[]
  problems: readonly Problem[]
  status: 'accepted' | 'rejected'
  /**
   * the file is of another known form than the batch's: `stored` when it was read as that form's file
   * for its season of `period` (and is stored there), else the database has no such season (S10)
   */
  otherForm?: Readonly<{ form: string; period: PeriodId; stored: boolean }>
  /** who prepared the file and their phone, as its `Thong tin` says (when it says) */
  contact?: Readonly<{ preparer: string | null; phone: string | null }>
}>
