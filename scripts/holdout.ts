// The holdout: what Sheaf answers on the sample province of `npm run demo` (seed 2025, 30 communes)
// and on the small season of the end-to-end tests, written as one JSON document, so that a change
// meant to keep behaviour (a refactor) can be checked against the answers recorded before it:
//   npx tsx scripts/holdout.ts record holdout-before.json     (before the change)
//   npx tsx scripts/holdout.ts compare holdout-before.json    (after it; exit 1 on any difference)
// It runs the built `sheaf` command (out/cli, rebuilt first) for consolidate --json, validate --json,
// feedback and blank, and the API in this process for a season as the screens use it; every workbook
// written is kept as its cells' values. Temporary paths, random ids and today's date are replaced by
// placeholders, and so are checksums (the generated workbooks carry the time they were zipped);
// nothing else is.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { generateProvince } from '../test/fixtures/generator'
import { writeSampleSeason } from '../test/e2e/sample-season'
import { loadTestPack } from '../test/helpers/load-test-pack'
import { createApi } from '../src-main/services/api/create-api'
import type { ApiReply, Channel } from '../src-main/shared/api-contract'
import type { ApiEvent } from '../src-main/shared/api-types'

const root = path.resolve(__dirname, '..')

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }

function run(args: string[]): { status: number | null; stdout: string } {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/sheaf.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  })
  if (r.status !== 0 && r.status !== 1) throw new Error(`sheaf ${args[0]}: ${r.status}\n${r.stderr}`)
  return { status: r.status, stdout: r.stdout }
}

/** Every cell that holds something, sheet by sheet: address -> value (formulas with their result). */
async function workbookCells(file: string): Promise<Json> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(file)
  const sheets: Record<string, Json> = {}
  wb.eachSheet((ws) => {
    const cells: Record<string, Json> = {}
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        cells[cell.address] = JSON.parse(JSON.stringify(cell.value ?? null)) as Json
      })
    })
    sheets[ws.name] = { cells, merges: Object.keys((ws as unknown as { _merges: object })._merges).sort() }
  })
  return sheets
}

async function folderCells(dir: string): Promise<Json> {
  const out: Record<string, Json> = {}
  for (const name of fs.readdirSync(dir).sort()) out[name] = await workbookCells(path.join(dir, name))
  return out
}

async function cliHoldout(tmp: string): Promise<Json> {
  const province = path.join(tmp, 'tinh-mau')
  const generated = await generateProvince({
    seed: 2025,
    communes: 30,
    departments: true,
    period: '2025-Y',
    mistakes: 'typical',
  })
  fs.mkdirSync(province, { recursive: true })
  fs.writeFileSync(path.join(province, 'units.csv'), generated.unitsCsv)
  for (const f of generated.files) fs.writeFileSync(path.join(province, f.name), f.bytes)
  const season = ['--template', 'child-work-2025', '--period', '2025-Y', '--units']
  const units = path.join(province, 'units.csv')
  const report = path.join(tmp, 'bao-cao.xlsx')
  const header = ['--province', 'Lai Châu', '--report-no', '125/BC-SYT', '--signer', 'Nguyễn Văn An']
  const consolidate = run([
    'consolidate',
    ...season,
    units,
    '--out',
    report,
    '--db',
    path.join(tmp, 'mua.sqlite'),
    '--json',
    ...header,
    province,
  ])
  // a second run on the same database: nothing new is imported, the header texts are remembered
  const report2 = path.join(tmp, 'bao-cao-2.xlsx')
  const again = run([
    'consolidate',
    ...season,
    units,
    '--out',
    report2,
    '--db',
    path.join(tmp, 'mua.sqlite'),
    '--json',
    '--lang',
    'en',
    province,
  ])
  const db = path.join(tmp, 'mua.sqlite')
  const history = run(['history', '--db', db, '--json'])
  const historyText = run(['history', '--db', db])
  const historyEn = run(['history', '--db', db, '--lang', 'en', '--period', '2025-Y'])
  const validate = run(['validate', ...season, units, '--json', province])
  const feedbackDir = path.join(tmp, 'phan-hoi')
  const feedback = run(['feedback', ...season, units, '--out', feedbackDir, '--json', province])
  const blank = path.join(tmp, 'trang.xlsx')
  run(['blank', '--template', 'child-work-2025', '--out', blank])
  return {
    consolidate: { status: consolidate.status, json: JSON.parse(consolidate.stdout) as Json },
    consolidateAgain: { status: again.status, json: JSON.parse(again.stdout) as Json },
    validate: { status: validate.status, json: JSON.parse(validate.stdout) as Json },
    history: { status: history.status, json: JSON.parse(history.stdout) as Json },
    historyText: historyText.stdout.split('\n'),
    historyEn: historyEn.stdout.split('\n'),
    feedback: { status: feedback.status, json: JSON.parse(feedback.stdout) as Json },
    report: await workbookCells(report),
    reportAgain: await workbookCells(report2),
    feedbackFiles: await folderCells(feedbackDir),
    blank: await workbookCells(blank),
  }
}

