// Entry of the page: providers (language, session, notices) around the application.
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import './components/grid-setup'
import './styles.css'
import { App } from './App'
import { I18nProvider } from './i18n'
import { SessionProvider } from './components/session'
import { NotifyProvider } from './components/notify'

const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StrictMode>
      <I18nProvider>
        <SessionProvider>
          <NotifyProvider>
            <App />
          </NotifyProvider>
        </SessionProvider>
      </I18nProvider>
    </StrictMode>,
  )
}
