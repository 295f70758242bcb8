// Builds the plain shapes the screens show (api-types.ts) from the database, the template pack and
// the merged figures: the status of every unit, every problem, the form's layout with figures, and
// the sources of one figure.
import type { Problem } from '../../shared/problem'
import type {
  ConsolidationColumn,
  ConsolidationRow,
  ConsolidationView,
  FigureSources,
  PeriodSummary,
  ProblemRow,
  StatusRow,
  SubmissionVersion as VersionDto,
  UnitRow,
} from '../../shared/api-types'
import type { Season } from '../../shared/period'
import { periodParts } from '../../shared/period'
import type { Consolidation } from '../../core/merge/consolidation'
import { formTitle } from '../../core/output/form-sheet'
import type { TemplatePack } from '../../core/template/pack'
import { columnApplies, TERRITORIAL } from '../../core/template/pack'
import type { Unit } from '../../core/units/unit'
import { isTerritorial } from '../../core/units/unit'
import type { Period, SheafDb, SubmissionVersion } from '../../db'
import { getProblems, listSubmissions, listUnits, listVersions } from '../../db'
import { MISSING_STATES } from '../../shared/unit-state'
import { localDate, receivedOf, unitStates, whatToFix } from '../unit-states'
import { daysFrom } from '../../shared/clerk-date'
import { packForPeriod } from '../../core/template/pack-for-period'

export function toUnitRow(u: Unit): UnitRow {
  return {
    code: u.code,
    name: u.name,
    kind: u.kind,
    dept: u.dept,
    aliases: [...u.aliases],
    active: u.active !== false,
  }
}

export function toVersionDto(v: SubmissionVersion): VersionDto {
  const verdict = v.decisions.filter((d) => d.kind === 'accept' || d.kind === 'reject').at(-1)
  return {
    submissionId: v.id,
    unit: v.unit,
    fileName: v.fileName,
    version: v.version,
    importedAt: v.importedAt,
    reportDate: v.reportDate,
    status: v.status,
    decision: verdict ? (verdict.kind as 'accept' | 'reject') : null,
    decisionId: verdict?.id ?? null,
    decidedBy: verdict?.by ?? null,
    decidedAt: verdict?.at ?? null,
    reason: verdict?.reason ?? null,
    active: v.active,
    received: receivedOf(v),
    receivedSet: v.receivedOn !== null,
    errors: v.errorCount,
    warnings: v.warningCount,
  }
}

/** The season (form and period) a period record is. */
export function seasonOfPeriod(p: Period): Season {
  return { form: p.templateId, period: p.id }
}

export function toPeriodSummary(db: SheafDb, p: Period, formName?: PeriodSummary['formName']): PeriodSummary {
  const states = unitStates(db, seasonOfPeriod(p), { deadline: p.deadline })
  return {
    id: p.id,
    templateId: p.templateId,
    formName: formName ?? { vi: p.templateId, en: p.templateId },
    deadline: p.deadline,
    unitCount: states.length,
    acceptedCount: states.filter((u) => !MISSING_STATES.includes(u.state)).length,
    receivedCount: states.filter((u) => u.state !== 'not_received').length,
    setAside: p.setAsideAt !== null,
  }
}

export function buildStatusRows(db: SheafDb, period: Period, now: Date): StatusRow[] {
  const today = localDate(now.toISOString())
  const days = period.deadline ? daysFrom(today, period.deadline) : null
  return unitStates(db, seasonOfPeriod(period), { deadline: period.deadline }).map((u) => ({
    contactName: u.contact.name,
    contactPhone: u.contact.phone,
    contactFromClerk: u.contact.fromClerk,
    toFix: whatToFix(db, seasonOfPeriod(period), u),
    unit: u.unit.code,
    name: u.unit.name,
    kind: u.unit.kind,
    state: u.state,
    rejectedBy: u.rejectedBy,
    submissionId: u.active?.id ?? null,
    fileName: u.active?.fileName ?? null,
    files: u.files,
    versions: u.versions,
    received: u.received,
    receivedSet: u.active !== null && u.active.receivedOn !== null,
    reportDate: u.reportDate,
    late: u.late,
    lateDays: u.lateDays,
    errors: u.active?.errorCount ?? 0,
    warnings: u.active?.warningCount ?? 0,
    daysToDeadline: MISSING_STATES.includes(u.state) ? days : null,
    reason: u.reason,
  }))
}

export function buildProblemRows(db: SheafDb, season: Season, pack: TemplatePack | null): ProblemRow[] {
  const unitNames = new Map(listUnits(db, season, { includeInactive: true }).map((u) => [u.code, u.name]))
  const versions = new Map(listVersions(db, season).map((v) => [v.id, v]))
  const out: ProblemRow[] = []
  for (const s of listSubmissions(db, season)) {
    const v = versions.get(s.id)
    const verdict = v?.decisions.filter((d) => d.kind === 'accept' || d.kind === 'reject').at(-1)
    getProblems(db, s.id).forEach((p, i) => {
      out.push({
        id: `${s.id}:${i}`,
        submissionId: s.id,
        unit: s.unit,
        unitName: s.unit ? (unitNames.get(s.unit) ?? null) : null,
        fileName: s.fileName,
        version: v?.version ?? null,
        ...problemFields(p, pack),
        // an unidentified file has no version, and stays on the list until it is dealt with
        active: v ? v.active : s.unit === null,
        decision: verdict ? (verdict.kind as 'accept' | 'reject') : null,
        decisionId: verdict?.id ?? null,
        reason: verdict?.reason ?? null,
      })
    })
  }
  return out
}

