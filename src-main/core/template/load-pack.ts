// Turns the files of a template pack (manifest.json, indicators.csv, rules.csv, layout.json) into a
// TemplatePack, or a list of messages that say which file, row and field is wrong.
import type { z } from 'zod'
import { csvRecords, parseCsv } from '../csv/parse-csv'
import type { Localized } from '../../shared/localized'
import type {
  ColumnDef,
  ColumnGroup,
  ColumnRole,
  ComputedDef,
  CrossRule,
  Indicator,
  OfWhich,
  Operand,
  TemplatePack,
} from './pack'
import { isAdditive, isValueRole, TERRITORIAL } from './pack'
import type { ColumnInput, IndicatorRow, Layout, Manifest, RuleOp } from './pack-schema'
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
  const version = manifest.formatVersion
  const at = (path: readonly (string | number)[]): PackPlace => ({
    file: layoutName,
    field: path.join('.'),
    line: lineOfPath(layoutLines, path) ?? 1,
  })
  const shape = version === 1 ? columnsOfFormat1(layout, at) : columnsOfFormat2(layout, at)
  problems.push(...shape.problems)
  const { columns, groups, ofWhich } = shape
  const columnByKey = new Map(columns.map((c) => [c.key, c]))
  if (columnByKey.size !== columns.length)
    problems.push({
      ...columnsAt,
      message: { vi: 'có hai cột trùng khóa (key)', en: 'two columns have the same key' },
    })
  const declared = new Set(layout.periods.map((p) => p.key))
  layout.columns.forEach((c, i) => {
    if (c.periods === undefined) return
    const at = {
      file: layoutName,
      field: `columns.${i}.periods`,
      line: lineOfPath(layoutLines, ['columns', i, 'periods']) ?? columnsAt.line,
    }
    if (
      (c.role !== 'data' && c.role !== 'plan' && c.role !== 'note') ||
      c.key === totalKeyOf(version, columns, groups)
    )
      problems.push({
        ...at,
        message: {
          vi: `cột "${c.key}": chỉ cột số liệu (data, plan) hoặc ghi chú (note), không phải cột tổng, mới có thể chỉ có trong một số kỳ`,
          en: `column "${c.key}": only a data, plan or note column, not the total, may exist in some periods only`,
        },
      })
    const unknown = c.periods.filter((k) => !declared.has(k))
    if (unknown.length > 0)
      problems.push({
        ...at,
        message: {
          vi: `cột "${c.key}": kỳ ${unknown.join(', ')} không có trong periods của mẫu (${[...declared].join(', ')})`,
          en: `column "${c.key}": the period ${unknown.join(', ')} is not among the form's periods (${[...declared].join(', ')})`,
        },
      })
  })
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
    const needed = version === 1 ? 'dims' : 'columns'
    if (!(table.rows[0] ?? []).includes(needed))
      problems.push({
        file: indicatorsName,
        line: 1,
        field: needed,
        message: {
          vi: `dòng tiêu đề thiếu cột ${needed} (định dạng ${version} của mẫu biểu cần nó)`,
          en: `the header has no ${needed} field (format ${version} of a pack needs it)`,
        },
      })
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
  const rowColumns =
    version === 1 ? rowColumnsOfFormat1(layout, columns) : rowColumnsOfFormat2(columns, groups)
  const indicators: Indicator[] = rows.map((r, order) => {
    const place = { file: indicatorsName, line: lines[order] ?? order + 2, row: r.code }
    const own = r.kind === 'section' ? [] : rowColumns(r, place, problems)
    const scale = r.scale ?? DEFAULT_SCALE[r.kind] ?? 100
    const holding = (c: ColumnDef): boolean => c.kind !== 'text' && r.kind !== 'text'
    const of = (pick: (c: ColumnDef) => boolean): string[] =>
      columns.filter((c) => own.includes(c.key) && pick(c)).map((c) => c.key)
    const v1Ratio = version === 1 && r.kind === 'ratio'
    return {
      code: r.code,
      stt: r.stt,
      label: r.label,
      unit: r.unit,
      kind: r.kind,
      columns: own,
      dataColumns: of((c) => c.role === 'data'),
      relationColumns: of((c) => (c.role === 'data' || c.role === 'plan') && holding(c)),
      mergedColumns: of((c) => (c.role === 'data' || c.role === 'plan' || c.role === 'prev') && holding(c)),
      parent: r.parent,
      relation: r.relation,
      num: r.num,
      den: r.den,
      scale,
      bounds: {
        min: r.min ?? 0,
        max: r.max ?? (r.kind === 'rate' && scale === 100 ? 100 : null),
        warnBelow: r.warn_below ?? (v1Ratio ? SEX_RATIO_BAND.min : null),
        warnAbove: r.warn_above ?? (v1Ratio ? SEX_RATIO_BAND.max : null),
      },
      owner: r.owner,
      flow: r.flow,
      order,
    }
  })
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
    if (ind.columns.length === 0)
      problems.push({
        ...at,
        field: version === 1 ? 'dims' : 'columns',
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
    if (ind.num !== null && !RATE_KINDS.has(ind.kind))
      problems.push({
        ...at,
        field: 'num',
        message: {
          vi: 'chỉ dòng kind=rate, permille hay ratio mới có num và den',
          en: 'only a rate, permille or ratio row has num and den',
        },
      })
    const { min, max, warnBelow, warnAbove } = ind.bounds
    if (min !== null && max !== null && min > max)
      problems.push({
        ...at,
        field: 'min',
        message: { vi: `min (${min}) lớn hơn max (${max})`, en: `min (${min}) is above max (${max})` },
      })
    if (warnBelow !== null && warnAbove !== null && warnBelow > warnAbove)
      problems.push({
        ...at,
        field: 'warn_below',
        message: {
          vi: `warn_below (${warnBelow}) lớn hơn warn_above (${warnAbove})`,
          en: `warn_below (${warnBelow}) is above warn_above (${warnAbove})`,
        },
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
      const operand = (text: string, side: 'left' | 'right'): RuleOperand | null => {
        const found = splitOperand(text, byCode, columnByKey)
        const refused = [...refusedCodes].some((c) => text === c || text.startsWith(`${c}.`))
        if (!found && !refused)
          problems.push({
            ...at,
            field: side,
            message: {
              vi: `"${text}" không phải mã chỉ tiêu, MÃ.cột của mẫu biểu hay một số`,
              en: `"${text}" is neither a row code, CODE.column of the pack nor a number`,
            },
          })
        return found
      }
      const left = operand(r.data.left, 'left')
      const right = operand(r.data.right, 'right')
      if (!left || !right) return
      const { message_vi: vi, message_en: en } = r.data
      const message = vi === null && en === null ? null : { vi: vi ?? en ?? '', en: en ?? vi ?? '' }
      const base = { id: r.data.id, severity: r.data.severity, message }
      if ('code' in left) rules.push({ ...base, left, op: r.data.op, right })
      else if ('code' in right) rules.push({ ...base, left: right, op: FLIPPED[r.data.op], right: left })
      else {
        problems.push({
          ...at,
          field: 'right',
          message: {
            vi: 'cả hai vế đều là số: quy tắc không so sánh gì',
            en: 'both sides are numbers: the rule compares nothing',
          },
        })
        return
      }
      ruleLines.push(i + 2)
    })
  }
  problems.push(
    ...neverHoldingRules({
      byCode,
      children: childrenOf(indicators),
      rules,
      dataColumnKeys,
      totalKey: totalKeyOf(version, columns, groups),
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
      formatVersion: version,
      indicators,
      rules,
      byCode,
      columns,
      columnByKey,
      dataColumnKeys,
      totalKey: totalKeyOf(version, columns, groups),
      prevKey: columns.find((c) => c.role === 'prev')?.key,
      groups,
      ofWhich,
      children,
    },
  }
}

type Shape = { columns: ColumnDef[]; groups: ColumnGroup[]; ofWhich: OfWhich[]; problems: PackProblem[] }

/** Where a path of layout.json is written. */
type LayoutPlace = (path: readonly (string | number)[]) => PackPlace

function totalKeyOf(
  version: 1 | 2,
  columns: readonly ColumnDef[],
  groups: readonly ColumnGroup[],
): string | undefined {
  // format 1: the T column, the total of its groups (or its first data column when it has no group)
  if (version === 1) return groups[0]?.total ?? columns.find((c) => c.role === 'data')?.key
  return columns.find((c) => c.role === 'data' && c.kind !== 'text')?.key
}

function asColumn(c: ColumnInput, role: ColumnRole, computed: ComputedDef | null): ColumnDef {
  return {
    key: c.key,
    role,
    kind: c.kind ?? null,
    computed,
    header: c.header,
    ...(c.nameEn !== undefined ? { nameEn: c.nameEn } : {}),
    aliases: c.aliases,
    index: c.index,
    width: c.width,
    ...(c.periods !== undefined ? { periods: c.periods } : {}),
  }
}

/** Format 1's breakdowns by what its letters mean, when the form prints no heading over them. */
const DIM_LABELS = {
  S: { vi: 'Chia theo giới tính', en: 'By sex' },
  A: { vi: 'Chia theo nhóm tuổi', en: 'By age band' },
} as const satisfies Record<string, Localized>

/** A group's name: the heading its parts share over them (not the total's too), else what its dim means. */
function groupLabel(parts: readonly ColumnInput[], total: ColumnInput, dim: 'S' | 'A'): Localized {
  const over = parts[0]?.header.length === 2 ? parts[0].header[0] : undefined
  const shared = over !== undefined && parts.every((p) => p.header.length === 2 && p.header[0] === over)
  return shared && total.header[0] !== over ? { vi: over, en: DIM_LABELS[dim].en } : DIM_LABELS[dim]
}

const FORMAT_2_ONLY: Localized = {
  vi: 'chỉ có ở định dạng 2 của mẫu biểu (ghi "formatVersion": 2 trong manifest.json)',
  en: 'exists in format 2 of a pack only (write "formatVersion": 2 in manifest.json)',
}

function exactlyOne(role: string): Localized {
  return {
    vi: `cần đúng một cột có vai trò "${role}"`,
    en: `exactly one column must have the role "${role}"`,
  }
}

function unknownColumn(key: string): Localized {
  return { vi: `không có cột số liệu "${key}"`, en: `no figure column has the key "${key}"` }
}

/**
 * Format 1: data columns by dim letter. The total is the T column; the S columns a group that adds up
 * to it (V05), the A columns another (V06); each E column an "of which" column under it (V07); the
 * `compare` column the computed column total / prev × 100.
 */
function columnsOfFormat1(layout: Layout, at: LayoutPlace): Shape {
  const problems: PackProblem[] = []
  const cols = layout.columns
  for (const role of ['code', 'label', 'prev', 'compare'] as const) {
    if (cols.filter((c) => c.role === role).length !== 1)
      problems.push({ ...at(['columns']), message: exactlyOne(role) })
  }
  cols.forEach((c, i) => {
    if ((c.role === 'data') !== (c.dim !== undefined))
      problems.push({
        ...at(['columns', i, 'dim']),
        message: {
          vi: 'cột data cần dim (T, S, A hay E), cột khác không có dim',
          en: 'a data column needs a dim (T, S, A or E), and only a data column has one',
        },
      })
    for (const field of ['kind', 'computed'] as const)
      if (c[field] !== undefined) problems.push({ ...at(['columns', i, field]), message: FORMAT_2_ONLY })
    if (c.role === 'plan' || c.role === 'computed')
      problems.push({ ...at(['columns', i, 'role']), message: FORMAT_2_ONLY })
  })
  if (layout.groups.length > 0) problems.push({ ...at(['groups']), message: FORMAT_2_ONLY })
  if (layout.ofWhich.length > 0) problems.push({ ...at(['ofWhich']), message: FORMAT_2_ONLY })
  const total = cols.find((c) => c.dim === 'T')
  const prev = cols.find((c) => c.role === 'prev')
  const groups: ColumnGroup[] = []
  const ofWhich: OfWhich[] = []
  if (total) {
    for (const [dim, id, rule] of [
      ['S', 'sex', 'V05'],
      ['A', 'age', 'V06'],
    ] as const) {
      const parts = cols.filter((c) => c.dim === dim)
      if (parts.length > 0)
        groups.push({
          id,
          label: groupLabel(parts, total, dim),
          total: total.key,
          parts: parts.map((p) => p.key),
          rule,
        })
    }
    for (const c of cols) if (c.dim === 'E') ofWhich.push({ column: c.key, notAbove: total.key })
  }
  const columns = cols.map((c) =>
    c.role === 'compare'
      ? asColumn(c, 'computed', { num: total?.key ?? '', den: prev?.key ?? '', scale: 100 })
      : asColumn(c, c.role, null),
  )
  return { columns, groups, ofWhich, problems }
}

/** Format 2: columns with a role and a kind, groups and "of which" columns named in the layout. */
function columnsOfFormat2(layout: Layout, at: LayoutPlace): Shape {
  const problems: PackProblem[] = []
  const cols = layout.columns
  for (const role of ['code', 'label'] as const) {
    if (cols.filter((c) => c.role === role).length !== 1)
      problems.push({ ...at(['columns']), message: exactlyOne(role) })
  }
  if (cols.filter((c) => c.role === 'prev').length > 1)
    problems.push({
      ...at(['columns']),
      message: { vi: 'nhiều nhất một cột "prev"', en: 'at most one column has the role "prev"' },
    })
  if (!cols.some((c) => c.role === 'data'))
    problems.push({
      ...at(['columns']),
      message: { vi: 'cần ít nhất một cột "data"', en: 'at least one column has the role "data"' },
    })
  const valueKeys = new Set(cols.filter((c) => isInputValueRole(c.role)).map((c) => c.key))
  const figureKeys = new Set(
    cols
      .filter((c) => isInputValueRole(c.role) && c.role !== 'computed' && c.kind !== 'text')
      .map((c) => c.key),
  )
  const columns: ColumnDef[] = []
  cols.forEach((c, i) => {
    if (c.role === 'compare')
      problems.push({
        ...at(['columns', i, 'role']),
        message: {
          vi: '"compare" là của định dạng 1; định dạng 2 dùng một cột "computed" với computed: { num, den, scale }',
          en: '"compare" is format 1\'s; format 2 uses a "computed" column with computed: { num, den, scale }',
        },
      })
    if (c.dim !== undefined)
      problems.push({
        ...at(['columns', i, 'dim']),
        message: {
          vi: 'dim là của định dạng 1; định dạng 2 dùng groups và ofWhich',
          en: "dim is format 1's; format 2 uses groups and ofWhich",
        },
      })
    if ((c.role === 'computed') !== (c.computed !== undefined))
      problems.push({
        ...at(['columns', i, 'computed']),
        message: {
          vi: 'cột "computed" cần computed: { num, den, scale }, cột khác không có',
          en: 'a "computed" column needs computed: { num, den, scale }, and only it has one',
        },
      })
    if (c.kind !== undefined && !isInputValueRole(c.role))
      problems.push({
        ...at(['columns', i, 'kind']),
        message: {
          vi: 'chỉ cột data, plan, prev có kind',
          en: 'only a data, plan or prev column has a kind',
        },
      })
    if (c.computed)
      for (const f of ['num', 'den'] as const)
        if (!figureKeys.has(c.computed[f]))
          problems.push({ ...at(['columns', i, 'computed', f]), message: unknownColumn(c.computed[f]) })
    const role: ColumnRole = c.role === 'compare' ? 'computed' : c.role
    columns.push(asColumn(c, role, c.computed ?? null))
  })
  const groups: ColumnGroup[] = []
  layout.groups.forEach((g, i) => {
    if (valueKeys.has(g.id))
      problems.push({
        ...at(['groups', i, 'id']),
        message: {
          vi: `"${g.id}" đã là khóa của một cột`,
          en: `"${g.id}" is already a column's key`,
        },
      })
    if (!figureKeys.has(g.total))
      problems.push({ ...at(['groups', i, 'total']), message: unknownColumn(g.total) })
    g.parts.forEach((k, n) => {
      if (!figureKeys.has(k)) problems.push({ ...at(['groups', i, 'parts', n]), message: unknownColumn(k) })
    })
    if (g.parts.includes(g.total))
      problems.push({
        ...at(['groups', i, 'parts']),
        message: {
          vi: `cột tổng ${g.total} không là một phần của chính nó`,
          en: `the total ${g.total} is not a part of itself`,
        },
      })
    groups.push({ id: g.id, label: g.label, total: g.total, parts: g.parts, rule: g.rule })
  })
  layout.ofWhich.forEach((o, i) => {
    for (const f of ['column', 'notAbove'] as const)
      if (!figureKeys.has(o[f])) problems.push({ ...at(['ofWhich', i, f]), message: unknownColumn(o[f]) })
  })
  return { columns, groups, ofWhich: layout.ofWhich, problems }
}

function isInputValueRole(role: ColumnInput['role']): boolean {
  return role === 'compare' || isValueRole(role)
}

type RowColumns = (row: IndicatorRow, place: PackPlace, problems: PackProblem[]) => string[]

/** Format 1: `prev` on every row, the data columns of its dims, `compare` on counts and money. */
function rowColumnsOfFormat1(layout: Layout, columns: readonly ColumnDef[]): RowColumns {
  const dimOf = new Map(layout.columns.map((c) => [c.key, c.dim]))
  return (row) => {
    const dims = row.dims ?? []
    const additive = isAdditive(row)
    return columns
      .filter((c) =>
        c.role === 'prev'
          ? true
          : c.role === 'computed'
            ? additive
            : c.role === 'data' && dims.includes(dimOf.get(c.key) ?? 'T'),
      )
      .map((c) => c.key)
  }
}

/**
 * Format 2: the keys and group ids of `columns`, separated by spaces (a group stands for its parts);
 * blank: every value column. A computed column needs its two columns on the row.
 */
function rowColumnsOfFormat2(columns: readonly ColumnDef[], groups: readonly ColumnGroup[]): RowColumns {
  const values = columns.filter((c) => isValueRole(c.role))
  const groupById = new Map(groups.map((g) => [g.id, g]))
  return (row, place, problems) => {
    if (row.columns === null) return values.map((c) => c.key)
    const wanted = new Set<string>()
    for (const token of row.columns.split(/[\s,;]+/).filter((t) => t !== '')) {
      const group = groupById.get(token)
      if (group) group.parts.forEach((p) => wanted.add(p))
      else if (values.some((c) => c.key === token)) wanted.add(token)
      else
        problems.push({
          ...place,
          field: 'columns',
          message: {
            vi: `không có cột hay nhóm cột "${token}" trong layout.json`,
            en: `no column or group "${token}" in layout.json`,
          },
        })
    }
    for (const c of values)
      if (
        c.computed &&
        wanted.has(c.key) &&
        // a computed column naming no column is the layout's mistake, said there once
        [c.computed.num, c.computed.den].every((k) => values.some((v) => v.key === k)) &&
        !(wanted.has(c.computed.num) && wanted.has(c.computed.den))
      )
        problems.push({
          ...place,
          field: 'columns',
          message: {
            vi: `cột ${c.key} = ${c.computed.num} / ${c.computed.den} cần cả hai cột đó trên dòng`,
            en: `column ${c.key} = ${c.computed.num} / ${c.computed.den} needs both those columns on the row`,
          },
        })
    return values.filter((c) => wanted.has(c.key)).map((c) => c.key)
  }
}

type RuleOperand = Operand | Readonly<{ constant: number }>

const FLIPPED = { '<=': '>=', '<': '>', '=': '=', '>=': '<=', '>': '<' } as const satisfies Record<
  RuleOp,
  RuleOp
>

const RATE_KINDS: ReadonlySet<string> = new Set(['rate', 'permille', 'ratio'])

/** A rate's factor when the row gives none: per 100, per 1,000 for ‰. */
const DEFAULT_SCALE: Partial<Record<string, number>> = { rate: 100, permille: 1000, ratio: 100 }

/** Format 1's `ratio` rows are the sex ratio at birth: a warning outside this band. */
const SEX_RATIO_BAND = { min: 80, max: 140 } as const

/**
 * `TE.0101` is a code; `TE.0101.age_0_6` is a code and a column (codes contain dots themselves);
 * `120` or `0.5` a number.
 */
function splitOperand(
  text: string,
  byCode: ReadonlyMap<string, Indicator>,
  columnByKey: ReadonlyMap<string, unknown>,
): RuleOperand | null {
  if (byCode.has(text)) return { code: text, column: null }
  if (/^-?\d+(?:\.\d+)?$/.test(text)) return { constant: Number(text) }
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
