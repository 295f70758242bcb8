// The one contract between the page and the main process (or the HTTP server): for each channel,
// the zod schema its request must pass and the type of its reply. Main parses every request with
// the schema before any handler sees it; the page is typed against the same map.
import { z } from 'zod'
import type { Localized } from './localized'
import type {
  AppInfo,
  BatchView,
  CellDiff,
  ConsolidationView,
  ExportResult,
  FigureSources,
  PeriodSummary,
  ProblemRow,
  SheetView,
  StatusRow,
  SubmissionVersion,
  TemplateInfo,
  UnitRow,
  UnitsImportResult,
} from './api-types'
import { periodIdSchema as periodId } from './period-schema'
import { UNIT_KINDS } from './unit-kinds'
import { reportHeaderInputSchema, type ReportHeaderTexts } from './report-header-input'
import { formIdSchema } from './period-schema'

/**
 * A season is a form and a period. `form` may be left out when only one form has a season for the
 * period; with several, the request is refused until it names one.
 */
const season = { period: periodId, form: formIdSchema.optional() }
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Ngày phải có dạng YYYY-MM-DD' })
const unitCode = z.string().trim().min(1).max(40)
const submissionId = z.number().int().positive()
const base64 = z.string().max(200_000_000)
/** an id the main process gave the page for a file or folder it holds (held-files.ts) */
const heldId = z.string().min(1).max(64)

/**
 * A file given to the API: `held`, one the main process holds for the page (picked in the desktop's
 * own dialog, or streamed to the HTTP transport's `/upload`), named by its id, never by a path; or
 * `upload`, the bytes of a file the page read itself. The name may be anything: the file is stored
 * under the name `safeFileName` makes of it.
 */
export const importFileSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('held'), id: heldId }),
  z.object({
    kind: z.literal('upload'),
    name: z.string().min(1).max(4000),
    dataBase64: base64,
    lastModified: z.number().optional(),
  }),
])

export const unitInputSchema = z.object({
  code: unitCode,
  name: z.string().trim().min(1).max(200),
  kind: z.enum(UNIT_KINDS),
  dept: z.string().trim().max(40).nullable().default(null),
  aliases: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
  active: z.boolean().default(true),
})

