// Writes a generated province to a folder: units.csv, every unit's workbook and expected.json (what
// Sheaf should find), all side by side. Used by `npm run demo`. Usage:
//   npx tsx scripts/make-sample-province.ts <outdir> [--seed N] [--communes N]
//        [--mistakes typical|none|every-rule] [--period 2025-Y|2025-H1]
import fs from 'node:fs'
import path from 'node:path'
import { generateProvince } from '../test/fixtures/generator'
import type { PeriodId } from '../src-main/shared/period'
import { periodIdSchema } from '../src-main/shared/period-schema'

function parseArgs(argv: string[]): {
  outdir: string
  seed: number
  communes: number
  mistakes: 'typical' | 'none' | 'every-rule'
  period: PeriodId
} {
  const rest: string[] = []
  const opts: Record<string, string> = {}
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string
    if (a.startsWith('--')) opts[a.slice(2)] = argv[++i] ?? ''
    else rest.push(a)
  }
  const outdir = rest[0]
  const mistakes = opts['mistakes'] ?? 'typical'
  const period = periodIdSchema.safeParse(opts['period'] ?? '2025-Y')
  if (!outdir || !['typical', 'none', 'every-rule'].includes(mistakes) || !period.success) {
    console.error(
      'Cách dùng (usage): npx tsx scripts/make-sample-province.ts <outdir> [--seed N] [--communes N] [--mistakes typical|none|every-rule] [--period 2025-Y]',
    )
    process.exit(2)
  }
  return {
    outdir,
    seed: Number(opts['seed'] ?? 2025),
    communes: Number(opts['communes'] ?? 30),
    mistakes: mistakes as 'typical' | 'none' | 'every-rule',
    period: period.data,
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  const province = await generateProvince({
    seed: args.seed,
    communes: args.communes,
    departments: true,
    period: args.period,
    mistakes: args.mistakes,
  })
  // the workbooks sit directly in the folder: `sheaf consolidate <folder>` is not recursive
  const filesDir = args.outdir
  fs.mkdirSync(filesDir, { recursive: true })
  fs.writeFileSync(path.join(args.outdir, 'units.csv'), province.unitsCsv)
  for (const f of province.files) fs.writeFileSync(path.join(filesDir, f.name), f.bytes)
  const expected = {
    period: province.period,
    seed: args.seed,
    missing: province.expectedMissing,
    duplicates: province.duplicates,
    files: province.files.map((f) => ({
      name: f.name,
      unit: f.expected.unit,
      period: f.expected.period,
      status: f.expected.status,
      mistake: f.expected.mistake,
      drifts: f.expected.drifts,
      writer: f.expected.writer,
      problems: f.expected.problems,
    })),
    totals: province.expectedTotals,
  }
  fs.writeFileSync(path.join(args.outdir, 'expected.json'), JSON.stringify(expected, null, 1))
  const rejected = province.files.filter((f) => f.expected.status === 'rejected').length
  console.log(
    `${province.files.length} tệp (files), ${rejected} bị từ chối (rejected), ${province.expectedMissing.length} đơn vị thiếu (missing) -> ${args.outdir}`,
  )
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
