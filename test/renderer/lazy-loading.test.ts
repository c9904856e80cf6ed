import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import App from '@renderer/App.vue'
import { createAppI18n, loadMessages } from '@renderer/i18n'
import de from '@renderer/i18n/de'
import en from '@renderer/i18n/en'
import { installCheckoutApi } from './checkout/support'

afterEach(() => {
  document.body.innerHTML = ''
  localStorage.clear()
})

/** The app as it starts: English only, no screen but the checkout loaded yet. */
async function startApp() {
  vi.useRealTimers()
  installCheckoutApi()
  const wrapper = mount(App, {
    global: { plugins: [createPinia(), createAppI18n('en', { en })] },
    attachTo: document.body,
  })
  await flushPromises()
  return wrapper
}

describe('what the checkout loads when', () => {
  it('loads History, Settings and Day when first opened', async () => {
    const wrapper = await startApp()
    expect(wrapper.find('[data-testid=checkout-form]').exists()).toBe(true)
    window.dispatchEvent(new KeyboardEvent('keydown', { key: '2', altKey: true }))
    await vi.waitFor(async () => {
      await flushPromises()
      expect(wrapper.find('[data-testid=history-filters]').exists()).toBe(true)
    })
    window.dispatchEvent(new KeyboardEvent('keydown', { key: '3', altKey: true }))
    await vi.waitFor(async () => {
      await flushPromises()
      expect(wrapper.find('[data-testid=checkout-prefs]').exists()).toBe(true)
    })
    window.dispatchEvent(new KeyboardEvent('keydown', { key: '4', altKey: true }))
    await vi.waitFor(async () => {
      await flushPromises()
      expect(wrapper.find('[data-testid=day-view]').exists()).toBe(true)
    })
    wrapper.unmount()
  })

  it('loads German when it is picked, and speaks it', async () => {
    const wrapper = await startApp()
    window.dispatchEvent(new KeyboardEvent('keydown', { key: '3', altKey: true }))
    await vi.waitFor(async () => {
      await flushPromises()
      expect(wrapper.find('[data-testid=language]').exists()).toBe(true)
    })
    await wrapper.get('[data-testid=language]').setValue('de')
    await vi.waitFor(async () => {
      await flushPromises()
      expect(wrapper.get('nav').text()).toContain('Verlauf')
    })
    expect(document.documentElement.lang).toBe('de')
    wrapper.unmount()
  })

  it('loads each language whole', async () => {
    expect(await loadMessages('en')).toEqual(en)
    expect(await loadMessages('de')).toEqual(de)
  })
})
