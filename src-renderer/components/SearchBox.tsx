// The quick-filter box above every grid.
import { useI18n } from '../i18n'

export function SearchBox(
  props: Readonly<{ value: string; onChange: (v: string) => void; testId?: string }>,
) {
  const { t } = useI18n()
  return (
    <input
      className="search"
      {...(props.testId ? { 'data-testid': props.testId } : {})}
      placeholder={t('search')}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
    />
  )
}
