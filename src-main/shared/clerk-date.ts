// Dates as a Vietnamese clerk writes them: `20/11/2025` (day, month, year), also `20-11-2025`,
// `20.11.2025`, `2/9/25`, or the ISO form `2025-11-20`; the API keeps `YYYY-MM-DD`.

export type ClerkDate =
  Readonly<{ ok: true; iso: string | null }> | Readonly<{ ok: false; why: 'format' | 'no_such_day' }>

const DAY_MS = 86_400_000

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0')
}

function isoOf(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1) return null
  const t = new Date(Date.UTC(y, m - 1, d))
  // 30/02 is not a day: Date would roll it into March
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`
}

/** Reads a date typed by a clerk; empty text is "no date" (`iso: null`). */
export function parseClerkDate(text: string): ClerkDate {
  const s = text.trim()
  if (s === '') return { ok: true, iso: null }
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s)
  const dmy = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{2}|\d{4})$/.exec(s)
  if (!iso && !dmy) return { ok: false, why: 'format' }
  const [y, m, d] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : [dmy![3]!.length === 2 ? 2000 + Number(dmy![3]) : Number(dmy![3]), Number(dmy![2]), Number(dmy![1])]
  const out = isoOf(y, m, d)
  return out === null ? { ok: false, why: 'no_such_day' } : { ok: true, iso: out }
}

/** `YYYY-MM-DD` as `dd/mm/yyyy`; empty for null. */
export function clerkDateText(iso: string | null | undefined): string {
  if (!iso) return ''
  const [y, m, d] = iso.split('-')
  return `${d}/${m}/${y}`
}

/** Whole days from date `a` to date `b` (both `YYYY-MM-DD`). */
export function daysFrom(a: string, b: string): number {
  const t = (s: string) => {
    const [y, m, d] = s.split('-').map(Number)
    return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)
  }
  return Math.round((t(b) - t(a)) / DAY_MS)
}

/** Days a file received on `received` came after `deadline` (0: on time). */
export function lateDaysOf(deadline: string, received: string): number {
  return Math.max(0, daysFrom(deadline, received))
}
