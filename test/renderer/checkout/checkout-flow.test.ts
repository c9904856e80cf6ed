import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { health, installCheckoutApi, mountApp, record } from './support'

beforeEach(() => localStorage.clear())
afterEach(() => {
  document.body.innerHTML = ''
})

async function typeAmount(wrapper: Awaited<ReturnType<typeof mountApp>>, value: string) {
  const input = wrapper.get('[data-testid=amount-input]')
  await input.setValue(value)
  return input
}

describe('taking a sale', () => {
  it('starts a sale on the default terminal when the cashier types the amount and presses Enter', async () => {
    const api = installCheckoutApi()
    const wrapper = await mountApp()
    await typeAmount(wrapper, '12.5')
    expect(wrapper.get('[data-testid=amount-formatted]').text()).toBe('€12.50')
    await wrapper.get('[data-testid=checkout-form]').trigger('submit')
    await flushPromises()
    expect(api.started).toEqual([
      expect.objectContaining({
        merchantId: 'm-demo',
        terminalSerial: '0821032398',
        operation: 'sale',
        amountMinor: '1250',
        currency: 'EUR',
      }),
    ])
    expect(wrapper.find('[data-testid=payment-progress]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('focuses the amount field on start so typing needs no click', async () => {
    installCheckoutApi()
    const wrapper = await mountApp()
    expect(document.activeElement?.getAttribute('data-testid')).toBe('amount-input')
    wrapper.unmount()
  })

  it('formats and sends a zero-decimal currency without a decimal point', async () => {
    const api = installCheckoutApi({ currency: 'JPY' })
    const wrapper = await mountApp()
    const input = await typeAmount(wrapper, '1500.7')
    expect((input.element as HTMLInputElement).value).toBe('15007')
    expect(wrapper.get('[data-testid=amount-formatted]').text()).toBe('JP¥15,007')
    expect(wrapper.find('[data-testid="key-."]').exists()).toBe(false)
    await wrapper.get('[data-testid=checkout-form]').trigger('submit')
    await flushPromises()
    expect(api.started[0]).toMatchObject({ amountMinor: '15007', currency: 'JPY' })
    wrapper.unmount()
  })

  it('keeps three decimals for a three-decimal currency', async () => {
    const api = installCheckoutApi({ currency: 'KWD' })
    const wrapper = await mountApp()
    await typeAmount(wrapper, '1.2345')
    expect(wrapper.get('[data-testid=amount-formatted]').text()).toBe('KWD\u00a01.234')
    await wrapper.get('[data-testid=checkout-form]').trigger('submit')
    await flushPromises()
    expect(api.started[0]).toMatchObject({ amountMinor: '1234', currency: 'KWD' })
    wrapper.unmount()
  })

  it('builds the amount from the on-screen keypad', async () => {
    installCheckoutApi()
    const wrapper = await mountApp()
    for (const k of ['7', '0', '.', '5'])
      await wrapper.get(`[data-testid="key-${k}"]`).trigger('click')
    expect(wrapper.get('[data-testid=amount-formatted]').text()).toBe('€70.50')
    await wrapper.get('[data-testid=key-back]').trigger('click')
    expect(wrapper.get('[data-testid=amount-formatted]').text()).toBe('€70.00')
    wrapper.unmount()
  })

  it('refuses to start without an amount and says why', async () => {
    const api = installCheckoutApi()
    const wrapper = await mountApp()
    await wrapper.get('[data-testid=checkout-form]').trigger('submit')
    await flushPromises()
    expect(api.started).toHaveLength(0)
    expect(wrapper.get('[data-testid=form-problem]').text()).toBe('Enter an amount above zero.')
    wrapper.unmount()
  })

  it('shows the refusal in words when the terminal is offline; the board shows what main reports', async () => {
    const api = installCheckoutApi({
      startFails: {
        code: 'terminal_not_listening',
        params: { serial: '0821032398' },
        message: 'main’s English, never shown',
      },
    })
    const wrapper = await mountApp()
    await typeAmount(wrapper, '5')
    await wrapper.get('[data-testid=checkout-form]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid=start-error]').text()).toBe(
      'Terminal 0821032398 is not responding. Nothing was charged; check that it is on, online and showing the Payments app, then try again.',
    )
    // Main's terminal health hears the refusal and reports the terminal offline.
    await api.emitBoard([health('0821032398', { state: 'offline', since: Date.now() })])
    expect(
      wrapper.get('[data-testid=terminal-0821032398] [data-testid=terminal-state]').text(),
    ).toBe('Offline')
    wrapper.unmount()
  })
})

describe('while the payment runs', () => {
  it('enables Cancel only while the engine says cancelling is possible', async () => {
    const api = installCheckoutApi()
    const wrapper = await mountApp()
    await typeAmount(wrapper, '9')
    await wrapper.get('[data-testid=checkout-form]').trigger('submit')
    await flushPromises()
    const running = record({
      id: 'p1',
      state: 'in-progress',
      phase: 'phase_waiting_for_card',
      updatedAt: Date.now() + 1,
    })
    await api.emit({ record: running, cancelAllowed: false })
    expect(wrapper.get('[data-testid=cancel-payment]').attributes('disabled')).toBeDefined()
    await api.emit({
      record: { ...running, updatedAt: running.updatedAt + 1 },
      cancelAllowed: true,
    })
    const cancel = wrapper.get('[data-testid=cancel-payment]')
    expect(cancel.attributes('disabled')).toBeUndefined()
    expect(wrapper.get('[data-testid=progress-phase]').text()).toBe('Waiting for the card')
    await cancel.trigger('click')
    await flushPromises()
    expect(api.cancels).toEqual([{ merchantId: 'm-demo', terminalSerial: '0821032398' }])
    expect(wrapper.get('[data-testid=cancel-message]').text()).toBe(
      'Cancel sent. The terminal will confirm; the payment stays on screen until it does.',
    )
    wrapper.unmount()
  })

  it('cancels from the moment the screen says it waits for the card, even when main told so before answering start', async () => {
    // The engine emits "accepted, cancel allowed" while it answers start; with callbacks no
    // other event follows until the outcome, so the answer must not switch cancelling off.
    const accepted = record({
      id: 'p1',
      state: 'accepted',
      phase: 'phase_waiting_for_card',
      updatedAt: Date.now(),
    })
    const fake: { api?: ReturnType<typeof installCheckoutApi> } = {}
    fake.api = installCheckoutApi({
      overrides: {
        startPayment: async () => {
          await fake.api!.emit({ record: accepted, cancelAllowed: true })
          return { ok: true, data: accepted }
        },
      },
    })
    const wrapper = await mountApp()
    await typeAmount(wrapper, '9')
    await wrapper.get('[data-testid=checkout-form]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid=progress-phase]').text()).toBe('Waiting for the card')
    expect(wrapper.get('[data-testid=cancel-payment]').attributes('disabled')).toBeUndefined()
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }))
    await flushPromises()
    expect(fake.api.cancels).toEqual([{ merchantId: 'm-demo', terminalSerial: '0821032398' }])
    wrapper.unmount()
  })

  it('an answer to start that comes first does not hide what the event says next', async () => {
    const api = installCheckoutApi()
    const wrapper = await mountApp()
    await typeAmount(wrapper, '9')
    await wrapper.get('[data-testid=checkout-form]').trigger('submit')
    await flushPromises()
    const { usePaymentsStore } = await import('@renderer/stores/payments')
    const answered = usePaymentsStore().current!.record
    await api.emit({ record: answered, cancelAllowed: true })
    expect(wrapper.get('[data-testid=cancel-payment]').attributes('disabled')).toBeUndefined()
    wrapper.unmount()
  })

  it('says honestly that it is still waiting when the engine reports slow', async () => {
    const api = installCheckoutApi()
    const wrapper = await mountApp()
    await typeAmount(wrapper, '9')
    await wrapper.get('[data-testid=checkout-form]').trigger('submit')
    await flushPromises()
    expect(wrapper.find('[data-testid=progress-slow]').exists()).toBe(false)
    await api.emit({ record: record({ updatedAt: Date.now() + 5 }), slow: true, elapsedMs: 95_000 })
    expect(wrapper.get('[data-testid=progress-slow]').text()).toContain(
      'Still waiting for the terminal',
    )
    expect(wrapper.get('[data-testid=progress-elapsed]').text()).toBe('1:35')
    wrapper.unmount()
  })

  it('resumes an operation still running after a restart', async () => {
    installCheckoutApi({
      active: [
        {
          record: record({ id: 'p9', state: 'in-progress' }),
          elapsedMs: 4000,
          cancelAllowed: true,
          slow: false,
        },
      ],
    })
    const wrapper = await mountApp()
    expect(wrapper.find('[data-testid=payment-progress]').exists()).toBe(true)
    expect(wrapper.get('[data-testid=cancel-payment]').attributes('disabled')).toBeUndefined()
    wrapper.unmount()
  })

  it('never lets a stale event move a final payment back to running', async () => {
    const api = installCheckoutApi()
    const wrapper = await mountApp()
    await api.emit({ record: record({ id: 'p1', state: 'approved', updatedAt: 10 }) })
    await api.emit({ record: record({ id: 'p1', state: 'in-progress', updatedAt: 20 }) })
    const { usePaymentsStore } = await import('@renderer/stores/payments')
    expect(usePaymentsStore().byId['p1']?.record.state).toBe('approved')
    wrapper.unmount()
  })
})

