import { loadTestPack } from '../test/helpers/load-test-pack'
import { FigureValuesBuilder } from '../src-main/core/rules/figure-values'
const pack = loadTestPack()
const columns = new Map(pack.columns.map((c, i) => [c.key, i]))
console.log('indicators', pack.indicators.length, 'columns', pack.columns.length)
let keep: unknown
for (let pass = 0; pass < 5; pass++) {
  const t = performance.now()
  for (let i = 0; i < 20000; i++) keep = new FigureValuesBuilder(pack, 'Bieu 01', 80, columns)
  console.log('builder', (((performance.now() - t) * 1000) / 20000).toFixed(2), 'us')
  const t2 = performance.now()
  for (let i = 0; i < 20000; i++) keep = new ArrayBuffer(80 * 14 * 12 + 1000)
  console.log('buffer', (((performance.now() - t2) * 1000) / 20000).toFixed(2), 'us')
}
void keep
