import { createI18n, type Composer } from 'vue-i18n'
import type en from './en'

export type MessageSchema = typeof en
export const LOCALES = ['en', 'de'] as const
export type AppLocale = (typeof LOCALES)[number]

/** Intl locale tag used for money and dates under each app language. */
export const INTL_LOCALE: Record<AppLocale, string> = { en: 'en-GB', de: 'de-DE' }

export const asAppLocale = (locale: string): AppLocale =>
  (LOCALES as readonly string[]).includes(locale) ? (locale as AppLocale) : 'en'

/**
 * One language's messages, loaded when it is first used: each language is its own chunk, so the
 * checkout starts with the one it speaks (German is complete by type, so English is not needed
 * beside it). The build turns them into precompiled messages (electron.vite.config.ts).
 */
export function loadMessages(locale: AppLocale): Promise<MessageSchema> {
  return locale === 'de'
    ? import('./de').then((m) => m.default)
    : import('./en').then((m) => m.default)
}

export function createAppI18n(locale: string, messages: Partial<Record<AppLocale, MessageSchema>>) {
  return createI18n<[MessageSchema], AppLocale>({
    legacy: false,
    locale: asAppLocale(locale),
    fallbackLocale: 'en',
    messages: messages as Record<AppLocale, MessageSchema>,
  })
}

/** Switches the app's language, loading its messages first when they are not there yet. */
export async function switchLocale(
  i18n: Pick<Composer, 'availableLocales' | 'setLocaleMessage' | 'locale'>,
  wanted: string,
): Promise<void> {
  const locale = asAppLocale(wanted)
  if (!i18n.availableLocales.includes(locale)) {
    i18n.setLocaleMessage(locale, await loadMessages(locale))
  }
  i18n.locale.value = locale
}
