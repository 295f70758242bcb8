// `npm run demo`: generates the bundled sample province from a fixed seed (unit list + unit
// workbooks, some with typical mistakes) and consolidates it with the `sheaf` command.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const out = path.join(root, 'demo-out')
const province = path.join(out, 'tinh-mau')
fs.rmSync(out, { recursive: true, force: true })
fs.mkdirSync(out, { recursive: true })

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

console.log('== Tạo tỉnh mẫu (sample province) in demo-out/tinh-mau')
run(process.execPath, [
  '--import',
  'tsx',
  'scripts/make-sample-province.ts',
  province,
  '--seed',
  '2025',
  '--communes',
  '30',
])
console.log('\n== sheaf consolidate')
const report = path.join(out, 'bao-cao-tong-hop-2025.xlsx')
const r = spawnSync(
  process.execPath,
  [
    'bin/sheaf.js',
    'consolidate',
    '--template',
    'child-work-2025',
    '--period',
    '2025-Y',
    '--units',
    path.join(province, 'units.csv'),
    '--out',
    report,
    '--db',
    path.join(out, 'sheaf-demo.sqlite'),
    '--province',
    'Lai Châu',
    '--report-no',
    '125/BC-SYT',
    '--signer',
    'Nguyễn Văn An',
    province,
  ],
  { cwd: root, stdio: 'inherit' },
)
if (r.status !== 0) process.exit(r.status ?? 1)
console.log(`\nBáo cáo tổng hợp (consolidated report): ${path.relative(root, report)}`)
