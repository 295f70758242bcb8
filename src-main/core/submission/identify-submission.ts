// Who sent a file, for which period, on which version of the form and on what date: from the
// `Thong tin` sheet, then the header block, then the file name, with the problems each step finds.
import type { PeriodId } from '../../shared/period'
import { makePeriodId, periodParts } from '../../shared/period'
import { periodLabel } from '../../shared/period-label'
import type { Problem } from '../../shared/problem'
import type { TemplatePack } from '../template/pack'
import type { Unit } from '../units/unit'
import { foldMayStartWith, foldText } from '../text/normalize'
import type { Source } from './analysis'
import type { InfoSheet } from './info-sheet'
import type { UnitClue, UnitIndex } from './identify-unit'
import { foldedUnitPrefixes, identifyUnit, unitByCode } from './identify-unit'
import { unitNotFound } from '../rules/messages'
import { derivedFromPack } from '../template/pack-derived'
import type { HeaderText } from './read-period'
import { findTitle, isDateLine, periodKindOf, periodOfTitle, yearOf } from './read-period'

export type Identity = Readonly<{
  unit: Unit | null
  unitSource: Source | null
  period: PeriodId | null
  templateVersion: string | null
  reportDate: string | null
  problems: Problem[]
}>

/**
 * A period as a message says it, in the pack's own words when it has the period (`2025-H1` -> `6
 * tháng đầu năm 2025`, `2025-Y` -> `năm 2025`), else in the usual ones (`2025-Q1` -> `quý I năm 2025`).
 */
function periodWords(pack: TemplatePack, id: PeriodId): string {
  const { year, kind } = periodParts(id)
  const label = pack.layout.periods.find((p) => p.key === kind)?.label
  if (label === undefined) return lowerFirst(periodLabel(id).vi)
  const words = label.toLocaleLowerCase('vi')
  return words.endsWith('năm') ? `${words} ${year}` : `${words} năm ${year}`
}

// The pack's unit prefixes folded as a header line is (`prefixes`) and as a unit's name is: once per pack.
const unitPrefixes = derivedFromPack((pack) => ({
  prefixes: pack.layout.header.unitPrefixes.map(foldText),
  namePrefixes: foldedUnitPrefixes(pack.layout.header.unitPrefixes),
}))

function startsWithAny(folded: string, prefixes: readonly string[]): boolean {
  return prefixes.some((p) => folded.startsWith(p))
}

const lowerFirst = (s: string): string => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1)

