import { createI18n } from 'vue-i18n'
import en from './en'

export type MessageSchema = typeof en

export function createAppI18n(locale = 'en') {
  return createI18n<[MessageSchema], 'en'>({
    legacy: false,
    locale: locale === 'en' ? 'en' : 'en',
    fallbackLocale: 'en',
    messages: { en },
  })
}
