// What every screen shares: the period being worked on and a counter that moves whenever the
// period's data changes (an import finished, a decision was made), so screens reload.
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import type { ReactNode } from 'react'
import { api } from '../api/client'

type Session = Readonly<{
  period: string | null
  setPeriod: (p: string | null) => void
  dataVersion: number
  touch: () => void
}>

const SessionContext = createContext<Session | null>(null)

export function SessionProvider({ children }: { children: ReactNode }) {
  const [period, setPeriodState] = useState<string | null>(() => {
    try {
      return localStorage.getItem('sheaf.period')
    } catch {
      return null
    }
  })
  const [dataVersion, setDataVersion] = useState(0)
  const setPeriod = useCallback((p: string | null) => {
    setPeriodState(p)
    try {
      if (p) localStorage.setItem('sheaf.period', p)
      else localStorage.removeItem('sheaf.period')
    } catch {
      // not remembered across restarts then
    }
  }, [])
  const touch = useCallback(() => setDataVersion((v) => v + 1), [])
  useEffect(
    () =>
      api.onEvent((e) => {
        if (e.type === 'data.changed' || e.type === 'import.finished') touch()
      }),
    [touch],
  )
  const value = useMemo(
    () => ({ period, setPeriod, dataVersion, touch }),
    [period, setPeriod, dataVersion, touch],
  )
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
}

export function useSession(): Session {
  const v = useContext(SessionContext)
  if (!v) throw new Error('useSession outside SessionProvider')
  return v
}
