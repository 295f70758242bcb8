// Writes one generated province (unit list, every unit's workbook, the expected outcome) into a folder
// for the benchmark; run by scripts/bench.mjs through tsx, because the generator is TypeScript.
// usage: tsx scripts/bench-generate.ts --seed N --communes N --out DIR [--writers W] [--communes-only]
// --writers: `mixed` (the default: the writer mix of WRITER_MIX) or one writer for every file;
// --communes-only: no departments, and every commune sends its file (a national set of communes)
import fs from 'node:fs'
import path from 'node:path'
import { generateProvince } from '../test/fixtures/generator'
import type { ProvinceOptions } from '../test/fixtures/generator'
import { XML_WRITERS } from '../test/fixtures/generator/workbook-model'

const WRITER_CHOICES = ['mixed', 'classic', 'exceljs', 'sheetjs', 'xls', 'ods', ...Object.keys(XML_WRITERS)]

function arg(name: string, def?: string): string {
  const i = process.argv.indexOf(`--${name}`)
  const v = i >= 0 ? process.argv[i + 1] : def
  if (v === undefined) throw new Error(`missing --${name}`)
  return v
}

async function main(): Promise<void> {
  const seed = Number(arg('seed'))
  const communes = Number(arg('communes'))
  const out = arg('out')
  const started = Date.now()
  const mix = arg('writers', 'mixed') as NonNullable<ProvinceOptions['writers']>
  if (!WRITER_CHOICES.includes(mix)) throw new Error(`--writers ${mix}: one of ${WRITER_CHOICES.join(', ')}`)
  const communesOnly = process.argv.includes('--communes-only')
  const p = await generateProvince({
    seed,
    communes,
    mistakes: 'typical',
    drifts: 'some',
    writers: mix,
    ...(communesOnly ? { departments: false, missingShare: 0 } : {}),
  })
  const tmp = `${out}.partial`
  fs.rmSync(tmp, { recursive: true, force: true })
  fs.mkdirSync(path.join(tmp, 'files'), { recursive: true })
  fs.writeFileSync(path.join(tmp, 'units.csv'), p.unitsCsv)
  let bytes = 0
  const writers: Record<string, string> = {}
  for (const f of p.files) {
    fs.writeFileSync(path.join(tmp, 'files', f.name), f.bytes)
    bytes += f.bytes.length
    writers[f.name] = f.expected.writer
  }
  fs.writeFileSync(path.join(tmp, 'writers.json'), JSON.stringify(writers, null, 1) + '\n')
  const accepted = p.files.filter((f) => f.expected.status === 'accepted').length
  fs.writeFileSync(
    path.join(tmp, 'expected.json'),
    JSON.stringify(
      {
        seed,
        communes,
        writers: mix,
        communesOnly,
        period: p.period,
        units: p.units.length,
        files: p.files.length,
        bytes,
        accepted,
        rejected: p.files.length - accepted,
        missing: p.expectedMissing.length,
        drifted: p.files.filter((f) => f.expected.drifts.length > 0).length,
        byWriter: Object.fromEntries(
          [...new Set(Object.values(writers))]
            .sort()
            .map((w) => [w, p.files.filter((f) => f.expected.writer === w).length]),
        ),
        generatedInMs: Date.now() - started,
      },
      null,
      2,
    ),
  )
  fs.rmSync(out, { recursive: true, force: true })
  fs.renameSync(tmp, out)
  process.stdout.write(`${p.files.length} files in ${out}\n`)
}

void main()
