// What reading a batch of files needs and gives: the batch's context, each file loaded and hashed
// (or refused: too large, gone, locked, which becomes its S01 so the rest of the batch goes on), and
// the shape of a file once analysed.
import crypto from 'node:crypto'
import type { PeriodId, Season } from '../shared/period'
import type { SubmissionAnalysis } from '../core/submission/analysis'
import { rejectedUnreadable } from '../core/submission/analyse-submission'
import type { UnitIndex } from '../core/submission/identify-unit'
import type { OtherForm } from '../core/submission/recognise-form'
import { indexUnits } from '../core/submission/identify-unit'
import type { Unit } from '../core/units/unit'
import type { TemplatePack } from '../core/template/pack'
import type { EncodedFigures } from '../db/figures-json'
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
  /** the figures in their stored form, when a read worker encoded them */
  encodedFigures?: EncodedFigures | null
}>

/** `forcedUnit`: the files are read as that unit's (a file assigned to its unit by hand, read again). */
export type BatchContext = Readonly<{
  pack: TemplatePack
  units: UnitIndex
  period: PeriodId
  forcedUnit?: string
  /** the other forms Sheaf knows, with their seasons: a file of one is stored under its season */
  otherForms?: readonly OtherForm[]
}>

/** What reading a file of the period needs: its form and its units, indexed by code and name. */
export function batchContext(pack: TemplatePack, units: readonly Unit[], period: PeriodId): BatchContext {
  return { pack, units: indexUnits(units), period }
}

/**
 * Where an analysed file belongs: the batch's season, or the season of another form it was read for.
 * With the context that reading it there took (that form's pack, units and period).
 */
export function seasonOfFile(
  ctx: BatchContext,
  analysis: Pick<SubmissionAnalysis, 'otherForm'>,
): { season: Season; ctx: BatchContext } {
  const o = analysis.otherForm
  const form = o?.stored ? ctx.otherForms?.find((f) => f.pack.manifest.id === o.form) : undefined
  const there = form?.seasons.find((s) => s.period === o?.period)
  if (!o || !form || !there) return { season: batchSeason(ctx), ctx }
  return {
    season: { form: o.form, period: o.period },
    ctx: { pack: form.pack, units: there.units, period: o.period },
  }
}

/** The season a batch is stored in: its pack's form and its period. */
export function batchSeason(ctx: Pick<BatchContext, 'pack' | 'period'>): Season {
  return { form: ctx.pack.manifest.id, period: ctx.period }
}

export type Progress = Readonly<{ done: number; total: number; file: string }>

export const MAX_FILE_BYTES = 50 * 1024 * 1024

/** A file read from disk and hashed, ready to analyse, or already rejected (too large, unreadable). */
export type LoadedInput =
  | Readonly<{ ok: true; bytes: Uint8Array; sha256: string; size: number; mtimeMs: number | null }>
  | Readonly<{ ok: false; analysed: AnalysedFile }>

export function loadInput(
  input: InputFile,
  importOrder: number,
  fsys: FileSystem = realFs,
  maxFileBytes: number = MAX_FILE_BYTES,
): LoadedInput {
  let size = 0
  let mtimeMs: number | null = null
  const refused = (message: { vi: string; en: string }): LoadedInput => ({
    ok: false,
    analysed: {
      input,
      analysis: rejectedUnreadable(input.display, message),
      sha256: null,
      size,
      mtimeMs,
      importOrder,
      bytes: null,
    },
  })
  try {
    const st = fsys.stat(input.path)
    size = st.size
    mtimeMs = st.mtimeMs
    if (size > maxFileBytes) {
      const mb = (size / 1024 / 1024).toFixed(1)
      const max = (maxFileBytes / 1024 / 1024).toFixed(maxFileBytes % (1024 * 1024) === 0 ? 0 : 1)
      return refused({
        vi: `tệp quá lớn (${mb} MB, tối đa ${max} MB)`,
        en: `the file is too large (${mb} MB, at most ${max} MB)`,
      })
    }
    const bytes = fsys.readFile(input.path)
    // the file may have grown between stat and read
    if (bytes.length > maxFileBytes) {
      size = bytes.length
      const mb = (size / 1024 / 1024).toFixed(1)
      return refused({ vi: `tệp quá lớn (${mb} MB)`, en: `the file is too large (${mb} MB)` })
    }
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex')
    return { ok: true, bytes, sha256, size: bytes.length, mtimeMs }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'EIO'
    const why =
      code === 'ENOENT'
        ? { vi: 'tệp đã bị xóa hoặc di chuyển', en: 'it was deleted or moved' }
        : code === 'EBUSY' || code === 'EPERM' || code === 'EACCES'
          ? { vi: 'tệp đang bị khóa hoặc không có quyền đọc', en: 'it is locked or cannot be read' }
          : { vi: code, en: code }
    return refused({ vi: `không mở được tệp (${why.vi})`, en: `the file could not be opened (${why.en})` })
  }
}
