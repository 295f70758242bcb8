// The handlers behind every channel of the contract, wired to the database, the template packs
// and the services, for both transports (the Electron window and `sheaf serve`). Long work (an
// import batch) returns at once and reports progress as events, one file at a time.
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { PeriodId } from '../../shared/period'
import type { ApiEvent, ExportedFile, ImportResult } from '../../shared/api-types'
import type { Unit } from '../../core/units/unit'
import { indexUnits } from '../../core/submission/identify-unit'
import { analyseBytes } from '../../core/submission/analyse-submission'
import type { Consolidation } from '../../core/merge/consolidation'
import { readWorkbook } from '../../core/workbook/read-workbook'
import { cellText } from '../../core/workbook/grid'
import type { SheafDb } from '../../db'
import {
  FigureCache,
  assignSubmissionUnit,
  DbError,
  diffVersions,
  getPeriod,
  getProblems,
  getSettings,
  getSubmission,
  importUnitList,
  listAudit,
  listPeriods,
  listUnits,
  listVersions,
  openDatabase,
  recordDecision,
  recordTemplatePack,
  savePeriod,
  setSettings,
  setUnitActive,
  SETTING_KEYS,
} from '../../db'
import type { InputFile } from '../collect-inputs'
import { consolidateStored, exportReport } from '../consolidate-period'
import { exportFeedback } from '../export-feedback'
import { OutputError } from '../fs-seam'
import { importFiles, withStoredChecks } from '../import-files'
import { readPoolOptionsFromEnv } from '../read-pool/read-pool'
import { packHash } from '../prepare-season'
import { templatesRoot } from '../template-source'
import { createFileStore } from './file-store'
import { parseUnitListBytes } from './unit-list-file'
import type { Handlers, Router } from './router'
import { ApiFailure, createRouter } from './router'
import {
  buildConsolidationView,
  buildFigureSources,
  buildProblemRows,
  buildStatusRows,
  toPeriodSummary,
  toUnitRow,
  toVersionDto,
  writeMissingList,
} from './views'
import { PackCache } from './pack-cache'
import { ConsolidationCache } from './consolidation-cache'

export type CreateApiOptions = Readonly<{
  dbPath: string
  /** where received files, uploads and default exports are kept */
  dataDir: string
  transport: 'electron' | 'http'
  appVersion?: string
  actor?: string
  extraHandlers?: Handlers
  onError?: (e: unknown) => void
}>

export type SheafApi = Readonly<{
  router: Router
  db: SheafDb
  /** exported files the HTTP transport may serve: id -> path */
  downloads: Map<string, string>
  close: () => void
}>

const DB_CODE: Record<string, 'not_found' | 'bad_request' | 'conflict' | 'io'> = {
  DB_NOT_FOUND: 'not_found',
  DB_INVALID_INPUT: 'bad_request',
  DB_LOCKED: 'conflict',
}

/** Turns the failures a person can act on into ApiFailure, keeping the {vi, en} text. */
function explained<T>(fn: () => T): T {
  try {
    return fn()
  } catch (e) {
    throw toFailure(e)
  }
}

function toFailure(e: unknown): unknown {
  if (e instanceof ApiFailure) return e
  if (e instanceof DbError) return new ApiFailure(DB_CODE[e.code] ?? 'io', e.text)
  if (e instanceof OutputError) return new ApiFailure('io', e.text)
  return e
}

function notFound(what: string): ApiFailure {
  return new ApiFailure('not_found', { vi: `Không tìm thấy ${what}`, en: `${what} not found` })
}

