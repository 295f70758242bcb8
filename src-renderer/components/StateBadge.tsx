// A unit's state as a coloured label, the same words and colours on every screen (unit-state.ts).
import type { UnitState } from '../../src-main/shared/unit-state'
import { REJECTED_BY_VALIDATOR_LABEL, UNIT_STATE_LABELS } from '../../src-main/shared/unit-state'
import { useI18n } from '../i18n'

export function StateBadge({ state, byValidator = false }: { state: UnitState; byValidator?: boolean }) {
  const { loc } = useI18n()
  const label = state === 'rejected' && byValidator ? REJECTED_BY_VALIDATOR_LABEL : UNIT_STATE_LABELS[state]
  return <span className={`badge state-${state}`}>{loc(label)}</span>
}

export function SeverityBadge({ severity }: { severity: 'error' | 'warning' }) {
  const { t } = useI18n()
  return <span className={`badge sev-${severity}`}>{t(`severity_${severity}`)}</span>
}
