// Turns the files of a template pack (manifest.json, indicators.csv, rules.csv, layout.json) into a
// TemplatePack, or a list of messages that say which file, row and field is wrong.
import type { z } from 'zod'
import { csvRecords, parseCsv } from '../csv/parse-csv'
import type { CrossRule, Indicator, Operand, TemplatePack } from './pack'
import { TERRITORIAL } from './pack'
import type { Dim, IndicatorRow, Manifest } from './pack-schema'
import { indicatorRowSchema, layoutSchema, manifestSchema, ruleRowSchema } from './pack-schema'
import type { PackPlace, PackProblem } from './pack-problem'
import { schemaProblems } from './pack-problem'
import { jsonLines, lineOfPath } from './json-lines'
import { neverHoldingRules } from './rule-feasibility'

export type PackFiles = Readonly<Record<string, string>>

export type PackLoadResult = { ok: true; pack: TemplatePack } | { ok: false; problems: PackProblem[] }

function parseJson(name: string, text: string | undefined, problems: PackProblem[]): unknown {
  if (text === undefined) {
    problems.push({ file: name, message: { vi: 'thiếu tệp này', en: 'the file is missing' } })
    return undefined
  }
  try {
    return JSON.parse(text) as unknown
  } catch (e) {
    const detail = (e as Error).message
    const pos = /position (\d+)/.exec(detail)
    const line = pos ? text.slice(0, Number(pos[1])).split('\n').length : undefined
    problems.push({
      file: name,
      ...(line !== undefined ? { line } : {}),
      message: {
        vi: 'không phải JSON hợp lệ (thiếu hoặc thừa dấu phẩy, ngoặc hay dấu nháy)',
        en: 'not valid JSON (a comma, bracket or quote missing or too many)',
      },
    })
    return undefined
  }
}

/** The problems of a JSON file's schema, each at the line its path is written on. */
function jsonSchemaProblems(file: string, text: string, error: z.ZodError): PackProblem[] {
  const lines = jsonLines(text)
  return schemaProblems({ file }, error, (p) => lineOfPath(lines, p))
}

