import { createAppI18n as create } from '@renderer/i18n'
import de from '@renderer/i18n/de'
import en from '@renderer/i18n/en'

/** The app's i18n with both languages loaded at once, as the tests need it. */
export function createAppI18n(locale = 'en') {
  return create(locale, { en, de })
}
