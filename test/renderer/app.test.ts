import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { installCheckoutApi, mountApp } from './checkout/support'

afterEach(() => {
  document.body.innerHTML = ''
  localStorage.clear()
})

describe('App', () => {
  it('shows the name and version it gets over the contract', async () => {
    installCheckoutApi({
      overrides: {
        getAppInfo: async () => ({
          ok: true,
          data: { name: 'POS Companion', version: '9.8.7', dataDir: '/d', shell: 'browser' },
        }),
      },
    })
    const wrapper = await mountApp()
    expect(wrapper.get('[data-testid=app-name]').text()).toBe('POS Companion')
    expect(wrapper.get('[data-testid=app-version]').text()).toBe('Version 9.8.7')
    wrapper.unmount()
  })

  it('words the code when the contract answers with an error, never main’s English', async () => {
    installCheckoutApi({
      overrides: {
        getAppInfo: async () => ({
          ok: false,
          error: { code: 'internal', message: 'Disk is full.' },
        }),
      },
    })
    const wrapper = await mountApp()
    await flushPromises()
    expect(wrapper.get('[role=alert]').text()).toBe(
      'The app could not start: Something went wrong inside the app. Nothing was charged by this request; try again.',
    )
    wrapper.unmount()
  })

  it('shows the merchant and an unmistakable demo badge in the banner', async () => {
    installCheckoutApi()
    const wrapper = await mountApp()
    expect(wrapper.get('[data-testid=banner-merchant]').text()).toBe('Demo shop')
    expect(wrapper.get('[data-testid=banner-environment]').text()).toBe('Simulator')
    expect(wrapper.get('[data-testid=demo-badge]').text()).toBe('DEMO: no real money moves')
    wrapper.unmount()
  })

  it('switches merchants from the banner: live badge, its currency and its terminal', async () => {
    const api = installCheckoutApi({ second: true })
    const wrapper = await mountApp()
    await wrapper.get('[data-testid=merchant-switch]').setValue('m-cafe')
    await flushPromises()
    expect(api.activated).toEqual(['m-cafe'])
    expect(wrapper.find('[data-testid=demo-badge]').exists()).toBe(false)
    expect(wrapper.get('[data-testid=app-banner]').text()).toContain('LIVE payments')
    await wrapper.get('[data-testid=amount-input]').setValue('1500')
    expect(wrapper.get('[data-testid=amount-formatted]').text()).toBe('JP¥1,500')
    expect(wrapper.get('[data-testid=checkout-terminal]').text()).toBe('2222222222')
    wrapper.unmount()
  })

  it('switches screens with Alt+1..3', async () => {
    installCheckoutApi()
    const wrapper = await mountApp()
    window.dispatchEvent(new KeyboardEvent('keydown', { key: '3', altKey: true }))
    await flushPromises()
    expect(wrapper.find('[data-testid=checkout-prefs]').exists()).toBe(true)
    window.dispatchEvent(new KeyboardEvent('keydown', { key: '1', altKey: true }))
    await flushPromises()
    expect(wrapper.find('[data-testid=checkout-form]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('speaks German once German is picked, money included', async () => {
    installCheckoutApi()
    const wrapper = await mountApp()
    window.dispatchEvent(new KeyboardEvent('keydown', { key: '3', altKey: true }))
    await flushPromises()
    await wrapper.get('[data-testid=language]').setValue('de')
    window.dispatchEvent(new KeyboardEvent('keydown', { key: '1', altKey: true }))
    await flushPromises()
    const input = wrapper.get('[data-testid=amount-input]')
    await input.setValue('12,5')
    expect((input.element as HTMLInputElement).value).toBe('12,5')
    expect(wrapper.get('[data-testid="key-."]').text()).toBe(',')
    expect(wrapper.get('[data-testid=start-payment]').text()).toContain('12,50\u00a0€ kassieren')
    expect(wrapper.get('nav').text()).toContain('Verlauf')
    expect(document.documentElement.lang).toBe('de')
    wrapper.unmount()
  })
})

describe('terminal choice', () => {
  it('lets the cashier pick another terminal for this session from the board', async () => {
    const api = installCheckoutApi()
    const wrapper = await mountApp()
    await wrapper.get('[data-testid=terminal-1850025030] button').trigger('click')
    await wrapper.get('[data-testid=amount-input]').setValue('3')
    await wrapper.get('[data-testid=checkout-form]').trigger('submit')
    await flushPromises()
    expect(api.started[0]?.terminalSerial).toBe('1850025030')
    wrapper.unmount()
  })
})
