// The language of the interface: Vietnamese by default, English one click away, remembered.
import { createContext, useCallback, useContext, useMemo, useState } from 'react'
import type { ReactNode } from 'react'
import type { Lang, Localized } from '../../src-main/shared/localized'
import { en } from './en'
import type { MessageKey, Messages } from './vi'
import { vi } from './vi'

const TABLES: Record<Lang, Messages> = { vi, en }

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string

type I18n = Readonly<{
  lang: Lang
  setLang: (l: Lang) => void
  t: Translate
  /** pick the right half of a {vi, en} text from the engine */
  loc: (text: Localized | null | undefined) => string
  /** numbers the Vietnamese way (1.234,5) or the English way */
  num: (n: number | null | undefined, digits?: number) => string
}>

const I18nContext = createContext<I18n | null>(null)

function initialLang(): Lang {
  try {
    return localStorage.getItem('sheaf.lang') === 'en' ? 'en' : 'vi'
  } catch {
    return 'vi'
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang)
  const setLang = useCallback((l: Lang) => {
    setLangState(l)
    try {
      localStorage.setItem('sheaf.lang', l)
    } catch {
      // storage may be unavailable; the choice then lasts for the session
    }
    document.documentElement.lang = l
  }, [])
  const value = useMemo<I18n>(() => {
    const table = TABLES[lang]
    const fmt = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: 2 })
    return {
      lang,
      setLang,
      t: (key, params) => {
        let s = table[key]
        if (params) for (const [k, v] of Object.entries(params)) s = s.split(`{${k}}`).join(String(v))
        return s
      },
      loc: (text) => (text ? (lang === 'en' ? text.en : text.vi) : ''),
      num: (n, digits) => {
        if (n === null || n === undefined) return ''
        if (digits !== undefined)
          return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', {
            maximumFractionDigits: digits,
          }).format(n)
        return fmt.format(n)
      },
    }
  }, [lang, setLang])
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
}

export function useI18n(): I18n {
  const v = useContext(I18nContext)
  if (!v) throw new Error('useI18n outside I18nProvider')
  return v
}
