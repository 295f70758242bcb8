// A failed load shown in place, with its message in the user's language and a retry.
import type { Localized } from '../../src-main/shared/localized'
import { useI18n } from '../i18n'

export function ErrorBox({ error, onRetry }: { error: Localized; onRetry?: () => void }) {
  const { t, loc } = useI18n()
  return (
    <div className="error-box" role="alert">
      <strong>{t('errorTitle')}:</strong> {loc(error)}
      {onRetry && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  )
}
