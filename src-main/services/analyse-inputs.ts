// Reads and analyses a batch of files, one at a time, so that a file that cannot be read becomes an
// S01 problem and the rest of the batch goes on.
import crypto from 'node:crypto'
import type { PeriodId } from '../shared/period'
import type { SubmissionAnalysis } from '../core/submission/analysis'
import { analyseBytes, rejectedUnreadable } from '../core/submission/analyse-submission'
import type { UnitIndex } from '../core/submission/identify-unit'
import type { TemplatePack } from '../core/template/pack'
import type { InputFile } from './collect-inputs'
import type { FileSystem } from './fs-seam'
import { realFs } from './fs-seam'

export type AnalysedFile = Readonly<{
  input: InputFile
  analysis: SubmissionAnalysis
  sha256: string | null
  size: number
  mtimeMs: number | null
  importOrder: number
  bytes: Uint8Array | null
}>

export type BatchContext = Readonly<{ pack: TemplatePack; units: UnitIndex; period: PeriodId }>

export type Progress = Readonly<{ done: number; total: number; file: string }>

export const MAX_FILE_BYTES = 50 * 1024 * 1024

export function analyseInput(
  ctx: BatchContext,
  input: InputFile,
  importOrder: number,
  fsys: FileSystem = realFs,
): AnalysedFile {
  let bytes: Uint8Array
  let size = 0
  let mtimeMs: number | null = null
  try {
    const st = fsys.stat(input.path)
    size = st.size
    mtimeMs = st.mtimeMs
    if (size > MAX_FILE_BYTES) {
      const mb = (size / 1024 / 1024).toFixed(1)
      return {
        input,
        analysis: rejectedUnreadable(input.display, {
          vi: `tệp quá lớn (${mb} MB, tối đa ${MAX_FILE_BYTES / 1024 / 1024} MB)`,
          en: `the file is too large (${mb} MB, at most ${MAX_FILE_BYTES / 1024 / 1024} MB)`,
        }),
        sha256: null,
        size,
        mtimeMs,
        importOrder,
        bytes: null,
      }
    }
    bytes = fsys.readFile(input.path)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'EIO'
    return {
      input,
      analysis: rejectedUnreadable(input.display, {
        vi: `không mở được tệp (${code === 'ENOENT' ? 'tệp đã bị xóa hoặc di chuyển' : code === 'EBUSY' ? 'tệp đang bị khóa' : code})`,
        en: `the file could not be opened (${code === 'ENOENT' ? 'it was deleted or moved' : code === 'EBUSY' ? 'it is locked' : code})`,
      }),
      sha256: null,
      size,
      mtimeMs,
      importOrder,
      bytes: null,
    }
  }
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex')
  const analysis = analyseBytes(bytes, {
    pack: ctx.pack,
    units: ctx.units,
    period: ctx.period,
    fileName: input.display,
  })
  return { input, analysis, sha256, size: bytes.length, mtimeMs, importOrder, bytes }
}

export function analyseInputs(
  ctx: BatchContext,
  inputs: readonly InputFile[],
  onProgress?: (p: Progress) => void,
  fsys: FileSystem = realFs,
): AnalysedFile[] {
  return inputs.map((input, i) => {
    onProgress?.({ done: i, total: inputs.length, file: input.display })
    const r = analyseInput(ctx, input, i, fsys)
    onProgress?.({ done: i + 1, total: inputs.length, file: input.display })
    return r
  })
}
