// Renders the blank form and a sample report to PNG pages (LibreOffice + pdftoppm) to look at them.
// Usage: npx tsx scripts/screenshot-workbook.ts [outDir]
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { loadTestPack } from '../test/helpers/load-test-pack'
import { writeBlankForm } from '../src-main/core/output/write-blank'
import { writeReport } from '../src-main/core/output/write-report'
import { columnLabels, writeFeedback } from '../src-main/core/output/write-feedback'
import { sampleConsolidation, sampleHeader, sampleUnits } from '../test/helpers/output-fixtures'

async function main(): Promise<void> {
  const out = path.resolve(process.argv[2] ?? '/tmp/sheaf-shots')
  fs.mkdirSync(out, { recursive: true })
  const pack = loadTestPack()
  const files: Record<string, Uint8Array> = {
    'blank.xlsx': await writeBlankForm(pack, { period: 'Y', year: 2025 }),
    'report.xlsx': await writeReport({
      pack,
      consolidation: sampleConsolidation(pack),
      units: sampleUnits(),
      header: sampleHeader(),
    }),
  }
  files['feedback.xlsx'] = await writeFeedback({
    bytes: files['blank.xlsx']!,
    format: 'xlsx',
    grid: { format: 'xlsx', sheets: [] },
    problems: [
      {
        rule: 'V05',
        severity: 'error',
        sheet: pack.layout.sheets.figures,
        cell: 'G12',
        indicator: 'TE.0101',
        column: 'male',
        value: 7,
        message: { vi: 'Nam + Nữ (7) khác Tổng số (9)', en: 'male + female differs from total' },
      },
      { rule: 'S06', severity: 'error', message: { vi: 'Thiếu dòng chỉ tiêu TE.0102', en: 'missing row' } },
    ],
    unitName: 'Xã Tam Đường',
    fileName: 'bao-cao-tam-duong.xlsx',
    columnLabels: columnLabels(pack),
  })
  for (const [name, bytes] of Object.entries(files)) {
    const file = path.join(out, name)
    fs.writeFileSync(file, bytes)
    execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', out, file], { stdio: 'ignore' })
    const pdf = file.replace(/\.xlsx$/, '.pdf')
    execFileSync('pdftoppm', ['-png', '-r', '70', pdf, pdf.replace(/\.pdf$/, '')])
  }
  console.log(
    fs
      .readdirSync(out)
      .filter((f) => f.endsWith('.png'))
      .map((f) => path.join(out, f))
      .join('\n'),
  )
}

void main()
