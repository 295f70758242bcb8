import { millionRows, wideRow } from './test/fixtures/hostile/hostile-files'
import { loadTestPack } from './test/helpers/load-test-pack'
import { indexUnits } from './src-main/core/submission/identify-unit'
import { ReadPool } from './src-main/services/read-pool/read-pool'
const pack = loadTestPack()
const units = indexUnits([{ code: '08001', name: 'Xã Tam Đường', kind: 'xa', dept: null, aliases: [] }])
async function main() {
  const mb = Number(process.argv[2])
  const p2 = new ReadPool({ pack, units, period: '2025-Y' as never }, { timeoutMs: 60000, workers: 1, maxOldGenerationSizeMb: mb, workerFile: process.argv[3] })
  const w = wideRow(pack); const m = millionRows(pack)
  let t = Date.now()
  let a = await p2.analyse(w, 'w.xlsx'); console.log('wide', Date.now()-t, a.problems[0]?.message.vi)
  t = Date.now()
  a = await p2.analyse(m, 'm.xlsx'); console.log('million', Date.now()-t, a.problems[0]?.message.vi)
  await p2.close()
}
void main()
