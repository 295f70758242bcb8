// Periods and forms in words on every screen ("Năm 2025", the form's own name), never their codes.
import { useCallback } from 'react'
import { periodLabel } from '../../src-main/shared/period-label'
import { useI18n } from '../i18n'
import { useApiQuery } from './use-api'

/** The names of periods and forms in the interface's language. */
export function useNames(): Readonly<{
  period: (id: string) => string
  form: (templateId: string) => string
}> {
  const { loc } = useI18n()
  const info = useApiQuery('app.info', {})
  const templates = info.data?.templates
  const period = useCallback((id: string) => loc(periodLabel(id)), [loc])
  const form = useCallback(
    (templateId: string) => {
      const tpl = templates?.find((x) => x.id === templateId)
      return tpl ? loc(tpl.name) : templateId
    },
    [loc, templates],
  )
  return { period, form }
}
