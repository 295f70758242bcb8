// `npm run bench`: times the real `sheaf consolidate` end to end (a child process per run) on a
// generated province and a generated country, beside the reference points (the least work any
// reader must do, SheetJS's read path, a clerk's pandas script), and writes docs/bench/results.md.
// usage: node scripts/bench.mjs [--seed N] [--quick] [--no-pandas] [--render]
//          [--country DIR [--country-units FILE]] [--province DIR [--province-units FILE]]
//          [--national [DIR [--national-units FILE]] | --no-national] [--period P]
// --country / --province / --national: a set of workbooks to measure instead of the generated one (a
// hidden national set, say): a folder of workbooks with its unit list given beside it, or a folder
// holding `files/` and `units.csv` as the generated sets do.
// The national set (issue 19): besides the mixed country, a set like the issuers' national one is
// generated from the same seed and measured the same way (Sheaf three times, the floor, both readers,
// pandas once, the country's targets): 3,324 communes each sending one file (one of them two versions),
// all written by one other writer (`inline-full-rows`: inline strings, character references, empty
// typed cells, no shared strings). It adds ~2 minutes, most of it pandas; `--no-national` leaves it
// out (the results then lack its rows), `--quick` makes it 600 communes.
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'
import { sheetXmlBytes } from './sheet-xml-bytes.mjs'

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const require = createRequire(import.meta.url)
const OUT = path.join(ROOT, 'bench-out')
// the reference scripts beside the checkout (a worktree sits one folder deeper)
const SHARED_BENCH =
  ['../shared/bench', '../../shared/bench']
    .map((p) => path.resolve(ROOT, p))
    .find((p) => fs.existsSync(path.join(p, 'floor.mjs'))) ?? path.resolve(ROOT, '../shared/bench')
const argv = process.argv.slice(2)
const flag = (name) => argv.includes(`--${name}`)
const opt = (name, def) => {
  const i = argv.indexOf(`--${name}`)
  return i >= 0 ? argv[i + 1] : def
}
const SEED = Number(opt('seed', '2025'))
const QUICK = flag('quick')
const COUNTRY_COMMUNES = QUICK ? 600 : 3321
// the national set of the issue (19): 3,325 communes' files of one other writer (3,324 communes, one of
// which sent two versions)
const NATIONAL_COMMUNES = QUICK ? 600 : 3324
const NATIONAL_WRITER = 'inline-full-rows'
const PROVINCE_COMMUNES = 170
// the linear series: the country's first files, then all of them
const SERIES = QUICK ? [170] : [170, 1000]
const PERIOD = opt('period', '2025-Y')

const SHEAF_BIN = path.join(ROOT, 'bin/sheaf.js')
// The `sheaf` command runs with the Node options on its first line (`#!/usr/bin/env -S node …`), as
// the shell or npm's shim starts it: the bench starts it the same way.
const SHEAF_NODE_OPTIONS = (
  /^#!.*\bnode\b(.*)$/.exec(fs.readFileSync(SHEAF_BIN, 'utf8').split('\n')[0])?.[1] ?? ''
)
  .trim()
  .split(/\s+/)
  .filter(Boolean)

const log = (s) => process.stderr.write(s + '\n')
const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d

// ---------------------------------------------------------------- generated sets, cached by version
function generatorVersion() {
  const h = crypto.createHash('sha256')
  const dir = path.join(ROOT, 'test/fixtures/generator')
  for (const f of fs.readdirSync(dir).sort()) h.update(f).update(fs.readFileSync(path.join(dir, f)))
  for (const f of ['scripts/bench-generate.ts', 'templates/child-work-2025/indicators.csv'])
    h.update(fs.readFileSync(path.join(ROOT, f)))
  return h.digest('hex').slice(0, 12)
}

/**
 * A generated set, made once per generator version and seed: the writer mix with departments and
 * missing files, or (`national`) every commune's file written by the national set's one writer.
 */
