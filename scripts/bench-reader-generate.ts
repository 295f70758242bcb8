// Writes the sets of the reader's micro-bench (scripts/bench-reader.mjs): a province of the same units
// written by each writer the generator imitates, and one workbook whose sheet is several MB of long
// texts; run through tsx, because the generator is TypeScript.
// usage: tsx scripts/bench-reader-generate.ts --seed N --communes N --out DIR
import fs from 'node:fs'
import path from 'node:path'
import { generateProvince } from '../test/fixtures/generator'
import { extensionOf, renderWorkbook, XML_WRITERS } from '../test/fixtures/generator/workbook-model'
import type { WriterProgram } from '../test/fixtures/generator/workbook-model'
import { longTexts } from '../test/fixtures/generator/long-texts'

function arg(name: string): string {
  const i = process.argv.indexOf(`--${name}`)
  const v = i >= 0 ? process.argv[i + 1] : undefined
  if (v === undefined) throw new Error(`missing --${name}`)
  return v
}

const WRITERS: WriterProgram[] = [
  'exceljs',
  'sheetjs',
  ...(Object.keys(XML_WRITERS) as WriterProgram[]),
  'xls',
  'ods',
]
async function main(): Promise<void> {
  const seed = Number(arg('seed'))
  const communes = Number(arg('communes'))
  const out = arg('out')
  const tmp = `${out}.partial`
  fs.rmSync(tmp, { recursive: true, force: true })
  for (const writer of WRITERS) {
    const dir = path.join(tmp, writer)
    fs.mkdirSync(dir, { recursive: true })
    const p = await generateProvince({ seed, communes, mistakes: 'typical', drifts: 'some', writers: writer })
    for (const f of p.files)
      if (f.expected.writer === writer) fs.writeFileSync(path.join(dir, f.name), f.bytes)
  }
  const large = path.join(tmp, 'large')
  fs.mkdirSync(large, { recursive: true })
  const sheet = longTexts(seed)
  for (const writer of ['exceljs', 'inline-charrefs'] as const)
    fs.writeFileSync(
      path.join(large, `long-texts-${writer}.${extensionOf(writer)}`),
      await renderWorkbook({ sheets: [sheet] }, writer),
    )
  fs.rmSync(out, { recursive: true, force: true })
  fs.renameSync(tmp, out)
}

void main()
