// A mistake of a template pack, said where it is (file, line, row code, field) and what is wrong in
// both languages, so that `sheaf pack check --lang en` and the interface in English say it wholly in
// English and a Vietnamese reader never meets the schema library's English.
import type { z } from 'zod'
import type { Lang, Localized } from '../../shared/localized'
import { pick } from '../../shared/localized'

export type PackProblem = Readonly<{
  /** the pack's file: `manifest.json`, `layout.json`, `indicators.csv`, `rules.csv` */
  file: string
  /** the line in that file (1-based), where it is known */
  line?: number
  /** the row's code (indicators.csv) or the rule's id (rules.csv) */
  row?: string
  /** the field: a CSV column, or a JSON path (`columns.3.dim`) */
  field?: string
  message: Localized
}>

export type PackPlace = Omit<PackProblem, 'message'>

/** `indicators.csv › dòng 13 (TE.0204) › parent: không có chỉ tiêu TE.9999`, or its English. */
export function packProblemText(p: PackProblem, lang: Lang): string {
  const where = [p.file]
  if (p.line !== undefined)
    where.push(`${lang === 'en' ? 'line' : 'dòng'} ${p.line}${p.row ? ` (${p.row})` : ''}`)
  else if (p.row) where.push(p.row)
  if (p.field) where.push(p.field)
  return `${where.join(' › ')}: ${pick(p.message, lang)}`
}

export function packProblemsText(problems: readonly PackProblem[], lang: Lang): string[] {
  return problems.map((p) => packProblemText(p, lang))
}

/** Both languages at once, for a message that has no reader's language at hand (an API failure). */
export function packProblemsLocalized(problems: readonly PackProblem[], sep = '; '): Localized {
  return { vi: packProblemsText(problems, 'vi').join(sep), en: packProblemsText(problems, 'en').join(sep) }
}

/**
 * What a field with a pattern must look like, by the pattern's source: the schema's own words for a
 * pattern are English only, so each pattern of pack-schema.ts is said here in both languages (a test
 * holds that every pattern of the generated JSON Schema has its words here).
 */
export const PATTERN_WORDS: Readonly<Record<string, Localized>> = {
  '^[a-z0-9][a-z0-9-]*$': {
    vi: 'chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang',
    en: 'lower-case letters, digits and dashes only',
  },
  '^[a-z][a-z0-9_]*$': {
    vi: 'bắt đầu bằng chữ thường không dấu, rồi chữ thường, chữ số hoặc dấu gạch dưới',
    en: 'a lower-case letter, then lower-case letters, digits or underscores',
  },
  '^[A-Za-z0-9.]+$': { vi: 'chỉ gồm chữ không dấu, chữ số và dấu chấm', en: 'letters, digits and dots only' },
  '^T?S?A?E?$': {
    vi: 'là các chữ trong TSAE, theo đúng thứ tự đó (vd. TSE)',
    en: 'letters of TSAE, in that order (e.g. TSE)',
  },
  '^[A-Za-z0-9.]+?(\\.[a-z][a-z0-9_]*)?$': {
    vi: 'là mã chỉ tiêu hoặc MÃ.cột (vd. TE.0101.total)',
    en: 'a row code or CODE.column (e.g. TE.0101.total)',
  },
  '^(?:[A-Za-z0-9.]+?(\\.[a-z][a-z0-9_]*)?|-?\\d+(?:\\.\\d+)?)$': {
    vi: 'là mã chỉ tiêu, MÃ.cột (vd. TE.0101.total) hoặc một số (vd. 120)',
    en: 'a row code, CODE.column (e.g. TE.0101.total) or a number (e.g. 120)',
  },
  '^(V08|W02)[a-z0-9]*$': {
    vi: 'bắt đầu bằng V08 (lỗi) hoặc W02 (cảnh báo), rồi chữ thường hoặc chữ số',
    en: 'starts with V08 (error) or W02 (warning), then lower-case letters or digits',
  },
}

function listed(values: readonly unknown[]): string {
  return values.map((v) => `"${String(v)}"`).join(', ')
}

