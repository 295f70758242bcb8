// The `sheaf` command (cli.md): arguments -> services -> text or one JSON document. Exit 0 when the
// job was done, 1 when it could not be (template, unit list, database or output), 2 for wrong
// arguments or a path that does not exist.
import os from 'node:os'
import path from 'node:path'
import type { z } from 'zod'
import type { Lang } from '../shared/localized'
import { pick } from '../shared/localized'
import type { PeriodId } from '../shared/period'
import { batchContext } from '../services/analyse-inputs'
import { writeBlankFormFile } from '../services/blank-form'
import { collectInputs } from '../services/collect-inputs'
import {
  consolidateStored,
  duplicateWarnings,
  exportReport,
  prepareReportWriter,
} from '../services/consolidate-period'
import type { ReportHeaderInput } from '../shared/report-header-input'
import { exportFeedback } from '../services/export-feedback'
import { TaskWorker } from '../services/read-pool/task-worker'
import { SheafEnvError, sheafEnv } from '../services/sheaf-env'
import { OutputError, realFs } from '../services/fs-seam'
import { FigureCache } from '../services/import-files'
import { importBatch } from '../services/import-batch'
import { readPoolOptionsFromEnv, startReadWorkerEarly } from '../services/read-pool/read-pool'
import { loadUnitListFile, prepareSeason } from '../services/prepare-season'
import { settleReportHeader } from '../services/report-header'
import type { SheafDb } from '../services/season-db'
import { backupSeason, DbError, openSeasonDb, restoreSeason } from '../services/season-db'
import { seasonHistory } from '../services/season-history'
import type { TemplatePack } from '../services/template-source'
import {
  formIdOf,
  loadTemplate,
  loadTemplateDir,
  packProblemsText,
  undeclaredPeriod,
} from '../services/template-source'
import { unitStates, type UnitSeasonState } from '../services/unit-states'
import { listPacks } from '../services/pack-library'
import type { SubmissionReport } from './output'
import { progressBar, resultJson, summaryText } from './output'
import {
  backupArgs,
  restoreArgs,
  blankArgs,
  consolidateArgs,
  describeIssues,
  feedbackArgs,
  historyArgs,
  serveArgs,
  splitArgs,
  validateArgs,
  packCheckArgs,
} from './parse-args'
import { historyText } from './history-text'
import { stageTimingsFromEnv } from './stage-timings'
import { knownPacks, otherFormsOf } from '../services/other-forms'

export type CliIo = Readonly<{
  stdout: (s: string) => void
  stderr: (s: string) => void
  isTTY: boolean
}>

export const USAGE = `Sheaf — tổng hợp báo cáo của các đơn vị theo mẫu biểu (consolidates the reports of reporting units, form by form)

  sheaf consolidate --template <id|thư mục> --period <YYYY-H1|YYYY-Y> --units <units.csv|.xlsx>
                    --out <report.xlsx> [--db <file.sqlite>] [--json] [--lang vi|en] [--strict]
                    [--final] [--province <tên>] [--report-no <số>] [--signer <tên>] <tệp hoặc thư mục>...
                    [--governing-body <cơ quan chủ quản>] [--issuer <cơ quan ban hành>] [--place <địa danh>]
                    [--date <YYYY-MM-DD>] [--signer-title <chức vụ, vd "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC">]
                    [--preparer <người lập biểu>] [--recipients <nơi nhận, các dòng cách nhau bởi ;>]
                    [--received <YYYY-MM-DD: ngày nhận các tệp, mặc định là ngày lưu của từng tệp>]
  sheaf validate    --template … --period … --units … [--db …] [--json] [--lang vi|en] [--received …]
                    <tệp hoặc thư mục>...
  sheaf feedback    --template … --period … --units … --out <thư mục> [--db …] <tệp hoặc thư mục>...
  sheaf blank       --template <id|thư mục> --out <blank.xlsx>
  sheaf pack check  <thư mục mẫu biểu> [--lang vi|en]     kiểm tra một mẫu biểu (checks a template pack)
  sheaf pack list   [<thư mục>] [--lang vi|en]          các mẫu biểu, mẫu lỗi kèm lỗi (the forms, broken ones with their mistakes)
  sheaf history     --db <file.sqlite> [--unit <mã>] [--period <YYYY-H1|YYYY-Y>] [--json]
  sheaf serve       [--port <n>] [--db <file.sqlite>]
  sheaf backup      --db <file.sqlite> --out <backup.sqlite>
  sheaf restore     --from <backup.sqlite> --db <file.sqlite>
`

