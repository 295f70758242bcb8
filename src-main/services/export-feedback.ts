// "Send feedback": a copy of a unit's own workbook with each problem cell highlighted and
// commented, and a first sheet `Loi can sua`, written as `<name>.loi.xlsx` in the chosen folder.
import crypto from 'node:crypto'
import path from 'node:path'
import type { Problem } from '../shared/problem'
import type { TemplatePack } from '../core/template/pack'
import type { SheafDb } from '../db'
import { getUnit, recordExport } from '../db'
import { columnLabels, writeFeedbackNote } from '../core/output/write-feedback'
import { extensionOf, safeFileName } from './file-name'
import type { FileSystem } from './fs-seam'
import type { TaskWorker } from './read-pool/task-worker'
import { TaskFailure } from './read-pool/task-worker'
import { realFs, writeFileAtomic } from './fs-seam'

/** `<the unit's name>.loi.xlsx`, made by the one name function; `a-ods.loi.xlsx` beside `a.loi.xlsx`. */
export function feedbackFileName(fileName: string, taken?: Set<string>): string {
  const ext = extensionOf(fileName).slice(1).toLowerCase()
  return safeFileName(fileName, {
    ending: '.loi.xlsx',
    ...(taken ? { taken } : {}),
    ...(ext ? { variant: `-${ext}` } : {}),
  })
}

export async function exportFeedback(
  db: SheafDb,
  input: Readonly<{
    pack: TemplatePack
    bytes: Uint8Array
    fileName: string
    problems: readonly Problem[]
    unit: string | null
    outDir: string
    /** names already written in this batch: two files `a.xls` and `a.ods` must not overwrite each other */
    taken?: Set<string>
    submissionId: number | null
    period?: string
    fsys?: FileSystem
    /** the read worker the copy is made in, with the pool's limits (time, memory, size) */
    tasks: TaskWorker
  }>,
): Promise<string> {
  const unitName =
    input.unit && input.period
      ? (getUnit(db, input.period as never, input.unit)?.name ?? input.unit)
      : input.unit
  const about = {
    problems: [...input.problems],
    unitName: unitName ?? null,
    fileName: path.basename(input.fileName),
    columnLabels: columnLabels(input.pack),
  }
  // A file that could not be read (S01: damaged, hostile, over a limit) is never parsed again: it
  // gets a note that says why and asks for it again.
  let bytes: Uint8Array | null = null
  if (!input.problems.some((p) => p.rule === 'S01'))
    try {
      // read and marked up in a worker: a workbook that needs seconds and gigabytes costs that worker
      bytes = await input.tasks.feedback({ ...about, bytes: input.bytes, pack: input.pack })
    } catch (e) {
      if (!(e instanceof TaskFailure)) throw e
      // over a limit: nothing to mark up, as for an S01
    }
  bytes ??= await writeFeedbackNote(about)
  const target = path.join(input.outDir, feedbackFileName(input.fileName, input.taken))
  writeFileAtomic(input.fsys ?? realFs, target, bytes)
  recordExport(db, {
    kind: 'feedback',
    ...(input.submissionId !== null ? { submissionId: input.submissionId } : {}),
    outputPath: target,
    sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
    size: bytes.length,
  })
  return target
}
