// The window: a title bar with the period and the language switch, the six steps of a reporting
// season down the left, the current screen on the right.
import { useEffect, useRef, useState } from 'react'
import { useI18n } from './i18n'
import type { MessageKey } from './i18n/vi'
import { periodOfSeason, seasonFromKey, seasonKey, seasonOfPeriod, useSession } from './components/session'
import type { PeriodSummary } from '../src-main/shared/api-types'
import { useApiQuery } from './components/use-api'
import { useNames } from './components/names'
import { PeriodScreen } from './features/period/PeriodScreen'
import { StatusScreen } from './features/status/StatusScreen'
import { ImportScreen } from './features/import/ImportScreen'
import { ProblemsScreen } from './features/problems/ProblemsScreen'
import { ConsolidationScreen } from './features/consolidation/ConsolidationScreen'
import { ExportScreen } from './features/export/ExportScreen'

export type ScreenId = 'period' | 'status' | 'import' | 'problems' | 'consolidation' | 'export'

const SCREENS: ReadonlyArray<{ id: ScreenId; label: MessageKey }> = [
  { id: 'period', label: 'navPeriod' },
  { id: 'status', label: 'navStatus' },
  { id: 'import', label: 'navImport' },
  { id: 'problems', label: 'navProblems' },
  { id: 'consolidation', label: 'navConsolidation' },
  { id: 'export', label: 'navExport' },
]

/** The season of the latest period (the year, then the year's last kind), for a window opened without one. */
function latestSeason(periods: readonly PeriodSummary[]): PeriodSummary | null {
  const rank = (id: string) => `${id.slice(0, 4)}${id.endsWith('-Y') ? 'Z' : id.slice(5)}`
  return periods.reduce<PeriodSummary | null>(
    (best, p) => (best === null || rank(p.id) > rank(best.id) ? p : best),
    null,
  )
}

function screenFromHash(): ScreenId {
  const h = window.location.hash.replace(/^#\/?/, '')
  return SCREENS.some((s) => s.id === h) ? (h as ScreenId) : 'period'
}

export function App() {
  const { t, loc, lang, setLang } = useI18n()
  const { season, setSeason } = useSession()
  const [screen, setScreen] = useState<ScreenId>(screenFromHash)
  const periods = useApiQuery('period.list', {})
  const names = useNames()

  useEffect(() => {
    const onHash = () => setScreen(screenFromHash())
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])
  useEffect(() => {
    document.documentElement.lang = lang
  }, [lang])
  // a file dropped outside the import area must not replace the page with the file
  useEffect(() => {
    const stop = (e: DragEvent) => e.preventDefault()
    window.addEventListener('dragover', stop)
    window.addEventListener('drop', stop)
    return () => {
      window.removeEventListener('dragover', stop)
      window.removeEventListener('drop', stop)
    }
  }, [])
  // once, at start: a remembered season that does not exist in this database is forgotten, and
  // with none remembered (another browser, a new address) the latest season is opened
  const checked = useRef(false)
  useEffect(() => {
    if (!periods.data || checked.current) return
    checked.current = true
    if (periodOfSeason(periods.data, season)) return
    const latest = latestSeason(periods.data)
    setSeason(latest ? seasonOfPeriod(latest) : null)
  }, [periods.data, season, setSeason])

  const go = (id: ScreenId) => {
    window.location.hash = `/${id}`
    setScreen(id)
  }
  const current = periodOfSeason(periods.data, season)
  // the window's title names the season's form by the pack's own name
  const title = current ? `${t('appName')} – ${loc(current.formName)} · ${names.period(current.id)}` : null
  useEffect(() => {
    document.title = title ?? `${t('appName')} – ${t('appSubtitle')}`
  }, [title, t])

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            S
          </span>
          <div>
            <div className="brand-name">{t('appName')}</div>
            <div className="brand-sub" data-testid="form-name">
              {current ? loc(current.formName) : t('appSubtitle')}
            </div>
          </div>
        </div>
        <div className="topbar-right">
          <label className="period-picker">
            <span>{t('periodLabel')}</span>
            <select
              data-testid="period-select"
              value={season ? seasonKey(season) : ''}
              onChange={(e) => setSeason(seasonFromKey(e.target.value))}
            >
              <option value="">{t('noPeriod')}</option>
              {periods.data?.map((p) => (
                <option key={seasonKey(seasonOfPeriod(p))} value={seasonKey(seasonOfPeriod(p))}>
                  {names.period(p.id)} · {loc(p.formName)}
                </option>
              ))}
            </select>
          </label>
          {current && (
            <span className="period-progress" title={t('periodAccepted')}>
              {current.acceptedCount}/{current.unitCount}
            </span>
          )}
          <button
            type="button"
            className="btn btn-lang"
            data-testid="lang-toggle"
            title={t('languageTitle')}
            onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}
          >
            {t('language')}
          </button>
        </div>
      </header>
      <nav className="sidebar" aria-label="Sheaf">
        {SCREENS.map((s, i) => (
          <button
            key={s.id}
            type="button"
            data-testid={`nav-${s.id}`}
            className={`nav-item${screen === s.id ? ' active' : ''}`}
            onClick={() => go(s.id)}
          >
            <span className="nav-step">{i + 1}</span>
            <span>{t(s.label)}</span>
          </button>
        ))}
      </nav>
      <main className="content">
        {screen === 'period' && <PeriodScreen onPeriodsChanged={periods.reload} />}
        {screen !== 'period' && !season && (
          <div className="empty-state">
            <p>{t('importNoPeriod')}</p>
            <button type="button" className="btn btn-primary" onClick={() => go('period')}>
              {t('navPeriod')}
            </button>
          </div>
        )}
        {season && screen === 'status' && <StatusScreen season={season} />}
        {season && screen === 'import' && <ImportScreen season={season} />}
        {season && screen === 'problems' && <ProblemsScreen season={season} />}
        {season && screen === 'consolidation' && <ConsolidationScreen season={season} />}
        {season && screen === 'export' && <ExportScreen season={season} />}
      </main>
    </div>
  )
}