class Exit extends Error {
  constructor(
    readonly code: number,
    readonly text: string,
  ) {
    super(text)
  }
}

/** The pack `--template` names, or the exit: 2 when there is none by that id or path, 1 when it is broken. */
function templateOrExit(idOrPath: string, lang: Lang): TemplatePack {
  const tpl = loadTemplate(idOrPath)
  if (tpl.ok) return tpl.pack
  const lines = packProblemsText(tpl.problems, lang)
  if (tpl.notFound) throw new Exit(2, `--template ${lines.join('\n')}`)
  throw new Exit(
    1,
    `${pick({ vi: `Mẫu biểu ${idOrPath} không hợp lệ:`, en: `The template pack ${idOrPath} is invalid:` }, lang)}\n${lines.map((e) => `  - ${e}`).join('\n')}`,
  )
}

function parse<T extends z.ZodType>(schema: T, flags: Record<string, string | true>): z.infer<T> {
  const r = schema.safeParse(flags)
  if (!r.success) throw new Exit(2, `${describeIssues(r.error)}\n\n${USAGE}`)
  return r.data
}

function openDb(file: string | undefined): SheafDb {
  try {
    return openSeasonDb(file, safeUser())
  } catch (e) {
    if (e instanceof DbError) throw new Exit(1, `${e.text.vi}\n${e.text.en}`)
    throw e
  }
}

function safeUser(): string {
  try {
    return os.userInfo().username
  } catch {
    return 'sheaf'
  }
}

type SeasonArgs = {
  template: string
  period: PeriodId
  units: string
  db?: string | undefined
  lang: Lang
  received?: string | undefined
}

function setUp(args: SeasonArgs, positionals: string[]) {
  if (positionals.length === 0)
    throw new Exit(2, `Chưa chỉ ra tệp hoặc thư mục báo cáo nào (no files or folders given)\n\n${USAGE}`)
  const tpl = templateOrExit(args.template, args.lang)
  const undeclared = undeclaredPeriod(tpl, args.period)
  if (undeclared) throw new Exit(2, `--period: ${undeclared.vi}\n${undeclared.en}`)
  if (!realFs.exists(args.units))
    throw new Exit(2, `Không có tệp danh sách đơn vị: ${args.units} (unit list not found)`)
  const inputs = collectInputs(positionals)
  if (inputs.missing.length > 0) throw new Exit(2, `Không tìm thấy (not found): ${inputs.missing.join(', ')}`)
  const units = loadUnitListFile(args.units)
  if (!units.ok)
    throw new Exit(
      1,
      `Danh sách đơn vị không hợp lệ (invalid unit list) ${args.units}:\n${units.errors.join('\n')}`,
    )
  const db = openDb(args.db)
  return { pack: tpl, units: units.units, inputs: inputs.files, skipped: inputs.skipped, db }
}

