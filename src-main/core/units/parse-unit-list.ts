// Reads the province's list of reporting units (spec "Reporting units") from whatever the clerk has:
// the CSV of the spec, the same saved by Excel in a Vietnamese locale, or a workbook. Every refusal
// names its row and field, in Vietnamese first.
import type { Localized } from '../../shared/localized'
import { foldText, foldUnitCode } from '../text/normalize'
import { toUnicodeVietnamese } from '../text/legacy-vietnamese'
import type { Unit } from './unit'
import type { UnitKind } from '../../shared/unit-kinds'
import { isUnitKind, UNIT_KINDS } from '../../shared/unit-kinds'
import { readUnitTable, type TableRow } from './unit-list-table'

export type UnitListResult = { ok: true; units: Unit[]; notes: string[] } | { ok: false; errors: string[] }

type Field = 'code' | 'name' | 'kind' | 'dept' | 'aliases'
const FIELDS: readonly Field[] = ['code', 'name', 'kind', 'dept', 'aliases']
const REQUIRED: readonly Field[] = ['code', 'name', 'kind']

/** Header texts, folded (no case, no diacritics, `_` as space), for each field. */
const HEADERS: Record<Field, readonly string[]> = {
  code: ['code', 'ma', 'ma don vi', 'ma dv', 'unit code'],
  name: ['name', 'ten', 'ten don vi', 'ten dv', 'unit name'],
  kind: ['kind', 'loai', 'loai don vi', 'loai dv', 'type'],
  dept: ['dept', 'department', 'so nganh', 'ma so', 'ma so nganh', 'ma nganh'],
  aliases: ['aliases', 'alias', 'ten khac', 'ten goi khac', 'other names'],
}

/** Kinds as people write them, folded, beyond the codes themselves. */
const KIND_WORDS: Record<string, UnitKind> = {
  xa: 'xa',
  phuong: 'phuong',
  'dac khu': 'dac_khu',
  huyen: 'huyen',
  'so nganh': 'so_nganh',
  tinh: 'tinh',
  'tinh thanh pho': 'tinh',
}

const foldHeader = (s: string) =>
  foldText(s.replace(/[_*]/g, ' '))
    .replace(/[.:()]/g, '')
    .trim()

function fieldOf(header: string): Field | null {
  const h = foldHeader(header)
  for (const f of FIELDS) if (HEADERS[f].includes(h)) return f
  return null
}

export function looksLikeUnitHeader(fields: readonly string[]): boolean {
  const found = new Set(fields.map(fieldOf))
  return found.has('code') && found.has('name')
}

const say = (t: Localized) => `${t.vi} / ${t.en}`

function kindOf(raw: string): UnitKind | null {
  const k = foldText(raw.replace(/[_,-]/g, ' '))
  const code = raw.trim()
  return isUnitKind(code) ? code : (KIND_WORDS[k] ?? null)
}

const cleanName = (s: string) =>
  s
    .normalize('NFC')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()

function splitAliases(raw: string): string[] {
  const out: string[] = []
  for (const a of raw.split(/[;|]/)) {
    const name = cleanName(a)
    if (name !== '' && !out.some((x) => foldText(x) === foldText(name))) out.push(name)
  }
  return out
}

type Draft = {
  row: number
  code: string
  name: string
  kind: UnitKind
  dept: string | null
  aliases: string[]
}

