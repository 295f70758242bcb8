// A period in words, as a clerk says it ("Năm 2025", "6 tháng đầu năm 2025"): the one place the
// screens, the summaries and the messages take a period's name from. Every kind of period id is
// named (`YYYY-Mmm`, `YYYY-Qn`, `YYYY-H1`, `YYYY-9M`, `YYYY-Y`); an id of no known kind is shown as it is.
import type { Localized } from './localized'

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

const ROMAN = ['I', 'II', 'III', 'IV']

export function periodLabel(id: string): Localized {
  const m = /^(\d{4})-(Y|H1|9M|Q([1-4])|M(0[1-9]|1[0-2]))$/.exec(id)
  if (!m) return { vi: id, en: id }
  const year = m[1] as string
  const kind = m[2] as string
  if (kind === 'Y') return { vi: `Năm ${year}`, en: `Year ${year}` }
  if (kind === 'H1') return { vi: `6 tháng đầu năm ${year}`, en: `First half of ${year}` }
  if (kind === '9M') return { vi: `9 tháng đầu năm ${year}`, en: `First nine months of ${year}` }
  if (m[3]) return { vi: `Quý ${ROMAN[Number(m[3]) - 1] ?? m[3]} năm ${year}`, en: `Q${m[3]} ${year}` }
  const month = Number(m[4])
  return { vi: `Tháng ${month} năm ${year}`, en: `${MONTHS_EN[month - 1] ?? ''} ${year}` }
}