export const apiRequestSchemas = {
  'app.info': z.object({}),
  'period.list': z.object({ includeSetAside: z.boolean().optional() }),
  'period.create': z.object({
    id: periodId,
    templateId: z.string().min(1),
    deadline: isoDate.nullable().default(null),
  }),
  'period.update': z.object({ id: periodId, form: formIdSchema.optional(), deadline: isoDate.nullable() }),
  'units.list': z.object({ ...season }),
  'units.import': z.object({
    ...season,
    file: importFileSchema,
  }),
  'units.save': z.object({ ...season, unit: unitInputSchema, previousCode: unitCode.optional() }),
  'units.setActive': z.object({ ...season, code: unitCode, active: z.boolean() }),
  'status.list': z.object({ ...season }),
  // `target`: where the desktop's save dialog said to write; else under the data folder
  'status.exportMissing': z.object({ ...season, target: heldId.optional() }),
  'status.export': z.object({ ...season, target: heldId.optional() }),
  'problems.export': z.object({ ...season, target: heldId.optional() }),
  // a short text of the season for the cover letter
  'season.summary': z.object({ ...season, lang: z.enum(['vi', 'en']).default('vi') }),
  // the report, the feedback, the chase list, the status and problems tables and the summary in one .zip
  'export.all': z.object({ ...season, target: heldId.optional() }),
  'units.setContact': z.object({
    ...season,
    code: unitCode,
    name: z.string().max(200).nullable(),
    phone: z.string().max(60).nullable(),
  }),
  // `skipped`: the names the page left out (not spreadsheets), told in the batch's history;
  // `receivedOn`: the date the files were received, for the whole batch (else each file's own time)
  'import.start': z
    .object({
      ...season,
      files: z.array(importFileSchema).max(2000),
      receivedOn: isoDate.nullable().optional(),
      skipped: z.array(z.string().max(260)).max(2000).optional(),
    })
    .refine((r) => r.files.length + (r.skipped?.length ?? 0) > 0, { message: 'Chưa có tệp nào / no file' }),
  'import.batches': z.object({ ...season }),
  'batch.setReceived': z.object({ batchId: submissionId, date: isoDate.nullable() }),
  'batch.setAside': z.object({ batchId: submissionId, aside: z.boolean() }),
  // the batch's files imported again into another period, and the batch set aside here
  /** `form`: the files of that other form go to its season (made if needed), not the whole batch */
  'batch.moveTo': z.object({ batchId: submissionId, period: periodId, form: formIdSchema.optional() }),
  'import.assign': z.object({ submissionId, unit: unitCode }),
  // stops a batch after the file being stored: the files stored stay, the others leave no trace
  'import.cancel': z.object({ batchId: z.string().min(1).max(64) }),
  'problems.list': z.object({ ...season }),
  'submission.versions': z.object({ ...season, unit: unitCode }),
  'submission.sheet': z.object({ submissionId, sheet: z.string().optional() }),
  // a decision is recorded with its written reason (the audit trail of the validator)
  'submission.decide': z.object({
    submissionId,
    decision: z.enum(['accept', 'reject']),
    reason: z.string().trim().min(1, { message: 'Cần ghi lý do / a reason is required' }).max(2000),
  }),
  'submission.activate': z.object({ submissionId }),
  // "Bỏ quyết định": the decision stays recorded, and no longer counts
  'decision.revoke': z.object({ decisionId: submissionId }),
  'submission.setReceived': z.object({
    submissionIds: z.array(submissionId).min(1).max(5000),
    date: isoDate.nullable(),
  }),
  'submission.setAside': z.object({ submissionId, aside: z.boolean() }),
  'period.setAside': z.object({ id: periodId, form: formIdSchema.optional(), aside: z.boolean() }),
  'submission.compare': z.object({ a: submissionId, b: submissionId }),
  'consolidation.get': z.object({ ...season }),
  'consolidation.sources': z.object({
    ...season,
    indicator: z.string().min(1),
    column: z.string().min(1),
  }),
  'export.report': z.object({
    ...season,
    target: heldId.optional(),
    header: reportHeaderInputSchema.default({}),
  }),
  // the report's header and signature texts the season remembers (or their defaults)
  'export.header': z.object({ ...season }),
  'export.feedback': z.object({
    ...season,
    /** a folder picked in the desktop's dialog */
    folder: heldId.optional(),
    units: z.array(unitCode).optional(),
  }),
  // Thêm mẫu biểu: the files of a pack folder (picked in the desktop's dialog, or uploaded), checked
  // as `sheaf pack check` does and copied into the data folder
  'templates.add': z.object({ files: z.array(importFileSchema).min(1).max(50) }),
  // Desktop-only: the HTTP transport answers these with `unsupported`.
  /** a template pack's folder: its .json and .csv files, held */
  'dialog.openPackFolder': z.object({}),
  /** the units' report files, or folders of them */
  'dialog.openFiles': z.object({ folders: z.boolean().default(false) }),
  'dialog.openUnitList': z.object({}),
  // the files dropped on the desktop window, by their paths: held for the next call, never read here.
  // Only the preload calls it (window.api.holdDropped, ipc-channels.ts): the page's invoke refuses it
  'dialog.holdDropped': z.object({ paths: z.array(z.string().min(1).max(4000)).min(1).max(2000) }),
  'dialog.saveFile': z.object({ defaultName: z.string().min(1), extension: z.string().min(1) }),
  'dialog.chooseFolder': z.object({}),
  /** `file`: the id an export gave for one of its files */
  'shell.showInFolder': z.object({ file: heldId }),
} as const

