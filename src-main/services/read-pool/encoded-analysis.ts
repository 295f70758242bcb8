// An analysis as it crosses from a read worker to the main thread: everything but the figures as it
// is, and the figures already in their stored form (one JSON text) instead of ~500 objects that the
// structured clone would copy and the main thread rebuild one property at a time. The main thread
// stores that text; it builds the figures only when something reads them.
import type { SubmissionAnalysis } from '../../core/submission/analysis'
import type { EncodedFigures } from '../../db/figures-json'
import { encodeFigures, figuresFromStored, parseFiguresJson } from '../../db/figures-json'

export type AnalysisWithoutFigures = Readonly<Omit<SubmissionAnalysis, 'figures'>>

export type EncodedAnalysis = Readonly<{ analysis: AnalysisWithoutFigures; figures: EncodedFigures }>

/** The encoded form, or null when the figures cannot be stored (then the analysis goes as it is). */
export function encodeAnalysis(a: SubmissionAnalysis): EncodedAnalysis | null {
  const encoded = encodeFigures(a.figures)
  if (!encoded.ok) return null
  const rest: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(a)) if (k !== 'figures') rest[k] = v
  return { analysis: rest as AnalysisWithoutFigures, figures: { json: encoded.json, count: encoded.count } }
}

/** The analysis back, its figures (in stored order) built on first read. */
export function decodeAnalysis(e: EncodedAnalysis): SubmissionAnalysis {
  let figures: SubmissionAnalysis['figures'] | null = null
  const build = (): SubmissionAnalysis['figures'] => {
    const rows = parseFiguresJson(e.figures.json)
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
  return out as SubmissionAnalysis
}