async function importAndReport(
  args: SeasonArgs & { json?: true | undefined },
  positionals: string[],
  io: CliIo,
  opts: Readonly<{
    /** keep each file's bytes and analysis (feedback marks them up) */
    keepAnalysed?: boolean
    /** a merge follows in this run: keep each file's figures as it is stored (and, with
     * `prepareSources`, its rows of the report's sources sheet) */
    figureCache?: FigureCache
    prepareSources?: boolean
    /** something long to do while the read workers start */
    whileReadersStart?: () => void
  }> = {},
) {
  const { keepAnalysed = false, figureCache, prepareSources = true, whileReadersStart } = opts
  const timings = stageTimingsFromEnv(process.env)
  const stage = <T>(name: string, fn: () => T): T => (timings ? timings.stage(name, fn) : fn())
  // every batch reads in at least one worker: it loads its script while this thread sets up
  startReadWorkerEarly(readPoolOptionsFromEnv(process.env))
  const s = stage('setup', () => setUp(args, positionals))
  // the season's units are written while the first files are on their way to the reader (nothing
  // is stored before they are), or before the import when it has no file to read
  let prepared = false
  const prepare = (): void => {
    if (prepared) return
    prepared = true
    stage('prepareSeason', () => prepareSeason(s.db, s.pack, args.period, s.units, safeUser()))
  }
  if (s.inputs.length === 0) prepare()
  // a file of another form Sheaf knows goes to that form's season in the database (or is told S10)
  const otherForms = otherFormsOf(s.db, knownPacks(null), s.pack.manifest.id)
  const ctx = { ...batchContext(s.pack, s.units, args.period), otherForms }
  const showProgress = io.isTTY && !args.json
  // the batch is kept in the season's history, as the window keeps its batches (with --db, for good)
  const imported = await stage('import', async () => {
    const batch = await importBatch(s.db, ctx, s.inputs, {
      receivedOn: args.received ?? null,
      skipped: s.skipped,
      actor: safeUser(),
      keepAnalysed,
      ...(figureCache ? { figureCache, prepareSources } : {}),
      whileReadersStart: () => {
        prepare()
        whileReadersStart?.()
      },
      read: readPoolOptionsFromEnv(process.env),
      ...(showProgress || timings
        ? {
            onProgress: (p) => {
              timings?.progress()
              if (showProgress) io.stderr(progressBar(p.done, p.total, p.file))
            },
          }
        : {}),
    })
    return batch.files
  })
  if (showProgress) io.stderr('\n')
  const reports: SubmissionReport[] = stage('duplicates', () => {
    const duplicates = duplicateWarnings(s.db, { form: s.pack.manifest.id, period: args.period })
    return imported.map((f) => {
      const elsewhere = f.season.form !== s.pack.manifest.id
      const dup = f.unit === null || elsewhere ? undefined : duplicates.get(f.unit)
      const problems = dup && !f.problems.some((p) => p.rule === 'S08') ? [...f.problems, dup] : f.problems
      const other = elsewhere ? otherForms.find((o) => o.pack.manifest.id === f.season.form) : undefined
      return {
        file: f.file,
        unit: f.unit,
        status: f.status,
        problems,
        ...(other ? { storedIn: { ...f.season, name: other.pack.manifest.name } } : {}),
      }
    })
  })
  return { ...s, imported, reports, timings, stage }
}

async function consolidateCmd(
  flags: Record<string, string | true>,
  positionals: string[],
  io: CliIo,
): Promise<number> {
  const args = parse(consolidateArgs, flags)
  // the report follows in this run: what it needs of each file is prepared while the files are read
  const figureCache = new FigureCache()
  // while the read workers start up, this thread loads what the report needs
  const run = await importAndReport(args, positionals, io, {
    figureCache,
    whileReadersStart: prepareReportWriter,
  })
  try {
    const given: ReportHeaderInput = {
      ...(args.province !== undefined ? { province: args.province } : {}),
      ...(args['governing-body'] !== undefined ? { governingBody: args['governing-body'] } : {}),
      ...(args.issuer !== undefined ? { issuer: args.issuer } : {}),
      ...(args['report-no'] !== undefined ? { reportNo: args['report-no'] } : {}),
      ...(args.place !== undefined ? { place: args.place } : {}),
      ...(args.date !== undefined ? { date: args.date } : {}),
      ...(args['signer-title'] !== undefined ? { signerTitle: args['signer-title'] } : {}),
      ...(args.signer !== undefined ? { signer: args.signer } : {}),
      ...(args.preparer !== undefined ? { preparer: args.preparer } : {}),
      ...(args.recipients !== undefined ? { recipients: args.recipients } : {}),
    }
    // with --db the texts are the season's unless given, and those given are remembered
    const season = { form: run.pack.manifest.id, period: args.period }
    const header = settleReportHeader(run.db, season, run.pack.manifest.report, given, {
      remember: args.db !== undefined,
      actor: safeUser(),
    })
    const out = path.resolve(args.out)
    let result
    let states: UnitSeasonState[] = []
    try {
      result = await run.stage('report', () => {
        // the units' states, for the report's check sheet and --json, read before the report records
        // its consolidation (which changes none of them)
        states = unitStates(run.db, season)
        return exportReport(run.db, {
          pack: run.pack,
          period: args.period,
          ...(args.final ? { final: true } : {}),
          figureCache,
          outPath: out,
          header,
          states,
        })
      })
    } catch (e) {
      if (e instanceof OutputError) throw new Exit(1, `${e.text.vi}\n${e.text.en}`)
      throw e
    }
    if (args.json)
      io.stdout(
        JSON.stringify(
          resultJson(run.pack, args.period, run.reports, args.lang, result.consolidation, args.out, states),
          null,
          2,
        ) + '\n',
      )
    else
      io.stdout(
        summaryText(run.reports, args.lang, result.consolidation, args.out, {
          form: run.pack.manifest.name,
          period: args.period,
        }),
      )
    if (run.timings) io.stderr(run.timings.report({ files: run.imported.length }) + '\n')
    const bad = run.reports.some((r) => r.status === 'rejected') || result.consolidation.missing.length > 0
    return args.strict && bad ? 1 : 0
  } finally {
    run.db.close()
  }
}

