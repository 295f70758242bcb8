// Renders every printed page of the sample province's workbooks to PNG in docs/print/, as LibreOffice
// prints them on A4 (soffice --headless --convert-to pdf, then pdftoppm): the ministry report, a
// unit's feedback, the note for an unreadable file and the blank form. Look at them after a change
// to any output workbook. Usage:
//   npx tsx scripts/render-print-pages.ts [outDir=docs/print]
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { runCli } from '../src-main/cli/main'

const root = path.resolve(__dirname, '..')

async function sheaf(...argv: string[]): Promise<void> {
  let err = ''
  const code = await runCli(argv, { stdout: () => undefined, stderr: (s) => (err += s), isTTY: false })
  if (code !== 0) throw new Error(`sheaf ${argv[0]}: exit ${code}\n${err}`)
}

/** Every page of a workbook as `<name>-<page>.png` in `out`. */
function renderPages(workbook: string, name: string, out: string, tmp: string): number {
  const copy = path.join(tmp, `${name}.xlsx`)
  fs.copyFileSync(workbook, copy)
  execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', tmp, copy], { stdio: 'ignore' })
  execFileSync('pdftoppm', ['-png', '-r', '50', path.join(tmp, `${name}.pdf`), path.join(out, name)])
  return fs.readdirSync(out).filter((f) => f.startsWith(`${name}-`)).length
}

async function main(): Promise<void> {
  const out = path.resolve(process.argv[2] ?? path.join(root, 'docs', 'print'))
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sheaf-print-'))
  fs.rmSync(out, { recursive: true, force: true })
  fs.mkdirSync(out, { recursive: true })
  const province = path.join(tmp, 'tinh-mau')
  execFileSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/make-sample-province.ts', province, '--seed', '2025', '--communes', '30'],
    { cwd: root, stdio: 'ignore' },
  )
  // a file that is not a workbook, as units sometimes send: its feedback is a note asking for it again
  fs.writeFileSync(path.join(province, '08016-xa-ha-thinh.xlsx'), 'Bao cao gui kem')
  const season = [
    '--template',
    'child-work-2025',
    '--period',
    '2025-Y',
    '--units',
    path.join(province, 'units.csv'),
  ]
  const report = path.join(tmp, 'report.xlsx')
  await sheaf(
    'consolidate',
    ...season,
    '--out',
    report,
    '--governing-body',
    'UBND TỈNH LAI CHÂU',
    '--issuer',
    'SỞ Y TẾ',
    '--report-no',
    '125/BC-SYT',
    '--place',
    'Lai Châu',
    '--date',
    '2026-01-15',
    '--signer-title',
    'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC',
    '--signer',
    'Nguyễn Văn An',
    '--preparer',
    'Lò Thị Mai',
    '--recipients',
    'Bộ Y tế (Vụ Bà mẹ - Trẻ em);UBND tỉnh Lai Châu;Lưu: VT, NVY',
    province,
  )
  const feedback = path.join(tmp, 'feedback')
  await sheaf('feedback', ...season, '--out', feedback, province)
  const blank = path.join(tmp, 'blank.xlsx')
  await sheaf('blank', '--template', 'child-work-2025', '--out', blank)

  const pages = {
    'bao-cao': renderPages(report, 'bao-cao', out, tmp),
    'phan-hoi': renderPages(path.join(feedback, '08015-xa-dong-loi.loi.xlsx'), 'phan-hoi', out, tmp),
    'phan-hoi-tep-hong': renderPages(
      path.join(feedback, '08016-xa-ha-thinh.loi.xlsx'),
      'phan-hoi-tep-hong',
      out,
      tmp,
    ),
    'bieu-mau-trong': renderPages(blank, 'bieu-mau-trong', out, tmp),
  }
  fs.rmSync(tmp, { recursive: true, force: true })
  console.log(
    Object.entries(pages)
      .map(([k, n]) => `${k}: ${n} trang (pages)`)
      .join('\n'),
  )
}

main().catch((e: unknown) => {
  console.error(e)
  process.exitCode = 1
})
