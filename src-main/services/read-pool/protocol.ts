// The messages between the read pool and its worker threads: plain data only, as structured clone
// carries it (the template pack's Maps included).
import type { SubmissionAnalysis } from '../../core/submission/analysis'
import type { BatchContext } from '../analyse-inputs'
import type { EncodedAnalysis } from './encoded-analysis'

/**
 * `progress`: one shared integer where the worker keeps the id of the file it is reading (-1 between
 * files), so that the pool knows which file to blame when the thread hangs or dies, though the
 * results of the files before it may not have been sent yet.
 */
export type WorkerRequest =
  | Readonly<{ type: 'context'; ctx: BatchContext; progress?: Int32Array }>
  | Readonly<{ type: 'analyse'; id: number; bytes: Uint8Array; fileName: string }>

/** A file's analysis: `encoded`, with its figures in their stored form (encoded-analysis.ts), or as it is. */
export type FileReply =
  | Readonly<{ type: 'result'; id: number; analysis: SubmissionAnalysis }>
  | Readonly<{ type: 'encoded'; id: number; encoded: EncodedAnalysis }>

/** `batch`: the replies for several files in the order they were sent, in one message. */
export type WorkerReply =
  Readonly<{ type: 'ready' }> | FileReply | Readonly<{ type: 'batch'; replies: readonly FileReply[] }>
