// Writes one generated province (unit list, every unit's workbook, the expected outcome) into a folder
// for the benchmark; run by scripts/bench.mjs through tsx, because the generator is TypeScript.
// usage: tsx scripts/bench-generate.ts --seed N --communes N --out DIR
import fs from 'node:fs'
import path from 'node:path'
import { generateProvince } from '../test/fixtures/generator'

function arg(name: string): string {
  const i = process.argv.indexOf(`--${name}`)
  const v = i >= 0 ? process.argv[i + 1] : undefined
  if (v === undefined) throw new Error(`missing --${name}`)
  return v
}

async function main(): Promise<void> {
  const seed = Number(arg('seed'))
  const communes = Number(arg('communes'))
  const out = arg('out')
  const started = Date.now()
  const p = await generateProvince({ seed, communes, mistakes: 'typical', drifts: 'some', writers: 'mixed' })
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