function generated(communes, national = false) {
  const name = national ? `national-${NATIONAL_WRITER}-${communes}` : `c${communes}`
  const dir = path.join(OUT, `gen-${generatorVersion()}-seed${SEED}-${name}`)
  if (fs.existsSync(path.join(dir, 'expected.json'))) {
    log(`  cached: ${path.relative(ROOT, dir)}`)
  } else {
    log(`  generating ${communes} communes${national ? ` (${NATIONAL_WRITER})` : ''} (seed ${SEED}) …`)
    const t0 = performance.now()
    execFileSync(
      path.join(ROOT, 'node_modules/.bin/tsx'),
      [
        'scripts/bench-generate.ts',
        '--seed',
        String(SEED),
        '--communes',
        String(communes),
        '--out',
        dir,
        ...(national ? ['--writers', NATIONAL_WRITER, '--communes-only'] : []),
      ],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
    )
    log(`  generated in ${round((performance.now() - t0) / 1000, 1)} s`)
  }
  const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8'))
  return { dir, files: path.join(dir, 'files'), units: path.join(dir, 'units.csv'), expected }
}

/** A mistake in the command line: said in one line, without a stack. */
class UsageError extends Error {}

/**
 * A set given on the command line: `dir` holds the workbooks, or `files/` and `units.csv` (or
 * `units.xlsx`); `units` names the unit list otherwise.
 */
function given(kind, dir, units) {
  const root = path.resolve(dir)
  const nested = path.join(root, 'files')
  const files = fs.existsSync(nested) && fs.statSync(nested).isDirectory() ? nested : root
  const list =
    units !== undefined
      ? path.resolve(units)
      : ['units.csv', 'units.xlsx'].map((f) => path.join(root, f)).find((f) => fs.existsSync(f))
  if (!fs.existsSync(files) || !fs.statSync(files).isDirectory())
    throw new UsageError(`--${kind} ${dir}: no such folder`)
  if (list === undefined || !fs.existsSync(list))
    throw new UsageError(
      `--${kind} ${dir}: no unit list (give --${kind}-units FILE, or put units.csv beside files/)`,
    )
  log(`  given: ${files} (${fs.readdirSync(files).length} files), units ${list}`)
  return { dir: root, files, units: list, given: true }
}

/** The first n files of a set (by name), as links in their own folder, with the same unit list. */
function subset(set, n) {
  const names = fs.readdirSync(set.files).sort().slice(0, n)
  const dir = path.join(OUT, `${path.basename(set.dir)}-first${names.length}`)
  if (!fs.existsSync(dir) || fs.readdirSync(dir).length !== names.length) {
    fs.rmSync(dir, { recursive: true, force: true })
    fs.mkdirSync(dir, { recursive: true })
    for (const f of names) fs.symlinkSync(path.join(set.files, f), path.join(dir, f))
  }
  const bytes = names.reduce((s, f) => s + fs.statSync(path.join(set.files, f)).size, 0)
  return { files: dir, units: set.units, count: names.length, bytes }
}

function folderStats(folder) {
  const names = fs.readdirSync(folder)
  return { count: names.length, bytes: names.reduce((s, f) => s + fs.statSync(path.join(folder, f)).size, 0) }
}

// ---------------------------------------------------------------- runs
/** Each Sheaf and floor measurement is the median of this many runs (this VM's timings vary). */
const REPEAT = Math.max(1, Number(process.env.BENCH_REPEAT ?? 3))

/** The run with the median wall time of `REPEAT` runs of `once`, with every wall time beside it. */
async function median(once) {
  const runs = []
  for (let i = 0; i < REPEAT; i++) runs.push(await once())
  const sorted = [...runs].sort((a, b) => a.wallMs - b.wallMs)
  return {
    ...sorted[Math.floor((sorted.length - 1) / 2)],
    runsMs: runs.map((x) => round(x.wallMs, 0)),
    ...(runs.every((x) => x.cpuMs != null) ? { runsCpuMs: runs.map((x) => x.cpuMs) } : {}),
  }
}

function run(cmd, args, env = {}) {
  return new Promise((resolve) => {
    const useTime = fs.existsSync('/usr/bin/time')
    const t0 = performance.now()
    const child = spawn(useTime ? '/usr/bin/time' : cmd, useTime ? ['-v', cmd, ...args] : args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('close', (code) => {
      const wallMs = performance.now() - t0
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)
      // CPU of every thread (user + system): what a shared machine's load changes least
      const user = /User time \(seconds\): ([\d.]+)/.exec(stderr)
      const system = /System time \(seconds\): ([\d.]+)/.exec(stderr)
      const cpuMs = user && system ? round((Number(user[1]) + Number(system[1])) * 1000, 0) : null
      resolve({
        code,
        wallMs,
        stdout,
        stderr,
        maxRssMb: rss ? Math.round(Number(rss[1]) / 1024) : null,
        cpuMs,
      })
    })
  })
}