describe('checkout preferences', () => {
  it('offers the tip percentages set under Settings on sales and sends them with the operator', async () => {
    const api = installCheckoutApi()
    const wrapper = await mountApp()
    window.dispatchEvent(new KeyboardEvent('keydown', { key: '3', altKey: true }))
    await flushPromises()
    await wrapper.get('#tips').setValue('10, 15, 20')
    await wrapper.get('#operator').setValue('Anna')
    window.dispatchEvent(new KeyboardEvent('keydown', { key: '1', altKey: true }))
    await flushPromises()
    expect(wrapper.get('.check').text()).toContain('10%, 15%, 20%')
    await typeAmount(wrapper, '30')
    await wrapper.get('[data-testid=checkout-form]').trigger('submit')
    await flushPromises()
    expect(api.started[0]).toMatchObject({ tipPercentages: [10, 15, 20], operator: 'Anna' })
    wrapper.unmount()
  })

  it('refuses tip percentages outside 1..100 and keeps the old ones', async () => {
    installCheckoutApi()
    const wrapper = await mountApp()
    window.dispatchEvent(new KeyboardEvent('keydown', { key: '3', altKey: true }))
    await flushPromises()
    await wrapper.get('#tips').setValue('10, 150')
    expect(wrapper.get('[data-testid=checkout-prefs] [role=alert]').text()).toBe(
      'Use up to five whole numbers between 1 and 100.',
    )
    const { useSettingsStore } = await import('@renderer/stores/settings')
    expect(useSettingsStore().tipPercentages).toEqual([])
    wrapper.unmount()
  })
})

describe('demo mode', () => {
  it('lists the trigger amounts and puts one into the amount field', async () => {
    const api = installCheckoutApi()
    const wrapper = await mountApp()
    const triggers = wrapper.get('[data-testid=demo-triggers]')
    expect(triggers.text()).toContain('Declined: not authorised (05)')
    expect(triggers.text()).toContain('Partly approved')
    const decline = triggers.findAll('button').find((b) => b.text() === '€37.84')
    await decline!.trigger('click')
    expect(wrapper.get('[data-testid=amount-formatted]').text()).toBe('€37.84')
    await wrapper.get('[data-testid=checkout-form]').trigger('submit')
    await flushPromises()
    expect(api.started[0]).toMatchObject({ operation: 'sale', amountMinor: '3784' })
    wrapper.unmount()
  })
})
