import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { describe, expect, it, vi } from 'vitest'
import MerchantsSettings from '@renderer/components/merchants/MerchantsSettings.vue'
import { createAppI18n } from '../i18n'
import { installFakeApi } from '../fake-api'
import { demo, fail, merchant, ok, snapshot } from './fixtures'

function mountSettings() {
  return mount(MerchantsSettings, { global: { plugins: [createPinia(), createAppI18n()] } })
}

const base = {
  onMerchantsChanged: () => () => undefined,
  listTerminals: () => ok({ merchantId: 'demo', terminals: [], offline: false }),
}

describe('MerchantsSettings', () => {
  it('shows each merchant with its state, the demo labelled, and only the masked key hint', async () => {
    installFakeApi({
      ...base,
      listMerchants: () =>
        ok(
          snapshot({
            merchants: [
              demo,
              merchant(),
              merchant({
                id: 'm-2',
                name: 'Clinic',
                keyState: 'needs-reentry',
                keyHint: undefined,
              }),
            ],
          }),
        ),
    })
    const wrapper = mountSettings()
    await flushPromises()
    expect(wrapper.get('[data-testid=merchant-demo]').text()).toContain('Demo')
    expect(wrapper.get('[data-testid=merchant-demo]').text()).toContain('No real money moves')
    expect(wrapper.get('[data-testid=merchant-m-1] [data-testid=key-state]').text()).toBe(
      'API key stored •••• A1b2',
    )
    expect(wrapper.get('[data-testid=merchant-m-2] [data-testid=key-state]').text()).toContain(
      'Re-enter it below',
    )
    expect(wrapper.get('[data-testid=storage-backend]').text()).toContain('gnome_libsecret')
  })

  it('on basic_text asks for consent and sends it to main', async () => {
    const acceptInsecureStorage = vi.fn(() =>
      ok({ backend: 'basic_text', weak: true, insecureAccepted: true, canStore: true }),
    )
    installFakeApi({
      ...base,
      acceptInsecureStorage,
      listMerchants: () =>
        ok(
          snapshot({
            storage: {
              backend: 'basic_text',
              weak: true,
              insecureAccepted: false,
              canStore: false,
            },
          }),
        ),
    })
    const wrapper = mountSettings()
    await flushPromises()
    expect(wrapper.get('[data-testid=storage-weak]').text()).toContain('only obfuscate')
    expect(wrapper.get('[data-testid=add-submit]').attributes('disabled')).toBeDefined()
    await wrapper.get('[data-testid=accept-risk]').trigger('click')
    await flushPromises()
    expect(acceptInsecureStorage).toHaveBeenCalledWith({ accepted: true })
    expect(wrapper.find('[data-testid=storage-weak]').exists()).toBe(false)
    expect(wrapper.get('[data-testid=add-submit]').attributes('disabled')).toBeUndefined()
  })

  it('adds a merchant with a password-type key field and words main’s refusal', async () => {
    const addMerchant = vi
      .fn()
      .mockReturnValueOnce(
        fail('key_wrong_environment', { environment: 'production', suggested: 'development' }),
      )
      .mockReturnValueOnce(ok(merchant({ id: 'm-9', name: 'Kiosk' })))
    installFakeApi({ ...base, addMerchant, listMerchants: () => ok(snapshot()) })
    const wrapper = mountSettings()
    await flushPromises()
    const form = wrapper.get('[data-testid=add-merchant]')
    await form.get('#add-name').setValue('Kiosk')
    expect(form.get('[data-testid=add-key]').attributes('type')).toBe('password')
    await form.get('[data-testid=add-key]').setValue('key-devel-0000000000000000000D5e6')
    await form.trigger('submit')
    await flushPromises()
    expect(addMerchant).toHaveBeenCalledWith({
      name: 'Kiosk',
      environment: 'production',
      currency: 'EUR',
      apiKey: 'key-devel-0000000000000000000D5e6',
    })
    expect(wrapper.get('[data-testid=add-error]').text()).toBe(
      'This key is not valid on Production, but it works on Development. Choose that environment and add the merchant again.',
    )
    await form.trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid=add-done]').text()).toContain('Kiosk was added')
    expect((form.get('[data-testid=add-key]').element as HTMLInputElement).value).toBe('')
    expect(wrapper.find('[data-testid=merchant-m-9]').exists()).toBe(true)
  })

  it('asks before a new merchant takes payments here, warning when real money would move', async () => {
    const setActiveMerchant = vi.fn(({ id }: { id: string }) => ok({ activeMerchantId: id }))
    const addMerchant = vi.fn(() => ok(merchant({ id: 'm-9', name: 'Kiosk' })))
    installFakeApi({ ...base, addMerchant, setActiveMerchant, listMerchants: () => ok(snapshot()) })
    const wrapper = mount(MerchantsSettings, {
      global: { plugins: [createPinia(), createAppI18n()] },
      attachTo: document.body,
    })
    await flushPromises()
    const form = wrapper.get('[data-testid=add-merchant]')
    const dialog = () => wrapper.get('[data-testid=switch-merchant-dialog]')
    const add = async () => {
      await form.get('#add-name').setValue('Kiosk')
      await form.get('[data-testid=add-key]').setValue('key-alpha-0000000000000000000A1b2')
      await form.trigger('submit')
      await flushPromises()
    }
    await add()
    expect((dialog().element as HTMLDialogElement).open).toBe(true)
    expect(dialog().text()).toContain('Take payments for Kiosk now?')
    expect(dialog().text()).toContain('This checkout takes payments for Demo shop')
    expect(dialog().text()).toContain('Kiosk takes live payments: real money moves.')
    // Nothing switched on its own; the safe answer has the focus.
    expect(setActiveMerchant).not.toHaveBeenCalled()
    expect(document.activeElement?.getAttribute('data-testid')).toBe('dialog-cancel')
    await dialog().get('[data-testid=dialog-cancel]').trigger('click')
    await flushPromises()
    expect((dialog().element as HTMLDialogElement).open).toBe(false)
    expect(setActiveMerchant).not.toHaveBeenCalled()

    await add()
    await dialog().get('[data-testid=dialog-confirm]').trigger('click')
    await flushPromises()
    expect(setActiveMerchant).toHaveBeenCalledWith({ id: 'm-9' })
    expect((dialog().element as HTMLDialogElement).open).toBe(false)
    wrapper.unmount()
  })

  it('a refresh while offline says which time the terminals are from', async () => {
    installFakeApi({
      ...base,
      listMerchants: () => ok(snapshot({ merchants: [merchant()], activeMerchantId: 'm-1' })),
      listTerminals: () =>
        ok({
          merchantId: 'm-1',
          terminals: [{ serialNumber: '111', terminalType: 'PAXA920' }],
          fetchedAt: 1_760_000_000_000,
          offline: true,
        }),
    })
    const wrapper = mountSettings()
    await flushPromises()
    await wrapper.get('[data-testid=merchant-m-1] [data-testid=refresh]').trigger('click')
    await flushPromises()
    const text = wrapper.get('[data-testid=terminals-offline]').text()
    expect(text).toContain('Offline: showing terminals as of')
    // In the app's language (English is en-GB: day first), never the browser's own locale.
    const appFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'short', timeStyle: 'medium' })
    expect(text).toContain(appFormat.format(1_760_000_000_000))
  })

  it('removal asks first, then removes through main', async () => {
    const removeMerchant = vi.fn(() => ok({ removed: true }))
    installFakeApi({ ...base, removeMerchant, listMerchants: () => ok(snapshot()) })
    const wrapper = mountSettings()
    await flushPromises()
    await wrapper.get('[data-testid=merchant-m-1] [data-testid=remove]').trigger('click')
    expect(removeMerchant).not.toHaveBeenCalled()
    await wrapper.get('[data-testid=merchant-m-1] [data-testid=confirm-remove]').trigger('click')
    await flushPromises()
    expect(removeMerchant).toHaveBeenCalledWith({ id: 'm-1' })
    expect(wrapper.find('[data-testid=merchant-m-1]').exists()).toBe(false)
  })

  it('edits only copy rules per merchant (no printer or paper), and can hand them back to the checkout', async () => {
    const updateMerchant = vi.fn(({ id }: { id: string }) => ok(merchant({ id })))
    installFakeApi({
      ...base,
      updateMerchant,
      listMerchants: () => ok(snapshot({ merchants: [demo, merchant({ receipts: undefined })] })),
    })
    const wrapper = mountSettings()
    await flushPromises()
    const card = wrapper.get('[data-testid=merchant-m-1]')
    expect(card.text()).toContain('follows this checkout’s receipt printing settings')
    expect(card.find('#printer-m-1').exists()).toBe(false)
    expect(card.find('#paper-m-1').exists()).toBe(false)
    // Without its own rules the selects are hidden, and saving keeps it on the checkout (null).
    expect(card.find('#cc-m-1').exists()).toBe(false)
    await card.get('[data-testid=save-prefs]').trigger('submit')
    await flushPromises()
    expect(updateMerchant.mock.calls.at(-1)![0]).toMatchObject({ patch: { receipts: null } })

    await card.get('[data-testid=own-copy-rules-m-1]').setValue(true)
    await card.get('#cc-m-1').setValue('never')
    await card.get('#mc-m-1').setValue('always')
    await card.get('form').trigger('submit')
    await flushPromises()
    expect(updateMerchant.mock.calls.at(-1)![0]).toMatchObject({
      id: 'm-1',
      patch: { receipts: { customerCopy: 'never', merchantCopy: 'always' } },
    })
  })
})
