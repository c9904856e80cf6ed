import { createI18n } from 'vue-i18n'
import de from './de'
import en from './en'

export type MessageSchema = typeof en
export const LOCALES = ['en', 'de'] as const
export type AppLocale = (typeof LOCALES)[number]

/** Intl locale tag used for money and dates under each app language. */
export const INTL_LOCALE: Record<AppLocale, string> = { en: 'en-GB', de: 'de-DE' }

export function createAppI18n(locale: string = 'en') {
  return createI18n<[MessageSchema], AppLocale>({
    legacy: false,
    locale: (LOCALES as readonly string[]).includes(locale) ? (locale as AppLocale) : 'en',
    fallbackLocale: 'en',
    messages: { en, de },
  })
}