function safeName(name: string): string {
  const base = path.basename(name.replace(/\\/g, '/'))
  const clean = base.replace(/[\u0000-\u001f<>:"/\\|?*]/g, '_').trim()
  return clean.length ? clean.slice(0, 200) : 'tep.xlsx'
}

export function createApi(options: CreateApiOptions): SheafApi {
  fs.mkdirSync(options.dataDir, { recursive: true })
  const actor = options.actor ?? safeUser()
  const db = openDatabase(options.dbPath, { actor })
  const store = createFileStore(path.join(options.dataDir, 'files'))
  const uploads = path.join(options.dataDir, 'uploads')
  const exportsDir = path.join(options.dataDir, 'exports')
  const packs = new PackCache()
  // what the merge needs of each file imported in this session, read while the next file was read
  const figureCache = new FigureCache()
  const downloads = new Map<string, string>()
  // the batches being imported, each with whether it was asked to stop
  const batches = new Map<string, { cancelled: boolean }>()
  let emit: (e: ApiEvent) => void = () => undefined

  const registerDownload = (file: string): string | null => {
    if (options.transport !== 'http') return null
    const id = crypto.randomBytes(12).toString('base64url')
    downloads.set(id, file)
    return `/download/${id}`
  }
  const exported = (kind: ExportedFile['kind'], file: string, unit?: string): ExportedFile => ({
    kind,
    name: path.basename(file),
    path: file,
    download: registerDownload(file),
    ...(unit ? { unit } : {}),
  })

  const periodOf = (id: string) => {
    const p = getPeriod(db, id as PeriodId)
    if (!p) throw notFound(`kỳ báo cáo ${id}`)
    return p
  }
  const packOf = (periodId: string) => {
    const p = periodOf(periodId)
    const r = packs.get(p.templateId ?? '')
    if (!r.ok)
      throw new ApiFailure('io', {
        vi: `Không nạp được mẫu biểu ${p.templateId ?? '?'}: ${r.errors.join('; ')}`,
        en: `The template pack ${p.templateId ?? '?'} cannot be loaded: ${r.errors.join('; ')}`,
      })
    return r.pack
  }
  const summary = (id: PeriodId) => toPeriodSummary(db, periodOf(id))
  // the last merge of each period; the last audit entry says whether anything changed since, even
  // a change made outside this window (the CLI on the same database)
  const merges = new ConsolidationCache<Consolidation>()
  const mergedOf = (period: PeriodId) => {
    const pack = packOf(period)
    const stamp = [pack, listAudit(db, { limit: 1 })[0]?.id ?? 0]
    const consolidation = merges.get(
      period,
      stamp,
      () => consolidateStored(db, { pack, period, figureCache }).consolidation,
    )
    return { pack, consolidation }
  }
  const readInput = (
    file: { kind: 'path'; path: string } | { kind: 'upload'; name: string; dataBase64: string },
  ) => {
    if (file.kind === 'path') {
      try {
        return { name: path.basename(file.path), bytes: fs.readFileSync(file.path) as Uint8Array }
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? 'EIO'
        throw new ApiFailure('io', {
          vi: `Không mở được tệp ${file.path} (${code})`,
          en: `Cannot open ${file.path} (${code})`,
        })
      }
    }
    return { name: safeName(file.name), bytes: new Uint8Array(Buffer.from(file.dataBase64, 'base64')) }
  }

  const handlers: Handlers = {
    'app.info': () => ({
      version: options.appVersion ?? '0.1.0',
      transport: options.transport,
      dataPath: options.dataDir,
      templates: packs.list(templatesRoot()),
    }),

    'period.list': () => listPeriods(db).map((p) => toPeriodSummary(db, p)),
    'period.create': (req) =>
      explained(() => {
        const r = packs.get(req.templateId)
        if (!r.ok)
          throw new ApiFailure('bad_request', {
            vi: `Mẫu biểu không hợp lệ: ${r.errors.join('; ')}`,
            en: `Invalid template pack: ${r.errors.join('; ')}`,
          })
        const id = req.id as PeriodId
        savePeriod(
          db,
          {
            id,
            templateId: r.pack.manifest.id,
            templateVersion: r.pack.manifest.version,
            deadline: req.deadline,
          },
          actor,
        )
        recordTemplatePack(
          db,
          { id: r.pack.manifest.id, version: r.pack.manifest.version, hash: packHash(r.pack) },
          actor,
        )
        return summary(id)
      }),
    'period.update': (req) =>
      explained(() => {
        periodOf(req.id)
        savePeriod(db, { id: req.id as PeriodId, deadline: req.deadline }, actor)
        emit({ type: 'data.changed', period: req.id })
        return summary(req.id as PeriodId)
      }),

    'units.list': (req) =>
      explained(() => listUnits(db, req.period as PeriodId, { includeInactive: true }).map(toUnitRow)),
    'units.import': (req) =>
      explained(() => {
        periodOf(req.period)
        const { name, bytes } = readInput(req.file)
        const parsed = parseUnitListBytes(bytes, name)
        if (!parsed.ok)
          throw new ApiFailure('bad_request', {
            vi: `Danh sách đơn vị không hợp lệ: ${parsed.errors.slice(0, 5).join('; ')}`,
            en: `Invalid unit list: ${parsed.errors.slice(0, 5).join('; ')}`,
          })
        const r = importUnitList(db, req.period as PeriodId, parsed.units, actor)
        emit({ type: 'data.changed', period: req.period })
        return {
          count: parsed.units.length,
          added: r.added.length,
          updated: r.updated.length,
          errors: parsed.notes.map((n) => ({ vi: n, en: n })),
        }
      }),
    'units.save': (req) =>
      explained(() => {
        const period = req.period as PeriodId
        periodOf(period)
        const all = listUnits(db, period, { includeInactive: true })
        const unit: Unit = {
          code: req.unit.code,
          name: req.unit.name,
          kind: req.unit.kind,
          dept: req.unit.dept,
          aliases: req.unit.aliases,
          active: req.unit.active,
        }
        const renamedFrom = req.previousCode && req.previousCode !== unit.code ? req.previousCode : null
        if (!req.previousCode && all.some((u) => u.code === unit.code))
          throw new ApiFailure('conflict', {
            vi: `Mã đơn vị ${unit.code} đã có trong danh sách`,
            en: `Unit code ${unit.code} is already listed`,
          })
        // a changed code keeps the old unit (its files stay attributed) but no longer expects it
        const next = all
          .filter((u) => u.code !== unit.code)
          .map((u) => (renamedFrom && u.code === renamedFrom ? { ...u, active: false } : u))
        importUnitList(db, period, [...next, unit], actor)
        emit({ type: 'data.changed', period })
        return toUnitRow(unit)
      }),
    'units.setActive': (req) =>
      explained(() => {
        setUnitActive(db, req.period as PeriodId, req.code, req.active, actor)
        emit({ type: 'data.changed', period: req.period })
        const u = listUnits(db, req.period as PeriodId, { includeInactive: true }).find(
          (x) => x.code === req.code,
        )
        if (!u) throw notFound(`đơn vị ${req.code}`)
        return toUnitRow(u)
      }),

    'status.list': (req) => explained(() => buildStatusRows(db, periodOf(req.period), new Date())),
    'status.exportMissing': (req) =>
      explained(() => {
        const rows = buildStatusRows(db, periodOf(req.period), new Date())
        const target = req.path ?? path.join(exportsDir, req.period, `don-vi-chua-nop-${req.period}.xlsx`)
        fs.mkdirSync(path.dirname(target), { recursive: true })
        writeMissingList(rows, req.period, target)
        return { files: [exported('missing', target)], folder: path.dirname(target) }
      }),

    'import.start': (req) => {
      const period = req.period as PeriodId
      const pack = packOf(period)
      const batchId = crypto.randomBytes(8).toString('hex')
      const files = req.files
      const total = files.length
      const batch = { cancelled: false }
      batches.set(batchId, batch)
      const run = async () => {
        const results: ImportResult[] = []
        const batchDir = path.join(uploads, batchId)
        const displays = files.map((f) => (f.kind === 'path' ? path.basename(f.path) : safeName(f.name)))
        const failed = (fileName: string, e: unknown): ImportResult => {
          options.onError?.(e)
          const text =
            e instanceof DbError || e instanceof OutputError
              ? e.text
              : { vi: `Lỗi khi nhận tệp: ${String(e)}`, en: `Import failed: ${String(e)}` }
          return {
            fileName,
            submissionId: null,
            unit: null,
            unitName: null,
            period: null,
            version: null,
            status: 'rejected',
            errors: 1,
            warnings: 0,
            duplicate: false,
            firstProblem: text,
          }
        }
        const done = (index: number, result: ImportResult) => {
          results.push(result)
          const fileName = displays[index] ?? ''
          emit({ type: 'import.progress', batchId, index, total, fileName, phase: 'done', result })
        }
        try {
          // uploads become files in the batch folder: the read pool reads paths
          const inputs: InputFile[] = files.map((f, i) => {
            const display = displays[i] as string
            if (f.kind === 'path') return { path: f.path, display }
            fs.mkdirSync(path.join(batchDir, String(i)), { recursive: true })
            const p = path.join(batchDir, String(i), display)
            fs.writeFileSync(p, Buffer.from(f.dataBase64, 'base64'))
            if (f.lastModified) fs.utimesSync(p, new Date(), new Date(f.lastModified))
            return { path: p, display }
          })
          const units = listUnits(db, period)
          const unitName = new Map(units.map((u) => [u.code, u.name]))
          // each file is read in a worker thread; this thread only stores, so the window stays live
          await importFiles(db, { pack, units: indexUnits(units), period }, inputs, {
            actor,
            figureCache,
            isCancelled: () => batch.cancelled,
            read: readPoolOptionsFromEnv(process.env),
            onProgress: (p) => {
              if (p.done < total && p.file !== '')
                emit({
                  type: 'import.progress',
                  batchId,
                  index: p.done,
                  total,
                  fileName: displays[p.done] ?? p.file,
                  phase: 'reading',
                })
            },
            onFile: (out) => {
              const index = results.length
              try {
                if (out.analysed?.bytes && out.analysed.sha256)
                  store.put(out.analysed.sha256, out.analysed.bytes)
                const v = out.unit
                  ? listVersions(db, period, out.unit).find((x) => x.id === out.submissionId)
                  : undefined
                const errors = out.problems.filter((p) => p.severity === 'error')
                done(index, {
                  fileName: displays[index] ?? out.file,
                  submissionId: out.submissionId,
                  unit: out.unit,
                  unitName: out.unit ? (unitName.get(out.unit) ?? null) : null,
                  period: out.analysed?.analysis.period ?? null,
                  version: v?.version ?? null,
                  status: out.status,
                  errors: errors.length,
                  warnings: out.problems.length - errors.length,
                  duplicate: out.duplicate,
                  firstProblem: (errors[0] ?? out.problems[0])?.message ?? null,
                })
              } catch (e) {
                done(index, failed(displays[index] ?? out.file, e))
              }
            },
          })
        } catch (e) {
          // the database refused a file (locked, full): the files not stored are reported as failed,
          // unless the batch was stopped (the window closing closes the database)
          if (!batch.cancelled)
            for (let i = results.length; i < total; i++) done(i, failed(displays[i] ?? '', e))
        }
        batches.delete(batchId)
        fs.rmSync(batchDir, { recursive: true, force: true })
        // a cancel that came after the last file was stored stopped nothing
        const cancelled = batch.cancelled && results.length < total
        emit({ type: 'import.finished', batchId, results, total, cancelled })
        emit({ type: 'data.changed', period })
      }
      setImmediate(
        () =>
          void run()
            .catch((e: unknown) => options.onError?.(e))
            // forgotten also when the run failed before it ended
            .finally(() => batches.delete(batchId)),
      )
      return { batchId, total }
    },
    'import.cancel': (req) => {
      const batch = batches.get(req.batchId)
      if (batch) batch.cancelled = true
      return { batchId: req.batchId, cancelled: batch !== undefined }
    },
    'import.assign': (req) =>
      explained(() => {
        const s = getSubmission(db, req.submissionId)
        if (!s) throw notFound(`tệp #${req.submissionId}`)
        const period = s.period
        const pack = packOf(period)
        const units = listUnits(db, period)
        const unit = units.find((u) => u.code === req.unit)
        if (!unit) throw notFound(`đơn vị ${req.unit} trong danh sách kỳ ${period}`)
        const bytes = store.get(s.sha256)
        if (!bytes)
          throw new ApiFailure('not_found', {
            vi: 'Không còn bản lưu của tệp này trong thư mục dữ liệu: hãy nhận lại tệp',
            en: 'The stored copy of this file is gone from the data folder: import the file again',
          })
        // read again as the chosen unit's file: its required rows (S06) and W03 are now checked
        const ctx = { pack, units: indexUnits(units), period }
        const analysis = withStoredChecks(
          db,
          ctx,
          analyseBytes(bytes, { ...ctx, fileName: s.fileName, forcedUnit: unit.code }),
        )
        assignSubmissionUnit(db, { submissionId: s.id, unit: unit.code, analysis, by: actor })
        merges.invalidate(period)
        emit({ type: 'data.changed', period })
        const version = listVersions(db, period, unit.code).find((v) => v.id === s.id)?.version ?? null
        const errors = analysis.problems.filter((p) => p.severity === 'error')
        return {
          submissionId: s.id,
          unit: unit.code,
          unitName: unit.name,
          status: analysis.status,
          version,
          errors: errors.length,
          warnings: analysis.problems.length - errors.length,
          firstProblem: (errors[0] ?? analysis.problems[0])?.message ?? null,
        }
      }),

    'problems.list': (req) => explained(() => buildProblemRows(db, req.period as PeriodId)),
    'submission.versions': (req) =>
      explained(() => listVersions(db, req.period as PeriodId, req.unit).map(toVersionDto)),
    'submission.sheet': (req) =>
      explained(() => {
        const s = getSubmission(db, req.submissionId)
        if (!s) throw notFound(`tệp #${req.submissionId}`)
        const bytes = store.get(s.sha256)
        if (!bytes)
          throw new ApiFailure('not_found', {
            vi: 'Không còn bản lưu của tệp này trong thư mục dữ liệu',
            en: 'The stored copy of this file is gone from the data folder',
          })
        const grid = readWorkbook(bytes)
        const sheets = grid.sheets.map((x) => x.name)
        const sheet =
          grid.sheets.find((x) => x.name === req.sheet) ??
          grid.sheets.find((x) => x.name === s.table?.sheet) ??
          grid.sheets.find((x) => !x.hidden) ??
          grid.sheets[0]
        if (!sheet) throw notFound('trang tính')
        // the grid's rows and cells may be holes: every row and cell is spelled out for the page
        const rows = Array.from({ length: Math.min(sheet.rows.length, 2000) }, (_, r) => {
          const row = sheet.rows[r] ?? []
          return Array.from({ length: Math.min(row.length, 60) }, (_, c) => {
            const text = cellText(row[c])
            return text === '' ? null : text
          })
        })
        return {
          submissionId: s.id,
          fileName: s.fileName,
          sheets,
          sheet: sheet.name,
          rows,
          merges: sheet.merges,
        }
      }),
    'submission.decide': (req) =>
      explained(() => {
        const s = getSubmission(db, req.submissionId)
        if (!s) throw notFound(`tệp #${req.submissionId}`)
        recordDecision(db, { kind: req.decision, submissionId: s.id, reason: req.reason, by: actor })
        emit({ type: 'data.changed', period: s.period })
        const v = s.unit ? listVersions(db, s.period, s.unit).find((x) => x.id === s.id) : undefined
        if (!v) throw notFound(`phiên bản của tệp #${s.id}`)
        return toVersionDto(v)
      }),
    'submission.activate': (req) =>
      explained(() => {
        const s = getSubmission(db, req.submissionId)
        if (!s) throw notFound(`tệp #${req.submissionId}`)
        recordDecision(db, { kind: 'choose_active', submissionId: s.id, by: actor })
        emit({ type: 'data.changed', period: s.period })
        const v = s.unit ? listVersions(db, s.period, s.unit).find((x) => x.id === s.id) : undefined
        if (!v) throw notFound(`phiên bản của tệp #${s.id}`)
        return toVersionDto(v)
      }),
    'submission.compare': (req) =>
      explained(() => {
        const s = getSubmission(db, req.a)
        const d = diffVersions(db, req.a, req.b)
        const pack = s ? packOf(s.period) : null
        return d.changes.map((c) => ({
          indicator: c.indicator,
          label: pack?.byCode.get(c.indicator)?.label ?? c.indicator,
          column: c.column,
          a: c.old,
          b: c.new,
          cellA: c.oldCell,
          cellB: c.newCell,
        }))
      }),

    'consolidation.get': (req) =>
      explained(() => {
        const { pack, consolidation } = mergedOf(req.period as PeriodId)
        return buildConsolidationView(db, pack, consolidation, req.period as PeriodId)
      }),
    'consolidation.sources': (req) =>
      explained(() => {
        const { pack, consolidation } = mergedOf(req.period as PeriodId)
        return buildFigureSources(db, pack, consolidation, req.period as PeriodId, req.indicator, req.column)
      }),

    'export.report': async (req) => {
      try {
        const pack = packOf(req.period)
        const settings = getSettings(db)
        const province = req.header.province ?? settings[SETTING_KEYS.provinceName] ?? ''
        const reportNo = req.header.reportNo ?? settings[SETTING_KEYS.reportNumber]
        const signer = req.header.signer ?? settings[SETTING_KEYS.signer]
        setSettings(
          db,
          {
            ...(req.header.province !== undefined
              ? { [SETTING_KEYS.provinceName]: req.header.province }
              : {}),
            ...(req.header.reportNo !== undefined
              ? { [SETTING_KEYS.reportNumber]: req.header.reportNo }
              : {}),
            ...(req.header.signer !== undefined ? { [SETTING_KEYS.signer]: req.header.signer } : {}),
          },
          actor,
        )
        const target = req.path ?? path.join(exportsDir, req.period, `bao-cao-tong-hop-${req.period}.xlsx`)
        fs.mkdirSync(path.dirname(target), { recursive: true })
        await exportReport(db, {
          pack,
          period: req.period as PeriodId,
          figureCache,
          outPath: target,
          header: {
            province,
            ...(reportNo ? { reportNo } : {}),
            ...(signer ? { signer } : {}),
            date: new Date(),
          },
        })
        return { files: [exported('report', target)], folder: path.dirname(target) }
      } catch (e) {
        throw toFailure(e)
      }
    },
    'export.feedback': async (req) => {
      try {
        const period = req.period as PeriodId
        const pack = packOf(period)
        const folder = req.folder ?? path.join(exportsDir, period, 'phan-hoi')
        fs.mkdirSync(folder, { recursive: true })
        const wanted = req.units ? new Set(req.units) : null
        const files: ExportedFile[] = []
        const taken = new Set<string>()
        for (const v of listVersions(db, period)) {
          if (!v.active || (wanted && !wanted.has(v.unit))) continue
          if (!wanted && v.errorCount + v.warningCount === 0) continue
          const bytes = store.get(v.sha256)
          if (!bytes) continue
          const out = await exportFeedback(db, {
            pack,
            bytes,
            fileName: v.fileName,
            problems: getProblems(db, v.id),
            unit: v.unit,
            outDir: folder,
            submissionId: v.id,
            taken,
            period,
          })
          if (out) files.push(exported('feedback', out, v.unit))
        }
        return { files, folder }
      } catch (e) {
        throw toFailure(e)
      }
    },
    ...options.extraHandlers,
  }

  const router = createRouter(handlers, options.onError ? { onError: options.onError } : {})
  emit = router.emit
  router.subscribe((e) => {
    if (e.type === 'data.changed') merges.invalidate(e.period)
  })
  return {
    router,
    db,
    downloads,
    close: () => {
      // a batch still running stops at its next file instead of writing to a closed database
      for (const batch of batches.values()) batch.cancelled = true
      db.close()
    },
  }
}

function safeUser(): string {
  try {
    return os.userInfo().username || 'sheaf'
  } catch {
    return 'sheaf'
  }
}
