import { useI18n } from 'vue-i18n'
import type { MessageParams } from '@shared/messages'
import { isSupportedCurrency, minorFromDecimal } from '@shared/money'
import { INTL_LOCALE, type AppLocale } from '../i18n'
import { formatMinor } from '../lib/money'

/** Parameters whose values are codes themselves, and where their words live. */
const WORDED_PARAMS: Record<string, string> = {
  cause: 'codes.cause',
  copy: 'codes.copy',
  environment: 'banner.env',
  suggested: 'banner.env',
  operation: 'checkout.operations',
  command: 'terminals.commands',
}

/** Keys of the codes table that are not codes main sends (tables and the fallback text). */
const NOT_CODES = new Set(['cause', 'copy', 'unknown'])

/** Amounts main sends as decimals beside a `currency` ("12.50"), written as money here. */
const MONEY_PARAMS = ['remaining', 'ceiling', 'amount'] as const

/**
 * Words what main tells people (`{ code, params }`) in the app's language: `codes.<code>` in the
 * message files, with parameters that are codes themselves (a cause, a receipt copy, an
 * environment) worded too. Main's English `message` is never shown.
 */
export function useCodes() {
  const { t, te, locale } = useI18n()
  function asMoney(params: MessageParams): void {
    const currency = params['currency']
    if (typeof currency !== 'string' || !isSupportedCurrency(currency)) return
    const intl = INTL_LOCALE[locale.value as AppLocale] ?? 'en-GB'
    for (const name of MONEY_PARAMS) {
      const value = params[name]
      if (typeof value !== 'string') continue
      try {
        params[name] = formatMinor(String(minorFromDecimal(value, currency)), currency, intl)
      } catch {
        // Not a decimal of that currency: shown as main sent it.
      }
    }
  }
  function word(what: { code: string; params?: MessageParams } | null | undefined): string {
    if (!what) return ''
    const key = `codes.${what.code}`
    // The message files know every code this version words (the coverage test keeps them
    // complete), so the screen needs no copy of main's English catalogue.
    if (NOT_CODES.has(what.code) || !te(key)) return t('codes.unknown', { code: what.code })
    const params: MessageParams = { ...what.params }
    for (const [name, table] of Object.entries(WORDED_PARAMS)) {
      const value = params[name]
      if (typeof value === 'string' && te(`${table}.${value}`))
        params[name] = t(`${table}.${value}`)
    }
    asMoney(params)
    return t(key, params)
  }
  return { word }
}
