// Builds Grids (the engine's view of a workbook) straight from arrays, laid out like the 2025 form,
// so that unit tests can place a value in an exact cell and check the exact problem it raises.
import type { Grid, GridCell, GridSheet } from '../../src-main/core/workbook/grid'
import type { TemplatePack } from '../../src-main/core/template/pack'

export type Value = string | number | boolean | null | undefined | GridCell

export function cell(v: Value): GridCell | undefined {
  if (v === null || v === undefined) return undefined
  if (typeof v === 'object') return v
  if (typeof v === 'number') return { kind: 'number', value: v }
  if (typeof v === 'boolean') return { kind: 'boolean', value: v }
  return { kind: 'text', value: v }
}

export function sheet(
  name: string,
  rows: Value[][],
  opts: { hidden?: boolean; merges?: GridSheet['merges'] } = {},
): GridSheet {
  return { name, hidden: opts.hidden ?? false, rows: rows.map((r) => r.map(cell)), merges: opts.merges ?? [] }
}

export function grid(...sheets: GridSheet[]): Grid {
  return { format: 'xlsx', sheets }
}

export type FormOptions = {
  unitLine?: string
  title?: string
  /** values by indicator code, then column key */
  values?: Record<string, Record<string, Value>>
  /** rows (0-based) of blank lines inserted before the table */
  extraTopRows?: number
  /** column keys in the order they appear from column E on (default: layout order) */
  columnOrder?: string[]
  /** indicator codes to leave out */
  omit?: string[]
  /** extra rows appended at the end of the body */
  extraRows?: Value[][]
  codeColumn?: boolean
}

/** The `Bieu 01` sheet: header block, two header rows, index row, one row per indicator. */
export function formSheet(pack: TemplatePack, o: FormOptions = {}, name = 'Bieu 01'): GridSheet {
  const fixed = pack.columns.slice(0, 4)
  const figureCols = o.columnOrder
    ? o.columnOrder.map((k) => pack.columnByKey.get(k)!)
    : pack.columns.slice(4)
  const cols = [...fixed, ...figureCols]
  const rows: Value[][] = []
  for (let i = 0; i < (o.extraTopRows ?? 0); i++) rows.push([])
  rows.push([
    o.unitLine ?? 'UBND XÃ TAM ĐƯỜNG',
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  ])
  rows.push(['Số: 12/BC-UBND', null, null, null, null, null, null, null, 'Độc lập - Tự do - Hạnh phúc'])
  rows.push([null, null, null, null, null, null, null, null, 'Tam Đường, ngày 15 tháng 11 năm 2025'])
  rows.push([o.title ?? 'BIỂU SỐ LIỆU KẾT QUẢ THỰC HIỆN CÔNG TÁC TRẺ EM NĂM 2025'])
  rows.push(['(Kèm theo Công văn số 1481/BYT-BMTE ngày 14/3/2025 của Bộ Y tế)'])
  rows.push([])
  const headerRow = rows.length
  rows.push(cols.map((c) => c.header[0] as string))
  rows.push(cols.map((c) => (c.header.length > 1 ? (c.header[1] as string) : null)))
  rows.push(cols.map((c) => c.index))
  const merges: { r1: number; c1: number; r2: number; c2: number }[] = []
  cols.forEach((c, i) => {
    if (c.header.length === 1) merges.push({ r1: headerRow, c1: i, r2: headerRow + 1, c2: i })
  })
  for (const ind of pack.indicators) {
    if (o.omit?.includes(ind.code)) continue
    const v = o.values?.[ind.code] ?? {}
    rows.push(
      cols.map((c) => {
        if (c.role === 'stt') return ind.stt
        if (c.role === 'code') return o.codeColumn === false ? null : ind.code
        if (c.role === 'label') return ind.label
        if (c.role === 'unit') return ind.unit
        return v[c.key] ?? null
      }),
    )
  }
  for (const r of o.extraRows ?? []) rows.push(r)
  rows.push([])
  rows.push(['NGƯỜI LẬP BIỂU', null, null, null, null, null, null, null, 'THỦ TRƯỞNG ĐƠN VỊ'])
  // Merge the level-1 groups over their level-2 columns.
  let i = 0
  while (i < cols.length) {
    const c = cols[i]!
    let j = i
    if (c.header.length > 1) while (j + 1 < cols.length && cols[j + 1]!.header[0] === c.header[0]) j++
    if (j > i) merges.push({ r1: headerRow, c1: i, r2: headerRow, c2: j })
    i = j + 1
  }
  return sheet(name, rows, { merges })
}

export function infoSheet(values: Record<string, Value>, name = 'Thong tin'): GridSheet {
  const labels: Record<string, string> = {
    unitCode: 'Mã đơn vị',
    unitName: 'Đơn vị báo cáo',
    period: 'Kỳ báo cáo',
    year: 'Năm',
    reportDate: 'Ngày báo cáo',
    templateVersion: 'Phiên bản mẫu',
  }
  return sheet(
    name,
    Object.entries(labels).map(([k, label]) => [label, values[k] ?? null]),
  )
}

/**
 * A unit's annual 2025 workbook of the child-work form: its info sheet (the unit's code, Năm, 2025,
 * TE-2025.1, with `info` over them) and its form sheet.
 */
export function annualUnitGrid(
  pack: TemplatePack,
  code: string,
  form: FormOptions = {},
  info: Record<string, Value> = {},
): Grid {
  return grid(
    infoSheet({ unitCode: code, period: 'Năm', year: 2025, templateVersion: 'TE-2025.1', ...info }),
    formSheet(pack, form),
  )
}

/** The 0-based row of an indicator in `formSheet` with default options. */
export function rowOf(pack: TemplatePack, code: string, extraTopRows = 0): number {
  return 9 + extraTopRows + pack.indicators.findIndex((i) => i.code === code)
}

/** The A1 address of an indicator's cell in `formSheet` with default options. */
export function addressOf(pack: TemplatePack, code: string, column: string, extraTopRows = 0): string {
  const c = pack.columns.findIndex((x) => x.key === column)
  return `${String.fromCharCode(65 + c)}${rowOf(pack, code, extraTopRows) + 1}`
}
