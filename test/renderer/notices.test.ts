import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import type { AppNotice } from '@shared/contract'
import { ENGLISH_MESSAGES } from '@shared/messages'
import { createAppI18n } from './i18n'
import { installCheckoutApi, mountApp } from './checkout/support'

afterEach(() => {
  document.body.innerHTML = ''
  localStorage.clear()
})

const DAMAGED: AppNotice = {
  id: 'notice-1',
  code: 'merchants_file_damaged',
  params: { movedTo: '/data/merchants.json.corrupt-2026-11-30T10-15-00-000Z' },
  level: 'error',
  at: 1,
}

describe('the notice banner', () => {
  it('shows notices main raised before the window opened, worded from their code', async () => {
    installCheckoutApi({ notices: [DAMAGED] })
    const wrapper = await mountApp()
    const notice = wrapper.get('[data-testid=notice]')
    expect(notice.attributes('data-code')).toBe('merchants_file_damaged')
    expect(notice.text()).toContain(
      'Problem: The merchants settings file is damaged, so it was moved aside to ' +
        '/data/merchants.json.corrupt-2026-11-30T10-15-00-000Z and the app started without merchants.',
    )
    wrapper.unmount()
  })

  it('announces a notice that arrives later through a polite live region', async () => {
    const api = installCheckoutApi()
    const wrapper = await mountApp()
    const region = wrapper.get('[data-testid=notices]')
    expect(region.attributes('aria-live')).toBe('polite')
    expect(wrapper.findAll('[data-testid=notice]')).toHaveLength(0)
    await api.notify({
      id: 'notice-2',
      code: 'receipt_record_damaged',
      params: { paymentId: 'p-77', movedTo: '/data/receipts/p-77/meta.json.corrupt-1' },
      level: 'warning',
      at: 2,
    })
    // Added inside the region that was already on the page, so it is read out.
    expect(region.get('[data-testid=notice]').text()).toContain(
      'Warning: The stored receipts of payment p-77 could not be read',
    )
    wrapper.unmount()
  })

  it('is dismissed with its button: gone here, forgotten by main, focus kept', async () => {
    const second: AppNotice = { ...DAMAGED, id: 'notice-3', code: 'print_settings_file_damaged' }
    const api = installCheckoutApi({ notices: [DAMAGED, second] })
    const wrapper = await mountApp()
    const buttons = wrapper.findAll('[data-testid=notice-dismiss]')
    expect(buttons[0]!.attributes('aria-describedby')).toBe('notice-text-notice-1')
    await buttons[0]!.trigger('click')
    await flushPromises()
    expect(api.dismissed).toEqual(['notice-1'])
    expect(wrapper.findAll('[data-testid=notice]').map((n) => n.attributes('data-code'))).toEqual([
      'print_settings_file_damaged',
    ])
    expect(document.activeElement).toBe(wrapper.get('[data-testid=notice-dismiss]').element)
    await wrapper.get('[data-testid=notice-dismiss]').trigger('click')
    await flushPromises()
    expect(wrapper.findAll('[data-testid=notice]')).toHaveLength(0)
    expect(document.activeElement?.id).toBe('main')
    wrapper.unmount()
  })

  it('speaks German when the app does', async () => {
    localStorage.setItem('pos-companion.checkout-settings', JSON.stringify({ locale: 'de' }))
    installCheckoutApi({ notices: [DAMAGED] })
    const wrapper = await mountApp()
    expect(wrapper.get('[data-testid=notice]').text()).toContain(
      'Problem: Die Datei mit den Händlereinstellungen ist beschädigt',
    )
    expect(wrapper.get('[data-testid=notice-dismiss]').text()).toBe('Schließen')
    wrapper.unmount()
  })
})

describe('notice wording', () => {
  const params = (template: string) =>
    Object.fromEntries([...template.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name, `<${name}>`]))

  const NOTICE_CODES = [
    'merchants_file_damaged',
    'merchants_file_newer',
    'app_settings_file_damaged',
    'print_settings_file_damaged',
    'receipt_record_damaged',
  ] as const
  it.each(NOTICE_CODES)(
    '%s has English and German words with every parameter filled in',
    (code) => {
      const english = ENGLISH_MESSAGES[code]
      const values = params(english)
      for (const locale of ['en', 'de'] as const) {
        const text = createAppI18n(locale).global.t(`codes.${code}`, values)
        expect(text).not.toBe(`codes.${code}`)
        for (const value of Object.values(values)) expect(text).toContain(value)
        expect(text).not.toMatch(/[{}]/)
      }
    },
  )
})
