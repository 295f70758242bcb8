// Reads a number typed as text in a data cell the way a Vietnamese clerk writes it (`.` groups thousands,
// `,` is the decimal mark), and refuses to guess when a text could mean two numbers.
import type { Localized } from '../../shared/localized'
import type { IndicatorKind } from '../template/pack-schema'
import type { ReadNote } from './cell-reading'

export type TextReading =
  | Readonly<{ status: 'blank'; notes: readonly ReadNote[] }>
  | Readonly<{ status: 'number'; value: number; notes: readonly ReadNote[] }>
  | Readonly<{ status: 'invalid'; rule: 'V01' | 'V02'; reason: Localized; notes: readonly ReadNote[] }>

/** Words and marks that units write for "nothing to report"; compared lower-case. */
const BLANK_WORDS = new Set(['-', '--', '---', '–', '—', 'x', 'không', 'kcs', '.', '...', '…'])

// Every kind of space a spreadsheet or a web page leaves in a number, zero-width ones included.
const SPACES = /[\s\u00a0\u2007\u2009\u202f\u200b\ufeff]+/g
const SPACE_CHAR = /[\s\u00a0\u2007\u2009\u202f\u200b\ufeff]/

/** A unit after the number: letters, spaces, `%`, `‰`, `/` and `.` (`12 em`, `1,5 triệu đồng`, `80%`). */
const UNIT_SUFFIX = /^[\p{L}\p{M}%‰‱\s./]+$/u

const DECIMAL_KINDS: ReadonlySet<IndicatorKind> = new Set(['rate', 'permille', 'ratio'])

const note = (code: string, vi: string, en: string): ReadNote => ({ code, text: { vi, en } })

/** A number as a Vietnamese reader writes it (decimal comma, no grouping, so it cannot be misread). */
export function formatVi(x: number): string {
  return String(x).replace('.', ',')
}

function invalid(rule: 'V01' | 'V02', vi: string, en: string, notes: ReadNote[] = []): TextReading {
  return { status: 'invalid', rule, reason: { vi, en }, notes }
}

type Digits = { value: number; notes: ReadNote[] } | { ambiguous: [number, number] } | null

const group3 = (lead: string, rest: string[]): boolean =>
  /^[1-9]\d{0,2}$/.test(lead) && rest.every((g) => /^\d{3}$/.test(g))

/** Reads digits with `.` and `,` (no sign, no spaces). */
function readDigits(t: string, kind: IndicatorKind): Digits {
  if (!/^\d[\d.,]*$/.test(t) || /[.,]$/.test(t)) return null
  const hasDot = t.includes('.')
  const hasComma = t.includes(',')
  if (!hasDot && !hasComma) return { value: Number(t), notes: [] }
  if (hasDot && hasComma) {
    // `1.234,5`: the Vietnamese way; `1,234.5`: the English way, the only other reading
    const vn = /^([\d.]+),(\d+)$/.exec(t)
    if (vn && group3(...headTail((vn[1] as string).split('.')))) {
      return { value: Number(`${(vn[1] as string).replace(/\./g, '')}.${vn[2]}`), notes: [] }
    }
    const en = /^([\d,]+)\.(\d+)$/.exec(t)
    if (en && group3(...headTail((en[1] as string).split(',')))) {
      const value = Number(`${(en[1] as string).replace(/,/g, '')}.${en[2]}`)
      return { value, notes: [englishNote(t, value)] }
    }
    return null
  }
  const sep = hasDot ? '.' : ','
  const parts = t.split(sep)
  const [lead, rest] = headTail(parts)
  if (parts.length > 2) {
    // several separators of one kind can only group thousands
    if (!group3(lead, rest)) return null
    const value = Number(parts.join(''))
    return { value, notes: hasComma ? [englishNote(t, value)] : [] }
  }
  const frac = rest[0] as string
  const thousands = group3(lead, rest)
  const asDecimal = Number(`${lead}.${frac}`)
  if (hasDot) {
    if (thousands) return { value: Number(lead + frac), notes: [] }
    return {
      value: asDecimal,
      notes: [
        note(
          'dot-decimal',
          `Dấu chấm trong '${t}' được hiểu là dấu thập phân (không thể là phân cách hàng nghìn): ${formatVi(asDecimal)}`,
          `The dot in '${t}' is read as a decimal point (it cannot group thousands): ${asDecimal}`,
        ),
      ],
    }
  }
  if (!thousands) return { value: asDecimal, notes: [] }
  if (DECIMAL_KINDS.has(kind)) {
    return {
      value: asDecimal,
      notes: [
        note(
          'comma-decimal',
          `'${t}' ở dòng tỷ lệ được hiểu là ${formatVi(asDecimal)} (dấu phẩy thập phân), không phải ${lead + frac}`,
          `'${t}' in a rate row is read as ${asDecimal} (decimal comma), not ${lead + frac}`,
        ),
      ],
    }
  }
  return { ambiguous: [Number(lead + frac), asDecimal] }
}