async function validateCmd(
  flags: Record<string, string | true>,
  positionals: string[],
  io: CliIo,
): Promise<number> {
  const args = parse(validateArgs, flags)
  // the merge follows in this run: each file's figures are kept as they are stored
  const figureCache = new FigureCache()
  const run = await importAndReport(args, positionals, io, { figureCache, prepareSources: false })
  try {
    const { consolidation } = run.stage('merge', () =>
      consolidateStored(run.db, { pack: run.pack, period: args.period, figureCache }),
    )
    if (args.json) {
      const doc = resultJson(
        run.pack,
        args.period,
        run.reports,
        args.lang,
        consolidation,
        null,
        unitStates(run.db, { form: run.pack.manifest.id, period: args.period }),
      )
      delete doc.totals
      io.stdout(JSON.stringify(doc, null, 2) + '\n')
    } else
      io.stdout(
        summaryText(run.reports, args.lang, consolidation, null, {
          form: run.pack.manifest.name,
          period: args.period,
        }),
      )
    if (run.timings) io.stderr(run.timings.report({ files: run.imported.length }) + '\n')
    return 0
  } finally {
    run.db.close()
  }
}

async function feedbackCmd(
  flags: Record<string, string | true>,
  positionals: string[],
  io: CliIo,
): Promise<number> {
  const args = parse(feedbackArgs, flags)
  const run = await importAndReport(args, positionals, io, { keepAnalysed: true })
  try {
    const outDir = path.resolve(args.out)
    try {
      realFs.mkdir(outDir)
    } catch (e) {
      throw new Exit(1, `Không tạo được thư mục ${outDir} (${(e as NodeJS.ErrnoException).code ?? e})`)
    }
    const written: string[] = []
    const taken = new Set<string>()
    // each copy is read and marked up in a read worker with the pool's limits, one file at a time
    const tasks = new TaskWorker(readPoolOptionsFromEnv(process.env))
    for (const f of run.imported) {
      // an unreadable file (S01) is not parsed again here: it gets a note asking for it again
      const unreadable = f.problems.some((p) => p.rule === 'S01')
      if (f.problems.length === 0 || (!f.analysed?.bytes && !unreadable)) continue
      try {
        const target = await exportFeedback(run.db, {
          pack: run.pack,
          bytes: f.analysed?.bytes ?? new Uint8Array(0),
          fileName: f.file,
          problems: f.problems,
          unit: f.unit,
          outDir,
          submissionId: f.submissionId,
          period: args.period,
          taken,
          tasks,
        })
        written.push(target)
      } catch (e) {
        await tasks.close()
        if (e instanceof OutputError) throw new Exit(1, `${e.text.vi}\n${e.text.en}`)
        throw e
      }
    }
    await tasks.close()
    io.stdout(
      args.json
        ? JSON.stringify({ feedback: written }, null, 2) + '\n'
        : `${pick({ vi: 'Đã ghi tệp phản hồi', en: 'Feedback files written' }, args.lang)}: ${written.length}\n${written.map((w) => `  ${w}\n`).join('')}`,
    )
    return 0
  } finally {
    run.db.close()
  }
}

