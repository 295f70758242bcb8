// The data that crosses the boundary between the main process (or the HTTP server) and the page:
// plain, serialisable, read-only shapes, so both sides agree on them without sharing code.
import type { Localized } from './localized'
import type { Severity, ProblemValue } from './problem'
import type { UnitState } from './unit-state'
import type { UnitKind } from './unit-kinds'

export type TemplateInfo = Readonly<{
  id: string
  version: string
  name: Localized
  years: readonly number[]
  /** the periods the form is reported for (`H1`, `Y`, `Q1`, `M03`…), with their names */
  periods: readonly Readonly<{ key: string; label: string }>[]
  /** `shipped` with Sheaf (templates/), or `added` by a clerk (Thêm mẫu biểu, in the data folder) */
  source: 'shipped' | 'added'
}>

/** A pack folder that fails the pack check: listed with its mistakes, never hidden. */
export type BrokenTemplate = Readonly<{
  /** the folder's name (never a path of the server's disk) */
  folder: string
  source: 'shipped' | 'added'
  /** each mistake with its file, line and field */
  problems: readonly Localized[]
}>

export type AppInfo = Readonly<{
  version: string
  /** `electron` when the page runs inside the desktop window, `http` in a browser */
  transport: 'electron' | 'http'
  dataPath: string
  templates: readonly TemplateInfo[]
  /** the pack folders that fail the check, with their mistakes */
  brokenTemplates: readonly BrokenTemplate[]
}>

/** A season: one form's reports for one period (several forms may share a period). */
export type PeriodSummary = Readonly<{
  /** the period (`2025-Y`) */
  id: string
  /** the form (template pack id) */
  templateId: string
  /** the form's name, from its pack (the pack's id when it cannot be loaded) */
  formName: Localized
  /** ISO date `YYYY-MM-DD`, or null when none was set */
  deadline: string | null
  unitCount: number
  /** units with an accepted submission */
  acceptedCount: number
  /** units with at least one file received */
  receivedCount: number
  /** set aside by the clerk (made by mistake): listed only when asked */
  setAside: boolean
}>

export type UnitRow = Readonly<{
  code: string
  name: string
  kind: UnitKind
  dept: string | null
  aliases: readonly string[]
  active: boolean
}>

export type UnitsImportResult = Readonly<{
  count: number
  added: number
  updated: number
  errors: readonly Localized[]
}>

export type StatusRow = Readonly<{
  unit: string
  name: string
  kind: UnitKind
  /** the unit's state for the season (unit-state.ts) */
  state: UnitState
  /** for a rejected unit: the rules rejected its file, or a validator did */
  rejectedBy: 'rule' | 'validator' | null
  /** the active submission */
  submissionId: number | null
  fileName: string | null
  /** every file the unit sent for the season (this period's, unreadable ones, other periods') */
  files: number
  /** the versions of this period */
  versions: number
  /** `YYYY-MM-DD`: when its active file (else its latest) was received */
  received: string | null
  /** the clerk set the received date of its active file */
  receivedSet: boolean
  /** `YYYY-MM-DD`: the report date its active file declares */
  reportDate: string | null
  /** came after the deadline; null without a deadline or a file */
  late: boolean | null
  /** days after the deadline its file came (0: on time); null without a deadline or a file */
  lateDays: number | null
  errors: number
  warnings: number
  /** for a unit still missing from the report: days until the deadline (negative: past it) */
  daysToDeadline: number | null
  reason: string | null
  /** whom to call: the clerk's word, else the preparer and phone its latest file names */
  contactName: string | null
  contactPhone: string | null
  contactFromClerk: boolean
  /** for a missing unit: what it must do (the first error, the validator's reason, the right period) */
  toFix: Localized | null
}>

export type ImportFileInput =
  | Readonly<{ kind: 'held'; id: string }>
  | Readonly<{ kind: 'upload'; name: string; dataBase64: string; lastModified?: number | undefined }>

export type ImportResult = Readonly<{
  fileName: string
  submissionId: number | null
  unit: string | null
  unitName: string | null
  period: string | null
  version: number | null
  status: 'accepted' | 'rejected'
  errors: number
  warnings: number
  /** a file already stored byte for byte */
  duplicate: boolean
  /** the first error, to show on the import row */
  firstProblem: Localized | null
  /** for a file with no unit: the unit its name names, to propose when assigning it */
  proposedUnit: string | null
}>

export type ProblemRow = Readonly<{
  id: string
  submissionId: number | null
  unit: string | null
  unitName: string | null
  fileName: string | null
  version: number | null
  rule: string
  severity: Severity
  sheet: string | null
  cell: string | null
  indicator: string | null
  column: string | null
  value: ProblemValue
  message: Localized
  /** whether this problem belongs to the unit's active submission */
  active: boolean
  /** the indicator's and the column's names on the form */
  indicatorLabel: string | null
  columnLabel: string | null
  /** the standing decision on the problem's file, its id (to take it back) and reason */
  decision: 'accept' | 'reject' | null
  decisionId: number | null
  reason: string | null
}>

export type SubmissionVersion = Readonly<{
  submissionId: number
  unit: string | null
  fileName: string
  version: number
  importedAt: string
  reportDate: string | null
  status: 'accepted' | 'rejected'
  decision: 'accept' | 'reject' | null
  /** the standing decision, to take back ("Bỏ quyết định") */
  decisionId: number | null
  decidedBy: string | null
  decidedAt: string | null
  reason: string | null
  active: boolean
  /** `YYYY-MM-DD`: when it was received (the clerk's date, else the file's own time) */
  received: string
  /** the clerk set the received date */
  receivedSet: boolean
  errors: number
  warnings: number
}>