function headTail(parts: string[]): [string, string[]] {
  return [parts[0] ?? '', parts.slice(1)]
}

function englishNote(t: string, value: number): ReadNote {
  return note(
    'english-format',
    `'${t}' được viết kiểu tiếng Anh (dấu phẩy phân cách hàng nghìn, dấu chấm thập phân): đọc là ${formatVi(value)}`,
    `'${t}' is written the English way (comma for thousands, dot for decimals): read as ${value}`,
  )
}

/** Removes the spaces inside a number; only spaces that separate groups of three digits are allowed. */
function joinSpacedGroups(t: string): string | null {
  const tokens = t.split(SPACES)
  if (tokens.slice(1).some((tok) => !/^\d{3}(?![\d])/.test(tok))) return null
  return tokens.join('')
}

export function readNumberText(raw: string, kind: IndicatorKind): TextReading {
  const text = raw.normalize('NFC')
  const t = text.replace(SPACES, ' ').trim()
  if (t === '') {
    if (text === '') return { status: 'blank', notes: [] }
    return {
      status: 'blank',
      notes: [
        note(
          'blank-word',
          'Ô chỉ có khoảng trắng: coi là trống',
          'The cell holds only spaces: taken as blank',
        ),
      ],
    }
  }
  if (BLANK_WORDS.has(t.toLowerCase())) {
    return {
      status: 'blank',
      notes: [
        note(
          'blank-word',
          `Chữ '${t}' được hiểu là không có số liệu (ô trống)`,
          `The text '${t}' is taken as "no data" (blank)`,
        ),
      ],
    }
  }
  const m = /^([+\-−]?)\s*(\d[\d.,\s\u00a0\u2007\u2009\u202f\u200b]*)(.*)$/su.exec(t)
  if (!m) return notANumber(t)
  const sign = m[1] === '' || m[1] === '+' ? 1 : -1
  const numberPart = (m[2] as string).trim()
  const suffix = (m[3] as string).trim()
  if (suffix !== '' && !UNIT_SUFFIX.test(suffix)) return notANumber(t)
  const spaced = SPACE_CHAR.test(numberPart) ? joinSpacedGroups(numberPart) : numberPart
  if (spaced === null) return notANumber(t)
  const digits = readDigits(spaced, kind)
  if (digits === null) return notANumber(t)
  if ('ambiguous' in digits) {
    const [thousands, decimal] = digits.ambiguous
    return invalid(
      'V02',
      `'${t}' có thể là ${thousands} (dấu phẩy phân cách hàng nghìn) hoặc ${formatVi(decimal)} (dấu phẩy thập phân): nếu là ${thousands}, hãy ghi ${thousands} (không có dấu phân cách); nếu là số thập phân, hãy nhập vào ô dạng số chứ không gõ thành chữ`,
      `'${t}' could mean ${thousands} (comma grouping thousands) or ${decimal} (decimal comma): write it unambiguously, e.g. ${thousands} or ${formatVi(decimal)}`,
    )
  }
  const value = sign * digits.value + 0 // no -0
  const notes: ReadNote[] = [
    note(
      'text-number',
      `Đọc chữ '${t}' thành số ${formatVi(value)}`,
      `Read the text '${t}' as the number ${value}`,
    ),
    ...digits.notes,
  ]
  if (suffix !== '') {
    notes.push(
      note(
        'unit-stripped',
        `Bỏ đơn vị '${suffix}' viết trong ô, chỉ giữ số ${formatVi(value)}`,
        `Dropped the unit '${suffix}' written in the cell, kept the number ${value}`,
      ),
    )
  }
  return { status: 'number', value, notes }
}

function notANumber(t: string): TextReading {
  return invalid(
    'V01',
    `Ô chứa chữ '${t}', không phải là số`,
    `The cell holds the text '${t}', which is not a number`,
  )
}