export function identifySubmission(
  pack: TemplatePack,
  units: UnitIndex,
  target: PeriodId,
  info: InfoSheet | null,
  header: readonly HeaderText[],
  fileName: string,
  /** a unit code chosen by hand: it wins over whatever the file says */
  forcedUnit?: string,
): Identity {
  const problems: Problem[] = []
  const iv = (key: string) => info?.values.get(key)
  const clue = (key: string, source: Source): UnitClue | null => {
    const v = iv(key)
    return v && v.text !== '' ? { source, text: v.text, where: { sheet: v.sheet, cell: v.address } } : null
  }
  const { prefixes, namePrefixes } = unitPrefixes(pack)
  const headerClues: UnitClue[] = header
    .flatMap((h) => h.text.split(/\r?\n/).map((line) => ({ ...h, text: line.trim() })))
    // a line whose first characters show it starts with no prefix is not folded (most are new to the memo)
    .filter(
      (h) => prefixes.some((p) => foldMayStartWith(h.text, p)) && startsWithAny(foldText(h.text), prefixes),
    )
    .map((h) => ({ source: 'header', text: h.text, where: { sheet: h.sheet, cell: h.cell } }))

  let unit: Unit | null = null
  let unitSource: Source | null = null
  if (forcedUnit !== undefined) {
    unit = unitByCode(units, forcedUnit)
    if (unit) unitSource = 'manual'
    else
      problems.push({
        rule: 'S03',
        severity: 'error',
        value: forcedUnit,
        message: unitNotFound('unknown', `: "${forcedUnit}"`),
      })
  } else {
    const match = identifyUnit(units, {
      code: clue('unitCode', 'info-code'),
      name: clue('unitName', 'info-name'),
      header: headerClues,
      fileName,
      prefixes: namePrefixes,
    })
    if (match.ok) {
      unit = match.unit
      unitSource = match.source
    } else {
      const seen = match.clues
        .filter((c) => c.text !== '')
        .map((c) => `"${c.text}"`)
        .join(', ')
      const cands = match.candidates.map((u) => `${u.code} ${u.name}`).join('; ')
      const detail = `${seen ? `: ${seen}` : ''}${cands ? ` → ${cands}` : ''}`
      problems.push({
        rule: 'S03',
        severity: 'error',
        ...(match.where ? { sheet: match.where.sheet, cell: match.where.cell } : {}),
        value: match.clues[0]?.text ?? null,
        message: unitNotFound(match.reason, detail),
      })
    }
  }

  // Period: Thong tin first, then the title line of the header block.
  const targetParts = periodParts(target)
  const kindCell = iv('period')
  const yearCell = iv('year')
  const title = findTitle(header)
  const fromTitle = title ? periodOfTitle(title.text) : null
  let kind = kindCell && kindCell.text !== '' ? periodKindOf(kindCell.text, pack) : null
  let year: number | null = null
  if (yearCell && yearCell.text !== '') {
    year = typeof yearCell.cell.value === 'number' ? Math.trunc(yearCell.cell.value) : yearOf(yearCell.text)
  }
  if (year === null && kindCell) year = yearOf(kindCell.text)
  const kindWhere = kind ? kindCell : undefined
  const yearWhere = year !== null ? (yearCell && yearCell.text !== '' ? yearCell : kindCell) : undefined
  let periodFromTitle = false
  if (kind === null && fromTitle) {
    kind = fromTitle.kind
    periodFromTitle = true
  }
  if (year === null && fromTitle && fromTitle.year !== null) {
    year = fromTitle.year
    periodFromTitle = true
  }
  // Last, the file name (`bao-cao-6-thang-dau-nam-2025.xlsx`), when the content says nothing.
  const fromFileName =
    kind === null && year === null
      ? periodOfTitle(
          fileName
            .replace(/^.*[\\/]/, '')
            .replace(/\.[^.]+$/, '')
            .replace(/[_\-.]+/g, ' '),
        )
      : null
  if (fromFileName) {
    kind = fromFileName.kind
    year = fromFileName.year
  }
  let period: PeriodId | null = null
  if (kind === null && year === null) {
    problems.push({
      rule: 'S09',
      severity: 'warning',
      message: {
        vi: `Không đọc được kỳ báo cáo trong tệp; coi như ${periodWords(pack, target)} đang tổng hợp`,
        en: `The period could not be read from the file; the period being consolidated (${periodLabel(target).en}) is assumed`,
      },
    })
    period = target
  } else {
    period = makePeriodId(year ?? targetParts.year, kind ?? targetParts.kind)
    if (period !== target) {
      const where = (year !== null && year !== targetParts.year ? yearWhere : kindWhere) ?? null
      const place =
        periodFromTitle && title
          ? { sheet: title.sheet, cell: title.cell }
          : where
            ? { sheet: where.sheet, cell: where.address }
            : {}
      problems.push({
        rule: 'S04',
        severity: 'error',
        ...place,
        value: periodFromTitle && title ? title.text : (where?.text ?? period),
        message: {
          vi: `Tệp là báo cáo ${periodWords(pack, period)}, không phải ${periodWords(pack, target)} đang tổng hợp; hãy gửi báo cáo ${periodWords(pack, target)}, hoặc sửa kỳ báo cáo ghi trong tệp nếu ghi nhầm`,
          en: `The file reports on ${periodLabel(period).en}, not on the period being consolidated (${periodLabel(target).en})`,
        },
      })
    }
  }

  // W07: a form of another year or another ministry, reused.
  const ministry = foldText(pack.manifest.ministry)
  for (const h of header) {
    if (isDateLine(h.text)) continue
    const t = foldText(h.text)
    const other = /cua (bo [a-z ,-]+)/.exec(t)
    const titleYear = h === title ? yearOf(h.text) : null
    if (
      (other && !(other[1] as string).startsWith(ministry)) ||
      (titleYear !== null && !periodFromTitle && titleYear !== targetParts.year)
    ) {
      problems.push({
        rule: 'W07',
        severity: 'warning',
        sheet: h.sheet,
        cell: h.cell,
        value: h.text,
        message: {
          vi: `Tệp có vẻ dùng biểu mẫu của năm khác hoặc bộ khác: "${h.text}"`,
          en: `The file looks like another year's or another ministry's form: "${h.text}"`,
        },
      })
      break
    }
  }

  // Template version: S05 for an older or unknown one.
  const versionCell = iv('templateVersion')
  const templateVersion = versionCell && versionCell.text !== '' ? versionCell.text : null
  if (templateVersion !== null && foldText(templateVersion) !== foldText(pack.manifest.version)) {
    const older = pack.manifest.olderVersions.some((v) => foldText(v) === foldText(templateVersion))
    problems.push({
      rule: 'S05',
      severity: 'warning',
      sheet: versionCell!.sheet,
      cell: versionCell!.address,
      value: templateVersion,
      message: {
        vi: `Tệp dùng mẫu ${older ? 'cũ' : 'không rõ'} "${templateVersion}" (mẫu hiện hành: ${pack.manifest.version}); các dòng được đọc theo mã hoặc tên chỉ tiêu`,
        en: `The file uses ${older ? 'an older' : 'an unknown'} form version "${templateVersion}" (current: ${pack.manifest.version}); rows are read by code or label`,
      },
    })
  }

  const dateCell = iv('reportDate')
  let reportDate: string | null = null
  if (dateCell) reportDate = isoDate(dateCell.cell.value, dateCell.text)
  if (reportDate === null) {
    const line = header.find((h) => isDateLine(h.text))
    if (line) reportDate = dateFromLine(line.text)
  }
  return { unit, unitSource, period, templateVersion, reportDate, problems }
}

const pad = (n: number): string => String(n).padStart(2, '0')

function validYmd(y: number, m: number, d: number): string | null {
  if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return null
  return `${y}-${pad(m)}-${pad(d)}`
}

/** A date from a date cell (Excel serial) or text `dd/mm/yyyy`, `dd-mm-yyyy`, `dd.mm.yyyy`, `yyyy-mm-dd`. */
export function isoDate(value: unknown, text: string): string | null {
  if (typeof value === 'number' && value > 20000 && value < 80000) {
    const d = new Date(Math.round((value - 25569) * 86_400_000))
    return validYmd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())
  }
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(text.trim())
  if (iso) return validYmd(Number(iso[1]), Number(iso[2]), Number(iso[3]))
  const vn = /(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})/.exec(text)
  if (vn) return validYmd(Number(vn[3]), Number(vn[2]), Number(vn[1]))
  return dateFromLine(text)
}

/** `Tam Đường, ngày 15 tháng 11 năm 2025` → 2025-11-15. */
export function dateFromLine(text: string): string | null {
  const m = /ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})/.exec(foldText(text))
  return m ? validYmd(Number(m[3]), Number(m[2]), Number(m[1])) : null
}
