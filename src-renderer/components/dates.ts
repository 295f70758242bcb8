// Dates as a Vietnamese clerk writes them (dd/mm/yyyy), from the ISO forms the API sends.
import type { Lang } from '../../src-main/shared/localized'

/** `YYYY-MM-DD` as `dd/mm/yyyy`; empty for null. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return ''
  const [y, m, d] = iso.split('-')
  return `${d}/${m}/${y}`
}

/** An ISO instant as a local date and time. */
export function formatInstant(iso: string | null, lang: Lang): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return d.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  })
}
