// `node scripts/bench-reader.mjs`: the fast readers' time per writer, so that a cliff shows. The
// same units' workbooks, written by each writer the generator imitates (ExcelJS, SheetJS, inline strings
// with character references, the same with every row written out to its last column as the issue's
// national set is, LibreOffice's way, rows and cells without references, styles-heavy, and
// SheetJS's .xls and .ods, which their own fast readers read, SheetJS timed beside them), are
// read once each in a fresh process (cold, as in a real batch; the median of three processes), and a
// sheet of several MB of long texts is read by the fast reader and by SheetJS. Writes
// docs/bench/reader.md and reader.json.
// usage: node scripts/bench-reader.mjs [--seed N] [--communes N] [--runs N] [--source DIR]
// --source: the reader's sources from another checkout (a folder holding `src-main/`), to compare
// builds; the results are then printed only.
import { execFileSync, spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'
import { sheetXmlBytes } from './sheet-xml-bytes.mjs'

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const require = createRequire(import.meta.url)
const OUT = path.join(ROOT, 'bench-out')
const argv = process.argv.slice(2)
const opt = (name, def) => {
  const i = argv.indexOf(`--${name}`)
  return i >= 0 ? argv[i + 1] : def
}
const log = (s) => process.stderr.write(s + '\n')
const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const LIMITS = { maxRows: 5000, maxCols: 200 }

function files(dir) {
  return fs
    .readdirSync(dir)
    .filter((f) => /\.(xlsx|xls|ods)$/i.test(f))
    .sort()
    .map((f) => path.join(dir, f))
}

// ---------------------------------------------------------------- child: read a folder once, cold
if (argv[0] === '--child') {
  const [, bundle, reader, ...paths] = argv
  const all = paths.flatMap((p) => (fs.statSync(p).isDirectory() ? files(p) : [p]))
  const bytes = all.map((f) => new Uint8Array(fs.readFileSync(f)))
  // a folder's first quarter warms the reader up (compiled code, the parts every file shares), as the
  // first files of a batch do; the rest is timed
  const warm = bytes.length > 1 ? bytes.splice(0, Math.floor(bytes.length / 4)) : []
  let fallbacks = 0
  const reasons = {}
  let t0
  let cpu0
  if (reader === 'fast') {
    const { readXlsxFastDetailed, readXlsFastDetailed, readOdsFastDetailed, nativeReadContext } = require(
      bundle,
    )
    const work = nativeReadContext({})
    // the reader of the folder's format (one writer, one format)
    const ext = path.extname(all[0] ?? '').toLowerCase()
    const read =
      ext === '.xls'
        ? (b) => readXlsFastDetailed(b, LIMITS)
        : ext === '.ods'
          ? (b) => readOdsFastDetailed(b, LIMITS, work.inflateRaw)
          : (b) => readXlsxFastDetailed(b, 'xlsx', LIMITS, work)
    for (const b of warm) read(b)
    cpu0 = process.cpuUsage()
    t0 = performance.now()
    for (const b of bytes) {
      const r = read(b)
      if ('fallback' in r) {
        fallbacks++
        reasons[r.fallback] = (reasons[r.fallback] ?? 0) + 1
      }
    }
  } else {
    const XLSX = require('@e965/xlsx')
    cpu0 = process.cpuUsage()
    t0 = performance.now()
    for (const b of bytes)
      XLSX.read(b, { type: 'array', dense: true, cellFormula: true, cellNF: true, sheetRows: LIMITS.maxRows })
  }
  const ms = performance.now() - t0
  // the CPU of every thread of the process (the reader's, and V8's compiler and GC threads): what the
  // shared machine's load does not change, unlike the wall time
  const cpu = process.cpuUsage(cpu0)
  const cpuMs = (cpu.user + cpu.system) / 1000
  process.stdout.write(JSON.stringify({ ms, cpuMs, timed: bytes.length, fallbacks, reasons }))
  process.exit(0)
}

// ---------------------------------------------------------------- sets, cached by generator version
const SEED = Number(opt('seed', '2025'))
const COMMUNES = Number(opt('communes', '600'))
const RUNS = Number(opt('runs', '3'))
const SOURCE = path.resolve(opt('source', ROOT))

function generatorVersion() {
  const h = crypto.createHash('sha256')
  const dir = path.join(ROOT, 'test/fixtures/generator')
  for (const f of fs.readdirSync(dir).sort()) h.update(f).update(fs.readFileSync(path.join(dir, f)))
  for (const f of ['scripts/bench-reader-generate.ts', 'templates/child-work-2025/indicators.csv'])
    h.update(fs.readFileSync(path.join(ROOT, f)))
  return h.digest('hex').slice(0, 12)
}

function generated() {
  const dir = path.join(OUT, `reader-${generatorVersion()}-seed${SEED}-c${COMMUNES}`)
  if (fs.existsSync(dir)) log(`  cached: ${path.relative(ROOT, dir)}`)
  else {
    log(`  generating ${COMMUNES} communes per writer (seed ${SEED}) …`)
    execFileSync(
      path.join(ROOT, 'node_modules/.bin/tsx'),
      [
        'scripts/bench-reader-generate.ts',
        '--seed',
        String(SEED),
        '--communes',
        String(COMMUNES),
        '--out',
        dir,
      ],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
    )
  }
  return dir
}

function bundleReader() {
  const esbuild = require('esbuild')
  const bundle = path.join(OUT, 'bench-reader-fast.cjs')
  esbuild.buildSync({
    stdin: {
      contents: `export { readXlsxFastDetailed } from './src-main/core/workbook/read-xlsx-fast'
export { readXlsFastDetailed } from './src-main/core/workbook/read-xls-fast'
export { readOdsFastDetailed } from './src-main/core/workbook/read-ods-fast'
export { nativeReadContext } from './src-main/services/read-pool/native-inflate'`,
      resolveDir: SOURCE,
      loader: 'ts',
    },
    nodePaths: [path.join(ROOT, 'node_modules')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: bundle,
    logLevel: 'error',
  })
  return bundle
}

function timed(bundle, reader, paths) {
  const runs = []
  const cpuRuns = []
  let last
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync(
      process.execPath,
      [path.join(ROOT, 'scripts/bench-reader.mjs'), '--child', bundle, reader, ...paths],
      {
        cwd: ROOT,
        encoding: 'utf8',
        maxBuffer: 1 << 24,
      },
    )
    if (r.status !== 0) throw new Error(`reader child failed: ${r.stderr.slice(-2000)}`)
    last = JSON.parse(r.stdout)
    runs.push(last.ms)
    cpuRuns.push(last.cpuMs)
  }
  return {
    ms: median(runs),
    runsMs: runs.map((x) => round(x, 1)),
    cpuMs: median(cpuRuns),
    fallbacks: last.fallbacks,
    reasons: last.reasons,
  }
}

function main() {
  fs.mkdirSync(OUT, { recursive: true })
  const dir = generated()
  const bundle = bundleReader()
  const writers = fs
    .readdirSync(dir)
    .filter((w) => w !== 'large' && fs.statSync(path.join(dir, w)).isDirectory())
    .sort()
  const rows = []
  for (const writer of writers) {
    const all = files(path.join(dir, writer))
    // the files the child times (it reads the first quarter untimed)
    const list = all.slice(Math.floor(all.length / 4))
    let sheets = 0
    let strings = 0
    let bytes = 0
    for (const f of list) {
      const b = new Uint8Array(fs.readFileSync(f))
      bytes += b.length
      // an .xls is one record stream, about the file's size; an .ods's sheets are its content.xml
      const x = /\.xls$/i.test(f) ? { sheets: b.length, strings: 0 } : sheetXmlBytes(b)
      sheets += x.sheets
      strings += x.strings
    }
    const xlsx = /\.xlsx$/i.test(all[0] ?? '')
    const t = timed(bundle, 'fast', [path.join(dir, writer)])
    // the formats SheetJS alone read before: SheetJS on the same files, for comparison
    const sheetJs = xlsx ? null : timed(bundle, 'sheetjs', [path.join(dir, writer)])
    const mb = (sheets + strings) / 1024 ** 2
    rows.push({
      writer,
      files: all.length,
      timedFiles: list.length,
      fileMb: round(bytes / 1024 ** 2, 1),
      sheetMb: round(sheets / 1024 ** 2, 1),
      sharedStringsMb: round(strings / 1024 ** 2, 1),
      ms: round(t.ms, 0),
      runsMs: t.runsMs,
      cpuMs: round(t.cpuMs, 0),
      msPerMb: round(t.ms / mb, 1),
      msPerFile: round(t.ms / list.length, 3),
      fallbacks: t.fallbacks,
      reasons: t.reasons,
      xlsx,
      sheetJsMsPerFile: sheetJs ? round(sheetJs.ms / list.length, 3) : null,
      cpuMsPerMb: round(t.cpuMs / mb, 1),
      cpuMsPerFile: round(t.cpuMs / list.length, 3),
      sheetJsCpuMsPerFile: sheetJs ? round(sheetJs.cpuMs / list.length, 3) : null,
    })
    log(
      `  ${writer}: ${round(t.ms, 0)} ms (CPU ${round(t.cpuMs, 0)} ms), ${round(t.ms / mb, 1)} ms/MB, ${t.fallbacks} fallbacks`,
    )
  }
  // the cliff is measured among the .xlsx writers: a BIFF record stream is not XML
  const best = Math.min(...rows.filter((r) => r.xlsx).map((r) => r.msPerMb))
  const bestCpu = Math.min(...rows.filter((r) => r.xlsx).map((r) => r.cpuMsPerMb))
  for (const r of rows) {
    r.ofBest = r.xlsx ? round(r.msPerMb / best, 2) : null
    r.ofBestCpu = r.xlsx ? round(r.cpuMsPerMb / bestCpu, 2) : null
  }
  const large = files(path.join(dir, 'large')).map((f) => {
    const b = new Uint8Array(fs.readFileSync(f))
    const x = sheetXmlBytes(b)
    const fast = timed(bundle, 'fast', [f])
    const sheetjs = timed(bundle, 'sheetjs', [f])
    log(
      `  ${path.basename(f)}: fast ${round(fast.ms, 0)} ms (CPU ${round(fast.cpuMs, 0)}), SheetJS ${round(sheetjs.ms, 0)} ms (CPU ${round(sheetjs.cpuMs, 0)})`,
    )
    return {
      file: path.basename(f),
      sheetMb: round(x.sheets / 1024 ** 2, 1),
      sharedStringsMb: round(x.strings / 1024 ** 2, 1),
      fastMs: round(fast.ms, 0),
      fastRunsMs: fast.runsMs,
      fastCpuMs: round(fast.cpuMs, 0),
      fallbacks: fast.fallbacks,
      sheetJsMs: round(sheetjs.ms, 0),
      sheetJsRunsMs: sheetjs.runsMs,
      sheetJsCpuMs: round(sheetjs.cpuMs, 0),
    }
  })
  const cpus = os.cpus()
  const result = {
    date: new Date().toISOString().slice(0, 10),
    seed: SEED,
    communes: COMMUNES,
    runs: RUNS,
    machine: {
      nproc: os.availableParallelism?.() ?? cpus.length,
      cpu: cpus[0]?.model,
      node: process.version,
    },
    loadAverage: os.loadavg().map((x) => round(x, 2)),
    writers: rows,
    large,
  }
  if (SOURCE === ROOT) {
    fs.writeFileSync(path.join(ROOT, 'docs/bench/reader.json'), JSON.stringify(result, null, 2) + '\n')
    fs.writeFileSync(path.join(ROOT, 'docs/bench/reader.md'), markdown(result))
  }
  process.stdout.write(markdown(result))
}

function markdown(r) {
  const lines = [
    '# The fast reader, writer by writer',
    '',
    `Generated by \`node scripts/bench-reader.mjs\` on ${r.date} (seed ${r.seed}, ${r.communes} communes per writer).`,
    `Machine: ${r.machine.nproc} cores, ${r.machine.cpu}, Node ${r.machine.node}; load average when it ended ${r.loadAverage.join(', ')} (the machine is shared).`,
    '',
    "Each writer's files are read once each by the fast reader (no analysis) in a fresh process; the first",
    'quarter warms it up as the first files of a batch do, and the other files are timed (sizes are theirs);',
    `the time is the median of ${r.runs} processes. "Sheet XML" is the worksheets and the shared strings part,`,
    'uncompressed: the texts are in one or the other depending on the writer (for `xls` the record stream,',
    "about the file's size; for `ods` its content.xml). The `.xls` and `.ods` files have their own fast",
    'readers; SheetJS, which alone read them before, is timed on the same files beside them.',
    '',
    'On a shared machine the CPU time (every thread of the reading process, `process.cpuUsage`) is the',
    'figure to compare; the wall time is given beside it.',
    '',
    '| writer | files timed | MB of files | MB of worksheets | MB of shared strings | fast reader, wall | fast reader, CPU | CPU ms per MB of sheet XML | × the best | CPU ms per file | SheetJS, CPU ms per file | left to SheetJS |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...r.writers.map(
      (w) =>
        `| ${w.writer} | ${w.timedFiles} of ${w.files} | ${w.fileMb} | ${w.sheetMb} | ${w.sharedStringsMb} | ${w.ms} ms | ${w.cpuMs} ms | ${w.cpuMsPerMb} | ${w.ofBestCpu === null || w.ofBestCpu === undefined ? '—' : `${w.ofBestCpu}×`} | ${w.cpuMsPerFile} | ${w.sheetJsCpuMsPerFile ?? '—'} | ${w.fallbacks} |`,
    ),
    '',
    'A sheet of long texts (12,000 rows of four ~90-character Vietnamese texts and a number), one file,',
    'read once in a fresh process by each reader (cold):',
    '',
    '| file | MB of worksheet | MB of shared strings | fast reader | SheetJS | left to SheetJS |',
    '|---|---|---|---|---|---|',
    ...r.large.map(
      (l) =>
        `| ${l.file} | ${l.sheetMb} | ${l.sharedStringsMb} | ${l.fastMs} ms (CPU ${l.fastCpuMs} ms) | ${l.sheetJsMs} ms (CPU ${l.sheetJsCpuMs} ms) | ${l.fallbacks} |`,
    ),
    '',
    'Raw numbers: `docs/bench/reader.json`.',
    '',
  ]
  return lines.join('\n')
}

main()
