// The thread that reads and analyses one file at a time for the read pool, so that a file that
// hangs SheetJS or eats memory can be ended with its thread while the batch goes on.
import { parentPort } from 'node:worker_threads'
import { analyseBytes, rejectedUnreadable } from '../../core/submission/analyse-submission'
import type { WorkerReply, WorkerRequest } from './protocol'
import type { BatchContext } from '../analyse-inputs'
import { encodeAnalysis, transferList } from './encoded-analysis'
import { useNativeInflate } from './native-inflate'

useNativeInflate()

const port = parentPort
if (port) {
  let ctx: BatchContext | null = null
  port.on('message', (msg: WorkerRequest) => {
    if (msg.type === 'context') {
      ctx = msg.ctx
      return
    }
    let reply: WorkerReply
    try {
      if (!ctx) throw new Error('no context')
      const analysis = analyseBytes(msg.bytes, { ...ctx, fileName: msg.fileName })
      const encoded = encodeAnalysis(analysis)
      if (encoded) {
        port.postMessage(
          { type: 'encoded', id: msg.id, encoded } satisfies WorkerReply,
          transferList(encoded),
        )
        return
      }
      reply = { type: 'result', id: msg.id, analysis }
    } catch (e) {
      const text = e instanceof Error ? e.message : String(e)
      reply = {
        type: 'result',
        id: msg.id,
        analysis: rejectedUnreadable(msg.fileName, {
          vi: `tệp bị hỏng (${text})`,
          en: `the file is damaged (${text})`,
        }),
      }
    }
    port.postMessage(reply)
  })
  port.postMessage({ type: 'ready' } satisfies WorkerReply)
}