/** A sheet of a received workbook, as displayed text, for the "as received" view. */
export type SheetView = Readonly<{
  submissionId: number
  fileName: string
  sheets: readonly string[]
  sheet: string
  /** rows[r][c]: displayed text; null for a blank cell */
  rows: ReadonlyArray<ReadonlyArray<string | null>>
  merges: ReadonlyArray<Readonly<{ r1: number; c1: number; r2: number; c2: number }>>
}>

export type CellDiff = Readonly<{
  indicator: string
  label: string
  column: string
  /** the column's name on the form */
  columnLabel: string
  a: number | null
  b: number | null
  cellA: string | null
  cellB: string | null
}>

export type ConsolidationColumn = Readonly<{
  key: string
  role: string
  /** one or two header levels (grouped headers) */
  header: readonly string[]
  /** the column's English name, when the pack gives one */
  nameEn: string | null
  index: string
}>

export type ConsolidationRow = Readonly<{
  code: string
  stt: string
  label: string
  unit: string
  kind: string
  owner: string | null
  /** by column key; absent or null = blank */
  values: Readonly<Record<string, number | null>>
  /** keys of the columns that apply to the row (others are greyed) */
  applies: readonly string[]
  /** columns with an R01 difference (a department's figure differs from the territorial sum) */
  r01: readonly string[]
  territorialSum: Readonly<Record<string, number | null>> | null
}>

export type ConsolidationView = Readonly<{
  period: string
  templateId: string
  templateVersion: string
  title: string
  columns: readonly ConsolidationColumn[]
  rows: readonly ConsolidationRow[]
  provisional: boolean
  missing: ReadonlyArray<Readonly<{ code: string; name: string }>>
  contributing: number
  problems: readonly ProblemRow[]
}>

export type ContributionRow = Readonly<{
  unit: string
  unitName: string
  value: number
  fileName: string
  version: number | null
  sheet: string
  cell: string
  raw: string
  notes: readonly Localized[]
  territorial: boolean
}>

export type FigureSources = Readonly<{
  indicator: string
  label: string
  column: string
  /** the column's header as printed on the form (`Kỳ báo cáo – Tổng số`) */
  columnLabel: string
  value: number | null
  owner: string | null
  /** the owning department's name, from the unit list */
  ownerName: string | null
  territorialSum: number | null
  sources: readonly ContributionRow[]
}>

export type ExportedFile = Readonly<{
  kind: 'report' | 'feedback' | 'missing' | 'status' | 'problems' | 'summary' | 'zip'
  name: string
  /** the id to download the file by (a browser) or show it in its folder (the desktop) */
  file: string
  unit?: string | undefined
}>

export type ExportResult = Readonly<{
  files: readonly ExportedFile[]
  folder: string
}>

export type BatchFileRow = Readonly<{
  seq: number
  fileName: string
  /** `new`: stored; `duplicate`: the same bytes were stored already; `refused`: not stored */
  outcome: 'new' | 'duplicate' | 'refused'
  submissionId: number | null
  unit: string | null
  unitName: string | null
  /** the period the file declares */
  declaredPeriod: string | null
  /** another known form the file is of (stored under its season, or refused with S10) */
  otherForm?: string | null
  status: 'accepted' | 'rejected' | null
  errors: number
  warnings: number
  /** the rule of the first problem */
  rule: string | null
  /** the first problem, or why the file was refused */
  reason: Localized | null
  /** for a stored file with no unit: the unit its name names */
  proposedUnit: string | null
  /** the file was set aside since (alone, or with its batch) */
  setAside: boolean
  /** its version number among its unit's files of the period */
  version: number | null
}>

/** One import batch of the season, as its history shows it. */
export type BatchView = Readonly<{
  id: number
  period: string
  startedAt: string
  finishedAt: string | null
  actor: string
  total: number
  cancelled: boolean
  /** the received date set for the batch's files */
  receivedOn: string | null
  setAside: boolean
  counts: Readonly<{
    new: number
    duplicate: number
    refused: number
    accepted: number
    rejected: number
    /** files that declare another period */
    otherPeriod: number
    /** files with no table of this form */
    otherForm: number
    /** files of another known form (stored under its season, or refused with S10) */
    knownOtherForm: number
  }>
  /** most of the batch declares this other period: the import screen offers to move it there */
  mostlyPeriod: string | null
  /** most of the batch has no table of this form */
  mostlyOtherForm: boolean
  /**
   * most of the batch is of this other known form, for this period: the import screen warns once and
   * offers to go to that season (`stored`: its files went there), or to make it and move them there
   */
  mostlyForm: Readonly<{
    form: string
    name: Localized
    period: string
    count: number
    stored: boolean
  }> | null
  /** what came, in a sentence */
  summary: Localized
  files: readonly BatchFileRow[]
}>

/** Events pushed to the page while long work runs. */
export type ApiEvent =
  | Readonly<{
      type: 'import.progress'
      batchId: string
      index: number
      total: number
      fileName: string
      phase: 'reading' | 'done'
      result?: ImportResult | undefined
    }>
  | Readonly<{
      type: 'import.finished'
      batchId: string
      /** the files stored, in order; fewer than `total` when the batch was cancelled */
      results: readonly ImportResult[]
      total: number
      cancelled: boolean
      /** the batch as its history keeps it, with its summary */
      batch: BatchView | null
    }>
  | Readonly<{ type: 'data.changed'; period: string }>