export function parseUnitList(bytes: Uint8Array, fileName: string): UnitListResult {
  const table = readUnitTable(bytes, looksLikeUnitHeader)
  if (!table.ok)
    return {
      ok: false,
      errors: [say({ vi: `${fileName}: ${table.error.vi}`, en: `${fileName}: ${table.error.en}` })],
    }
  const where = table.sheet
    ? { vi: `trang '${table.sheet}', dòng`, en: `sheet '${table.sheet}', row` }
    : { vi: 'Dòng', en: 'Row' }
  const at = (row: number, field: string | null, vi: string, en: string) =>
    say({
      vi: `${where.vi} ${row}${field ? `, cột '${field}'` : ''}: ${vi}`,
      en: `${where.en} ${row}${field ? `, field '${field}'` : ''}: ${en}`,
    })

  const headerIndex = table.rows.slice(0, 10).findIndex((r) => looksLikeUnitHeader(r.fields))
  const headerRow = table.rows[Math.max(0, headerIndex)]
  if (!headerRow)
    return {
      ok: false,
      errors: [say({ vi: `${fileName}: tệp không có dòng nào`, en: `${fileName}: the file has no rows` })],
    }
  const columns = new Map<Field, number>()
  headerRow.fields.forEach((h, i) => {
    const f = fieldOf(h)
    if (f && !columns.has(f)) columns.set(f, i)
  })
  const missing = REQUIRED.filter((f) => !columns.has(f))
  if (missing.length > 0) {
    const looksTabular = headerRow.fields.length >= 2
    return {
      ok: false,
      errors: [
        say({
          vi: `${fileName}: ${looksTabular ? `dòng tiêu đề ${headerRow.row} thiếu cột` : 'không tìm thấy dòng tiêu đề có cột'} ${missing.join(', ')} (cần: code,name,kind,dept,aliases hoặc Mã, Tên, Loại, Sở ngành, Tên khác)`,
          en: `${fileName}: ${looksTabular ? `header row ${headerRow.row} lacks the column(s)` : 'no header row with the column(s)'} ${missing.join(', ')} (expected: code,name,kind,dept,aliases or Mã, Tên, Loại, Sở ngành, Tên khác)`,
        }),
      ],
    }
  }

  const errors: string[] = []
  const notes: string[] = table.notes.map(say)
  const drafts: Draft[] = []
  const get = (r: TableRow, f: Field) => {
    const i = columns.get(f)
    return i === undefined ? '' : (r.fields[i] ?? '').trim()
  }
  for (const r of table.rows.slice(Math.max(0, headerIndex) + 1)) {
    const code = get(r, 'code').replace(/^(\d+)\.0+$/, '$1')
    let name = cleanName(get(r, 'name'))
    const rawKind = get(r, 'kind')
    const kind = kindOf(rawKind)
    let rowOk = true
    if (code === '') {
      errors.push(at(r.row, 'code', 'thiếu mã đơn vị', 'the unit code is empty'))
      rowOk = false
    }
    if (name === '') {
      errors.push(at(r.row, 'name', 'thiếu tên đơn vị', 'the unit name is empty'))
      rowOk = false
    }
    if (kind === null) {
      errors.push(
        at(
          r.row,
          'kind',
          `loại '${rawKind}' không hợp lệ (chỉ nhận: ${UNIT_KINDS.join(', ')})`,
          `unknown kind '${rawKind}' (allowed: ${UNIT_KINDS.join(', ')})`,
        ),
      )
      rowOk = false
    }
    if (!rowOk || kind === null) continue
    const legacy = toUnicodeVietnamese(name)
    if (legacy !== name) {
      notes.push(
        at(
          r.row,
          'name',
          `tên viết bằng phông cũ (TCVN3/VNI), đã chuyển thành '${legacy}'`,
          `the name was in a legacy font encoding (TCVN3/VNI), converted to '${legacy}'`,
        ),
      )
      name = legacy
    }
    let dept: string | null = get(r, 'dept').toUpperCase() || null
    if (kind === 'so_nganh' && dept === null) {
      dept = code
      notes.push(
        at(
          r.row,
          'dept',
          `sở ngành chưa ghi mã sở: dùng mã đơn vị '${code}'`,
          `a department without dept: its code '${code}' is used`,
        ),
      )
    } else if (kind !== 'so_nganh' && dept !== null) {
      notes.push(
        at(
          r.row,
          'dept',
          `đơn vị lãnh thổ không có mã sở: bỏ '${dept}'`,
          `a territorial unit has no dept: '${dept}' ignored`,
        ),
      )
      dept = null
    }
    const aliases = splitAliases(get(r, 'aliases').split(/[;|]/).map(toUnicodeVietnamese).join(';')).filter(
      (a) => foldText(a) !== foldText(name),
    )
    drafts.push({ row: r.row, code, name, kind, dept, aliases })
  }

  notes.push(...padCodes(drafts, at))
  const seen = new Map<string, Draft>()
  for (const d of drafts) {
    const key = foldUnitCode(d.code)
    const first = seen.get(key)
    if (first) {
      errors.push(
        at(
          d.row,
          'code',
          `mã '${d.code}' trùng với dòng ${first.row} (${first.name})`,
          `the code '${d.code}' repeats row ${first.row} (${first.name})`,
        ),
      )
    } else seen.set(key, d)
  }
  if (drafts.length === 0 && errors.length === 0) {
    errors.push(
      say({ vi: `${fileName}: danh sách không có đơn vị nào`, en: `${fileName}: the list holds no unit` }),
    )
  }
  if (errors.length > 0) return { ok: false, errors }
  const units = drafts.map(({ code, name, kind, dept, aliases }): Unit => ({
    code,
    name,
    kind,
    dept,
    aliases,
  }))
  return { ok: true, units, notes }
}

/**
 * Excel drops the leading zeros of numeric codes ("08001" becomes 8001). When most territorial codes of
 * one level (provinces; districts; communes, wards and special zones) share one width, a shorter one
 * is padded.
 */
function padCodes(
  drafts: Draft[],
  at: (row: number, field: string | null, vi: string, en: string) => string,
): string[] {
  const levels = [
    drafts.filter((d) => d.kind === 'tinh'),
    drafts.filter((d) => d.kind === 'huyen'),
    drafts.filter((d) => d.kind !== 'tinh' && d.kind !== 'huyen' && d.kind !== 'so_nganh'),
  ]
  return levels.flatMap((level) => padLevel(level, at))
}

function padLevel(
  level: Draft[],
  at: (row: number, field: string | null, vi: string, en: string) => string,
): string[] {
  const numeric = level.filter((d) => /^\d+$/.test(d.code))
  const widths = new Map<number, number>()
  for (const d of numeric) widths.set(d.code.length, (widths.get(d.code.length) ?? 0) + 1)
  let width = 0
  let count = 0
  for (const [w, n] of widths) if (n > count || (n === count && w > width)) [width, count] = [w, n]
  if (count * 2 <= numeric.length) return []
  const notes: string[] = []
  for (const d of numeric) {
    if (d.code.length >= width) continue
    const padded = d.code.padStart(width, '0')
    notes.push(
      at(
        d.row,
        'code',
        `mã '${d.code}' bị mất số 0 ở đầu: đọc là '${padded}'`,
        `the code '${d.code}' lost its leading zeros: read as '${padded}'`,
      ),
    )
    d.code = padded
  }
  return notes
}

const csvField = (s: string) => (/[",;\r\n\t]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s)

/** The list as the spec's CSV (UTF-8, `,`, header row), for export and round-trips. */
export function encodeUnitListCsv(units: readonly Unit[]): string {
  const lines = ['code,name,kind,dept,aliases']
  for (const u of units)
    lines.push([u.code, u.name, u.kind, u.dept ?? '', u.aliases.join(';')].map(csvField).join(','))
  return lines.join('\r\n') + '\r\n'
}