/** `sheaf pack check DIR`: 0 when the pack loads, 1 with every mistake listed, 2 for no pack there. */
async function packCmd(
  flags: Record<string, string | true>,
  positionals: string[],
  io: CliIo,
): Promise<number> {
  const args = parse(packCheckArgs, flags)
  const [sub, dir, ...rest] = positionals
  if (sub === 'list' && rest.length === 0) return packList(dir, args.lang, io)
  if (sub !== 'check' || dir === undefined || rest.length > 0)
    throw new Exit(
      2,
      `Cách dùng (usage): sheaf pack check <thư mục mẫu biểu> [--lang en] | sheaf pack list [<thư mục>]\n\n${USAGE}`,
    )
  if (!realFs.exists(path.join(path.resolve(dir), 'manifest.json')))
    throw new Exit(
      2,
      pick(
        {
          vi: `Không có mẫu biểu trong ${dir}: thiếu manifest.json`,
          en: `No template pack in ${dir}: manifest.json is missing`,
        },
        args.lang,
      ),
    )
  const tpl = loadTemplateDir(path.resolve(dir))
  if (!tpl.ok) {
    const n = tpl.problems.length
    io.stdout(
      `${pick({ vi: `Mẫu biểu ${dir} có ${n} lỗi:`, en: `The template pack ${dir} has ${n} mistake${n === 1 ? '' : 's'}:` }, args.lang)}\n${packProblemsText(
        tpl.problems,
        args.lang,
      )
        .map((e) => `  - ${e}\n`)
        .join('')}`,
    )
    return 1
  }
  const m = tpl.pack.manifest
  io.stdout(
    `${pick(
      {
        vi: `Mẫu biểu hợp lệ: ${m.id} ${m.version} – ${m.name.vi} (${tpl.pack.indicators.length} dòng, ${tpl.pack.rules.length} quy tắc, kỳ ${tpl.pack.layout.periods.map((p) => p.key).join(', ')})`,
        en: `Valid template pack: ${m.id} ${m.version} – ${m.name.en} (${tpl.pack.indicators.length} rows, ${tpl.pack.rules.length} rules, periods ${tpl.pack.layout.periods.map((p) => p.key).join(', ')})`,
      },
      args.lang,
    )}\n`,
  )
  return 0
}

/**
 * `sheaf pack list [FOLDER]`: the shipped forms and those of FOLDER (the packs a data folder holds,
 * `<data>/templates`), each valid one by id, version and name, each broken one with every mistake.
 */
function packList(folder: string | undefined, lang: Lang, io: CliIo): number {
  if (folder !== undefined && !realFs.exists(folder))
    throw new Exit(2, pick({ vi: `Không có thư mục ${folder}`, en: `No folder ${folder}` }, lang))
  const lines: string[] = []
  for (const f of listPacks(folder === undefined ? null : path.resolve(folder))) {
    const where = f.source === 'shipped' ? 'templates' : folder
    if (f.load.ok) {
      const m = f.load.pack.manifest
      lines.push(`  ${m.id}  ${m.version}  ${pick(m.name, lang)}  (${where}/${f.folder})`)
    } else {
      const n = f.load.problems.length
      lines.push(
        `✗ ${where}/${f.folder}: ${pick({ vi: `${n} lỗi, chưa dùng được`, en: `${n} mistake${n === 1 ? '' : 's'}, not usable` }, lang)}`,
        ...packProblemsText(f.load.problems, lang).map((e) => `    - ${e}`),
      )
    }
  }
  io.stdout(`${lines.join('\n')}\n`)
  return 0
}

async function blankCmd(flags: Record<string, string | true>, io: CliIo): Promise<number> {
  const args = parse(blankArgs, flags)
  const tpl = templateOrExit(args.template, args.lang)
  try {
    await writeBlankFormFile(tpl, args.period, path.resolve(args.out))
  } catch (e) {
    if (e instanceof OutputError) throw new Exit(1, `${e.text.vi}\n${e.text.en}`)
    throw e
  }
  io.stdout(`${pick({ vi: 'Đã ghi biểu mẫu trắng', en: 'Blank form written' }, args.lang)}: ${args.out}\n`)
  return 0
}

