// The clerk's own papers, apart from the ministry's report: the chase list (each missing unit with its
// state, what to fix and whom to call), the status and problems tables as workbooks, a short text of
// the season for the cover letter, and every export of the season in one .zip.
import fs from 'node:fs'
import path from 'node:path'
import * as XLSX from '@e965/xlsx'
import type { ProblemRow, StatusRow } from '../shared/api-types'
import type { Lang } from '../shared/localized'
import { pick } from '../shared/localized'
import { periodLabel } from '../shared/period-label'
import { MISSING_STATES, UNIT_STATE_LABELS } from '../shared/unit-state'
import type { FileSystem } from './fs-seam'
import { realFs, makeFolder, writeFileAtomic } from './fs-seam'
import { zipFiles } from './zip-files'

type Cell = string | number | null

/** One sheet with a title row, a header row and the rows, columns as wide as given. */
function tableWorkbook(
  sheetName: string,
  title: string,
  header: readonly string[],
  rows: readonly (readonly Cell[])[],
  widths: readonly number[],
): Uint8Array {
  const ws = XLSX.utils.aoa_to_sheet([[title], [], [...header], ...rows.map((r) => [...r])])
  ws['!cols'] = widths.map((wch) => ({ wch }))
  ws['!merges'] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: header.length - 1 } }]
  ws['!autofilter'] = {
    ref: XLSX.utils.encode_range({ r: 2, c: 0 }, { r: 2 + rows.length, c: header.length - 1 }),
  }
  const wb = XLSX.utils.book_new()
  XLSX.utils.book_append_sheet(wb, ws, sheetName)
  return new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer)
}

function dmy(iso: string | null): string {
  if (!iso) return ''
  const [y, m, d] = iso.split('-')
  return `${d}/${m}/${y}`
}

function contactText(r: StatusRow): string {
  return [r.contactName, r.contactPhone].filter((x) => x).join(' – ')
}

/** The units still missing from the report, each with its state, what to fix and whom to call. */
export function chaseListBytes(rows: readonly StatusRow[], period: string): Uint8Array {
  const chase = rows.filter((r) => MISSING_STATES.includes(r.state))
  return tableWorkbook(
    'Can doc thuc',
    `DANH SÁCH ĐƠN VỊ CẦN ĐÔN ĐỐC – ${periodLabel(period).vi.toUpperCase()}`,
    [
      'STT',
      'Mã đơn vị',
      'Tên đơn vị',
      'Trạng thái',
      'Cần làm',
      'Người liên hệ, điện thoại',
      'Số tệp đã gửi',
      'Ngày nhận',
      'Nộp muộn (ngày)',
    ],
    chase.map((r, i) => [
      i + 1,
      r.unit,
      r.name,
      UNIT_STATE_LABELS[r.state].vi,
      r.toFix?.vi ?? (r.state === 'not_received' ? 'Gửi báo cáo' : ''),
      contactText(r),
      r.files,
      dmy(r.received),
      r.lateDays,
    ]),
    [5, 10, 30, 20, 60, 30, 8, 12, 10],
  )
}

/** Every unit's state, as the status screen shows it. */
export function statusTableBytes(rows: readonly StatusRow[], period: string): Uint8Array {
  return tableWorkbook(
    'Tinh hinh nop',
    `TÌNH HÌNH NỘP BÁO CÁO – ${periodLabel(period).vi.toUpperCase()}`,
    [
      'Mã đơn vị',
      'Tên đơn vị',
      'Trạng thái',
      'Ngày nhận',
      'Ngày báo cáo',
      'Nộp muộn (ngày)',
      'Số tệp',
      'Số lỗi',
      'Số cảnh báo',
      'Tệp đang dùng',
      'Lý do',
      'Người liên hệ, điện thoại',
    ],
    rows.map((r) => [
      r.unit,
      r.name,
      UNIT_STATE_LABELS[r.state].vi,
      dmy(r.received),
      dmy(r.reportDate),
      r.lateDays,
      r.files,
      r.errors,
      r.warnings,
      r.fileName,
      r.reason,
      contactText(r),
    ]),
    [10, 30, 20, 12, 12, 10, 8, 8, 10, 36, 30, 30],
  )
}