async function apiHoldout(tmp: string): Promise<Json> {
  const period = '2025-Y'
  const season = await writeSampleSeason(loadTestPack(), path.join(tmp, 'in'), period)
  const dataDir = path.join(tmp, 'data')
  const api = createApi({
    dbPath: path.join(tmp, 'api.sqlite'),
    dataDir,
    transport: 'http',
    actor: 'holdout',
  })
  const replies: Record<string, Json> = {}
  const call = async (label: string, channel: Channel, request: unknown): Promise<unknown> => {
    const r = (await api.router.dispatch(channel, request)) as ApiReply<unknown>
    replies[label] = JSON.parse(JSON.stringify(r)) as Json
    return r.ok ? r.value : null
  }
  try {
    await call('period.create', 'period.create', { id: period, templateId: 'child-work-2025' })
    await call('period.create.again', 'period.create', { id: 'bad', templateId: 'child-work-2025' })
    // files are given as the desktop's dialog gives them: held by the main process, by id
    const held = (file: string) => ({
      kind: 'held',
      id: api.held.hold({ path: file, name: path.basename(file), role: 'file' }),
    })
    await call('units.import', 'units.import', { period, file: held(season.unitsCsv) })
    const finished = new Promise<ApiEvent>((resolve) => {
      const off = api.router.subscribe((e) => {
        if (e.type === 'import.finished') {
          off()
          resolve(e)
        }
      })
    })
    const files = season.files.map(held)
    if (!(await call('import.start', 'import.start', { period, files })))
      throw new Error(`import.start: ${JSON.stringify(replies['import.start'])}`)
    replies['import.finished'] = JSON.parse(JSON.stringify(await finished)) as Json
    await call('units.list', 'units.list', { period })
    await call('status.list', 'status.list', { period })
    const problems = (await call('problems.list', 'problems.list', { period })) as {
      submissionId: number
    }[]
    await call('consolidation.get', 'consolidation.get', { period })
    await call('consolidation.sources', 'consolidation.sources', {
      period,
      indicator: 'TE.0101',
      column: 'total',
    })
    const first = problems[0]?.submissionId
    if (first !== undefined) {
      await call('submission.sheet', 'submission.sheet', { submissionId: first })
      await call('submission.decide', 'submission.decide', {
        submissionId: first,
        decision: 'accept',
        reason: 'holdout',
      })
    }
    await call('units.setActive', 'units.setActive', { period, code: '08005', active: false })
    const unknown = (
      replies['import.finished'] as { results: { fileName: string; submissionId: number }[] }
    ).results.find((r) => r.fileName === season.unknownFile)
    if (unknown)
      await call('import.assign', 'import.assign', { submissionId: unknown.submissionId, unit: '08004' })
    await call('submission.versions', 'submission.versions', { period, unit: '08004' })
    await call('submission.sheet.missing', 'submission.sheet', { submissionId: 999 })
    await call('submission.compare', 'submission.compare', { a: 1, b: 2 })
    if (first !== undefined) await call('submission.activate', 'submission.activate', { submissionId: first })
    const unit = { code: '08009', name: 'Xã Mới', kind: 'xa', dept: null, aliases: ['Xa Moi'], active: true }
    await call('units.save', 'units.save', { period, unit })
    await call('units.save.conflict', 'units.save', { period, unit })
    await call('units.save.renamed', 'units.save', {
      period,
      unit: { ...unit, code: '08010' },
      previousCode: '08009',
    })
    await call('period.update', 'period.update', { id: period, deadline: '2025-12-15' })
    await call('import.cancel', 'import.cancel', { batchId: 'none' })
    await call('app.info', 'app.info', {})
    await call('consolidation.get.after', 'consolidation.get', { period })
    await call('export.report', 'export.report', {
      period,
      header: { province: 'Lai Châu', reportNo: '1/BC', signer: 'A' },
    })
    await call('export.feedback', 'export.feedback', { period })
    await call('status.exportMissing', 'status.exportMissing', { period })
    await call('period.list', 'period.list', {})
    const exported = path.join(dataDir, 'exports')
    const written: Record<string, Json> = {}
    for (const rel of fs.readdirSync(exported, { recursive: true }) as string[]) {
      const file = path.join(exported, rel)
      if (fs.statSync(file).isFile()) written[rel.split(path.sep).join('/')] = await workbookCells(file)
    }
    return { replies, written }
  } finally {
    api.close()
  }
}

