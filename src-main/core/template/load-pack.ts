// Turns the files of a template pack (manifest.json, indicators.csv, rules.csv, layout.json) into a
// TemplatePack, or a list of messages that say which file, row and field is wrong.
import type { z } from 'zod'
import { csvRecords, parseCsv } from '../csv/parse-csv'
import type { CrossRule, Indicator, Operand, TemplatePack } from './pack'
import { TERRITORIAL } from './pack'
import type { Dim, IndicatorRow } from './pack-schema'
import { indicatorRowSchema, layoutSchema, manifestSchema, ruleRowSchema } from './pack-schema'

export type PackFiles = Readonly<Record<string, string>>

export type PackLoadResult = { ok: true; pack: TemplatePack } | { ok: false; errors: string[] }

function issuesOf(where: string, error: z.ZodError): string[] {
  return error.issues.map((i) => `${where}${i.path.length ? ` › ${i.path.join('.')}` : ''}: ${issueVi(i)}`)
}

/** A schema issue in Vietnamese first, zod's English after it for whoever wrote the pack in English. */
function issueVi(i: z.core.$ZodIssue): string {
  switch (i.code) {
    case 'invalid_value':
      return `giá trị không hợp lệ, phải là một trong ${i.values.map((v) => `"${String(v)}"`).join(', ')} (${i.message})`
    case 'invalid_type':
      return `thiếu hoặc sai kiểu, cần ${i.expected} (${i.message})`
    case 'too_small':
      return `quá ngắn hoặc để trống (${i.message})`
    case 'too_big':
      return `quá dài hoặc quá lớn (${i.message})`
    case 'invalid_format':
      return `sai định dạng (${i.message})`
    case 'unrecognized_keys':
      return `có trường không biết: ${i.keys.join(', ')} (${i.message})`
    default:
      return `không hợp lệ (${i.message})`
  }
}

function parseJson(name: string, text: string | undefined, errors: string[]): unknown {
  if (text === undefined) {
    errors.push(`${name}: thiếu tệp (file missing)`)
    return undefined
  }
  try {
    return JSON.parse(text) as unknown
  } catch (e) {
    errors.push(`${name}: không phải JSON hợp lệ (invalid JSON): ${(e as Error).message}`)
    return undefined
  }
}