/** `sheaf consolidate` (or `validate`: everything but writing the report) on a folder. */
async function consolidate(label, files, units, command = 'consolidate') {
  const out = path.join(OUT, `report-${label}.xlsx`)
  const r = await run(
    process.execPath,
    [
      ...SHEAF_NODE_OPTIONS,
      SHEAF_BIN,
      command,
      '--template',
      'child-work-2025',
      '--period',
      PERIOD,
      '--units',
      units,
      ...(command === 'consolidate' ? ['--out', out] : []),
      '--json',
      files,
    ],
    { SHEAF_TIMINGS: '1' },
  )
  const line = r.stderr.split('\n').find((l) => l.startsWith('{"sheafTimings"'))
  if (r.code !== 0 || !line) {
    // a failed run is a result too (out of memory at national scale, say): record it and go on
    const why = /heap out of memory/.test(r.stderr) ? 'out of memory' : `exit ${r.code}`
    log(
      `  ${label} FAILED (${why}) after ${s(r.wallMs)}: ${r.stderr.split('\n').filter(Boolean).slice(-3).join(' | ').slice(0, 400)}`,
    )
    return {
      label,
      failed: why,
      files: fs.readdirSync(files).length,
      wallMs: round(r.wallMs, 0),
      stagesMs: {},
      progress: { events: 0, maxGapMs: 0 },
      maxRssMb: r.maxRssMb,
      filesPerSecond: 0,
    }
  }
  const timings = JSON.parse(line).sheafTimings
  const doc = JSON.parse(r.stdout)
  const files_ = doc.files ?? doc.submissions ?? []
  const accepted = Array.isArray(files_) ? files_.filter((f) => f.status === 'accepted').length : null
  return {
    label,
    files: timings.files,
    wallMs: round(r.wallMs, 0),
    stagesMs: timings.stagesMs,
    progress: timings.progress,
    maxRssMb: r.maxRssMb ?? timings.maxRssMb,
    cpuMs: r.cpuMs,
    accepted,
    filesPerSecond: round(timings.files / (r.wallMs / 1000), 1),
  }
}

async function floorRef(folder) {
  const r = await run(process.execPath, [path.join(SHARED_BENCH, 'floor.mjs'), folder])
  if (r.code !== 0) throw new Error(`floor.mjs failed: ${r.stderr}`)
  return { wallMs: round(r.wallMs, 0), maxRssMb: r.maxRssMb, cpuMs: r.cpuMs }
}

async function pandasRef(folder) {
  // Debian's python3-pandas is in the system Python, which another python3 on PATH may hide
  const python = ['python3', '/usr/bin/python3'].find(
    (py) => spawnSync(py, ['-c', 'import pandas, openpyxl']).status === 0,
  )
  if (!python || flag('no-pandas')) return null
  const r = await run(python, [
    path.join(SHARED_BENCH, 'pandas-consolidate.py'),
    folder,
    path.join(OUT, 'pandas.xlsx'),
  ])
  if (r.code !== 0) throw new Error(`pandas-consolidate.py failed: ${r.stderr.slice(-2000)}`)
  return { wallMs: round(r.wallMs, 0), maxRssMb: r.maxRssMb, cpuMs: r.cpuMs }
}

