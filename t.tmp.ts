import { hostileCorpus } from './test/fixtures/hostile/hostile-files'
import { loadTestPack } from './test/helpers/load-test-pack'
import { analyseBytes } from './src-main/core/submission/analyse-submission'
import { indexUnits } from './src-main/core/submission/identify-unit'
const pack = loadTestPack()
const units = indexUnits([{ code: '08001', name: 'Xã Tam Đường', kind: 'xa', dept: null, aliases: [] }])
let t = Date.now()
const corpus = hostileCorpus(pack, { heavy: process.argv[2] === 'heavy' })
console.log('gen', Date.now() - t)
for (const c of corpus) {
  if (process.argv[3] && !c.name.includes(process.argv[3])) continue
  t = Date.now()
  const a = analyseBytes(c.bytes, { pack, units, period: '2025-Y' as never, fileName: c.name })
  console.log(c.name, c.bytes.length, Date.now() - t, 'ms', a.status, a.problems.slice(0,2).map(p=>p.rule+' '+p.message.vi).join(' | ').slice(0,200), Math.round(process.memoryUsage().rss/1e6))
}
