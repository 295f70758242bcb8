// The messages between the read pool and its worker threads: plain data only, as structured clone
// carries it (the template pack's Maps included).
import type { SubmissionAnalysis } from '../../core/submission/analysis'
import type { BatchContext } from '../analyse-inputs'
import type { PackedAnalysis } from './pack-analysis'
import type { EncodedFigures } from '../../db/figures-json'

export type WorkerRequest =
  | Readonly<{ type: 'context'; ctx: BatchContext }>
  | Readonly<{ type: 'analyse'; id: number; bytes: Uint8Array; fileName: string }>

/**
 * `packed`: the analysis in its compact form (see pack-analysis.ts) with its figures also in their
 * stored form, so that the main thread stores them without building them; `analysis`: as it is.
 */
export type WorkerReply =
  | Readonly<{ type: 'ready' }>
  | Readonly<{ type: 'result'; id: number; analysis: SubmissionAnalysis }>
  | Readonly<{ type: 'packed'; id: number; packed: PackedAnalysis; figures: EncodedFigures | null }>
