// What every screen shares: the season being worked on (a form and a period) and a counter that
// moves whenever the season's data changes (an import finished, a decision was made), so screens
// reload.
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import type { ReactNode } from 'react'
import type { Season } from '../../src-main/shared/period'
import { api } from '../api/client'

type Session = Readonly<{
  season: Season | null
  setSeason: (s: Season | null) => void
  dataVersion: number
  touch: () => void
}>

const SessionContext = createContext<Session | null>(null)

/** The text a season is remembered and picked by: `child-work-2025/2025-Y`. */
export function seasonKey(s: Readonly<{ form: string; period: string }>): string {
  return `${s.form}/${s.period}`
}

/** The season a period of the list stands for: its form and its period. */
export function seasonOfPeriod(p: Readonly<{ id: string; templateId: string }>): Season {
  return { form: p.templateId, period: p.id } as Season
}

/** The period of the list that is the season, if the list holds it. */
export function periodOfSeason<P extends Readonly<{ id: string; templateId: string }>>(
  periods: readonly P[] | null | undefined,
  season: Season | null,
): P | undefined {
  return season ? periods?.find((p) => p.id === season.period && p.templateId === season.form) : undefined
}

export function seasonFromKey(key: string | null): Season | null {
  const m = key ? /^([a-z0-9][a-z0-9-]*)\/(\d{4}-[A-Z0-9]+)$/.exec(key) : null
  return m ? ({ form: m[1], period: m[2] } as Season) : null
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [season, setSeasonState] = useState<Season | null>(() => {
    try {
      return seasonFromKey(localStorage.getItem('sheaf.season'))
    } catch {
      return null
    }
  })
  const [dataVersion, setDataVersion] = useState(0)
  const setSeason = useCallback((s: Season | null) => {
    setSeasonState(s)
    try {
      if (s) localStorage.setItem('sheaf.season', seasonKey(s))
      else localStorage.removeItem('sheaf.season')
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
    () => ({ season, setSeason, dataVersion, touch }),
    [season, setSeason, dataVersion, touch],
  )
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
}

export function useSession(): Session {
  const v = useContext(SessionContext)
  if (!v) throw new Error('useSession outside SessionProvider')
  return v
}
