import { describe, expect, it } from 'vitest'
import { CAUSE_WORDS, MESSAGE_CODES, paramsOf, type MessageCode } from '@shared/messages'
import { createAppI18n } from './i18n'
import de from '@renderer/i18n/de'
import en from '@renderer/i18n/en'

/**
 * Every code main can send is worded in every language the app speaks, and no wording uses a
 * parameter the code does not carry (it would show as "{name}" on the till).
 */
const LANGUAGES = { en, de }
const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '')

describe.each(Object.entries(LANGUAGES))('codes worded in %s', (language, messages) => {
  const codes = messages.codes as Record<string, unknown>

  it.each(MESSAGE_CODES)('%s', (code) => {
    const text = codes[code]
    expect(typeof text === 'string' && text.trim() !== '', `${language} has no ${code}`).toBe(true)
    const carried = paramsOf(code)
    for (const name of placeholders(text as string)) {
      expect(carried, `${language} ${code} uses {${name}}`).toContain(name)
    }
  })

  it('every failure cause', () => {
    for (const cause of Object.keys(CAUSE_WORDS)) {
      expect(messages.codes.cause[cause as keyof typeof CAUSE_WORDS]).toBeTruthy()
    }
  })
})

describe('German wording', () => {
  it('is German, not a copy of the English', () => {
    const copied = MESSAGE_CODES.filter(
      (code) => code !== 'legacy_note' && de.codes[code] === en.codes[code],
    )
    expect(copied).toEqual([])
  })

  it('renders every code with its parameters, leaving no placeholder behind', () => {
    const i18n = createAppI18n('de')
    const t = i18n.global.t as (key: string, params: Record<string, string>) => string
    for (const code of MESSAGE_CODES) {
      const params = Object.fromEntries(paramsOf(code as MessageCode).map((p) => [p, `<${p}>`]))
      const text = t(`codes.${code}`, params)
      expect(text, code).not.toMatch(/\{\w+\}/)
      for (const name of placeholders(de.codes[code])) expect(text, code).toContain(`<${name}>`)
    }
  })
})
