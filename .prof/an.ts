import fs from 'node:fs'
import path from 'node:path'
import { analyseBytes } from '../src-main/core/submission/analyse-submission'
import { indexUnits } from '../src-main/core/submission/identify-unit'
import { parseUnitList } from '../src-main/core/units/parse-unit-list'
import { loadTestPack } from '../test/helpers/load-test-pack'
const dir = fs.readdirSync('../bench-out').filter((d) => d.includes('c170'))[0]!
const d = path.join('../bench-out', dir, 'files')
const pack = loadTestPack()
const ul = parseUnitList(fs.readFileSync(path.join(d, '..', 'units.csv')), 'units.csv')
if (!ul.ok) throw new Error('units')
const units = indexUnits(ul.units)
const files = fs.readdirSync(d).filter((f) => f.endsWith('.xlsx')).map((f) => [f, fs.readFileSync(path.join(d, f))] as const)
for (let round = 0; round < 3; round++) {
  const t = performance.now()
  for (const [f, b] of files) analyseBytes(new Uint8Array(b), { pack, units, period: '2025-Y', fileName: f })
  console.log('round', round, ((performance.now() - t) / files.length).toFixed(2), 'ms/file', files.length)
}