/** Temporary folders, download, batch and held-file ids, timestamps and today's date become placeholders. */
function normalise(doc: Json, tmp: string): Json {
  const now = new Date()
  const d = now.getDate()
  const m = now.getMonth() + 1
  const y = now.getFullYear()
  const pad = (n: number) => String(n).padStart(2, '0')
  const todays = [
    `${y}-${pad(m)}-${pad(d)}`,
    `${pad(d)}/${pad(m)}/${y}`,
    `${d}/${m}/${y}`,
    `ngày ${d} tháng ${m} năm ${y}`,
    `ngày ${pad(d)} tháng ${pad(m)} năm ${y}`,
  ]
  const text = JSON.stringify(doc)
    .split(tmp)
    .join('<tmp>')
    .replace(/\/download\/[A-Za-z0-9_-]+/g, '/download/<id>')
    .replace(/"batchId":"[0-9a-f]+"/g, '"batchId":"<id>"')
    // files the main process holds for the page, by a random id
    .replace(/"(file|folder|target|id)":"[A-Za-z0-9_-]{22}"/g, '"$1":"<held>"')
    // the generated workbooks carry the time they were zipped: their checksums differ run to run
    .replace(/"[0-9a-f]{64}"/g, '"<sha256>"')
    .replace(/\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?Z?/g, '<time>')
  let out = text
  for (const t of todays) out = out.split(t).join('<today>')
  return JSON.parse(out) as Json
}

function differences(a: Json, b: Json, at: string, out: string[]): void {
  if (out.length >= 40) return
  if (JSON.stringify(a) === JSON.stringify(b)) return
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)])
    for (const k of keys)
      differences(
        (a as Record<string, Json>)[k] ?? null,
        (b as Record<string, Json>)[k] ?? null,
        `${at}/${k}`,
        out,
      )
    return
  }
  out.push(`${at}: ${JSON.stringify(a)?.slice(0, 200)} -> ${JSON.stringify(b)?.slice(0, 200)}`)
}

async function main(): Promise<void> {
  const [mode, file] = process.argv.slice(2)
  if ((mode !== 'record' && mode !== 'compare') || !file) {
    console.error('usage: npx tsx scripts/holdout.ts record|compare <file.json>')
    process.exit(2)
  }
  const build = spawnSync(process.execPath, [path.join(root, 'scripts/build-cli.mjs')], { stdio: 'inherit' })
  if (build.status !== 0) process.exit(1)
  const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sheaf-holdout-')))
  try {
    const doc = normalise({ cli: await cliHoldout(tmp), api: await apiHoldout(tmp) }, tmp)
    if (mode === 'record') {
      fs.writeFileSync(file, JSON.stringify(doc, null, 1))
      console.log(`holdout recorded: ${file}`)
      return
    }
    const before = JSON.parse(fs.readFileSync(file, 'utf8')) as Json
    const diffs: string[] = []
    differences(before, doc, '', diffs)
    if (diffs.length === 0) {
      console.log('holdout: identical')
      return
    }
    console.error(
      `holdout: ${diffs.length >= 40 ? '40 or more' : diffs.length} differences\n${diffs.join('\n')}`,
    )
    process.exitCode = 1
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true })
  }
}

// a promise nothing will settle must not end the run as if it had succeeded
process.on('exit', (code) => {
  if (code === 0 && !finishedRun) {
    console.error('holdout: the run stopped before it finished')
    process.exitCode = 1
  }
})
let finishedRun = false

void main()
  .then(() => {
    finishedRun = true
  })
  .catch((e: unknown) => {
    console.error(e)
    process.exit(1)
  })
