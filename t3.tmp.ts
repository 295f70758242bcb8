import { hostileCorpus, millionRows } from './test/fixtures/hostile/hostile-files'
import { loadTestPack } from './test/helpers/load-test-pack'
import { indexUnits } from './src-main/core/submission/identify-unit'
import { ReadPool } from './src-main/services/read-pool/read-pool'
const pack = loadTestPack()
const units = indexUnits([{ code: '08001', name: 'Xã Tam Đường', kind: 'xa', dept: null, aliases: [] }])
async function main() {
  let t = Date.now()
  const corpus = hostileCorpus(pack)
  console.log('gen', Date.now() - t)
  const pool = new ReadPool({ pack, units, period: '2025-Y' as never }, { timeoutMs: 20000, workers: 2 })
  t = Date.now()
  await Promise.all(corpus.map(async (c) => { const a = await pool.analyse(c.bytes, c.name); console.log(c.name, Date.now()-t, a.problems[0]?.message.vi.slice(0, 60)) }))
  await pool.close()
  const p2 = new ReadPool({ pack, units, period: '2025-Y' as never }, { timeoutMs: 20000, workers: 1, maxOldGenerationSizeMb: Number(process.argv[2] ?? 64) })
  t = Date.now()
  const a = await p2.analyse(millionRows(pack), 'm.xlsx'); console.log('mem', Date.now()-t, a.problems[0]?.message.vi)
  await p2.close()
}
void main()
