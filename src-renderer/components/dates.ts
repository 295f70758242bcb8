// Dates as a Vietnamese clerk writes them (dd/mm/yyyy), from the ISO forms the API sends.
import type { Lang } from '../../src-main/shared/localized'
import { clerkDateText } from '../../src-main/shared/clerk-date'

/** `YYYY-MM-DD` as `dd/mm/yyyy`; empty for null. */
export const formatDate = clerkDateText

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
