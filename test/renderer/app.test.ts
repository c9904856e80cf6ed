import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import App from '@renderer/App.vue'
import { createAppI18n } from '@renderer/i18n'
import { installFakeApi } from './fake-api'

function mountApp() {
  return mount(App, { global: { plugins: [createPinia(), createAppI18n()] } })
}

describe('App', () => {
  it('shows the name and version it gets over the contract', async () => {
    installFakeApi({
      getAppInfo: async () => ({
        ok: true,
        data: { name: 'POS Companion', version: '9.8.7', dataDir: '/d', shell: 'browser' },
      }),
    })
    const wrapper = mountApp()
    await flushPromises()
    expect(wrapper.get('[data-testid=app-name]').text()).toBe('POS Companion')
    expect(wrapper.get('[data-testid=app-version]').text()).toBe('Version 9.8.7')
  })

  it('says in words when the contract answers with an error', async () => {
    installFakeApi({
      getAppInfo: async () => ({ ok: false, error: { code: 'internal', message: 'Disk is full.' } }),
    })
    const wrapper = mountApp()
    await flushPromises()
    expect(wrapper.get('[role=alert]').text()).toBe('The app could not start: Disk is full.')
  })
})
