// A date typed as a clerk writes it (dd/mm/yyyy), not the browser's date picker, whose order follows
// the computer's language (an English Windows shows mm/dd/yyyy): what is typed is checked at once
// and the mistake said under the field.
import { useState } from 'react'
import type { ClerkDate } from '../../src-main/shared/clerk-date'
import { clerkDateText, parseClerkDate } from '../../src-main/shared/clerk-date'
import { useI18n } from '../i18n'

export type DateText = Readonly<{
  text: string
  setText: (s: string) => void
  parsed: ClerkDate
  /** the date to send: `YYYY-MM-DD`, null for none; undefined while the text is not a date */
  iso: string | null | undefined
}>

/** The text of a date field, starting from a stored date. */
export function useDateText(initial: string | null | undefined): DateText {
  const [text, setText] = useState(() => clerkDateText(initial))
  const parsed = parseClerkDate(text)
  return { text, setText, parsed, iso: parsed.ok ? parsed.iso : undefined }
}

export function DateField({
  date,
  testId,
  label,
  autoFocus,
  onEnter,
  inline,
}: {
  date: DateText
  testId: string
  label?: string
  autoFocus?: boolean
  onEnter?: () => void
  inline?: boolean
}) {
  const { t } = useI18n()
  const error = date.parsed.ok
    ? null
    : date.parsed.why === 'format'
      ? t('dateFormat')
      : t('dateNoSuchDay', { text: date.text.trim() })
  const input = (
    <input
      type="text"
      inputMode="numeric"
      className={`date-input${error ? ' invalid' : ''}`}
      data-testid={testId}
      placeholder={t('datePlaceholder')}
      value={date.text}
      autoFocus={autoFocus}
      aria-invalid={error !== null}
      aria-label={label}
      size={11}
      onChange={(e) => date.setText(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && onEnter) onEnter()
      }}
    />
  )
  return (
    <span className={`date-field${inline ? ' inline' : ''}`}>
      {label ? (
        <label className={inline ? 'inline' : 'block'}>
          {label}
          {input}
        </label>
      ) : (
        input
      )}
      {error && (
        <span className="field-error" role="alert" data-testid={`${testId}-error`}>
          {error}
        </span>
      )}
    </span>
  )
}
