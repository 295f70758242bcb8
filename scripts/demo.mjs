// `npm run demo`: generates the bundled sample province from a fixed seed and consolidates its two
// forms, the child-work report and the 6-month immunization report, for the same period in ONE
// database (a season is a form and a period: the two never mix), with the `sheaf` command. Each
// form's unit list and workbooks (some with typical mistakes) are generated; each form's report is
// written beside the other.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const out = path.join(root, 'demo-out')
const db = path.join(out, 'sheaf-demo.sqlite')
fs.rmSync(out, { recursive: true, force: true })
fs.mkdirSync(out, { recursive: true })

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

const FORMS = [
  {
    template: 'child-work-2025',
    folder: 'tinh-mau',
    report: 'bao-cao-tong-hop-2025.xlsx',
    words: 'công tác trẻ em',
  },
  {
    template: 'immunization-6m-2025',
    folder: 'tinh-mau-tiem-chung',
    report: 'bao-cao-tiem-chung-2025.xlsx',
    words: 'tiêm chủng mở rộng',
  },
]

for (const form of FORMS) {
  const province = path.join(out, form.folder)
  console.log(
    `\n== Tạo tỉnh mẫu, báo cáo ${form.words} (sample province, ${form.template}) in demo-out/${form.folder}`,
  )
  run(process.execPath, [
    '--import',
    'tsx',
    'scripts/make-sample-province.ts',
    province,
    '--seed',
    '2025',
    '--communes',
    '30',
    '--form',
    form.template,
  ])
  console.log(`\n== sheaf consolidate --template ${form.template}`)
  run(process.execPath, [
    'bin/sheaf.js',
    'consolidate',
    '--template',
    form.template,
    '--period',
    '2025-Y',
    '--units',
    path.join(province, 'units.csv'),
    '--out',
    path.join(out, form.report),
    '--db',
    db,
    '--province',
    'Lai Châu',
    '--report-no',
    '125/BC-SYT',
    '--signer',
    'Nguyễn Văn An',
    province,
  ])
}
console.log('\nBáo cáo tổng hợp (consolidated reports), một cơ sở dữ liệu (one database):')
for (const form of FORMS)
  console.log(`  ${form.template}: ${path.relative(root, path.join(out, form.report))}`)
console.log(`  ${path.relative(root, db)}`)
