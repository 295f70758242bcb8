// Short messages after an action (saved, written, failed), stacked at the bottom right. They go
// away by themselves, soon, and never more than a few at once: they sit over the grids' last rows.
import { createContext, useCallback, useContext, useMemo, useState } from 'react'
import type { ReactNode } from 'react'
import { errorText } from '../api/client'
import { useI18n } from '../i18n'

type Notice = { id: number; kind: 'ok' | 'error' | 'info'; text: string }
type Notify = (kind: Notice['kind'], text: string) => void

const NotifyContext = createContext<Notify>(() => undefined)

let nextId = 1

/** how long a notice stays: long enough to read a sentence; an error a little longer */
const NOTICE_MS = { ok: 4000, info: 4000, error: 6000 } as const
const MAX_NOTICES = 3

export function NotifyProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([])
  const notify = useCallback<Notify>((kind, text) => {
    const id = nextId++
    setNotices((n) => [...n.slice(-(MAX_NOTICES - 1)), { id, kind, text }])
    setTimeout(() => setNotices((n) => n.filter((x) => x.id !== id)), NOTICE_MS[kind])
  }, [])
  const dismiss = (id: number) => setNotices((n) => n.filter((x) => x.id !== id))
  const value = useMemo(() => notify, [notify])
  return (
    <NotifyContext.Provider value={value}>
      {children}
      <div className="notices" aria-live="polite">
        {notices.map((n) => (
          <div
            key={n.id}
            className={`notice notice-${n.kind}`}
            role={n.kind === 'error' ? 'alert' : 'status'}
            onClick={() => dismiss(n.id)}
          >
            {n.text}
          </div>
        ))}
      </div>
    </NotifyContext.Provider>
  )
}

export function useNotify(): Notify {
  return useContext(NotifyContext)
}

/** Tells the clerk why a call failed, in the page's language: what every screen does when one does. */
export function useNotifyError(): (e: unknown) => void {
  const notify = useNotify()
  const { loc } = useI18n()
  return useCallback((e: unknown) => notify('error', loc(errorText(e))), [notify, loc])
}