/** Every problem listed on the problems screen, with its decision. */
export function problemsTableBytes(rows: readonly ProblemRow[], period: string): Uint8Array {
  return tableWorkbook(
    'Loi va canh bao',
    `LỖI VÀ CẢNH BÁO – ${periodLabel(period).vi.toUpperCase()}`,
    [
      'Mã đơn vị',
      'Tên đơn vị',
      'Tệp',
      'Lần nộp',
      'Mức độ',
      'Trang tính',
      'Ô',
      'Chỉ tiêu',
      'Cột',
      'Nội dung',
      'Quyết định',
    ],
    rows.map((r) => [
      r.unit,
      r.unitName,
      r.fileName,
      r.version,
      r.severity === 'error' ? 'Lỗi' : 'Cảnh báo',
      r.sheet,
      r.cell,
      r.indicatorLabel ?? r.indicator,
      r.columnLabel ?? r.column,
      r.message.vi,
      r.decision === 'accept'
        ? `Chấp nhận: ${r.reason ?? ''}`
        : r.decision === 'reject'
          ? `Từ chối: ${r.reason ?? ''}`
          : '',
    ]),
    [10, 28, 30, 8, 9, 12, 8, 40, 20, 70, 30],
  )
}

/** Writes bytes at `target` (its folder made), whole or not at all. */
export function writeOut(target: string, bytes: Uint8Array, fsys: FileSystem = realFs): string {
  makeFolder(fsys, path.dirname(target))
  writeFileAtomic(fsys, target, bytes)
  return target
}

/**
 * Several written files in one .zip, each under its path from `root` (its own name when outside it),
 * with `/` between folders; a repeated name gets a number.
 */
export function zipOfFiles(files: readonly string[], root?: string): Uint8Array {
  const parts: Record<string, Uint8Array> = {}
  for (const f of files) {
    const rel = root === undefined ? '' : path.relative(root, f)
    const base =
      rel === '' || rel.startsWith('..') || path.isAbsolute(rel)
        ? path.basename(f)
        : rel.split(path.sep).join('/')
    let name = base
    for (let i = 2; name in parts; i++) name = base.replace(/(\.[^.]*)?$/, `-${i}$1`)
    parts[name] = new Uint8Array(fs.readFileSync(f))
  }
  return zipFiles(parts)
}

export type SeasonFacts = Readonly<{
  period: string
  formName: string
  rows: readonly StatusRow[]
  deadline: string | null
}>

/** A short text of the season for the cover letter ("Tính đến ngày …, đã nhận …"). */
export function seasonSummaryText(f: SeasonFacts, today: string, lang: Lang): string {
  const total = f.rows.length
  const accepted = f.rows.filter((r) => !MISSING_STATES.includes(r.state))
  const withReason = f.rows.filter((r) => r.state === 'accepted_with_reason')
  const missing = f.rows.filter((r) => MISSING_STATES.includes(r.state))
  const late = accepted.filter((r) => r.late === true)
  const names = (rs: readonly StatusRow[]) => rs.map((r) => r.name).join(', ')
  const period = pick(periodLabel(f.period), lang)
  if (lang === 'en') {
    const lines = [
      `${f.formName}, ${period}.`,
      `As of ${dmy(today)}, ${accepted.length} of ${total} units have an accepted report` +
        (withReason.length ? ` (${withReason.length} accepted with a reason: ${names(withReason)})` : '') +
        '.',
    ]
    if (late.length)
      lines.push(`${late.length} came after the deadline (${dmy(f.deadline)}): ${names(late)}.`)
    if (missing.length)
      lines.push(
        `${missing.length} units have no accepted report yet: ${missing
          .map((r) => `${r.name} (${UNIT_STATE_LABELS[r.state].en.toLowerCase()})`)
          .join(', ')}; the report is provisional.`,
      )
    else lines.push('Every unit has reported; the figures are complete.')
    return lines.join('\n') + '\n'
  }
  const lines = [
    `${f.formName}, ${period}.`,
    `Tính đến ngày ${dmy(today)}, đã nhận báo cáo hợp lệ của ${accepted.length}/${total} đơn vị` +
      (withReason.length
        ? ` (trong đó ${withReason.length} đơn vị được chấp nhận có lý do: ${names(withReason)})`
        : '') +
      '.',
  ]
  if (late.length) lines.push(`${late.length} đơn vị nộp sau hạn ${dmy(f.deadline)}: ${names(late)}.`)
  if (missing.length)
    lines.push(
      `Còn ${missing.length} đơn vị chưa có báo cáo hợp lệ: ${missing
        .map((r) => `${r.name} (${UNIT_STATE_LABELS[r.state].vi.toLowerCase()})`)
        .join(', ')}; số liệu tổng hợp là số liệu tạm thời.`,
    )
  else lines.push('Tất cả các đơn vị đã gửi báo cáo; số liệu tổng hợp đầy đủ.')
  return lines.join('\n') + '\n'
}
