import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it, vi } from 'vitest'
import type { PaymentRecord, StartPaymentRequest } from '@shared/contract'
import ManagerPinDialog from '@renderer/components/money/ManagerPinDialog.vue'
import MerchantCard from '@renderer/components/merchants/MerchantCard.vue'
import ManagerPinSettings from '@renderer/components/settings/ManagerPinSettings.vue'
import { createAppI18n } from '../i18n'
import { useManagerPromptStore } from '@renderer/stores/manager-prompt'
import { usePaymentsStore } from '@renderer/stores/payments'
import { installFakeApi } from '../fake-api'
import { fail, merchant, ok } from '../merchants/fixtures'

/**
 * The screen's side of the money rules: the manager PIN in Settings, the PIN prompt when main
 * asks for a manager, the ceiling typed as money, and an imported callback address confirmed
 * only by a person.
 */

const record = (request: StartPaymentRequest): PaymentRecord => ({
  id: 'p-2',
  merchantId: request.merchantId,
  terminalSerial: request.terminalSerial,
  terminalType: 'PAXA920',
  operation: request.operation,
  transactionReference: 'ref',
  flow: 'poll',
  state: 'sent',
  createdAt: 1,
  updatedAt: 1,
  evidence: [],
})

describe('the manager PIN prompt', () => {
  it('opens when main asks for a manager, sends the same request once with the PIN, and keeps no PIN', async () => {
    const requests: StartPaymentRequest[] = []
    const startPayment = vi.fn((request: StartPaymentRequest) => {
      requests.push(request)
      if (!request.managerPin)
        return fail('manager_approval_required', { ceiling: '50.00', currency: 'EUR' })
      if (request.managerPin !== '2468') return fail('manager_pin_wrong', { attemptsLeft: 2 })
      return ok(record(request))
    })
    installFakeApi({ startPayment })
    const pinia = createPinia()
    setActivePinia(pinia)
    const payments = usePaymentsStore()
    const refund: StartPaymentRequest = {
      merchantId: 'm-1',
      terminalSerial: '111',
      operation: 'refund',
      amountMinor: '9000',
      currency: 'EUR',
      originalTransactionId: 'tx-1',
    }
    await payments.start(refund)
    const prompt = useManagerPromptStore()
    expect(prompt.problem?.code).toBe('manager_approval_required')

    const wrapper = mount(ManagerPinDialog, {
      attachTo: document.body,
      global: { plugins: [pinia, createAppI18n('de')] },
    })
    expect(wrapper.get('[role=dialog]').attributes('aria-modal')).toBe('true')
    expect(wrapper.get('[data-testid=manager-pin-why]').text()).toMatch(/über 50,00\s€ brauchen/)
    expect(document.activeElement).toBe(wrapper.get('[data-testid=manager-pin]').element)

    await wrapper.get('[data-testid=manager-pin]').setValue('1111')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid=manager-pin-why]').text()).toBe(
      'Das ist nicht die Vorgesetzten-PIN. Noch 2 Versuche.',
    )
    expect((wrapper.get('[data-testid=manager-pin]').element as HTMLInputElement).value).toBe('')

    await wrapper.get('[data-testid=manager-pin]').setValue('2468')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(requests.map((r) => r.managerPin)).toEqual([undefined, '1111', '2468'])
    expect(requests[2]).toEqual({ ...refund, managerPin: '2468' })
    expect(prompt.open).toBe(false)
    expect(payments.currentId).toBe('p-2')
    expect(JSON.stringify(payments.$state)).not.toContain('2468')
    expect(JSON.stringify(prompt.$state)).not.toContain('2468')
    wrapper.unmount()
  })

  it('Escape cancels and nothing is sent', async () => {
    const startPayment = vi.fn(() =>
      fail('manager_approval_required', { ceiling: '50.00', currency: 'EUR' }),
    )
    installFakeApi({ startPayment })
    const pinia = createPinia()
    setActivePinia(pinia)
    const payments = usePaymentsStore()
    await payments.start({
      merchantId: 'm-1',
      terminalSerial: '111',
      operation: 'refund',
      amountMinor: '9000',
      currency: 'EUR',
    })
    const wrapper = mount(ManagerPinDialog, { global: { plugins: [pinia, createAppI18n()] } })
    await wrapper.get('[role=dialog]').trigger('keydown', { key: 'Escape' })
    expect(useManagerPromptStore().open).toBe(false)
    expect(startPayment).toHaveBeenCalledTimes(1)
  })
})

describe('manager PIN in Settings', () => {
  it('sets a PIN (twice the same), then changes it only with the current one', async () => {
    let set = false
    const setManagerPin = vi.fn((r: { newPin: string; currentPin?: string }) => {
      if (set && r.currentPin !== '1234') return fail('manager_pin_wrong', { attemptsLeft: 2 })
      set = true
      return ok({ set: true, attemptsLeft: 3 })
    })
    installFakeApi({
      getManagerPin: () => ok({ set, attemptsLeft: 3 }),
      setManagerPin,
    })
    const wrapper = mount(ManagerPinSettings, {
      global: { plugins: [createPinia(), createAppI18n()] },
    })
    await flushPromises()
    expect(wrapper.get('[data-testid=manager-pin-state]').text()).toContain('No manager PIN is set')
    expect(wrapper.find('[data-testid=pin-current]').exists()).toBe(false)

    await wrapper.get('[data-testid=pin-new]').setValue('1234')
    await wrapper.get('[data-testid=pin-repeat]').setValue('1235')
    await wrapper.get('form').trigger('submit')
    expect(wrapper.text()).toContain('The two new PINs are not the same.')
    expect(setManagerPin).not.toHaveBeenCalled()

    await wrapper.get('[data-testid=pin-new]').setValue('1234')
    await wrapper.get('[data-testid=pin-repeat]').setValue('1234')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(setManagerPin).toHaveBeenLastCalledWith({ newPin: '1234' })
    expect(wrapper.get('[data-testid=manager-pin-state]').text()).toContain('A manager PIN is set')
    expect((wrapper.get('[data-testid=pin-new]').element as HTMLInputElement).value).toBe('')

    await wrapper.get('[data-testid=pin-current]').setValue('9999')
    await wrapper.get('[data-testid=pin-new]').setValue('5678')
    await wrapper.get('[data-testid=pin-repeat]').setValue('5678')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(setManagerPin).toHaveBeenLastCalledWith({ newPin: '5678', currentPin: '9999' })
    expect(wrapper.get('[data-testid=pin-problem]').text()).toBe(
      'That is not the manager PIN. 2 attempts left.',
    )
  })
})

