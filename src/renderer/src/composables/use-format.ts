import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import { INTL_LOCALE, type AppLocale } from '../i18n'
import { formatMinor } from '../lib/money'
import { useMerchantsStore } from '../stores/merchants'

/** 30.11.2026, 20:04:05 (de) and 30/11/2026, 20:04:05 (en): the year in full, as on a receipt. */
const DATE_TIME: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
}

/** Formatters by kind and locale: building one costs far more than using it. */
const formatters = new Map<string, { format(value: number): string }>()
function cached(key: string, make: () => { format(value: number): string }) {
  let formatter = formatters.get(key)
  if (!formatter) formatters.set(key, (formatter = make()))
  return formatter
}
const DATE_TIME_OF = (intl: string) => () => new Intl.DateTimeFormat(intl, DATE_TIME)
const TIME_OF = (intl: string) => () => new Intl.DateTimeFormat(intl, { timeStyle: 'medium' })
const PERCENT_OF = (intl: string) => () => new Intl.NumberFormat(intl, { style: 'percent' })

/** Money and time formatting in the app's language and the active merchant's currency. */
export function useFormat() {
  const { locale } = useI18n()
  const merchants = useMerchantsStore()
  const currency = computed(() => merchants.activeMerchant?.currency ?? 'EUR')
  const intl = computed(() => INTL_LOCALE[locale.value as AppLocale] ?? 'en-GB')
  const money = (minor: string | undefined, cur?: string): string =>
    formatMinor(minor, cur ?? currency.value, intl.value)
  const dateTime = (ms: number | undefined): string =>
    ms === undefined ? '—' : cached(`dateTime:${intl.value}`, DATE_TIME_OF(intl.value)).format(ms)
  const time = (ms: number): string => cached(`time:${intl.value}`, TIME_OF(intl.value)).format(ms)
  /** 10 % in German, 10% in English. */
  const percent = (whole: number): string =>
    cached(`percent:${intl.value}`, PERCENT_OF(intl.value)).format(whole / 100)
  /** "1:05" style elapsed clock. */
  const elapsed = (ms: number): string => {
    const s = Math.max(0, Math.floor(ms / 1000))
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
  }
  return { currency, intl, money, dateTime, time, percent, elapsed }
}
