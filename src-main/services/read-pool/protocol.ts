// The messages between the read pool and its worker threads: plain data only, as structured clone
// carries it (the template pack's Maps included).
import type { SubmissionAnalysis } from '../../core/submission/analysis'
import type { BatchContext } from '../analyse-inputs'
import type { EncodedAnalysis } from './encoded-analysis'

export type WorkerRequest =
  | Readonly<{ type: 'context'; ctx: BatchContext }>
  | Readonly<{ type: 'analyse'; id: number; bytes: Uint8Array; fileName: string }>

/** `encoded`: the analysis with its figures in their stored form (encoded-analysis.ts); `analysis`: as it is. */
export type WorkerReply =
  | Readonly<{ type: 'ready' }>
  | Readonly<{ type: 'result'; id: number; analysis: SubmissionAnalysis }>
  | Readonly<{ type: 'encoded'; id: number; encoded: EncodedAnalysis }>
