// The reads of a unit's workbook other than its analysis, done in a read worker with the pool's
// limits (task-worker.ts): the sheet as received, for the validator's view, and the feedback copy.
// A file that takes seconds and gigabytes to read then costs its worker, not the thread that answers.
import type { Problem } from '../../shared/problem'
import type { TemplatePack } from '../../core/template/pack'
import { writeFeedback } from '../../core/output/write-feedback'
import { cellText } from '../../core/workbook/grid'
import { readWorkbook } from '../../core/workbook/read-workbook'

export type SheetTask = Readonly<{
  bytes: Uint8Array
  /** the sheets to show, the first found wins (the one asked for, the figures' sheet); else the first visible */
  wanted: readonly (string | null | undefined)[]
  maxRows: number
  maxColumns: number
}>

export type SheetTaskResult = Readonly<{
  sheets: readonly string[]
  sheet: string
  rows: ReadonlyArray<ReadonlyArray<string | null>>
  merges: ReadonlyArray<Readonly<{ r1: number; c1: number; r2: number; c2: number }>>
}>

export type FeedbackTask = Readonly<{
  bytes: Uint8Array
  problems: readonly Problem[]
  unitName: string | null
  fileName: string
  /** the form's label of each column key (`Kỳ báo cáo - Nữ (4)`) */
  columnLabels: Readonly<Record<string, string>>
  /** the form, plain data: a file that is not an .xlsx comes back in its official layout */
  pack?: TemplatePack
}>

export type WorkerTask =
  Readonly<{ type: 'sheet'; task: SheetTask }> | Readonly<{ type: 'feedback'; task: FeedbackTask }>

export function sheetOf(task: SheetTask): SheetTaskResult | null {
  const grid = readWorkbook(task.bytes)
  const sheet =
    task.wanted.map((name) => grid.sheets.find((s) => name && s.name === name)).find((s) => s) ??
    grid.sheets.find((s) => !s.hidden) ??
    grid.sheets[0]
  if (!sheet) return null
  // the grid's rows and cells may be holes: every row and cell is spelled out for the page
  const rows = Array.from({ length: Math.min(sheet.rows.length, task.maxRows) }, (_, r) => {
    const row = sheet.rows[r] ?? []
    return Array.from({ length: Math.min(row.length, task.maxColumns) }, (_, c) => {
      const text = cellText(row[c])
      return text === '' ? null : text
    })
  })
  return { sheets: grid.sheets.map((s) => s.name), sheet: sheet.name, rows, merges: sheet.merges }
}

export async function feedbackOf(task: FeedbackTask): Promise<Uint8Array> {
  const grid = readWorkbook(task.bytes)
  return writeFeedback({
    bytes: task.bytes,
    format: grid.format,
    grid,
    problems: [...task.problems],
    unitName: task.unitName,
    fileName: task.fileName,
    columnLabels: task.columnLabels,
    ...(task.pack ? { pack: task.pack } : {}),
  })
}

export async function runTask(t: WorkerTask): Promise<unknown> {
  switch (t.type) {
    case 'sheet':
      return sheetOf(t.task)
    case 'feedback':
      return feedbackOf(t.task)
  }
}
