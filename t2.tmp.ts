import { hostileCorpus } from './test/fixtures/hostile/hostile-files'
import { loadTestPack } from './test/helpers/load-test-pack'
import { indexUnits } from './src-main/core/submission/identify-unit'
import { ReadPool } from './src-main/services/read-pool/read-pool'
const pack = loadTestPack()
const units = indexUnits([{ code: '08001', name: 'Xã Tam Đường', kind: 'xa', dept: null, aliases: [] }])
const pool = new ReadPool({ pack, units, period: '2025-Y' as never }, { timeoutMs: 5000 })
const t = Date.now()
const corpus = hostileCorpus(pack, { heavy: false })
Promise.all(corpus.map(async (c) => { const a = await pool.analyse(c.bytes, c.name); console.log(c.name, Date.now()-t, a.status, a.problems[0]?.message.vi.slice(0, 80)) }))
  .then(() => { console.log('fallback', pool.fallbackReason); return pool.close() })