export function loadPack(files: PackFiles): PackLoadResult {
  const errors: string[] = []
  const manifestParsed = manifestSchema.safeParse(parseJson('manifest.json', files['manifest.json'], errors))
  if (!manifestParsed.success) {
    if (errors.length === 0) errors.push(...issuesOf('manifest.json', manifestParsed.error))
    return { ok: false, errors }
  }
  const manifest = manifestParsed.data
  const layoutName = manifest.files.layout
  const layoutRaw = parseJson(layoutName, files[layoutName], errors)
  const layoutParsed = layoutSchema.safeParse(layoutRaw)
  if (!layoutParsed.success) {
    if (layoutRaw !== undefined) errors.push(...issuesOf(layoutName, layoutParsed.error))
    return { ok: false, errors }
  }
  const layout = layoutParsed.data
  const columns = layout.columns
  const columnByKey = new Map(columns.map((c) => [c.key, c]))
  for (const role of ['code', 'label', 'prev', 'compare'] as const) {
    if (columns.filter((c) => c.role === role).length !== 1)
      errors.push(
        `${layoutName} › columns: cần đúng một cột có vai trò "${role}" (exactly one ${role} column)`,
      )
  }
  if (columnByKey.size !== columns.length)
    errors.push(`${layoutName} › columns: trùng khóa cột (duplicate column key)`)
  const columnsOfDim = new Map<Dim, string[]>()
  for (const c of columns) {
    if (c.dim) columnsOfDim.set(c.dim, [...(columnsOfDim.get(c.dim) ?? []), c.key])
  }
  const dataColumnKeys = columns.filter((c) => c.role === 'data').map((c) => c.key)

  const indicatorsName = manifest.files.indicators
  const rows: IndicatorRow[] = []
  /** each loaded row's line in the file (a row refused by the schema leaves no gap in `rows`) */
  const lines: number[] = []
  const indText = files[indicatorsName]
  if (indText === undefined) errors.push(`${indicatorsName}: thiếu tệp (file missing)`)
  else {
    const table = parseCsv(indText)
    errors.push(...fieldCountErrors(indicatorsName, table.rows))
    const { records } = csvRecords(table)
    records.forEach((rec, i) => {
      const r = indicatorRowSchema.safeParse(rec)
      if (r.success) {
        rows.push(r.data)
        lines.push(i + 2)
      } else errors.push(...issuesOf(`${indicatorsName} › dòng ${i + 2}`, r.error))
    })
  }
  const indicators: Indicator[] = rows.map((r, order) => ({
    code: r.code,
    stt: r.stt,
    label: r.label,
    unit: r.unit,
    kind: r.kind,
    dims: r.dims,
    dataColumns: dataColumnKeys.filter((k) => r.dims.includes(columnByKey.get(k)?.dim as Dim)),
    parent: r.parent,
    relation: r.relation,
    num: r.num,
    den: r.den,
    owner: r.owner,
    flow: r.flow,
    order,
  }))
  const byCode = new Map<string, Indicator>()
  indicators.forEach((ind, i) => {
    const where = `${indicatorsName} › dòng ${lines[i] ?? i + 2} (${ind.code})`
    if (byCode.has(ind.code)) errors.push(`${where}: mã chỉ tiêu trùng (duplicate code)`)
    byCode.set(ind.code, ind)
  })
  const owners = new Set([TERRITORIAL, ...Object.keys(layout.owners)])
  indicators.forEach((ind, i) => {
    const where = `${indicatorsName} › dòng ${lines[i] ?? i + 2} (${ind.code})`
    if (ind.kind === 'section') return
    if (ind.dims.length === 0)
      errors.push(`${where} › dims: một chỉ tiêu cần ít nhất một cột (at least one dim)`)
    if ((ind.parent === null) !== (ind.relation === null))
      errors.push(`${where}: parent và relation phải đi cùng nhau (parent and relation go together)`)
    if (ind.parent !== null && !byCode.has(ind.parent))
      errors.push(`${where} › parent: không có chỉ tiêu ${ind.parent} (unknown code)`)
    for (const f of ['num', 'den'] as const) {
      const ref = ind[f]
      if (ref !== null && !byCode.has(ref))
        errors.push(`${where} › ${f}: không có chỉ tiêu ${ref} (unknown code)`)
    }
    if ((ind.num === null) !== (ind.den === null)) errors.push(`${where}: num và den phải đi cùng nhau`)
    if (ind.num !== null && ind.kind !== 'rate') errors.push(`${where}: chỉ dòng rate mới có num/den`)
    if (ind.owner === null || !owners.has(ind.owner))
      errors.push(
        `${where} › owner: "${ind.owner ?? ''}" không phải territorial hay mã sở, ngành của layout.owners`,
      )
  })

  errors.push(...parentCycles(indicators, lines, indicatorsName))

  const rulesName = manifest.files.rules
  const rules: CrossRule[] = []
  const rulesText = files[rulesName]
  if (rulesText === undefined) errors.push(`${rulesName}: thiếu tệp (file missing)`)
  else {
    const table = parseCsv(rulesText)
    errors.push(...fieldCountErrors(rulesName, table.rows))
    const { records } = csvRecords(table)
    records.forEach((rec, i) => {
      const where = `${rulesName} › dòng ${i + 2}`
      const r = ruleRowSchema.safeParse(rec)
      if (!r.success) {
        errors.push(...issuesOf(where, r.error))
        return
      }
      const operand = (text: string, side: string): Operand | null => {
        const found = splitOperand(text, byCode, columnByKey)
        if (!found)
          errors.push(`${where} › ${side}: "${text}" không phải mã chỉ tiêu hay MÃ.cột (unknown operand)`)
        return found
      }
      const left = operand(r.data.left, 'left')
      const right = operand(r.data.right, 'right')
      if (left && right)
        rules.push({
          id: r.data.id,
          severity: r.data.severity,
          left,
          op: r.data.op,
          right,
          message: { vi: r.data.message_vi, en: r.data.message_en },
        })
    })
  }
  if (errors.length > 0) return { ok: false, errors }

  const children = new Map<string, Indicator[]>()
  for (const ind of indicators) {
    if (ind.parent) children.set(ind.parent, [...(children.get(ind.parent) ?? []), ind])
  }
  return {
    ok: true,
    pack: {
      manifest,
      layout,
      indicators,
      rules,
      byCode,
      columns,
      columnByKey,
      dataColumnKeys,
      columnsOfDim,
      children,
    },
  }
}

/** `TE.0101` is a code; `TE.0101.age_0_6` is a code and a column. Codes contain dots themselves. */
function splitOperand(
  text: string,
  byCode: ReadonlyMap<string, Indicator>,
  columnByKey: ReadonlyMap<string, unknown>,
): Operand | null {
  if (byCode.has(text)) return { code: text, column: null }
  const dot = text.lastIndexOf('.')
  if (dot > 0) {
    const code = text.slice(0, dot)
    const column = text.slice(dot + 1)
    if (byCode.has(code) && columnByKey.has(column)) return { code, column }
  }
  return null
}

/** A row with more or fewer fields than the header: a comma too many in a label, a field left out. */
function fieldCountErrors(name: string, rows: readonly (readonly string[])[]): string[] {
  const [head, ...body] = rows
  const want = head?.length ?? 0
  const out: string[] = []
  body.forEach((r, i) => {
    if (r.length === 1 && (r[0] ?? '').trim() === '') return
    if (r.length !== want)
      out.push(
        `${name} › dòng ${i + 2}: có ${r.length} trường, dòng tiêu đề có ${want} (a row with ${r.length > want ? 'too many' : 'too few'} fields: ${r.length}, the header has ${want}; a comma inside a text needs quotes)`,
      )
  })
  return out
}

/** Rows whose parents lead back to themselves: every check of such a row would compare it with itself. */
function parentCycles(indicators: readonly Indicator[], lines: readonly number[], name: string): string[] {
  const byCode = new Map(indicators.map((ind, i) => [ind.code, { ind, line: lines[i] ?? i + 2 }]))
  const out: string[] = []
  const reported = new Set<string>()
  for (const start of indicators) {
    const path: string[] = []
    let code: string | null = start.code
    while (code !== null && !path.includes(code)) {
      path.push(code)
      code = byCode.get(code)?.ind.parent ?? null
    }
    if (code === null || code !== start.code || reported.has(start.code)) continue
    path.forEach((c) => reported.add(c))
    const at = byCode.get(start.code)?.line ?? 0
    out.push(
      `${name} › dòng ${at} (${start.code}) › parent: vòng lặp ${[...path, start.code].join(' → ')} (parent cycle)`,
    )
  }
  return out
}
