// The periods a form is reported for, as its pack declares them: a season can only be made for one.
import type { Localized } from '../../shared/localized'
import type { PeriodId, PeriodKind } from '../../shared/period'
import { makePeriodId, periodParts } from '../../shared/period'
import { periodLabel } from '../../shared/period-label'
import type { TemplatePack } from './pack'

/** Null when the pack declares the period's kind, else why not, in both languages, in words. */
export function undeclaredPeriod(pack: TemplatePack, period: PeriodId): Localized | null {
  const { year, kind } = periodParts(period)
  if (pack.layout.periods.some((p) => p.key === kind)) return null
  const named = periodLabel(period)
  const kinds = (lang: 'vi' | 'en') =>
    pack.layout.periods
      .map((p) => `${periodLabel(makePeriodId(year, p.key))[lang]} (${year}-${p.key})`)
      .join(', ')
  return {
    vi: `Mẫu biểu "${pack.manifest.name.vi}" không có kỳ ${named.vi} (${period}): các kỳ của mẫu là ${kinds('vi')}`,
    en: `The form "${pack.manifest.name.en}" has no period ${named.en} (${period}): its periods are ${kinds('en')}`,
  }
}

/** The period a form is shown for when none is named (the blank form): the year, else its last period. */
export function defaultPeriodKind(pack: TemplatePack): PeriodKind {
  const kinds = pack.layout.periods.map((p) => p.key)
  return kinds.includes('Y') ? 'Y' : (kinds[kinds.length - 1] ?? 'Y')
}
