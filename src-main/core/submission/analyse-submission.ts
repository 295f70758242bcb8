// One submitted file from bytes to verdict: read the workbook, find the table and the submitter,
// read every figure, check every rule. Pure: the caller brings the bytes, the pack and the units.
import type { PeriodId } from '../../shared/period'
import type { Problem } from '../../shared/problem'
import type { TemplatePack } from '../template/pack'
import { isValueRole, TERRITORIAL } from '../template/pack'
import type { Unit } from '../units/unit'
import { fillsWholeForm, isTerritorial, WHOLE_FORM } from '../units/unit'
import type { Grid } from '../workbook/grid'
import { isBlankCell } from '../workbook/grid'
import { a1 } from '../workbook/address'
import { DEFAULT_READ_LIMITS, readWorkbook, WorkbookReadError } from '../workbook/read-workbook'
import type { ReadContext } from '../workbook/read-context'
import { damagedText } from '../workbook/unreadable-messages'
import { foldText } from '../text/normalize'
import { figureKey } from '../rules/check-submission'
import { noTable } from '../rules/messages'
import type { SubmissionAnalysis } from './analysis'
import { headerBlockTexts } from './header-block'
import type { UnitIndex } from './identify-unit'
import { unitsInFileName } from './identify-unit'
import { identifySubmission } from './identify-submission'
import { readInfoSheet } from './info-sheet'
import type { LocatedTable } from './locate-table'
import { locateTable } from './locate-table'
import { readFigures } from './read-figures'
import { derivedFromPack } from '../template/pack-derived'
import { packForPeriod } from '../template/pack-for-period'
import type { OtherForm } from './recognise-form'
import { otherFormProblem, recogniseOtherForm } from './recognise-form'
import type { UncheckedAnalysis } from './pending-checks'
import { statusOf, withChecks } from './pending-checks'

export type AnalysisContext = Readonly<{
  pack: TemplatePack
  units: UnitIndex
  /** the period being consolidated */
  period: PeriodId
  fileName: string
  /** the unit a person chose for this file (a code of the unit list): no identification, no S03 */
  forcedUnit?: string
  /** the other forms Sheaf knows, with their seasons: a file of one of them is read as its file */
  otherForms?: readonly OtherForm[]
  /** which reader reads and the platform's byte work; core's own by default */
  read?: ReadContext
}>

export function rejectedUnreadable(
  fileName: string,
  message: { vi: string; en: string },
): SubmissionAnalysis {
  return {
    fileName,
    unit: null,
    unitSource: null,
    period: null,
    templateVersion: null,
    reportDate: null,
    table: null,
    figures: [],
    problems: [
      {
        rule: 'S01',
        severity: 'error',
        message: { vi: `Không đọc được tệp: ${message.vi}`, en: `The file cannot be read: ${message.en}` },
      },
    ],
    status: 'rejected',
  }
}

/** Whether an analysis is of a file that could not be read at all (S01, no table). */
export function isUnreadable(a: SubmissionAnalysis): boolean {
  return a.table === null && a.problems.some((p) => p.rule === 'S01')
}

/**
 * A file that could not be read still came from someone: when its name names exactly one unit of the
 * list, it is that unit's (unreadable) file, so that the unit is not shown as having sent nothing.
 */
export function unreadableFromFileName(a: SubmissionAnalysis, units: UnitIndex): SubmissionAnalysis {
  if (a.unit !== null || !isUnreadable(a)) return a
  const named = unitsInFileName(units, a.fileName)
  return named.length === 1 ? { ...a, unit: (named[0] as Unit).code, unitSource: 'file-name' } : a
}

export function analyseBytes(bytes: Uint8Array, ctx: AnalysisContext): SubmissionAnalysis {
  const { analysis, checks } = analyseBytesUnchecked(bytes, ctx)
  return withChecks(ctx, analysis, checks)
}

/**
 * `analyseBytes` with the checks of the figures of a file read as the batch's form left to run
 * (`withChecks` with the batch's pack and period), by the thread that stores the file.
 */
