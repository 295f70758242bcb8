// A text a person reads, in Vietnamese first and English.
export type Localized = Readonly<{ vi: string; en: string }>

export type Lang = 'vi' | 'en'

export function pick(text: Localized, lang: Lang): string {
  return lang === 'en' ? text.en : text.vi
}