export type ApiResponses = {
  'app.info': AppInfo
  'period.list': readonly PeriodSummary[]
  /** `created`: false when the period was there already (nothing of it changed) */
  'period.create': PeriodSummary & Readonly<{ created: boolean }>
  'period.update': PeriodSummary
  'units.list': readonly UnitRow[]
  'units.import': UnitsImportResult
  'units.save': UnitRow
  'units.setActive': UnitRow
  'status.list': readonly StatusRow[]
  'status.exportMissing': ExportResult
  'status.export': ExportResult
  'problems.export': ExportResult
  'season.summary': Readonly<{ text: string }>
  'export.all': ExportResult
  'units.setContact': Readonly<{ code: string }>
  'import.start': Readonly<{ batchId: string; total: number }>
  'import.batches': readonly BatchView[]
  'batch.setReceived': BatchView
  'batch.setAside': BatchView
  'batch.moveTo': Readonly<{ batchId: string; total: number }>
  'import.assign': Readonly<{
    submissionId: number
    unit: string
    unitName: string
    status: 'accepted' | 'rejected'
    version: number | null
    errors: number
    warnings: number
    firstProblem: Localized | null
  }>
  /** `cancelled`: the batch was still running and stops after its current file */
  'import.cancel': Readonly<{ batchId: string; cancelled: boolean }>
  'problems.list': readonly ProblemRow[]
  'submission.versions': readonly SubmissionVersion[]
  'submission.sheet': SheetView
  'submission.decide': SubmissionVersion
  'submission.activate': SubmissionVersion
  'decision.revoke': SubmissionVersion
  'submission.setReceived': Readonly<{ changed: number }>
  'submission.setAside': Readonly<{ submissionId: number; setAside: boolean }>
  'period.setAside': PeriodSummary
  'submission.compare': readonly CellDiff[]
  'consolidation.get': ConsolidationView
  'consolidation.sources': FigureSources
  'export.header': ReportHeaderTexts
  'export.report': ExportResult
  'export.feedback': ExportResult
  /** the files picked (every spreadsheet of a picked folder), held by the main process */
  'dialog.openFiles': Readonly<{ files: readonly Readonly<{ id: string; name: string }>[] }>
  /**
   * `added`: the form, when the pack passed the check (`replaced`: a pack added before under its id);
   * else `problems`, each mistake with its file, line and field
   */
  'templates.add': Readonly<{
    added: TemplateInfo | null
    replaced: boolean
    problems: readonly Localized[]
  }>
  /** the pack folder picked (its name) and its .json and .csv files, held; null when cancelled */
  'dialog.openPackFolder': Readonly<{
    folder: Readonly<{ name: string; files: readonly Readonly<{ id: string; name: string }>[] }> | null
  }>
  /** the unit list picked, held by the main process */
  'dialog.openUnitList': Readonly<{ file: Readonly<{ id: string; name: string }> | null }>
  /** the dropped files held (every spreadsheet of a dropped folder), with their sizes for display */
  'dialog.holdDropped': Readonly<{ files: readonly Readonly<{ id: string; name: string; size: number }>[] }>
  'dialog.saveFile': Readonly<{ target: string | null }>
  'dialog.chooseFolder': Readonly<{ folder: string | null }>
  'shell.showInFolder': Readonly<{ shown: boolean }>
}

export type Channel = keyof typeof apiRequestSchemas
export type ApiRequest<C extends Channel> = z.input<(typeof apiRequestSchemas)[C]>
export type ApiParsedRequest<C extends Channel> = z.output<(typeof apiRequestSchemas)[C]>
export type ApiResponse<C extends Channel> = ApiResponses[C]

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(apiRequestSchemas, name)
}

export const API_ERROR_CODES = [
  'bad_request',
  /** the HTTP transport: no token, or not the right one */
  'unauthorized',
  /** the HTTP transport: a request from another page or address (Host, Origin, content type) */
  'forbidden',
  /** the HTTP transport: a body over its limit */
  'too_large',
  'unknown_channel',
  'not_found',
  'conflict',
  'unsupported',
  'io',
  'internal',
] as const
export type ApiErrorCode = (typeof API_ERROR_CODES)[number]

export type ApiError = Readonly<{ code: ApiErrorCode; message: Localized; details?: readonly string[] }>

export type ApiReply<T> = Readonly<{ ok: true; value: T }> | Readonly<{ ok: false; error: ApiError }>

/** What the preload script exposes as `window.api`. */
export type SheafBridge = Readonly<{
  invoke: <C extends Channel>(channel: C, request: ApiRequest<C>) => Promise<ApiReply<ApiResponse<C>>>
  onEvent: (listener: (event: import('./api-types').ApiEvent) => void) => () => void
  /**
   * Holds files dropped on the window: the preload finds their paths (Electron's
   * webUtils.getPathForFile) and gives them to the main process itself; the page gets ids, names and
   * sizes, never a path. A file with no path on this computer is left out.
   */
  holdDropped: (files: readonly File[]) => Promise<ApiReply<ApiResponse<'dialog.holdDropped'>>>
}>
