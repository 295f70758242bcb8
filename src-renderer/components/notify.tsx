// Short messages after an action (saved, written, failed), stacked at the bottom right.
import { createContext, useCallback, useContext, useMemo, useState } from 'react'
import type { ReactNode } from 'react'

type Notice = { id: number; kind: 'ok' | 'error' | 'info'; text: string }
type Notify = (kind: Notice['kind'], text: string) => void

const NotifyContext = createContext<Notify>(() => undefined)

let nextId = 1

export function NotifyProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([])
  const notify = useCallback<Notify>((kind, text) => {
    const id = nextId++
    setNotices((n) => [...n.slice(-3), { id, kind, text }])
    setTimeout(() => setNotices((n) => n.filter((x) => x.id !== id)), kind === 'error' ? 9000 : 4500)
  }, [])
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
