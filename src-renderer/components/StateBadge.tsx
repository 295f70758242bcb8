// A submission's state as a coloured label, the same colours on every screen.
import type { SubmissionState } from '../../src-main/shared/api-types'
import { useI18n } from '../i18n'

export function StateBadge({ state }: { state: SubmissionState }) {
  const { t } = useI18n()
  return <span className={`badge state-${state}`}>{t(`state_${state}`)}</span>
}

export function SeverityBadge({ severity }: { severity: 'error' | 'warning' }) {
  const { t } = useI18n()
  return <span className={`badge sev-${severity}`}>{t(`severity_${severity}`)}</span>
}
