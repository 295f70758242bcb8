import { Worker } from 'node:worker_threads'
import { millionRows } from './test/fixtures/hostile/hostile-files'
import { loadTestPack } from './test/helpers/load-test-pack'
import { guardWorkbook } from './src-main/core/workbook/guard-workbook'
const m = millionRows(loadTestPack())
let t = Date.now(); guardWorkbook(m, 'xlsx'); console.log('main guard', Date.now()-t)
const w = new Worker(`require(${JSON.stringify(require.resolve('tsx/cjs'))}); require('/work/main/t6w.tmp.ts')`, { eval: true })
w.once('message', (x) => { console.log(x); void w.terminate() }); w.postMessage(m)