export function analyseBytesUnchecked(bytes: Uint8Array, ctx: AnalysisContext): UncheckedAnalysis {
  let grid: Grid
  try {
    grid = readWorkbook(bytes, DEFAULT_READ_LIMITS, ctx.read)
  } catch (e) {
    // an exception no reader foresaw is said in words, as a damaged file (its text says nothing to a clerk)
    const unreadable = rejectedUnreadable(
      ctx.fileName,
      e instanceof WorkbookReadError ? e.text : damagedText('other'),
    )
    // a person said whose file it is: it is that unit's unreadable file
    const analysis: SubmissionAnalysis = ctx.forcedUnit
      ? { ...unreadable, unit: ctx.forcedUnit, unitSource: 'manual' }
      : unreadable
    return { analysis, checks: null }
  }
  return analyseGridUnchecked(grid, ctx)
}

function headerSheet(grid: Grid, pack: TemplatePack, table: LocatedTable | null) {
  if (table) return { sheet: table.sheet, until: table.headerRow }
  const wanted = foldText(pack.layout.sheets.figures)
  const sheet =
    grid.sheets.find((s) => foldText(s.name) === wanted) ??
    grid.sheets.find((s) => !s.hidden) ??
    grid.sheets[0]
  return sheet ? { sheet, until: 12 } : null
}

// Required rows depend on the pack and the owner alone: listed once per pack and owner.
const requiredOfPack = derivedFromPack(() => new Map<string, readonly string[]>())

/**
 * Rows a unit must fill: a territorial unit every territorial row, a department the rows it owns, a
 * province at the ministry every row.
 */
export function requiredRows(pack: TemplatePack, unit: Unit): readonly string[] {
  const owner = fillsWholeForm(unit)
    ? WHOLE_FORM
    : isTerritorial(unit)
      ? TERRITORIAL
      : (unit.dept ?? unit.code)
  const byOwner = requiredOfPack(pack)
  let rows = byOwner.get(owner)
  if (!rows) {
    rows = pack.indicators
      .filter((i) => i.kind !== 'section' && (owner === WHOLE_FORM || i.owner === owner))
      .map((i) => i.code)
    byOwner.set(owner, rows)
  }
  return rows
}

/**
 * A file's analysis as the season's form; a file of another known form (`ctx.otherForms`) is read as
 * that form's file for its season when the database has it (`otherForm.stored`), else it keeps this
 * season's analysis with S10 first (`recognise-form.ts` says how a form is recognised).
 */
export function analyseGrid(grid: Grid, ctx: AnalysisContext): SubmissionAnalysis {
  const { analysis, checks } = analyseGridUnchecked(grid, ctx)
  return withChecks(ctx, analysis, checks)
}

/** `analyseGrid` with the checks of a file read as the batch's form left to run (`withChecks`). */
function analyseGridUnchecked(grid: Grid, ctx: AnalysisContext): UncheckedAnalysis {
  const own = analyseAsForm(grid, ctx)
  const others = ctx.otherForms ?? []
  if (others.length === 0 || ctx.forcedUnit !== undefined) return own
  const { table, templateVersion } = own.analysis
  const other = recogniseOtherForm(grid, ctx.pack, table !== null, templateVersion, others)
  if (!other) return own
  const form = other.pack.manifest.id
  // who sent it and the period it declares, read in the other form's words (its checks are not run:
  // only its identification is kept)
  const asOther = analyseAsForm(grid, { ...ctx, pack: other.pack }).analysis
  const period = asOther.period ?? ctx.period
  const season = other.seasons.find((s) => s.period === period)
  if (season) {
    // checked here, against the other form: the thread that finishes the batch's files knows only its form
    const thereCtx = { ...ctx, pack: other.pack, units: season.units, period }
    const there = analyseAsForm(grid, thereCtx)
    const analysis = withChecks(thereCtx, there.analysis, there.checks)
    return { analysis: { ...analysis, otherForm: { form, period, stored: true } }, checks: null }
  }
  // not this form's figures, nor its problems: the file is told for what it is, and kept
  const analysis: SubmissionAnalysis = {
    ...asOther,
    table: null,
    figures: [],
    problems: [otherFormProblem(ctx.pack, other.pack, period)],
    status: 'rejected',
    otherForm: { form, period, stored: false },
  }
  return { analysis, checks: null }
}

