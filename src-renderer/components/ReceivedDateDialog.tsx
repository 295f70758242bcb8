// The date a batch or a file reached the office, set by the clerk: typed day first, checked, with
// what it means against the deadline before it is saved (lateness follows it everywhere).
import { useState } from 'react'
import { lateDaysOf } from '../../src-main/shared/clerk-date'
import { DateField, useDateText } from './DateField'
import { Modal } from './Modal'
import { SaveCancelButtons } from './SaveCancelButtons'
import { formatDate } from './dates'
import { useI18n } from '../i18n'
import { useApiQuery } from './use-api'
import { periodOfSeason } from './session'
import type { Season } from '../../src-main/shared/period'

/** The season's deadline, as its period list says. */
export function useSeasonDeadline(season: Season): string | null {
  const periods = useApiQuery('period.list', {})
  return periodOfSeason(periods.data, season)?.deadline ?? null
}

export function ReceivedDateDialog({
  title,
  what,
  initial,
  deadline,
  onSave,
  onClose,
}: {
  title: string
  /** what is dated: the batch, or the files of the units picked */
  what: string
  initial: string | null
  deadline: string | null
  /** saves the date (null: each file's own date); rejects with a message to show */
  onSave: (iso: string | null) => Promise<void>
  onClose: () => void
}) {
  const { t } = useI18n()
  const date = useDateText(initial)
  const [saving, setSaving] = useState(false)
  const save = async () => {
    if (date.iso === undefined || saving) return
    setSaving(true)
    try {
      await onSave(date.iso)
    } finally {
      setSaving(false)
    }
  }
  const late = deadline && date.iso ? lateDaysOf(deadline, date.iso) : null
  return (
    <Modal
      title={title}
      onClose={onClose}
      footer={
        <SaveCancelButtons
          onCancel={onClose}
          onSave={() => void save()}
          saveTestId="received-save"
          cancelTestId="received-cancel"
          saveDisabled={date.iso === undefined || saving}
        />
      }
    >
      <p>{what}</p>
      <DateField
        date={date}
        testId="received-date"
        label={t('colReceived')}
        autoFocus
        onEnter={() => void save()}
      />
      <p className="muted small">{t('receivedHint')}</p>
      {deadline && (
        <p data-testid="received-effect">
          {t('periodDeadline')}: {formatDate(deadline)}
          {date.iso === null
            ? ` · ${t('receivedFileDates')}`
            : late === null
              ? ''
              : ` · ${late > 0 ? t('receivedLate', { n: late }) : t('receivedOnTime')}`}
        </p>
      )}
    </Modal>
  )
}