describe('the merchant card', () => {
  const base = {
    onMerchantsChanged: () => () => undefined,
    listCallbackAddresses: () =>
      ok({
        addresses: [
          {
            address: '127.0.0.1',
            family: 'IPv4' as const,
            interfaceName: 'loopback',
            internal: true,
          },
          {
            address: '192.168.7.20',
            family: 'IPv4' as const,
            interfaceName: 'eth0',
            internal: false,
          },
        ],
      }),
  }

  it('takes the ceiling as money in the merchant currency and stores minor units', async () => {
    const updateMerchant = vi.fn((r: { id: string; patch: unknown }) => ok(merchant({ id: r.id })))
    installFakeApi({ ...base, updateMerchant })
    const wrapper = mount(MerchantCard, {
      props: { merchant: merchant({ limits: { refundCeilingMinor: '5000' } }) },
      global: { plugins: [createPinia(), createAppI18n()] },
    })
    const field = wrapper.get('[data-testid=ceiling-m-1]')
    expect((field.element as HTMLInputElement).value).toBe('50.00')
    expect(wrapper.text()).toContain('without a manager, in EUR')
    expect(wrapper.text()).not.toContain('minor units')
    await field.setValue('12.5x')
    await wrapper.get('[data-testid=save-prefs]').trigger('submit')
    await wrapper.get('form.form-grid').trigger('submit')
    expect(updateMerchant).not.toHaveBeenCalled()
    expect(wrapper.text()).toContain('Enter an amount like 50.00')
    await field.setValue('75,50')
    await wrapper.get('form.form-grid').trigger('submit')
    await flushPromises()
    expect(updateMerchant.mock.calls[0]![0].patch).toMatchObject({
      limits: { refundCeilingMinor: '7550' },
    })
  })

  it('confirms an imported callback address only when a person asks, never by saving other things', async () => {
    const updateMerchant = vi.fn((r: { id: string; patch: unknown }) => ok(merchant({ id: r.id })))
    installFakeApi({ ...base, updateMerchant })
    const imported = merchant({
      resultFlow: {
        mode: 'callback',
        callbackHost: '0.0.0.0',
        callbackPort: 8443,
        callbackHostConfirmed: false,
      },
    })
    const wrapper = mount(MerchantCard, {
      props: { merchant: imported },
      global: { plugins: [createPinia(), createAppI18n()] },
    })
    await flushPromises()
    expect(wrapper.get('[data-testid=callback-unconfirmed-m-1]').text()).toContain(
      'came with an imported configuration',
    )
    const options = wrapper.findAll('[data-testid=callback-host-m-1] option').map((o) => o.text())
    expect(options).toContain('0.0.0.0 (not an address of this computer)')
    expect(options).toContain('192.168.7.20 (eth0)')

    await wrapper.get('form.form-grid').trigger('submit')
    await flushPromises()
    const saved = updateMerchant.mock.calls[0]![0].patch as { resultFlow: Record<string, unknown> }
    expect(saved.resultFlow).not.toHaveProperty('confirmHost')

    await wrapper.get('[data-testid=callback-host-m-1]').setValue('192.168.7.20')
    await wrapper.get('form.form-grid').trigger('submit')
    await flushPromises()
    expect(updateMerchant.mock.calls[1]![0].patch).toMatchObject({
      resultFlow: { mode: 'callback', callbackHost: '192.168.7.20', confirmHost: true },
    })
  })
})

describe('a change that lifts a ceiling', () => {
  it('asks for the manager PIN and saves the same change with it', async () => {
    const patches: { patch: unknown; managerPin?: string }[] = []
    const updateMerchant = vi.fn((r: { id: string; patch: unknown; managerPin?: string }) => {
      patches.push(r)
      return r.managerPin === '2468'
        ? ok(merchant({ id: r.id }))
        : fail('ceiling_change_needs_manager')
    })
    installFakeApi({
      onMerchantsChanged: () => () => undefined,
      listCallbackAddresses: () => ok({ addresses: [] }),
      updateMerchant,
    })
    const pinia = createPinia()
    const wrapper = mount(MerchantCard, {
      props: { merchant: merchant({ limits: { refundCeilingMinor: '5000' } }) },
      global: { plugins: [pinia, createAppI18n()] },
    })
    await wrapper.get('[data-testid=ceiling-m-1]').setValue('90.00')
    await wrapper.get('form.form-grid').trigger('submit')
    await flushPromises()
    setActivePinia(pinia)
    const prompt = useManagerPromptStore()
    expect(prompt.problem?.code).toBe('ceiling_change_needs_manager')
    expect(wrapper.find('[data-testid=merchant-error]').exists()).toBe(false)
    await prompt.approve('2468')
    await flushPromises()
    expect(patches.map((p) => p.managerPin)).toEqual([undefined, '2468'])
    expect(patches[1]!.patch).toEqual(patches[0]!.patch)
    expect(prompt.open).toBe(false)
  })
})