/** A file read as the form of `ctx`, its figures' checks to run (`withChecks` with the same context). */
function analyseAsForm(grid: Grid, ctx: AnalysisContext): UncheckedAnalysis {
  // the columns of the period being consolidated: one the form has only in other periods is not read
  const pack = packForPeriod(ctx.pack, ctx.period)
  const problems: Problem[] = []
  const table = locateTable(grid, pack)
  const info = readInfoSheet(grid, pack)
  const hs = headerSheet(grid, pack, table)
  const header = hs ? headerBlockTexts(hs.sheet, hs.until) : []
  const who = identifySubmission(pack, ctx.units, ctx.period, info, header, ctx.fileName, ctx.forcedUnit)
  problems.push(...who.problems)

  let figures: SubmissionAnalysis['figures'] = []
  let checks: UncheckedAnalysis['checks'] = null
  if (!table) {
    const headers = pack.columns
      .filter((c) => c.role === 'code' || c.role === 'label')
      .map((c) => c.header[c.header.length - 1])
      .join(', ')
    problems.push({ rule: 'S02', severity: 'error', message: noTable(headers) })
  } else {
    const read = readFigures(pack, table)
    figures = read.figures
    problems.push(...read.problems)
    // the cells whose text could not be read: their problem is made, no rule calls them blank
    const unread: string[] = []
    for (const p of read.problems)
      if (p.indicator !== undefined && p.column !== undefined) unread.push(figureKey(p.indicator, p.column))
    // the checks' problems go here, after the reading problems
    checks = { at: problems.length, values: { ...read.values, unread } }
    if (who.unit) {
      const missing = requiredRows(pack, who.unit).filter((code) => !table.rows.has(code))
      for (const code of missing) {
        const ind = pack.byCode.get(code)
        problems.push({
          rule: 'S06',
          severity: 'error',
          indicator: code,
          message: {
            vi: `Thiếu dòng chỉ tiêu ${code} (${ind?.stt ?? ''}. ${ind?.label ?? ''})`,
            en: `The indicator row ${code} (${ind?.stt ?? ''}) is missing`,
          },
        })
      }
    }
    for (const s of table.stray) {
      const filled = filledDataCells(pack, table, s.row)
      const firstData = filled[0]
      const cells = filled.join(', ')
      problems.push({
        rule: 'S07',
        severity: 'warning',
        sheet: table.sheet.name,
        ...(firstData ? { cell: firstData } : {}),
        value: s.code !== '' ? s.code : s.label,
        message: s.duplicateOf
          ? {
              vi: `Dòng ${s.row + 1} lặp lại mã chỉ tiêu ${s.duplicateOf}: bị bỏ qua (các ô ${cells})`,
              en: `Row ${s.row + 1} repeats the indicator ${s.duplicateOf}: it is ignored (cells ${cells})`,
            }
          : {
              vi: `Dòng ${s.row + 1} ("${s.code || s.label}") có số liệu nhưng không khớp chỉ tiêu nào của biểu: bị bỏ qua (các ô ${cells})`,
              en: `Row ${s.row + 1} ("${s.code || s.label}") has data but matches no indicator of the form: it is ignored (cells ${cells})`,
            },
      })
    }
  }
  const analysis: SubmissionAnalysis = {
    fileName: ctx.fileName,
    unit: who.unit?.code ?? null,
    unitSource: who.unitSource,
    period: who.period,
    templateVersion: who.templateVersion,
    reportDate: who.reportDate,
    table: table ? { sheet: table.sheet.name, headerRow: table.headerRow, rowCount: table.rows.size } : null,
    figures,
    problems,
    status: statusOf(problems),
    contact: {
      preparer: info?.values.get('preparer')?.text || null,
      phone: info?.values.get('phone')?.text || null,
    },
  }
  return { analysis, checks }
}

function filledDataCells(pack: TemplatePack, table: LocatedTable, row: number): string[] {
  const cols = pack.columns
    .filter((c) => isValueRole(c.role))
    .map((c) => table.columns.get(c.key))
    .filter((c): c is number => c !== undefined)
    .sort((a, b) => a - b)
  return cols.filter((c) => !isBlankCell(table.sheet.rows[row]?.[c])).map((c) => a1(row, c))
}
