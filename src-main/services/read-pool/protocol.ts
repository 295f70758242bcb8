// The messages between the read pool and its worker threads: plain data only, as structured clone
// carries it (the template pack's Maps included).
import type { SubmissionAnalysis } from '../../core/submission/analysis'
import type { BatchContext } from '../analyse-inputs'

export type WorkerRequest =
  | Readonly<{ type: 'context'; ctx: BatchContext }>
  | Readonly<{ type: 'analyse'; id: number; bytes: Uint8Array; fileName: string }>

export type WorkerReply =
  Readonly<{ type: 'ready' }> | Readonly<{ type: 'result'; id: number; analysis: SubmissionAnalysis }>
