// The periods a form is reported for, as its pack declares them: a season can only be made for one.
import type { Localized } from '../../shared/localized'
import type { PeriodId } from '../../shared/period'
import { periodParts } from '../../shared/period'
import type { TemplatePack } from './pack'

/** Null when the pack declares the period's kind, else why not, in both languages. */
export function undeclaredPeriod(pack: TemplatePack, period: PeriodId): Localized | null {
  const { kind } = periodParts(period)
  const kinds = pack.layout.periods.map((p) => `${p.key} (${p.label})`).join(', ')
  if (!pack.layout.periods.some((p) => p.key === kind))
    return {
      vi: `Mẫu biểu ${pack.manifest.id} không có kỳ ${period}: các kỳ của mẫu là ${kinds}`,
      en: `The form ${pack.manifest.id} has no period ${period}: its periods are ${kinds}`,
    }
  return null
}
