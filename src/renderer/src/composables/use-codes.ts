import { useI18n } from 'vue-i18n'
import { isMessageCode, type MessageParams } from '@shared/messages'

/** Parameters whose values are codes themselves, and where their words live. */
const WORDED_PARAMS: Record<string, string> = {
  cause: 'codes.cause',
  copy: 'codes.copy',
  environment: 'banner.env',
  suggested: 'banner.env',
  operation: 'checkout.operations',
  command: 'terminals.commands',
}

/**
 * Words what main tells people (`{ code, params }`) in the app's language: `codes.<code>` in the
 * message files, with parameters that are codes themselves (a cause, a receipt copy, an
 * environment) worded too. Main's English `message` is never shown.
 */
export function useCodes() {
  const { t, te } = useI18n()
  function word(what: { code: string; params?: MessageParams } | null | undefined): string {
    if (!what) return ''
    const key = `codes.${what.code}`
    if (!isMessageCode(what.code) || !te(key)) return t('codes.unknown', { code: what.code })
    const params: MessageParams = { ...what.params }
    for (const [name, table] of Object.entries(WORDED_PARAMS)) {
      const value = params[name]
      if (typeof value === 'string' && te(`${table}.${value}`))
        params[name] = t(`${table}.${value}`)
    }
    return t(key, params)
  }
  return { word }
}
