// The one entry point of Sheaf's database: services, the CLI and the desktop app import from here
// and never write SQL themselves.
//
// How to use it
// -------------
//   const db = openDatabase(path ?? ':memory:', { actor: os.userInfo().username })
//   try { ... } finally { db.close() }
//
// Every function takes the `SheafDb` first. Writes run in one transaction each and record who did
// what in the audit log (`actor` argument, else the `actor` given to `openDatabase`). Every failure
// is a `DbError` with a `code` and a Vietnamese + English `text`; SQLite's own errors never escape.
//
// Opening and safety
//   openDatabase(path, { actor?, clock?, busyTimeoutMs? }): SheafDb
//       creates or opens, WAL (files), foreign keys ON, busy timeout 5 s, PRAGMA quick_check, then
//       applies pending migrations. Refuses, changing nothing: DB_LOCKED, DB_READ_ONLY, DB_DAMAGED,
//       DB_TOO_NEW (made by a newer Sheaf), DB_SCHEMA_MISMATCH, DB_CANNOT_OPEN.
//   integrityCheck(db): { ok, messages }                       PRAGMA integrity_check
//   backupDatabase(db, destPath): Promise<void>                online backup, safe while in use
//   restoreDatabase(fromBackup, toPath): Promise<void>         `toPath` must be closed
//
// A season's frame (a season is a form and a period: `season` below is { form, period })
//   savePeriod(db, { id, templateId, templateVersion?, deadline? }) / getPeriod(db, season) / listPeriods
//   recordTemplatePack(db, { id, version, hash }) / listTemplatePacks
//   importUnitList(db, season, units): { added, updated, deactivated }   absent units are deactivated
//   addUnit(db, season, unit) / renameUnit(db, season, code, name) / setUnitActive(db, season, code, active)
//   listUnits(db, season, { includeInactive? }): Unit[] / getUnit(db, season, code)
//   getSettings(db) / getSetting(db, key) / setSettings(db, { key: value | null }) — keys in SETTING_KEYS
//
// Import
//   storeSubmission(db, { season, file: { name, sha256, size, mtime }, analysis, actor? })
//       : { submissionId, duplicate }
//       one transaction: the file, its figures and its problems, or nothing. The same sha256 already
//       stored for the period returns the stored id with duplicate: true and writes nothing.
//   assignSubmissionUnit(db, { submissionId, unit, analysis, by? }): Submission
//       a file assigned to a unit by hand: its unit, status, figures and problems replaced by its
//       new analysis in one transaction, with an audit entry (`submission.assign`, from -> to)
//   getSubmission(db, id) / findSubmissionByHash(db, season, sha256) / listSubmissions(db, season)
//   getFigures(db, submissionId): Figure[]     getProblems(db, submissionId): Problem[]
//
// Versions (S08) and decisions
//   listVersions(db, season, unit?): SubmissionVersion[]   by unit, v1 = oldest; each says `version`,
//       `accepted` (status, or the latest accept/reject decision), `acceptedWithReason`, `active`,
//       `activeByDecision`, error/warning counts and its `decisions`
//   getActiveVersion(db, season, unit) / listActiveVersions(db, season)
//   getAcceptedSubmissions(db, season): (SubmissionVersion & { figures })[]   what consolidation merges
//   getAcceptedForMerge(db, season, cache?): the same, each figure carrying its source; a FigureCache
//       filled during the import (`remember`, with soleVersion) spares reading the figures again
//   getUnitFigures(db, season, unit): (SubmissionVersion & { figures }) | null   e.g. for W03
//   diffVersions(db, fromId, toId): { from, to, changes: { indicator, column, old, new, delta, … }[] }
//   recordDecision(db, { kind: 'accept' | 'reject' | 'choose_active', submissionId, reason?, by })
//       `accept` needs a reason. A `choose_active` holds until the unit sends another file.
//   listDecisions(db, { submissionId?, period?, unit? })
//   getHistory(db, { form?, unit?, period? }): { form, period, unit, unitName, versions }[]    `sheaf history`
//
// What was produced
//   recordConsolidation(db, { period, templateId, templateVersion, submissionIds, missing,
//       provisional, final?, problems? }): id        keeps each submission's version number as merged
//   getConsolidation(db, id) / listConsolidations(db, season)
//   recordExport(db, { kind: 'report' | 'feedback', consolidationId?, submissionId?, outputPath,
//       sha256, size? }): id / listExports(db, season)
//   listAudit(db, { entity?, entityId?, limit? }): AuditEntry[]   newest first

export { DbError, DB_ERROR_CODES, isDbError, type DbErrorCode } from './errors'
export {
  openDatabase,
  integrityCheck,
  SheafDb,
  MEMORY,
  DEFAULT_BUSY_TIMEOUT_MS,
  type OpenOptions,
  type IntegrityResult,
} from './connection'
export { appliedMigrations, type AppliedMigration } from './migrate'
export { MIGRATIONS, type Migration } from './migrations/index'
export { backupDatabase, restoreDatabase } from './backup'
export { FigureCache } from './figure-cache'
export {
  savePeriod,
  getPeriod,
  listPeriods,
  setPeriodAside,
  recordTemplatePack,
  listTemplatePacks,
  type Period,
  type PeriodInput,
  type TemplatePackRecord,
} from './periods'
export {
  importUnitList,
  addUnit,
  renameUnit,
  setUnitActive,
  getUnit,
  listUnits,
  listUnitContacts,
  setUnitContact,
  type UnitContact,
  type UnitListImport,
} from './units'
export {
  storeSubmission,
  assignSubmissionUnit,
  getSubmission,
  findSubmissionByHash,
  listSubmissions,
  unreadableSubmissionIds,
  problemCounts,
  setReceivedOn,
  setSubmissionAside,
  getFigures,
  getProblems,
  type StoredFile,
  type StoreSubmissionInput,
  type StoreSubmissionResult,
  type AssignSubmissionInput,
  type Submission,
} from './submissions'
export {
  recordDecision,
  revokeDecision,
  listDecisions,
  DECISION_KINDS,
  type Decision,
  type DecisionInput,
  type DecisionKind,
} from './decisions'
export {
  listVersions,
  versionsByUnit,
  getActiveVersion,
  listActiveVersions,
  getAcceptedSubmissions,
  soleVersion,
  getAcceptedForMerge,
  getUnitFigures,
  diffVersions,
  type SubmissionVersion,
  type SubmissionWithFigures,
  type FigureChange,
  type VersionDiff,
} from './versions'
export { getHistory, type HistoryEntry } from './history'
export {
  startBatch,
  recordBatchFiles,
  finishBatch,
  listBatches,
  getBatch,
  setBatchReceivedOn,
  setBatchAside,
  BATCH_OUTCOMES,
  type Batch,
  type BatchFile,
  type BatchOutcome,
  type BatchStart,
} from './batches'
export {
  recordConsolidation,
  getConsolidation,
  listConsolidations,
  recordExport,
  listExports,
  type ConsolidationInput,
  type ConsolidationRecord,
  type ConsolidationSource,
  type ExportInput,
  type ExportKind,
  type ExportRecord,
} from './consolidations'
export { getSetting, getSettings, setSetting, setSettings, SETTING_KEYS } from './settings'
export { listAudit, type AuditEntry } from './audit'
