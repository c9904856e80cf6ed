import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import DateField from '@renderer/components/common/DateField.vue'
import { createAppI18n } from './i18n'
import { datePattern, formatIsoDate, parseTypedDate } from '@renderer/lib/dates'
import { buildQuery } from '@renderer/stores/history'

describe('dates typed in the app language', () => {
  it('reads the order and separator of each language', () => {
    expect(datePattern('de-DE')).toEqual({ order: ['day', 'month', 'year'], separator: '.' })
    expect(datePattern('en-GB')).toEqual({ order: ['day', 'month', 'year'], separator: '/' })
    expect(datePattern('en-US').order).toEqual(['month', 'day', 'year'])
  })

  it('shows and parses German and English dates, day first, never the browser order', () => {
    expect(formatIsoDate('2026-11-30', 'de-DE')).toBe('30.11.2026')
    expect(formatIsoDate('2026-11-30', 'en-GB')).toBe('30/11/2026')
    expect(parseTypedDate('30.11.2026', 'de-DE')).toBe('2026-11-30')
    expect(parseTypedDate('1.2.26', 'de-DE')).toBe('2026-02-01')
    expect(parseTypedDate('01/02/2026', 'en-GB')).toBe('2026-02-01')
    expect(parseTypedDate('2026-02-01', 'de-DE')).toBe('2026-02-01')
  })

  it('refuses what is not a real day', () => {
    for (const text of ['31.11.2026', '30.13.2026', '12/31/2026', '3.4', 'heute', '1.2.202']) {
      expect(parseTypedDate(text, text.includes('/') ? 'en-GB' : 'de-DE'), text).toBeUndefined()
    }
  })

  it('a history search flags a date that is not one instead of dropping it', () => {
    const base = { status: '', amount: '', lastFour: '', reference: '', terminal: '' }
    const { invalid } = buildQuery({ ...base, from: '31.11.2026', to: '2026-11-30' }, 'm', 'EUR')
    expect(invalid).toEqual(['from'])
  })

  it('the field speaks German in German, whatever the browser says, and hands out ISO', async () => {
    const value = ref('2026-11-30')
    const Host = defineComponent({
      setup: () => () =>
        h(DateField, {
          id: 'd',
          modelValue: value.value,
          'onUpdate:modelValue': (v: string) => (value.value = v),
        }),
    })
    const i18n = createAppI18n('de')
    const wrapper = mount(Host, { global: { plugins: [createPinia(), i18n] } })
    const input = wrapper.get('input')
    expect(input.attributes('type')).toBeUndefined()
    expect((input.element as HTMLInputElement).value).toBe('30.11.2026')
    expect(input.attributes('placeholder')).toBe('TT.MM.JJJJ')
    await input.setValue('1.12.2026')
    expect(value.value).toBe('2026-12-01')
    await input.trigger('blur')
    expect((input.element as HTMLInputElement).value).toBe('01.12.2026')
    await input.setValue('32.12.2026')
    expect(value.value).toBe('32.12.2026')
    ;(i18n.global.locale as unknown as { value: string }).value = 'en'
    value.value = '2026-12-01'
    await flushPromises()
    expect((input.element as HTMLInputElement).value).toBe('01/12/2026')
    expect(input.attributes('placeholder')).toBe('dd/mm/yyyy')
  })
})
