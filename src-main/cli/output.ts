// What the command prints: the JSON document of cli.md, or a readable summary in Vietnamese or English.
import type { Lang, Localized } from '../shared/localized'
import type { PeriodId } from '../shared/period'
import { pick } from '../shared/localized'
import { periodLabel } from '../shared/period-label'
import type { Problem } from '../shared/problem'
import type { Consolidation } from '../services/consolidate-period'
import { provinceTotals } from '../services/consolidate-period'
import type { TemplatePack } from '../services/template-source'
import type { UnitSeasonState } from '../services/unit-states'
import { unitStatesJson } from '../services/unit-states'

export type SubmissionReport = Readonly<{
  file: string
  unit: string | null
  status: 'accepted' | 'rejected'
  problems: readonly Problem[]
  /** a file of another form, stored under that form's season (not this one's) */
  storedIn?: Readonly<{ form: string; period: PeriodId; name: Localized }>
}>

export function issueJson(p: Problem, lang: Lang): Record<string, unknown> {
  return {
    rule: p.rule,
    severity: p.severity,
    ...(p.sheet !== undefined ? { sheet: p.sheet } : {}),
    ...(p.cell !== undefined ? { cell: p.cell } : {}),
    ...(p.indicator !== undefined ? { indicator: p.indicator } : {}),
    ...(p.column !== undefined ? { column: p.column } : {}),
    ...(p.value !== undefined ? { value: p.value } : {}),
    ...(p.failedRule !== undefined ? { failed_rule: p.failedRule } : {}),
    message: pick(p.message, lang),
  }
}

export function resultJson(
  pack: TemplatePack,
  period: string,
  subs: readonly SubmissionReport[],
  lang: Lang,
  consolidation: Consolidation | null,
  output: string | null,
  units: readonly UnitSeasonState[],
): Record<string, unknown> {
  return {
    template: pack.manifest.id,
    period,
    submissions: subs.map((s) => ({
      file: s.file,
      unit: s.unit,
      status: s.status,
      ...(s.storedIn ? { template: s.storedIn.form, period: s.storedIn.period } : {}),
      issues: s.problems.map((p) => issueJson(p, lang)),
    })),
    missing: consolidation ? [...consolidation.missing] : [],
    units: unitStatesJson(units),
    issues: consolidation ? consolidation.problems.map((p) => issueJson(p, lang)) : [],
    ...(consolidation ? { totals: provinceTotals(pack, consolidation) } : {}),
    ...(output !== null ? { output } : {}),
  }
}

const T = {
  vi: {
    files: 'Tệp đã đọc',
    accepted: 'hợp lệ',
    rejected: 'bị từ chối',
    errors: 'lỗi',
    warnings: 'cảnh báo',
    missing: 'Đơn vị chưa có báo cáo hợp lệ',
    none: 'không có',
    written: 'Đã ghi báo cáo tổng hợp',
    provisional: 'BÁO CÁO TẠM THỜI: còn đơn vị chưa nộp',
    r01: 'Chênh lệch giữa sở, ngành và tổng các xã (R01)',
    r02: 'Số liệu toàn tỉnh không thỏa quan hệ giữa các dòng của biểu (R02)',
  },
  en: {
    files: 'Files read',
    accepted: 'accepted',
    rejected: 'rejected',
    errors: 'errors',
    warnings: 'warnings',
    missing: 'Units with no accepted report',
    none: 'none',
    written: 'Consolidated report written',
    provisional: 'PROVISIONAL REPORT: some units have not submitted',
    r01: 'Differences between departments and the communes (R01)',
    r02: "Relations between the form's rows that fail on the province's totals (R02)",
  },
} as const

export function summaryText(
  subs: readonly SubmissionReport[],
  lang: Lang,
  consolidation: Consolidation | null,
  output: string | null,
  /** the season: its form's name (from the pack) and its period's */
  season: Readonly<{ form: Localized; period: string }>,
): string {
  const t = T[lang]
  // the form by its own name, never by words fixed here
  const lines: string[] = [`${pick(season.form, lang)} · ${pick(periodLabel(season.period), lang)}`]
  const acc = subs.filter((s) => s.status === 'accepted').length
  lines.push(`${t.files}: ${subs.length} (${acc} ${t.accepted}, ${subs.length - acc} ${t.rejected})`)
  for (const s of subs) {
    const e = s.problems.filter((p) => p.severity === 'error').length
    const w = s.problems.length - e
    const mark = s.status === 'accepted' ? '✓' : '✗'
    lines.push(`  ${mark} ${s.file}  [${s.unit ?? '?'}]  ${e} ${t.errors}, ${w} ${t.warnings}`)
    if (s.storedIn) {
      const when = periodLabel(s.storedIn.period)
      lines.push(
        lang === 'en'
          ? `      → a file of the form "${s.storedIn.name.en}": stored in its season ${when.en}, not in this report`
          : `      → tệp của mẫu "${s.storedIn.name.vi}": đã lưu vào kỳ ${when.vi} của mẫu đó, không vào báo cáo này`,
      )
    }
    for (const p of s.problems.slice(0, 30)) {
      const where = [p.sheet, p.cell].filter(Boolean).join('!')
      lines.push(`      ${p.rule} ${where ? `${where} ` : ''}${pick(p.message, lang)}`)
    }
    if (s.problems.length > 30) lines.push(`      … (+${s.problems.length - 30})`)
  }
  if (consolidation) {
    lines.push(`${t.missing}: ${consolidation.missing.length ? consolidation.missing.join(', ') : t.none}`)
    for (const rule of ['R01', 'R02'] as const) {
      const found = consolidation.problems.filter((p) => p.rule === rule)
      if (found.length === 0) continue
      lines.push(`${rule === 'R01' ? t.r01 : t.r02}:`)
      for (const p of found) lines.push(`  ${p.indicator} ${p.column}: ${pick(p.message, lang)}`)
    }
    if (consolidation.provisional && output) lines.push(t.provisional)
  }
  if (output) lines.push(`${t.written}: ${output}`)
  return lines.join('\n') + '\n'
}

export function progressBar(done: number, total: number, file: string): string {
  const width = 28
  const filled = total === 0 ? width : Math.round((done / total) * width)
  const name = file.length > 40 ? `…${file.slice(-39)}` : file
  return `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${name}`.padEnd(100)
}
