// Turns one data cell, whatever a unit typed or Excel stored in it, into a number, a blank or the
// problem that stops it (spec "Reading cells"). Every conversion leaves a note for the validator.
import type { GridCell } from '../workbook/grid'
import type { IndicatorKind } from '../template/pack-schema'
import type { CellReading, ReadNote } from './cell-reading'
import { formatVi, readNumberText } from './number-text'

export { formatVi }

// Binary noise shows as a run of 0s or 9s followed by a few stray digits at the end of a number
// written with (nearly) all the digits a double holds: 0.30000000000000004, 9.99999999999998.
const NOISE = /^-?(\d*)\.(\d*?)(0{4,}|9{4,})(\d{1,3})$/

/**
 * Removes binary float noise (0.1 + 0.2, 7.000000000000001) and nothing else: a real quotient such
 * as 10480 / 10234 x 100 = 102.40375219855385 keeps every digit (figures are kept unrounded).
 */
export function trimFloat(x: number): number {
  if (!Number.isFinite(x) || Number.isInteger(x)) return x
  // at most 4 decimals and 9 integer digits (most figures): fewer than 16 characters, without building them
  if (Math.abs(x) < 1e9 && Math.round(x * 1e4) / 1e4 === x) return x
  const s = String(x)
  // fewer than 15 significant digits: no noise (the common case, without the regular expression)
  if (s.length < 16) return x
  const m = NOISE.exec(s)
  if (!m) return x
  const int = (m[1] as string).replace(/^0+/, '')
  const frac = `${m[2] as string}${m[3] as string}${m[4] as string}`
  const significant = int === '' ? frac.replace(/^0+/, '').length : int.length + frac.length
  if (significant < 15) return x
  // rounded just before the run: kept in, the run's last zero would round up with the stray digits
  // (3313.7000000000007 to 12 decimals is 3313.700000000001)
  return Number(x.toFixed((m[2] as string).length)) + 0
}

/** Whole within a relative tolerance of 1e-9 (absolute near zero). */
export function isWhole(x: number): boolean {
  if (!Number.isFinite(x)) return false
  return Math.abs(x - Math.round(x)) <= 1e-9 * Math.max(1, Math.abs(x))
}

/** Whether a number format scales by 100: a `%` outside quotes and not escaped (`0.0"%"` does not). */
export function isPercentFormat(format: string | undefined): boolean {
  // most formats have no `%` at all: nothing to take out first
  if (!format || !format.includes('%')) return false
  return format
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .includes('%')
}

// Most cells hold a plain number: one shared empty list of notes instead of one per figure.
export const NO_NOTES: readonly ReadNote[] = Object.freeze([])

const invalid = (
  rule: 'V01' | 'V13',
  vi: string,
  en: string,
  notes: readonly ReadNote[] = [],
): CellReading => ({
  status: 'invalid',
  rule,
  reason: { vi, en },
  notes,
})

export function readDataCell(cell: GridCell | undefined, kind: IndicatorKind): CellReading {
  if (!cell) return { status: 'blank', notes: [] }
  switch (cell.kind) {
    case 'blank':
      if (cell.formula !== undefined) {
        return invalid(
          'V13',
          `Công thức '=${cell.formula}' không có giá trị đã tính (hãy mở tệp bằng Excel, tính lại và lưu)`,
          `The formula '=${cell.formula}' has no computed value (open the file in Excel, recalculate and save)`,
        )
      }
      return { status: 'blank', notes: [] }
    case 'number':
      return readNumberCell(cell, kind)
    case 'text': {
      const r = readNumberText(String(cell.value ?? ''), kind)
      if (r.status !== 'number') return r
      return { status: 'number', value: trimFloat(r.value), notes: r.notes }
    }
    case 'boolean':
      return invalid(
        'V01',
        `Ô chứa giá trị đúng/sai (${cell.value ? 'TRUE' : 'FALSE'}), không phải là số`,
        `The cell holds a true/false value (${cell.value ? 'TRUE' : 'FALSE'}), not a number`,
      )
    case 'date':
      return invalid(
        'V01',
        `Ô chứa ngày tháng${cell.formatted ? ` (${cell.formatted})` : ''}, không phải là số liệu`,
        `The cell holds a date${cell.formatted ? ` (${cell.formatted})` : ''}, not a figure`,
      )
    case 'error':
      return invalid(
        'V13',
        `Ô có lỗi công thức ${String(cell.value)}${cell.formula ? ` (=${cell.formula})` : ''}`,
        `The cell holds the formula error ${String(cell.value)}${cell.formula ? ` (=${cell.formula})` : ''}`,
      )
    default:
      return assertNever(cell.kind)
  }
}

/**
 * The value of a number cell that `readDataCell` reads without a note (most figures: a finite number,
 * not a percentage in a rate row), or null for any other cell; it spares building the reading.
 */
export function plainNumberOf(cell: GridCell, kind: IndicatorKind): number | null {
  const raw = cell.value
  if (cell.kind !== 'number' || typeof raw !== 'number' || !Number.isFinite(raw)) return null
  if (kind === 'rate' && isPercentFormat(cell.format)) return null
  return trimFloat(raw)
}

function readNumberCell(cell: GridCell, kind: IndicatorKind): CellReading {
  const plain = plainNumberOf(cell, kind)
  if (plain !== null) return { status: 'number', value: plain, notes: NO_NOTES }
  const raw = cell.value
  if (typeof raw !== 'number' || !Number.isFinite(raw)) {
    return invalid('V01', `Ô chứa giá trị không phải là số`, `The cell holds a value that is not a number`)
  }
  // what is left: a percentage-formatted number in a rate row
  const value = trimFloat(raw * 100)
  const shown = cell.formatted ?? `${formatVi(value)}%`
  return {
    status: 'number',
    value,
    notes: [
      {
        code: 'percent-format',
        text: {
          vi: `Ô định dạng phần trăm (${shown}, giá trị lưu ${formatVi(trimFloat(raw))}): đọc là ${formatVi(value)}`,
          en: `The cell is formatted as a percentage (${shown}, stored value ${trimFloat(raw)}): read as ${value}`,
        },
      },
    ],
  }
}

function assertNever(x: never): never {
  throw new Error(`unexpected cell kind ${String(x)}`)
}
