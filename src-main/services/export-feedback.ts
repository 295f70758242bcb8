// "Send feedback": a copy of a unit's own workbook with each problem cell highlighted and
// commented, and a first sheet `Loi can sua`, written as `<name>.loi.xlsx` in the chosen folder.
import crypto from 'node:crypto'
import path from 'node:path'
import type { Problem } from '../shared/problem'
import type { TemplatePack } from '../core/template/pack'
import { writeFeedback } from '../core/output/write-feedback'
import { readWorkbook } from '../core/workbook/read-workbook'
import type { SheafDb } from '../db'
import { getUnit, recordExport } from '../db'
import { extensionOf, safeFileName } from './file-name'
import type { FileSystem } from './fs-seam'
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
  }>,
): Promise<string | null> {
  // A file that could not be read (S01: damaged, hostile, over a limit) is never parsed again here,
  // on the calling thread: its problem list goes back to the unit without a marked-up copy.
  if (input.problems.some((p) => p.rule === 'S01')) return null
  let grid
  try {
    grid = readWorkbook(input.bytes)
  } catch {
    return null // an unreadable file has nothing to mark up; its S01 is in the list of problems
  }
  const unitName =
    input.unit && input.period
      ? (getUnit(db, input.period as never, input.unit)?.name ?? input.unit)
      : input.unit
  const bytes = await writeFeedback({
    bytes: input.bytes,
    format: grid.format,
    grid,
    problems: [...input.problems],
    unitName: unitName ?? null,
    fileName: path.basename(input.fileName),
  })
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
