import { Worker } from 'node:worker_threads'
import { millionRows } from './test/fixtures/hostile/hostile-files'
import { loadTestPack } from './test/helpers/load-test-pack'
const pack = loadTestPack()
const m = millionRows(pack)
const code = `
const { parentPort } = require('node:worker_threads')
const XLSX = require(${JSON.stringify(require.resolve('@e965/xlsx'))})
parentPort.on('message', (b) => { const t = Date.now(); XLSX.read(b, {type:'array', dense:true, sheetRows: 5000, cellFormula:true, cellNF:true}); parentPort.postMessage(Date.now()-t) })
`
async function run(opts: object) {
  const w = new Worker(code, { eval: true, ...opts })
  const ms = await new Promise((r) => { w.once('message', r); w.postMessage(m) })
  console.log(JSON.stringify(opts), ms)
  await w.terminate()
}
async function main() {
  const XLSX = await import('@e965/xlsx')
  let t = Date.now(); XLSX.read(m, {type:'array', dense:true, sheetRows: 5000, cellFormula:true, cellNF:true}); console.log('main', Date.now()-t)
  await run({})
  await run({ resourceLimits: { stackSizeMb: 8 } })
  await run({ resourceLimits: { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 64 } })
}
void main()