function r01Columns(c: Consolidation): Map<string, Set<string>> {
  const m = new Map<string, Set<string>>()
  for (const p of c.problems) {
    if (p.rule !== 'R01' || !p.indicator) continue
    const set = m.get(p.indicator) ?? new Set<string>()
    set.add(p.column ?? 'total')
    m.set(p.indicator, set)
  }
  return m
}

export function buildConsolidationView(
  db: SheafDb,
  form: TemplatePack,
  c: Consolidation,
  season: Season,
): ConsolidationView {
  const { period } = season
  // the columns of the season's period (one the form has only in other periods is not shown)
  const pack = packForPeriod(form, period)
  const { year, kind } = periodParts(period)
  const r01 = r01Columns(c)
  const columns: ConsolidationColumn[] = pack.columns.map((col, i) => ({
    key: col.key,
    // the role as the pack declares it (format 1 calls its computed column `compare`)
    role: pack.layout.columns[i]?.role ?? col.role,
    header: col.header,
    nameEn: col.nameEn ?? null,
    index: col.index,
  }))
  const valueKeys = pack.columns.filter((col) => !['stt', 'code', 'label', 'unit', 'note'].includes(col.role))
  const rows: ConsolidationRow[] = pack.indicators.map((ind) => {
    const applies = valueKeys.filter((col) => columnApplies(pack, ind, col.key)).map((col) => col.key)
    const totals = c.totals[ind.code] ?? {}
    const values: Record<string, number | null> = {}
    for (const k of applies) values[k] = totals[k] ?? null
    const ts = c.territorialSums[ind.code]
    return {
      code: ind.code,
      stt: ind.stt,
      label: ind.label,
      unit: ind.unit,
      kind: ind.kind,
      owner: ind.owner,
      values,
      applies,
      r01: [...(r01.get(ind.code) ?? [])],
      territorialSum: ts ? { ...ts } : null,
    }
  })
  const units = new Map(listUnits(db, season, { includeInactive: true }).map((u) => [u.code, u.name]))
  const problems: ProblemRow[] = c.problems.map((p, i) => ({
    id: `c:${i}`,
    submissionId: null,
    unit: null,
    unitName: null,
    fileName: null,
    version: null,
    ...problemFields(p, pack),
    active: true,
    decision: null,
    decisionId: null,
    reason: null,
  }))
  return {
    period,
    templateId: c.templateId,
    templateVersion: c.templateVersion,
    title: formTitle(pack, kind, year),
    columns,
    rows,
    provisional: c.provisional,
    missing: c.missing.map((code) => ({ code, name: units.get(code) ?? code })),
    contributing: c.units.length,
    problems,
  }
}

export function buildFigureSources(
  db: SheafDb,
  pack: TemplatePack,
  c: Consolidation,
  season: Season,
  indicator: string,
  column: string,
): FigureSources {
  const ind = pack.byCode.get(indicator)
  const units = new Map(listUnits(db, season, { includeInactive: true }).map((u) => [u.code, u]))
  const sources = c.contributions
    .filter((x) => x.indicator === indicator && x.column === column)
    .map((x) => {
      const u = units.get(x.unit)
      return {
        unit: x.unit,
        unitName: u?.name ?? x.unit,
        value: x.value,
        fileName: x.fileName,
        version: x.version,
        sheet: x.sheet,
        cell: x.cell,
        raw: x.raw,
        notes: x.notes.map((n) => n.text),
        territorial: u ? isTerritorial(u) : true,
      }
    })
  const owner = ind?.owner ?? null
  return {
    indicator,
    label: ind?.label ?? indicator,
    column,
    columnLabel: columnLabelOf(pack, column),
    value: c.totals[indicator]?.[column] ?? null,
    owner,
    ownerName:
      owner && owner !== TERRITORIAL
        ? ([...units.values()].find((u) => u.dept === owner || u.code === owner)?.name ?? owner)
        : null,
    territorialSum: owner && owner !== TERRITORIAL ? (c.territorialSums[indicator]?.[column] ?? null) : null,
    sources,
  }
}

/** A column's name as the form prints it (`Kỳ báo cáo – Tổng số`), else its key. */
export function columnLabelOf(pack: TemplatePack | null, column: string): string {
  return pack?.columnByKey.get(column)?.header.join(' – ') ?? column
}

/** The fields of a problem row that come from the problem itself, its indicator and column named. */
function problemFields(p: Problem, pack: TemplatePack | null) {
  return {
    indicatorLabel: p.indicator ? (pack?.byCode.get(p.indicator)?.label ?? null) : null,
    columnLabel: p.column ? columnLabelOf(pack, p.column) : null,
    rule: p.rule,
    severity: p.severity,
    sheet: p.sheet ?? null,
    cell: p.cell ?? null,
    indicator: p.indicator ?? null,
    column: p.column ?? null,
    value: p.value ?? null,
    message: p.message,
  }
}
