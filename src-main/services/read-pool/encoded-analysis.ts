// An analysis as it crosses from a read worker to the main thread: everything but the figures as it
// is, and the figures already in their stored form, as the UTF-8 bytes of one JSON text that the
// message hands over without copying, instead of ~500 objects that the structured clone would copy
// and the main thread rebuild one property at a time. The main thread stores that text; it builds
// the figures only when something reads them. The checks of the figures of a file read as the
// batch's form come as the values they read, and are run as the analysis is decoded.
import type { SubmissionAnalysis } from '../../core/submission/analysis'
import type { PendingChecks, UncheckedAnalysis } from '../../core/submission/pending-checks'
import { withChecks } from '../../core/submission/pending-checks'
import { valuesBuffer } from '../../core/rules/figure-values'
import type { BatchContext } from '../analyse-inputs'
import type { EncodedFigures } from '../../db/figures-json'
import { encodeFiguresUtf8, figuresFromStored, figuresText, parseFiguresJson } from '../../db/figures-json'

export type AnalysisWithoutFigures = Readonly<Omit<SubmissionAnalysis, 'figures'>>

export type EncodedAnalysis = Readonly<{
  analysis: AnalysisWithoutFigures
  figures: Readonly<{ bytes: Uint8Array; count: number }>
  /** the checks still to run: `analysis`'s problems and status are as if they found nothing */
  checks: PendingChecks | null
}>

/** The encoded form, or null when the figures cannot be stored (then the analysis goes as it is). */
export function encodeAnalysis({ analysis: a, checks }: UncheckedAnalysis): EncodedAnalysis | null {
  const encoded = encodeFiguresUtf8(a.figures)
  if (!encoded.ok) return null
  // the other properties in their order (decodeAnalysis puts `figures` back where it was)
  const { figures: _figures, ...rest } = a
  return { analysis: rest, figures: { bytes: encoded.bytes, count: encoded.count }, checks }
}

/** What a message carrying `e` may hand over rather than copy: the figures' and the values' buffers. */
export function transferList(e: EncodedAnalysis): ArrayBuffer[] {
  const out: ArrayBuffer[] = []
  const buffer = e.figures.bytes.buffer
  if (buffer instanceof ArrayBuffer) out.push(buffer)
  const values = e.checks ? valuesBuffer(e.checks.values) : null
  if (values) out.push(values)
  return out
}

/**
 * The analysis back, checked against the batch's form (`form`: the pack and period the worker read
 * with), its figures (in stored order) built on first read, and their stored text.
 */
export function decodeAnalysis(
  e: EncodedAnalysis,
  form: Pick<BatchContext, 'pack' | 'period'>,
): Readonly<{
  analysis: SubmissionAnalysis
  figures: EncodedFigures
}> {
  const json = figuresText(e.figures.bytes)
  let figures: SubmissionAnalysis['figures'] | null = null
  const build = (): SubmissionAnalysis['figures'] => {
    const rows = parseFiguresJson(json)
    if (!rows) throw new Error('the figures of a read file were damaged between threads')
    return figuresFromStored(rows)
  }
  const out: Record<string, unknown> = {}
  const defineFigures = (): void => {
    Object.defineProperty(out, 'figures', {
      enumerable: true,
      configurable: true,
      get: () => (figures ??= build()),
    })
  }
  for (const [k, v] of Object.entries(withChecks(form, e.analysis, e.checks))) {
    // `figures` where it was, before `problems`
    if (k === 'problems') defineFigures()
    out[k] = v
  }
  if (!('figures' in out)) defineFigures()
  return { analysis: out as SubmissionAnalysis, figures: { json, count: e.figures.count } }
}
