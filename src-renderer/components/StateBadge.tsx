// A unit's state as a coloured label, the same words and colours on every screen (unit-state.ts).
import type { UnitState } from '../../src-main/shared/unit-state'
import { UNIT_STATE_LABELS } from '../../src-main/shared/unit-state'
import { useI18n } from '../i18n'

export function StateBadge({ state }: { state: UnitState }) {
  const { loc } = useI18n()
  return <span className={`badge state-${state}`}>{loc(UNIT_STATE_LABELS[state])}</span>
}

export function SeverityBadge({ severity }: { severity: 'error' | 'warning' }) {
  const { t } = useI18n()
  return <span className={`badge sev-${severity}`}>{t(`severity_${severity}`)}</span>
}
