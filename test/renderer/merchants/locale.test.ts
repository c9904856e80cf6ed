import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import MerchantsSettings from '@renderer/components/merchants/MerchantsSettings.vue'
import { createAppI18n } from '../i18n'
import { installFakeApi } from '../fake-api'
import { ok, snapshot } from './fixtures'

describe('merchants screen in German', () => {
  it('speaks German, never shows message keys', async () => {
    installFakeApi({
      listMerchants: () => ok(snapshot()),
      onMerchantsChanged: () => () => undefined,
      listTerminals: () => ok({ merchantId: 'demo', terminals: [], offline: false }),
    })
    const wrapper = mount(MerchantsSettings, {
      global: { plugins: [createPinia(), createAppI18n('de')] },
    })
    await flushPromises()
    expect(wrapper.text()).toContain('Händler und API-Schlüssel')
    expect(wrapper.text()).toContain('Konfiguration auf eine andere Kasse übertragen')
    expect(wrapper.text()).not.toMatch(/keyState\.|transfer\.|add\.title/)
  })
})
