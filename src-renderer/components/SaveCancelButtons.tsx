// The footer of every dialog that edits one thing: Hủy closes it unchanged, Lưu saves. One place, so
// that the two buttons stand in the same order, look and wording in each dialog.
import { useI18n } from '../i18n'

export function SaveCancelButtons({
  onCancel,
  onSave,
  saveTestId,
  cancelTestId,
  saveDisabled,
  saveClassName = 'btn-primary',
}: {
  onCancel: () => void
  onSave: () => void
  saveTestId: string
  cancelTestId?: string
  saveDisabled?: boolean
  /** the save button's look: primary, or the colour of what saving does (accept, reject) */
  saveClassName?: string
}) {
  const { t } = useI18n()
  return (
    <>
      <button type="button" className="btn" data-testid={cancelTestId} onClick={onCancel}>
        {t('cancel')}
      </button>
      <button
        type="button"
        className={`btn ${saveClassName}`}
        data-testid={saveTestId}
        disabled={saveDisabled}
        onClick={onSave}
      >
        {t('save')}
      </button>
    </>
  )
}
