// The thread that reads and analyses one file at a time for the read pool, so that a file that
// hangs SheetJS or eats memory can be ended with its thread while the batch goes on.
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads'
import { analyseBytesUnchecked, rejectedUnreadable } from '../../core/submission/analyse-submission'
import { withChecks } from '../../core/submission/pending-checks'
import type { FileReply, WorkerReply, WorkerRequest } from './protocol'
import type { BatchContext } from '../analyse-inputs'
import { encodeAnalysis, transferList } from './encoded-analysis'
import { nativeReadContext } from './native-inflate'
import { damagedText } from '../../core/workbook/unreadable-messages'
import type { WorkerTask } from './worker-tasks'
import { runTask } from './worker-tasks'
import { loadNumberFormats } from '../../core/workbook/xlsx-fast/cell-format'

/** This thread's reading: Node's byte work, and the reader SHEAF_XLSX_READER asks for. */
const READ = nativeReadContext()

/**
 * Replies sent together: every message costs the reading thread time, which adds up over a
 * country's files (docs/bench/code-choices.md). A reply waits for at most this many others, and never once the files
 * sent so far are read (nor beyond `MAX_WAIT_MS` before the next file starts).
 */
const BATCH = 4
const MAX_WAIT_MS = 25

function analyse(
  ctx: BatchContext | null,
  msg: Extract<WorkerRequest, { type: 'analyse' }>,
): {
  reply: FileReply
  transfer: ArrayBuffer[]
} {
  try {
    if (!ctx) throw new Error('no context')
    // the checks of the batch's form are left to the thread that decodes the reply (encoded-analysis.ts)
    const unchecked = analyseBytesUnchecked(msg.bytes, { ...ctx, fileName: msg.fileName, read: READ })
    const encoded = encodeAnalysis(unchecked)
    if (encoded) return { reply: { type: 'encoded', id: msg.id, encoded }, transfer: transferList(encoded) }
    const analysis = withChecks(ctx, unchecked.analysis, unchecked.checks)
    return { reply: { type: 'result', id: msg.id, analysis }, transfer: [] }
  } catch {
    // an exception no reader foresaw: said in words (its text says nothing to a clerk)
    const analysis = rejectedUnreadable(msg.fileName, damagedText('other'))
    return { reply: { type: 'result', id: msg.id, analysis }, transfer: [] }
  }
}

/** A task worker (task-worker.ts): one task at a time, each answered with its value or its failure. */
function serveTasks(port: NonNullable<typeof parentPort>): void {
  port.on('message', (msg: { id: number; task: WorkerTask }) => {
    void runTask(msg.task).then(
      (value) => port.postMessage({ id: msg.id, ok: true, value }),
      (e: unknown) =>
        port.postMessage({ id: msg.id, ok: false, message: e instanceof Error ? e.message : String(e) }),
    )
  })
  port.postMessage({ type: 'ready' } satisfies WorkerReply)
}

const port = parentPort
if (port && (workerData as { role?: string } | null)?.role === 'tasks') serveTasks(port)
else if (port) {
  let ctx: BatchContext | null = null
  let progress: Int32Array | null = null
  const replies: FileReply[] = []
  const transfers: ArrayBuffer[] = []
  let oldest = 0
  const flush = (): void => {
    if (replies.length === 0) return
    const batch = replies.splice(0)
    const msg: WorkerReply = batch.length === 1 ? (batch[0] as FileReply) : { type: 'batch', replies: batch }
    port.postMessage(msg, transfers.splice(0))
  }
  const handle = (msg: WorkerRequest): void => {
    if (msg.type === 'context') {
      ctx = msg.ctx
      progress = msg.progress ?? null
      return
    }
    if (replies.length > 0 && performance.now() - oldest > MAX_WAIT_MS) flush()
    if (progress) Atomics.store(progress, 0, msg.id)
    const { reply, transfer } = analyse(ctx, msg)
    if (replies.length === 0) oldest = performance.now()
    replies.push(reply)
    transfers.push(...transfer)
    if (replies.length >= BATCH) flush()
  }
  // the files already waiting in the port are taken in one go, without going back to the event loop
  port.on('message', (first: WorkerRequest) => {
    handle(first)
    for (let next = receiveMessageOnPort(port); next; next = receiveMessageOnPort(port))
      handle(next.message as WorkerRequest)
    flush()
    if (progress) Atomics.store(progress, 0, -1)
  })
  port.postMessage({ type: 'ready' } satisfies WorkerReply)
  // while the first files are on their way (files already waiting are read first)
  setImmediate(loadNumberFormats)
}
