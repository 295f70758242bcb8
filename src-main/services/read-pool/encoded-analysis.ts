// An analysis as it crosses from a read worker to the main thread: everything but the figures as it
// is, and the figures already in their stored form, as the UTF-8 bytes of one JSON text that the
// message hands over without copying, instead of ~500 objects that the structured clone would copy
// and the main thread rebuild one property at a time. The main thread stores that text; it builds
// the figures only when something reads them.
import type { SubmissionAnalysis } from '../../core/submission/analysis'
import type { EncodedFigures } from '../../db/figures-json'
import { encodeFiguresUtf8, figuresFromStored, figuresText, parseFiguresJson } from '../../db/figures-json'

export type AnalysisWithoutFigures = Readonly<Omit<SubmissionAnalysis, 'figures'>>

export type EncodedAnalysis = Readonly<{
  analysis: AnalysisWithoutFigures
  figures: Readonly<{ bytes: Uint8Array; count: number }>
}>

/** The encoded form, or null when the figures cannot be stored (then the analysis goes as it is). */
export function encodeAnalysis(a: SubmissionAnalysis): EncodedAnalysis | null {
  const encoded = encodeFiguresUtf8(a.figures)
  if (!encoded.ok) return null
  // the other properties in their order (decodeAnalysis puts `figures` back where it was)
  const { figures: _figures, ...rest } = a
  return { analysis: rest, figures: { bytes: encoded.bytes, count: encoded.count } }
}

/** What a message carrying `e` may hand over rather than copy: the figures' own buffer. */
export function transferList(e: EncodedAnalysis): ArrayBuffer[] {
  const buffer = e.figures.bytes.buffer
  return buffer instanceof ArrayBuffer ? [buffer] : []
}

/** The analysis back, its figures (in stored order) built on first read, and their stored text. */
export function decodeAnalysis(e: EncodedAnalysis): Readonly<{
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
  for (const [k, v] of Object.entries(e.analysis)) {
    // `figures` where it was, before `problems`
    if (k === 'problems') defineFigures()
    out[k] = v
  }
  if (!('figures' in out)) defineFigures()
  return { analysis: out as SubmissionAnalysis, figures: { json, count: e.figures.count } }
}
