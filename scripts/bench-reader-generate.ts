// Writes the sets of the reader's micro-bench (scripts/bench-reader.mjs): a province of the same units
// written by each writer the generator imitates, and one workbook whose sheet is several MB of long
// texts; run through tsx, because the generator is TypeScript.
// usage: tsx scripts/bench-reader-generate.ts --seed N --communes N --out DIR
import fs from 'node:fs'
import path from 'node:path'
import { generateProvince } from '../test/fixtures/generator'
import { extensionOf, renderWorkbook, XML_WRITERS } from '../test/fixtures/generator/workbook-model'
import type { ModelSheet, WriterProgram } from '../test/fixtures/generator/workbook-model'
import { makeRng } from '../test/fixtures/generator/rng'

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
const WORDS = [
  'Số',
  'trẻ',
  'em',
  'được',
  'chăm sóc',
  'thay thế',
  'tại',
  'cộng đồng',
  'Ước tính',
  'báo cáo',
  'xã',
]

/** A sheet of long texts (several MB of XML): the reading of a sheet past a megabyte. */
function longTexts(seed: number): ModelSheet {
  const rng = makeRng(`long-${seed}`)
  const rows: ModelSheet['rows'] = []
  for (let r = 0; r < 12_000; r++) {
    const row: ModelSheet['rows'][number] = []
    for (let c = 0; c < 4; c++) {
      let t = `${r}.${c} `
      while (t.length < 90) t += rng.pick(WORDS) + ' '
      row.push({ t: 's', v: t })
    }
    row.push({ t: 'n', v: rng.int(0, 10_000) / 7 })
    rows.push(row)
  }
  return { name: 'Dữ liệu', rows, merges: [] }
}

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
