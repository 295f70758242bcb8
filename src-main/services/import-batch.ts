// "Import a batch": the files a clerk gives at once, imported and kept in the season's history of
// batches (what came, what was new, what was stored already, what was refused and why). The window
// (services/api) and the `sheaf` command with `--db` both import through here.
import type { Localized } from '../shared/localized'
import type { SheafDb } from '../db'
import { recordBatchFiles, startBatch } from '../db'
import type { BatchContext } from './analyse-inputs'
import { batchSeason } from './analyse-inputs'
import type { InputFile } from './collect-inputs'
import type { BatchRecord, ImportedFile, ImportOptions } from './import-files'
import { importFiles } from './import-files'

/** Why a file that is not a spreadsheet was left out of a batch. */
export const NOT_A_SPREADSHEET: Localized = {
  vi: 'Không phải tệp bảng tính (.xlsx, .xls, .ods…): không nhận',
  en: 'Not a spreadsheet (.xlsx, .xls, .ods…): not imported',
}

export type BatchOptions = Omit<ImportOptions, 'batch'> &
  Readonly<{
    /** the date the files were received, for the whole batch (`YYYY-MM-DD`; else each file's own time) */
    receivedOn: string | null
    /** names given with the batch that are not spreadsheets: kept in its history as refused */
    skipped: readonly string[]
    /** files of the batch that could not even be handed to the reader (an upload lost): counted in it */
    unread?: number
    /** told the stored batch before its first file is read */
    onBatch?: (batch: BatchRecord) => void
  }>

/**
 * Records a batch, imports its files into it (the batch's history follows each file as it is
 * stored) and lists the names that were not spreadsheets as refused. A batch cut short keeps what
 * came before the cut and says it was stopped.
 */
export async function importBatch(
  db: SheafDb,
  ctx: BatchContext,
  inputs: readonly InputFile[],
  options: BatchOptions,
): Promise<{ batch: BatchRecord; files: ImportedFile[] }> {
  const { receivedOn, skipped, unread = 0, onBatch, ...rest } = options
  const season = batchSeason(ctx)
  const total = inputs.length + unread
  const id = startBatch(db, {
    formId: season.form,
    period: season.period,
    total: total + skipped.length,
    receivedOn,
    ...(options.actor !== undefined ? { actor: options.actor } : {}),
  })
  const batch: BatchRecord = { id, receivedOn }
  // the refused names come after the batch's files, whatever becomes of them
  recordBatchFiles(
    db,
    id,
    skipped.map((name, i) => ({
      seq: total + i,
      fileName: name,
      outcome: 'refused' as const,
      submissionId: null,
      unit: null,
      declaredPeriod: null,
      status: null,
      errors: 1,
      warnings: 0,
      rule: 'S01',
      reason: NOT_A_SPREADSHEET,
    })),
  )
  onBatch?.(batch)
  const files = await importFiles(db, ctx, inputs, { ...rest, batch })
  return { batch, files }
}