/** One core, in this process: SheetJS's read path and the fast reader, read only (no analysis). */
function readersRef(folder) {
  const esbuild = require('esbuild')
  const bundle = path.join(OUT, 'read-xlsx-fast.cjs')
  esbuild.buildSync({
    // the reader with the native inflater and decoders, as the read workers use it
    stdin: {
      contents: `export { readXlsxFastDetailed } from './src-main/core/workbook/read-xlsx-fast'
export { readXlsFastDetailed } from './src-main/core/workbook/read-xls-fast'
export { readOdsFastDetailed } from './src-main/core/workbook/read-ods-fast'
export { nativeReadContext } from './src-main/services/read-pool/native-inflate'`,
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: bundle,
    logLevel: 'error',
  })
  const { readXlsxFastDetailed, readXlsFastDetailed, readOdsFastDetailed, nativeReadContext } = require(
    bundle,
  )
  const work = nativeReadContext({})
  const XLSX = require('@e965/xlsx')
  const sheetJsRead = (b) => {
    try {
      XLSX.read(b, { type: 'array', dense: true, cellFormula: true, cellNF: true, sheetRows: 5000 })
    } catch {
      // a damaged file costs what it costs
    }
  }
  const all = fs.readdirSync(folder).filter((f) => /\.xlsx$/i.test(f))
  const bytes = all.map((f) => new Uint8Array(fs.readFileSync(path.join(folder, f))))
  // who wrote each file, when the generator says so (writers.json beside files/)
  const writersFile = path.join(path.dirname(folder), 'writers.json')
  const writerOf = fs.existsSync(writersFile) ? JSON.parse(fs.readFileSync(writersFile, 'utf8')) : {}
  const limits = { maxRows: 5000, maxCols: 200 }
  let fallbacks = 0
  const reasons = {}
  const byWriter = {}
  let fastMs = 0
  bytes.forEach((b, i) => {
    const t = performance.now()
    const r = readXlsxFastDetailed(b, 'xlsx', limits, work)
    const ms = performance.now() - t
    fastMs += ms
    const w = (byWriter[writerOf[all[i]] ?? 'xlsx'] ??= { files: 0, ms: 0, sheetBytes: 0, fallbacks: 0 })
    const x = sheetXmlBytes(b)
    w.files++
    w.ms += ms
    w.sheetBytes += x.sheets + x.strings
    if ('fallback' in r) {
      fallbacks++
      w.fallbacks++
      reasons[r.fallback] = (reasons[r.fallback] ?? 0) + 1
    }
  })
  const writers = Object.entries(byWriter)
    .map(([writer, w]) => ({
      writer,
      files: w.files,
      fastMs: round(w.ms, 0),
      sheetMb: round(w.sheetBytes / 1024 ** 2, 1),
      msPerMb: round(w.ms / (w.sheetBytes / 1024 ** 2), 1),
      fallbacks: w.fallbacks,
    }))
    .sort((a, b) => b.files - a.files)
  // the .xls and .ods files: their own fast readers, against SheetJS on the same files
  const others = []
  for (const ext of ['xls', 'ods']) {
    const names = fs.readdirSync(folder).filter((f) => f.toLowerCase().endsWith(`.${ext}`))
    const own = names.map((f) => new Uint8Array(fs.readFileSync(path.join(folder, f))))
    if (own.length === 0) continue
    const read =
      ext === 'xls'
        ? (b) => readXlsFastDetailed(b, limits)
        : (b) => readOdsFastDetailed(b, limits, work.inflateRaw)
    let left = 0
    let t = performance.now()
    for (const b of own) if ('fallback' in read(b)) left++
    const ms = performance.now() - t
    t = performance.now()
    for (const b of own) sheetJsRead(b)
    const sheetJs = performance.now() - t
    others.push({
      format: ext,
      files: own.length,
      fastMs: round(ms, 0),
      sheetJsMs: round(sheetJs, 0),
      msPerFile: round(ms / own.length, 2),
      sheetJsMsPerFile: round(sheetJs / own.length, 2),
      fallbacks: left,
    })
  }
  let t0 = performance.now()
  for (const b of bytes) sheetJsRead(b)
  const sheetJsMs = performance.now() - t0
  return {
    files: bytes.length,
    fastMs: round(fastMs, 0),
    sheetJsMs: round(sheetJsMs, 0),
    fallbacks,
    reasons,
    writers,
    others,
  }
}

// ---------------------------------------------------------------- report
function machine() {
  const cpus = os.cpus()
  return {
    nproc: os.availableParallelism?.() ?? cpus.length,
    cpu: cpus[0]?.model ?? 'unknown',
    memoryGb: round(os.totalmem() / 1024 ** 3, 1),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
  }
}

const s = (ms) => `${round(ms / 1000, 2)} s`

/** Where the sets came from: the generator's seed, or the folders given. */
function setsOf(r) {
  const sets = r.sets ?? { province: 'generated', country: 'generated' }
  const named = Object.entries(sets)
    .filter(([, v]) => v !== 'generated')
    .map(([k, v]) => `${k}: ${v}`)
  const gen = Object.values(sets).some((v) => v === 'generated') ? [`seed ${r.seed}`] : []
  return [...gen, ...named, ...(r.period && r.period !== '2025-Y' ? [`period ${r.period}`] : [])].join('; ')
}

/** The national set's name in the tables: generated like the issuers' set, or given. */
const nationalName = (r) => (r.sets?.national === 'generated' ? 'national-like (generated)' : 'national')

/** The country's targets, on the national set: the issue asks them of both. */
function nationalTargets(r, pass) {
  const n = r.national
  const name = nationalName(r)
  const ratio = (x) => (n.failed ? 'did not complete' : `${round(x, 1)}×`)
  return [
    r.pandasNational
      ? `| ${name} ≥ 10× faster than pandas | ${ratio(r.pandasNational.wallMs / n.wallMs)} | ${pass(r.pandasNational.wallMs / n.wallMs >= 10 && !n.failed)} |`
      : `| ${name} ≥ 10× faster than pandas | pandas not run | — |`,
    `| ${name} within 10× the floor | ${ratio(n.wallMs / r.floorNational.wallMs)} | ${pass(n.wallMs / r.floorNational.wallMs <= 10 && !n.failed)} |`,
    `| ${name} peak memory under 1 GB | ${n.maxRssMb ?? '?'} MB${n.failed ? ` (${n.failed})` : ''} | ${pass(n.maxRssMb < 1024 && !n.failed)} |`,
  ]
}

function markdown(r) {
  const m = r.machine
  const c = r.country
  const p = r.province
  const pass = (ok) => (ok ? 'yes' : '**no**')
  const n = r.national
  const lines = [
    '# Sheaf benchmark',
    '',
    `Generated by \`npm run bench\` on ${r.date} (${setsOf(r)}). Machine: ${m.nproc} cores, ${m.cpu}, ${m.memoryGb} GB, Node ${m.node}, ${m.platform}.`,
    ...(r.loadAverage
      ? [
          `Load average (1 min) of the machine when the bench started, before any of its own work: ${r.loadAverage.start} (${m.nproc} cores; at the end ${r.loadAverage.end}, the bench's own runs included).`,
        ]
      : []),
    '',
    'Every Sheaf time is the whole `sheaf consolidate --json` in a child process: read, locate, check, merge,',
    'store in the database, write the report and re-read it to check every figure.',
    `Each Sheaf and floor time is the median of ${REPEAT} runs (all of them in \`results.json\`, \`runsMs\`);`,
    'the pandas script runs once.',
    '',
    '## Targets',
    '',
    '| target | measured | met |',
    '|---|---|---|',
    r.pandas
      ? `| country ≥ 10× faster than pandas | ${c.failed ? 'did not complete' : `${round(r.pandas.wallMs / c.wallMs, 1)}×`} | ${pass(r.pandas.wallMs / c.wallMs >= 10 && !c.failed)} |`
      : '| country ≥ 10× faster than pandas | pandas not run | — |',
    `| country within 10× the floor | ${c.failed ? 'did not complete' : `${round(c.wallMs / r.floorCountry.wallMs, 1)}×`} | ${pass(c.wallMs / r.floorCountry.wallMs <= 10 && !c.failed)} |`,
    `| province within 10× the floor | ${round(p.wallMs / r.floorProvince.wallMs, 1)}× | ${pass(p.wallMs / r.floorProvince.wallMs <= 10)} |`,
    `| country peak memory under 1 GB | ${c.maxRssMb ?? '?'} MB${c.failed ? ` (${c.failed})` : ''} | ${pass(c.maxRssMb < 1024 && !c.failed)} |`,
    ...(n ? nationalTargets(r, pass) : []),
    ...[p, ...r.series]
      .filter((x) => x.failed)
      .map((x) => `| ${x.label} completes | failed: ${x.failed} after ${s(x.wallMs)} | **no** |`),
    '',
    '## End to end',
    '',
    '| set | files | MB | Sheaf | files/s | peak memory | floor | pandas | SheetJS read, 1 core | fast reader, 1 core |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ]
  for (const [name, run, floor, pandas, readers, mb] of [
    ['province', p, r.floorProvince, null, r.readersProvince, r.provinceMb],
    ['country', c, r.floorCountry, r.pandas, r.readersCountry, r.countryMb],
    ...(n ? [[nationalName(r), n, r.floorNational, r.pandasNational, r.readersNational, r.nationalMb]] : []),
  ])
    lines.push(
      `| ${name} | ${run.files} | ${mb} | ${run.failed ? `failed (${run.failed}) after ` : ''}${s(run.wallMs)} | ${run.filesPerSecond} | ${run.maxRssMb} MB | ${s(floor.wallMs)}${run.failed ? '' : ` (${round(run.wallMs / floor.wallMs, 1)}×)`} | ${pandas ? `${s(pandas.wallMs)}${run.failed ? '' : ` (${round(pandas.wallMs / run.wallMs, 1)}×)`}` : '—'} | ${s(readers.sheetJsMs)} | ${s(readers.fastMs)} (${readers.fallbacks} left to SheetJS) |`,
    )
  const cpuRows = [
    ['province', p, r.floorProvince, null],
    ['country', c, r.floorCountry, r.pandas],
    ...(n ? [[nationalName(r), n, r.floorNational, r.pandasNational]] : []),
  ].filter(([, run, floor]) => run.cpuMs != null && floor.cpuMs != null && !run.failed)
  if (cpuRows.length > 0)
    lines.push(
      '',
      'CPU time of the same runs (user + system, every thread; what other programs on a shared machine change',
      'least; Sheaf uses two threads, the floor and pandas one):',
      '',
      '| set | Sheaf CPU | floor CPU | pandas CPU |',
      '|---|---|---|---|',
      ...cpuRows.map(
        ([name, run, floor, pandas]) =>
          `| ${name} | ${s(run.cpuMs)} | ${s(floor.cpuMs)} | ${pandas?.cpuMs != null ? s(pandas.cpuMs) : '—'} |`,
      ),
    )
  if (n && r.nationalWriter)
    lines.push(
      '',
      `The national-like set: ${n.files} communes' files written by one writer (\`${r.nationalWriter}\`: every text an inline`,
      'string, every letter beyond ASCII a numeric character reference, no shared strings part, each row that holds a',
      'cell written out to the last column with its blank cells as empty typed ones), as the issuers describe their',
      'national set (3,325 files, 45.8 MB), which we do not have.',
    )
  // each writer's .xlsx files, the country's and the national set's (a writer of its own)
  const perWriter = [
    ...(r.readersCountry.writers ?? []),
    ...(r.readersNational?.writers ?? []).map((w) => ({ ...w, writer: `${w.writer} (national set)` })),
  ]
  if (perWriter.length > 0) {
    const best = Math.min(...perWriter.map((w) => w.msPerMb))
    lines.push(
      '',
      `The country's${r.readersNational ? " and the national set's" : ''} .xlsx files by writer, read by the fast reader on one core in this process, every file once in`,
      `the order of their names (the .xls and .ods files are in the next table);`,
      '"sheet XML" is the worksheets and the shared strings, uncompressed:',
      '',
      '| writer | files | MB of sheet XML | fast reader | ms per MB of sheet XML | × the best | left to SheetJS |',
      '|---|---|---|---|---|---|---|',
      ...perWriter.map(
        (w) =>
          `| ${w.writer} | ${w.files} | ${w.sheetMb} | ${s(w.fastMs)} | ${w.msPerMb} | ${round(w.msPerMb / best, 2)}× | ${w.fallbacks} |`,
      ),
    )
  }
  const others = r.readersCountry.others ?? []
  if (others.length > 0)
    lines.push(
      '',
      "The country's .xls and .ods files, read by their fast readers and by SheetJS on one core in this process:",
      '',
      '| format | files | fast reader | ms per file | SheetJS | ms per file | left to SheetJS |',
      '|---|---|---|---|---|---|---|',
      ...others.map(
        (o) =>
          `| .${o.format} | ${o.files} | ${s(o.fastMs)} | ${o.msPerFile} | ${s(o.sheetJsMs)} | ${o.sheetJsMsPerFile} | ${o.fallbacks} |`,
      ),
    )
  const v = r.validateCountry
  lines.push(
    '',
    `Country without writing the report (\`sheaf validate\`: read, locate, check, store, merge): ${v.failed ? `failed (${v.failed}) after ` : ''}${s(v.wallMs)}, ${v.filesPerSecond} files/s, peak ${v.maxRssMb} MB, ${round(v.wallMs / r.floorCountry.wallMs, 1)}× the floor${r.pandas ? `, ${round(r.pandas.wallMs / v.wallMs, 1)}× faster than pandas` : ''}.`,
  )
  lines.push(
    '',
    '## Where the time goes (ms, main thread; reading runs in the worker pool during `import`)',
    '',
  )
  const stageRuns = [p, ...r.series, r.validateCountry, ...(n ? [n] : [])]
  const stageNames = [...new Set(stageRuns.flatMap((x) => Object.keys(x.stagesMs)))]
  lines.push(
    `| run | files | ${stageNames.join(' | ')} | wall |`,
    `|---|---|${stageNames.map(() => '---').join('|')}|---|`,
  )
  for (const x of stageRuns)
    lines.push(
      `| ${x.label} | ${x.files} | ${stageNames.map((k) => round(x.stagesMs[k] ?? 0, 0)).join(' | ')} | ${round(x.wallMs, 0)} |`,
    )
  lines.push(
    '',
    '## Linear cost',
    '',
    '| files | wall | ms per file | files/s | peak memory | progress events | longest gap between events |',
    '|---|---|---|---|---|---|---|',
  )
  const done = r.series.filter((x) => !x.failed)
  for (const x of done)
    lines.push(
      `| ${x.files} | ${s(x.wallMs)} | ${round(x.wallMs / x.files, 1)} | ${x.filesPerSecond} | ${x.maxRssMb} MB | ${x.progress.events} | ${x.progress.maxGapMs} ms |`,
    )
  if (done.length >= 2) {
    const a = done[0]
    const b = done[done.length - 1]
    const slope = (b.wallMs - a.wallMs) / (b.files - a.files)
    lines.push(
      '',
      `Marginal cost: ${round(slope, 2)} ms per extra file (fixed cost ≈ ${s(a.wallMs - slope * a.files)}).`,
    )
  }
  lines.push('', `Raw numbers: \`${r.rawFile ?? 'docs/bench/results.json'}\`.`, '')
  return lines.join('\n')
}

async function main() {
  if (flag('render')) {
    // rewrites results.md from the last results.json (after a change to this report's layout)
    const docs = path.join(ROOT, 'docs/bench')
    const md = markdown(JSON.parse(fs.readFileSync(path.join(docs, 'results.json'), 'utf8')))
    fs.writeFileSync(path.join(docs, 'results.md'), md)
    return
  }
  fs.mkdirSync(OUT, { recursive: true })
  const t0 = performance.now()
  const loadAtStart = round(os.loadavg()[0], 2)
  log('Sets')
  const province = opt('province')
    ? given('province', opt('province'), opt('province-units'))
    : generated(PROVINCE_COMMUNES)
  const country = opt('country')
    ? given('country', opt('country'), opt('country-units'))
    : generated(COUNTRY_COMMUNES)
  // `--national` alone, or nothing, is the generated national-like set
  const nationalDir = opt('national')?.startsWith('--') ? undefined : opt('national')
  const national = flag('no-national')
    ? null
    : nationalDir !== undefined
      ? given('national', nationalDir, opt('national-units'))
      : generated(NATIONAL_COMMUNES, true)
  const provinceStats = folderStats(province.files)
  const countryStats = folderStats(country.files)
  const nationalStats = national ? folderStats(national.files) : null
  // a given country may have fewer files than the series' first sizes
  const series = SERIES.filter((n) => n < countryStats.count).concat([countryStats.count])

  log('References')
  const floorProvince = await median(() => floorRef(province.files))
  const floorCountry = await median(() => floorRef(country.files))
  const floorNational = national ? await median(() => floorRef(national.files)) : null
  log(
    `  floor: province ${s(floorProvince.wallMs)}, country ${s(floorCountry.wallMs)}${floorNational ? `, national ${s(floorNational.wallMs)}` : ''}`,
  )
  const readersProvince = readersRef(province.files)
  const readersCountry = readersRef(country.files)
  log(`  SheetJS read (1 core): ${s(readersCountry.sheetJsMs)}; fast reader: ${s(readersCountry.fastMs)}`)
  const readersNational = national ? readersRef(national.files) : null
  if (readersNational)
    log(
      `  national: SheetJS read (1 core): ${s(readersNational.sheetJsMs)}; fast reader: ${s(readersNational.fastMs)}`,
    )

  log('Sheaf')
  const prov = await median(() => consolidate('province', province.files, province.units))
  log(`  province: ${s(prov.wallMs)} ${JSON.stringify(prov.stagesMs)}`)
  const runs = []
  for (const n of series) {
    const all = n >= countryStats.count
    const sub = all ? { files: country.files, units: country.units } : subset(country, n)
    const x = await median(() =>
      consolidate(all ? 'country-all' : `country-first-${n}`, sub.files, sub.units),
    )
    log(`  ${x.files} files: ${s(x.wallMs)} ${JSON.stringify(x.stagesMs)}`)
    runs.push(x)
  }
  const validateCountry = await median(() =>
    consolidate('country-validate', country.files, country.units, 'validate'),
  )
  log(`  country, validate only: ${s(validateCountry.wallMs)} ${JSON.stringify(validateCountry.stagesMs)}`)
  const countryRun = runs[runs.length - 1]
  const countryResult = { ...countryRun, label: 'country' }
  const nationalRun = national
    ? await median(() => consolidate('national', national.files, national.units))
    : null
  if (nationalRun) log(`  national: ${s(nationalRun.wallMs)} ${JSON.stringify(nationalRun.stagesMs)}`)

  log('pandas (the clerk’s script)')
  const pandas = await pandasRef(country.files)
  const pandasNational = national && pandas ? await pandasRef(national.files) : null
  log(
    pandas
      ? `  pandas: ${s(pandas.wallMs)}${pandasNational ? `, national ${s(pandasNational.wallMs)}` : ''}`
      : flag('no-pandas')
        ? '  pandas left out (--no-pandas)'
        : '  pandas not installed: apt-get install -y python3-pandas python3-openpyxl',
  )

  const result = {
    date: new Date().toISOString().slice(0, 10),
    seed: SEED,
    sets: {
      province: province.given ? province.dir : 'generated',
      country: country.given ? country.dir : 'generated',
      ...(national ? { national: national.given ? national.dir : 'generated' } : {}),
    },
    period: PERIOD,
    quick: QUICK,
    machine: machine(),
    provinceMb: round(provinceStats.bytes / 1024 ** 2, 1),
    countryMb: round(countryStats.bytes / 1024 ** 2, 1),
    province: prov,
    country: countryResult,
    series: runs,
    validateCountry,
    floorProvince,
    floorCountry,
    pandas,
    readersProvince,
    readersCountry,
    ...(national
      ? {
          nationalMb: round(nationalStats.bytes / 1024 ** 2, 1),
          nationalWriter: national.given ? null : NATIONAL_WRITER,
          national: nationalRun,
          floorNational,
          pandasNational,
          readersNational,
        }
      : {}),
    benchSeconds: round((performance.now() - t0) / 1000, 0),
    loadAverage: { start: loadAtStart, end: round(os.loadavg()[0], 2) },
  }
  const docs = path.join(ROOT, 'docs/bench')
  fs.mkdirSync(docs, { recursive: true })
  // a quick run's or a given set's results are not the record of the generated sets: kept in bench-out
  const record = !QUICK && !province.given && !country.given && !national?.given
  const stem = record ? path.join(docs, 'results') : path.join(OUT, QUICK ? 'results-quick' : 'results-given')
  result.rawFile = path.relative(ROOT, `${stem}.json`)
  const md = markdown(result)
  fs.writeFileSync(`${stem}.json`, JSON.stringify(result, null, 2) + '\n')
  fs.writeFileSync(`${stem}.md`, md)
  process.stdout.write(md)
  log(`bench done in ${result.benchSeconds} s`)
}

main().catch((e) => {
  log(e instanceof UsageError ? `bench: ${e.message}` : (e.stack ?? String(e)))
  process.exit(1)
})