export function loadPack(files: PackFiles): PackLoadResult {
  const problems: PackProblem[] = []
  const manifestText = files['manifest.json']
  const manifestParsed = manifestSchema.safeParse(parseJson('manifest.json', manifestText, problems))
  if (!manifestParsed.success) {
    if (problems.length === 0 && manifestText !== undefined)
      problems.push(...jsonSchemaProblems('manifest.json', manifestText, manifestParsed.error))
    return { ok: false, problems }
  }
  const manifest = manifestParsed.data
  const layoutName = manifest.files.layout
  const layoutText = files[layoutName]
  const layoutRaw = parseJson(layoutName, layoutText, problems)
  const layoutParsed = layoutSchema.safeParse(layoutRaw)
  if (!layoutParsed.success) {
    if (layoutRaw !== undefined && layoutText !== undefined)
      problems.push(...jsonSchemaProblems(layoutName, layoutText, layoutParsed.error))
    return { ok: false, problems }
  }
  const layout = layoutParsed.data
  const layoutLines = jsonLines(layoutText ?? '')
  const columnsAt = { file: layoutName, field: 'columns', line: lineOfPath(layoutLines, ['columns']) ?? 1 }
  const columns = layout.columns
  const columnByKey = new Map(columns.map((c) => [c.key, c]))
  for (const role of ['code', 'label', 'prev', 'compare'] as const) {
    if (columns.filter((c) => c.role === role).length !== 1)
      problems.push({
        ...columnsAt,
        message: {
          vi: `cần đúng một cột có vai trò "${role}"`,
          en: `exactly one column must have the role "${role}"`,
        },
      })
  }
  if (columnByKey.size !== columns.length)
    problems.push({
      ...columnsAt,
      message: { vi: 'có hai cột trùng khóa (key)', en: 'two columns have the same key' },
    })
  const columnsOfDim = new Map<Dim, string[]>()
  for (const c of columns) {
    if (c.dim) columnsOfDim.set(c.dim, [...(columnsOfDim.get(c.dim) ?? []), c.key])
  }
  const dataColumnKeys = columns.filter((c) => c.role === 'data').map((c) => c.key)

  const indicatorsName = manifest.files.indicators
  const rows: IndicatorRow[] = []
  /** each loaded row's line in the file (a row refused by the schema leaves no gap in `rows`) */
  const lines: number[] = []
  /** the codes of rows refused above: a reference to one is not a second mistake */
  const refusedCodes = new Set<string>()
  const indText = files[indicatorsName]
  if (indText === undefined) problems.push(missingFile(indicatorsName))
  else {
    const table = parseCsv(indText)
    problems.push(...fieldCountProblems(indicatorsName, table.rows))
    const { records } = csvRecords(table)
    records.forEach((rec, i) => {
      const r = indicatorRowSchema.safeParse(rec)
      if (r.success) {
        rows.push(r.data)
        lines.push(i + 2)
      } else {
        problems.push(...schemaProblems(csvPlace(indicatorsName, i + 2, rec['code']), r.error))
        const code = rec['code']?.trim()
        if (code) refusedCodes.add(code)
      }
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
  const lineOfCode = new Map<string, number>()
  const byCode = new Map<string, Indicator>()
  indicators.forEach((ind, i) => {
    const at = { file: indicatorsName, line: lines[i] ?? i + 2, row: ind.code }
    if (byCode.has(ind.code))
      problems.push({
        ...at,
        field: 'code',
        message: {
          vi: `mã chỉ tiêu trùng với dòng ${lineOfCode.get(ind.code) ?? '?'}`,
          en: `the same code as line ${lineOfCode.get(ind.code) ?? '?'}`,
        },
      })
    else lineOfCode.set(ind.code, at.line)
    byCode.set(ind.code, ind)
  })
  const owners = new Set([TERRITORIAL, ...Object.keys(layout.owners)])
  const unknownCode = (code: string) => ({
    vi: `không có chỉ tiêu nào mã ${code}`,
    en: `no row has the code ${code}`,
  })
  indicators.forEach((ind, i) => {
    const at = { file: indicatorsName, line: lines[i] ?? i + 2, row: ind.code }
    if (ind.kind === 'section') return
    if (ind.dims.length === 0)
      problems.push({
        ...at,
        field: 'dims',
        message: {
          vi: 'một chỉ tiêu cần ít nhất một cột số liệu',
          en: 'a row needs at least one data column',
        },
      })
    if ((ind.parent === null) !== (ind.relation === null))
      problems.push({
        ...at,
        field: ind.parent === null ? 'parent' : 'relation',
        message: {
          vi: 'parent và relation phải cùng có hoặc cùng để trống',
          en: 'parent and relation are given together or both left empty',
        },
      })
    const known = (code: string) => byCode.has(code) || refusedCodes.has(code)
    if (ind.parent !== null && !known(ind.parent))
      problems.push({ ...at, field: 'parent', message: unknownCode(ind.parent) })
    for (const f of ['num', 'den'] as const) {
      const ref = ind[f]
      if (ref !== null && !known(ref)) problems.push({ ...at, field: f, message: unknownCode(ref) })
    }
    if ((ind.num === null) !== (ind.den === null))
      problems.push({
        ...at,
        field: ind.num === null ? 'num' : 'den',
        message: {
          vi: 'num và den phải cùng có hoặc cùng để trống',
          en: 'num and den are given together or both left empty',
        },
      })
    if (ind.num !== null && ind.kind !== 'rate')
      problems.push({
        ...at,
        field: 'num',
        message: { vi: 'chỉ dòng kind=rate mới có num và den', en: 'only a rate row has num and den' },
      })
    if (ind.owner === null || !owners.has(ind.owner))
      problems.push({
        ...at,
        field: 'owner',
        message: {
          vi: `"${ind.owner ?? ''}" không phải territorial hay mã sở, ngành trong layout.json › owners`,
          en: `"${ind.owner ?? ''}" is neither territorial nor a department code of layout.json › owners`,
        },
      })
  })

  problems.push(...parentCycles(indicators, lines, indicatorsName))

  const rulesName = manifest.files.rules
  const rules: CrossRule[] = []
  const ruleLines: number[] = []
  const rulesText = files[rulesName]
  if (rulesText === undefined) problems.push(missingFile(rulesName))
  else {
    const table = parseCsv(rulesText)
    problems.push(...fieldCountProblems(rulesName, table.rows))
    const { records } = csvRecords(table)
    records.forEach((rec, i) => {
      const at = csvPlace(rulesName, i + 2, rec['id'])
      const r = ruleRowSchema.safeParse(rec)
      if (!r.success) {
        problems.push(...schemaProblems(at, r.error))
        return
      }
      const operand = (text: string, side: 'left' | 'right'): Operand | null => {
        const found = splitOperand(text, byCode, columnByKey)
        const refused = [...refusedCodes].some((c) => text === c || text.startsWith(`${c}.`))
        if (!found && !refused)
          problems.push({
            ...at,
            field: side,
            message: {
              vi: `"${text}" không phải mã chỉ tiêu hay MÃ.cột của mẫu biểu`,
              en: `"${text}" is neither a row code nor CODE.column of the pack`,
            },
          })
        return found
      }
      const left = operand(r.data.left, 'left')
      const right = operand(r.data.right, 'right')
      if (left && right) {
        rules.push({
          id: r.data.id,
          severity: r.data.severity,
          left,
          op: r.data.op,
          right,
          message: { vi: r.data.message_vi, en: r.data.message_en },
        })
        ruleLines.push(i + 2)
      }
    })
  }
  problems.push(
    ...neverHoldingRules({
      byCode,
      children: childrenOf(indicators),
      rules,
      dataColumnKeys,
      totalKey: columnsOfDim.get('T')?.[0],
    }).map((f) => ({
      file: rulesName,
      line: ruleLines[f.index] ?? f.index + 2,
      row: rules[f.index]?.id ?? '',
      field: f.field,
      message: f.message,
    })),
  )
  if (problems.length > 0) return { ok: false, problems: inFileOrder(problems, manifest.files) }

  const children = childrenOf(indicators)
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

/** The problems file by file (layout, indicators, rules), line by line. */
function inFileOrder(problems: readonly PackProblem[], names: Manifest['files']): PackProblem[] {
  const rank = (f: string) => [names.layout, names.indicators, names.rules].indexOf(f)
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p.file) - rank(b.p.file) || (a.p.line ?? 0) - (b.p.line ?? 0) || a.i - b.i)
    .map((x) => x.p)
}

function childrenOf(indicators: readonly Indicator[]): Map<string, Indicator[]> {
  const children = new Map<string, Indicator[]>()
  for (const ind of indicators) {
    if (ind.parent) children.set(ind.parent, [...(children.get(ind.parent) ?? []), ind])
  }
  return children
}

function missingFile(file: string): PackProblem {
  return { file, message: { vi: 'thiếu tệp này', en: 'the file is missing' } }
}

/** A CSV record's place: its line, and its code or id when it has one to show. */
function csvPlace(file: string, line: number, row: string | undefined): PackPlace {
  const shown = row?.trim()
  return { file, line, ...(shown ? { row: shown } : {}) }
}

/** A row with more or fewer fields than the header: a comma too many in a label, a field left out. */
function fieldCountProblems(file: string, rows: readonly (readonly string[])[]): PackProblem[] {
  const [head, ...body] = rows
  const want = head?.length ?? 0
  const out: PackProblem[] = []
  body.forEach((r, i) => {
    if (r.length === 1 && (r[0] ?? '').trim() === '') return
    if (r.length !== want)
      out.push({
        file,
        line: i + 2,
        message: {
          vi: `có ${r.length} trường, dòng tiêu đề có ${want} (${r.length > want ? 'thừa' : 'thiếu'} trường; một dấu phẩy trong chữ phải nằm trong dấu nháy kép)`,
          en: `${r.length} fields, the header has ${want} (${r.length > want ? 'too many' : 'too few'} fields; a comma inside a text needs double quotes)`,
        },
      })
  })
  return out
}

/** Rows whose parents lead back to themselves: every check of such a row would compare it with itself. */
function parentCycles(
  indicators: readonly Indicator[],
  lines: readonly number[],
  file: string,
): PackProblem[] {
  const byCode = new Map(indicators.map((ind, i) => [ind.code, { ind, line: lines[i] ?? i + 2 }]))
  const out: PackProblem[] = []
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
    const cycle = [...path, start.code].join(' → ')
    out.push({
      file,
      line: byCode.get(start.code)?.line ?? 0,
      row: start.code,
      field: 'parent',
      message: { vi: `vòng lặp ${cycle}`, en: `parent cycle ${cycle}` },
    })
  }
  return out
}