const TYPE_WORDS: Readonly<Record<string, Localized>> = {
  string: { vi: 'một chuỗi chữ', en: 'a text' },
  number: { vi: 'một số', en: 'a number' },
  int: { vi: 'một số nguyên', en: 'a whole number' },
  boolean: { vi: 'true hoặc false', en: 'true or false' },
  array: { vi: 'một danh sách [...]', en: 'a list [...]' },
  object: { vi: 'một đối tượng {...}', en: 'an object {...}' },
}

/** One schema issue in the pack's words: never the schema library's own message. */
export function issueMessage(i: z.core.$ZodIssue): Localized {
  switch (i.code) {
    case 'invalid_value':
      return {
        vi: `giá trị không hợp lệ, phải là một trong ${listed(i.values)}`,
        en: `invalid value, must be one of ${listed(i.values)}`,
      }
    case 'invalid_type': {
      const want = TYPE_WORDS[i.expected] ?? { vi: i.expected, en: i.expected }
      return i.input === undefined
        ? { vi: `thiếu trường này (cần ${want.vi})`, en: `missing (${want.en} is needed)` }
        : { vi: `sai kiểu, cần ${want.vi}`, en: `wrong type, ${want.en} is needed` }
    }
    case 'too_small':
      return i.origin === 'string' && Number(i.minimum) <= 1
        ? { vi: 'không được để trống', en: 'must not be empty' }
        : i.origin === 'array'
          ? {
              vi: `cần ít nhất ${String(i.minimum)} mục`,
              en: `needs at least ${String(i.minimum)} item${Number(i.minimum) === 1 ? '' : 's'}`,
            }
          : { vi: `phải từ ${String(i.minimum)} trở lên`, en: `must be at least ${String(i.minimum)}` }
    case 'too_big':
      return i.origin === 'array'
        ? { vi: `nhiều nhất ${String(i.maximum)} mục`, en: `at most ${String(i.maximum)} items` }
        : { vi: `không được quá ${String(i.maximum)}`, en: `must be at most ${String(i.maximum)}` }
    case 'invalid_format': {
      const pattern = 'pattern' in i && typeof i.pattern === 'string' ? i.pattern.replace(/^\/|\/$/g, '') : ''
      const words = PATTERN_WORDS[pattern]
      return words
        ? { vi: `sai định dạng: ${words.vi}`, en: `wrong format: ${words.en}` }
        : { vi: `sai định dạng (${i.format})`, en: `wrong format (${i.format})` }
    }
    case 'unrecognized_keys':
      return {
        vi: `có trường không biết: ${i.keys.join(', ')}`,
        en: `unknown field${i.keys.length === 1 ? '' : 's'}: ${i.keys.join(', ')}`,
      }
    case 'invalid_union': {
      // a choice of literals (`formatVersion`: 1 or 2): said as the values it may take
      const values = i.errors.flatMap((branch) =>
        branch.length === 1 && branch[0]?.code === 'invalid_value' ? branch[0].values : [undefined],
      )
      if (values.length > 0 && values.every((v) => v !== undefined))
        return {
          vi: `giá trị không hợp lệ, phải là một trong ${listed(values)}`,
          en: `invalid value, must be one of ${listed(values)}`,
        }
      return { vi: 'không hợp lệ', en: 'invalid' }
    }
    case 'custom': {
      const said = i.params as Partial<Localized> | undefined
      if (said?.vi && said.en) return { vi: said.vi, en: said.en }
      return { vi: 'không hợp lệ', en: 'invalid' }
    }
    default:
      return { vi: 'không hợp lệ', en: 'invalid' }
  }
}

/**
 * The `params` of a schema refinement, so that its failure is said in both languages:
 * `.refine(fn, saidAs({ vi, en }))`.
 */
export function saidAs(message: Localized): { message: string; params: Localized } {
  return { message: message.en, params: message }
}

/** The problems of a zod failure at a place: the place's field gets the issue's path appended. */
export function schemaProblems(
  place: PackPlace,
  error: z.ZodError,
  lineOf?: (path: readonly PropertyKey[]) => number | undefined,
): PackProblem[] {
  return error.issues.map((i) => {
    const field = [place.field, ...i.path.map(String)].filter((s) => s !== undefined && s !== '').join('.')
    const line = place.line ?? lineOf?.(i.path)
    return {
      ...place,
      ...(line !== undefined ? { line } : {}),
      ...(field ? { field } : {}),
      message: issueMessage(i),
    }
  })
}
