import { parentPort } from 'node:worker_threads'
import { guardWorkbook } from './src-main/core/workbook/guard-workbook'
import { readWorkbook } from './src-main/core/workbook/read-workbook'
parentPort!.on('message', (b: Uint8Array) => {
  let t = Date.now(); guardWorkbook(b, 'xlsx'); const g = Date.now() - t
  t = Date.now(); readWorkbook(b); const r = Date.now() - t
  parentPort!.postMessage({ g, r, isBuf: Buffer.isBuffer(b) })
})
