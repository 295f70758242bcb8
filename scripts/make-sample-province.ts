// Writes a generated province to a folder: units.csv, every unit's workbook and expected.json (what
// Sheaf should find), all side by side. Used by `npm run demo`. Usage:
//   npx tsx scripts/make-sample-province.ts <outdir> [--seed N] [--communes N]
//        [--mistakes typical|none|every-rule] [--period 2025-Y|2025-H1]
//        [--form child-work-2025|immunization-6m-2025]
// The immunization form's files come from the same seed's communes (the same province): its unit
// list holds the communes alone (no department fills that form); with --mistakes other than none,
// three files carry a mistake and the last commune sends nothing.
import fs from 'node:fs'
import path from 'node:path'
import { generateProvince, makeCommunes, makeRng, unitsCsv } from '../test/fixtures/generator'
import { immunizationFiles, immunizationTotals } from '../test/fixtures/generator/immunization-province'
import { loadImmunizationPack } from '../test/helpers/immunization-pack'
import type { PeriodId } from '../src-main/shared/period'
import { periodIdSchema } from '../src-main/shared/period-schema'

function parseArgs(argv: string[]): {
  outdir: string
  seed: number
  communes: number
  mistakes: 'typical' | 'none' | 'every-rule'
  period: PeriodId
  form: 'child-work-2025' | 'immunization-6m-2025'
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
  const form = opts['form'] ?? 'child-work-2025'
  if (
    !outdir ||
    !['typical', 'none', 'every-rule'].includes(mistakes) ||
    !period.success ||
    !['child-work-2025', 'immunization-6m-2025'].includes(form)
  ) {
    console.error(
      'Cách dùng (usage): npx tsx scripts/make-sample-province.ts <outdir> [--seed N] [--communes N] [--mistakes typical|none|every-rule] [--period 2025-Y] [--form child-work-2025|immunization-6m-2025]',
    )
    process.exit(2)
  }
  return {
    outdir,
    seed: Number(opts['seed'] ?? 2025),
    communes: Number(opts['communes'] ?? 30),
    mistakes: mistakes as 'typical' | 'none' | 'every-rule',
    period: period.data,
    form: form as 'child-work-2025' | 'immunization-6m-2025',
  }
}

/** The immunization form's files of the province the seed makes, with the totals Sheaf must find. */
async function writeImmunization(args: ReturnType<typeof parseArgs>): Promise<void> {
  const pack = loadImmunizationPack()
  const communes = makeCommunes(args.communes, makeRng(args.seed).fork('units'))
  const files = await immunizationFiles(pack, communes, args.seed, {
    period: args.period,
    mistakes: args.mistakes !== 'none',
  })
  fs.mkdirSync(args.outdir, { recursive: true })
  fs.writeFileSync(path.join(args.outdir, 'units.csv'), unitsCsv(communes))
  for (const f of files) fs.writeFileSync(path.join(args.outdir, f.name), f.bytes)
  const accepted = files.filter((f) => f.expected.length === 0)
  const sent = new Set(files.map((f) => f.unit))
  const expected = {
    period: args.period,
    seed: args.seed,
    missing: communes.filter((u) => !accepted.some((f) => f.unit === u.code)).map((u) => u.code),
    files: files.map((f) => ({ name: f.name, unit: f.unit, mistake: f.mistake, problems: f.expected })),
    totals: immunizationTotals(
      pack,
      accepted.map((f) => f.figures),
    ),
  }
  fs.writeFileSync(path.join(args.outdir, 'expected.json'), JSON.stringify(expected, null, 1))
  const rejected = files.length - accepted.length
  const silent = communes.length - sent.size
  console.log(
    `${files.length} tệp (files), ${rejected} bị từ chối (rejected), ${silent} đơn vị chưa gửi (sent nothing) -> ${args.outdir}`,
  )
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  if (args.form === 'immunization-6m-2025') return writeImmunization(args)
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