async function historyCmd(flags: Record<string, string | true>, io: CliIo): Promise<number> {
  const args = parse(historyArgs, flags)
  if (!realFs.exists(args.db)) throw new Exit(2, `Không có cơ sở dữ liệu ${args.db} (database not found)`)
  const db = openDb(args.db)
  try {
    const form = args.template === undefined ? undefined : formIdOf(args.template)
    const history = seasonHistory(
      db,
      {
        ...(form !== undefined ? { form } : {}),
        ...(args.unit ? { unit: args.unit } : {}),
        ...(args.period ? { period: args.period } : {}),
      },
      args.lang,
    )
    io.stdout(args.json ? JSON.stringify({ history }, null, 2) + '\n' : historyText(history, args.lang))
    return 0
  } finally {
    db.close()
  }
}

async function backupCmd(flags: Record<string, string | true>, io: CliIo): Promise<number> {
  const args = parse(backupArgs, flags)
  if (!realFs.exists(args.db)) throw new Exit(2, `Không có cơ sở dữ liệu ${args.db} (database not found)`)
  const db = openDb(args.db)
  try {
    await backupSeason(db, path.resolve(args.out))
  } finally {
    db.close()
  }
  io.stdout(
    `${pick({ vi: 'Đã sao lưu cơ sở dữ liệu vào', en: 'Database backed up to' }, args.lang)}: ${args.out}\n`,
  )
  return 0
}

async function restoreCmd(flags: Record<string, string | true>, io: CliIo): Promise<number> {
  const args = parse(restoreArgs, flags)
  if (!realFs.exists(args.from)) throw new Exit(2, `Không có bản sao lưu ${args.from} (backup not found)`)
  await restoreSeason(path.resolve(args.from), path.resolve(args.db))
  io.stdout(`${pick({ vi: 'Đã khôi phục cơ sở dữ liệu', en: 'Database restored' }, args.lang)}: ${args.db}\n`)
  return 0
}

async function serveCmd(flags: Record<string, string | true>, io: CliIo): Promise<number> {
  const args = parse(serveArgs, flags)
  const { startHttpServer } = await import('../http')
  const server = await startHttpServer({ port: args.port ?? 0, dbPath: args.db ?? ':memory:' })
  io.stdout(
    `${pick({ vi: 'Mở địa chỉ sau trong trình duyệt', en: 'Open this address in a browser' }, args.lang)}: ${server.url}\n`,
  )
  await new Promise<void>((resolve) => {
    const stop = () => {
      void server.close().then(resolve)
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  return 0
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const { command, flags, positionals } = splitArgs(argv)
  try {
    // every SHEAF_* setting is checked before anything runs: a mistyped one is named, not ignored
    sheafEnv(process.env)
    if (command === null || flags.help === true || command === 'help') {
      io.stdout(USAGE)
      return command === null && flags.help !== true ? 2 : 0
    }
    switch (command) {
      case 'consolidate':
        return await consolidateCmd(flags, positionals, io)
      case 'validate':
        return await validateCmd(flags, positionals, io)
      case 'feedback':
        return await feedbackCmd(flags, positionals, io)
      case 'pack':
        return await packCmd(flags, positionals, io)
      case 'blank':
        return await blankCmd(flags, io)
      case 'history':
        return await historyCmd(flags, io)
      case 'serve':
        return await serveCmd(flags, io)
      case 'backup':
        return await backupCmd(flags, io)
      case 'restore':
        return await restoreCmd(flags, io)
      default:
        io.stderr(`Lệnh không hợp lệ (unknown command): ${command}\n\n${USAGE}`)
        return 2
    }
  } catch (e) {
    if (e instanceof Exit) {
      io.stderr(e.text.endsWith('\n') ? e.text : `${e.text}\n`)
      return e.code
    }
    if (e instanceof DbError) {
      io.stderr(`${e.text.vi}\n${e.text.en}\n`)
      return 1
    }
    if (e instanceof SheafEnvError) {
      io.stderr(`${e.message}\n`)
      return 2
    }
    io.stderr(
      `Lỗi không mong đợi (unexpected error): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    )
    return 1
  }
}
