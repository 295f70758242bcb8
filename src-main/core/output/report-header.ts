// The texts of the province report's header and signature blocks (Nghị định 30/2020/NĐ-CP), as the
// clerk sets them, and how each becomes a line of the form: the number, the place and date, the
// signer's title lines. The layout is form-sheet.ts's; these are only the words.
import { foldText } from '../text/normalize'

export type ReportHeader = Readonly<{
  /** `UBND TỈNH LAI CHÂU`, above the issuer */
  governingBody: string
  /** `SỞ Y TẾ`, bold */
  issuer: string
  /** `125/BC-SYT` (or `Số: 125/BC-SYT`); blank: a dotted number to write by hand */
  number: string
  /** `Lai Châu`, before the date */
  place: string
  /** the report's date, `YYYY-MM-DD`; null: a dotted date to write by hand */
  date: string | null
  /** one line (`GIÁM ĐỐC`) or two (`KT. GIÁM ĐỐC`, `PHÓ GIÁM ĐỐC`) */
  signerTitle: readonly string[]
  signer: string
  preparer: string
  /** the lines under `Nơi nhận:`; none: no such block */
  recipients: readonly string[]
}>

/** `Lai Châu` -> `TỈNH LAI CHÂU`; a name that already says Tỉnh / Thành phố keeps it. */
function provinceWords(province: string): string {
  const p = province.trim().replace(/\s+/g, ' ')
  if (p === '') return 'TỈNH ……'
  const hasKind = /^(tinh|thanh pho|tp\.?)\s/.test(foldText(p))
  const name = hasKind ? p.replace(/^tp\.?\s*/i, 'Thành phố ') : `Tỉnh ${p}`
  return name.toLocaleUpperCase('vi')
}

/** The governing body of a province's department: `Lai Châu` -> `UBND TỈNH LAI CHÂU`. */
export function governingBodyOf(province: string): string {
  return `UBND ${provinceWords(province)}`
}

/** The place name of the date line, without `Tỉnh` / `Thành phố`. */
export function placeOf(province: string): string {
  return province
    .trim()
    .replace(/^(tỉnh|thành phố|tp\.?)\s*/i, '')
    .trim()
}

/** `SỞ Y TẾ` under `UBND TỈNH LAI CHÂU` -> `SỞ Y TẾ TỈNH LAI CHÂU`, the issuer's full name. */
export function issuerFullName(h: Pick<ReportHeader, 'governingBody' | 'issuer'>): string {
  const area = h.governingBody.replace(/^(UBND|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN)\s+/iu, '').trim()
  return [h.issuer.trim(), area].filter((s) => s !== '').join(' ')
}

/** `125/BC-SYT` -> `Số: 125/BC-SYT`; blank -> dots before the pack's sign (`Số: ……/BC-SYT`). */
export function numberLine(number: string, suffix: string): string {
  const n = number.trim()
  if (n === '') return `Số: ……/${suffix}`
  return /^số\b/i.test(n) ? n : `Số: ${n}`
}

/** `ngày 05 tháng 01 năm 2025`: days below 10 and months 1-2 take a leading zero (Nghị định 30/2020). */
export function vietnameseDate(d: Date): string {
  const day = d.getDate()
  const month = d.getMonth() + 1
  const dd = day < 10 ? `0${day}` : String(day)
  const mm = month <= 2 ? `0${month}` : String(month)
  return `ngày ${dd} tháng ${mm} năm ${d.getFullYear()}`
}

/** `Lai Châu, ngày 15 tháng 01 năm 2026`; without a date, dots to write it by hand. */
export function dateLine(place: string, date: string | null): string {
  const where = place.trim() === '' ? '……' : place.trim()
  const m = date ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null
  if (!m) return `${where}, ngày …… tháng …… năm ……`
  return `${where}, ${vietnameseDate(new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])))}`
}

/** Lines typed in one field: separated by `;` or new lines, blanks dropped. */
export function splitLines(text: string): string[] {
  return text
    .split(/[;\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
}

/** `Nơi nhận` lines as Nghị định 30 writes them: `- Bộ Y tế;` … `- Lưu: VT.` */
export function recipientLines(lines: readonly string[]): string[] {
  return lines.map((l, i) => {
    const text = l.replace(/^[-–•]\s*/, '').replace(/[;.,]\s*$/, '')
    return `- ${text}${i === lines.length - 1 ? '.' : ';'}`
  })
}

/** The signer's title lines: `KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC` (or `;`, or a new line) is two lines. */
export function signerTitleLines(text: string): string[] {
  return splitLines(text.replace(/\s+\/\s+/g, ';'))
}

/** The last day of a period (`2025-H1` -> 2025-06-30), or null for a period it does not know. */
function periodEnd(period: string): Date | null {
  const m = /^(\d{4})-(H1|Y|9M|Q([1-4])|M(\d{2}))$/.exec(period)
  if (!m) return null
  const year = Number(m[1])
  const month =
    m[2] === 'H1' ? 6 : m[2] === 'Y' ? 12 : m[2] === '9M' ? 9 : m[3] ? Number(m[3]) * 3 : Number(m[4])
  return new Date(year, month, 0)
}

const REPORTING_DAYS = 183

/**
 * The report's date when the clerk sets none: today while today is within half a year of the
 * period's end (the report is being made now); later than that, the report is of an old period and
 * its date is left to be written by hand rather than taken from the clock.
 */
export function defaultReportDate(period: string, today: Date): string | null {
  const end = periodEnd(period)
  if (end && today.getTime() - end.getTime() > REPORTING_DAYS * 86_400_000) return null
  const mm = String(today.getMonth() + 1).padStart(2, '0')
  const dd = String(today.getDate()).padStart(2, '0')
  return `${today.getFullYear()}-${mm}-${dd}`
}
