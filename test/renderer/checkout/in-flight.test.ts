import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { health, installCheckoutApi, mountApp, record } from './support'

beforeEach(() => localStorage.clear())
afterEach(() => {
  document.body.innerHTML = ''
})

const A = '0821032398'
const B = '1850025030'

describe('several payments at once', () => {
  it('a second payment starts on another terminal while the first runs; the first one’s outcome is announced without taking the focus', async () => {
    const api = installCheckoutApi({
      board: [health(A, { state: 'online' }), health(B, { state: 'online' })],
    })
    const wrapper = await mountApp()
    // First payment on the default terminal A.
    await wrapper.get('[data-testid=amount-input]').setValue('12.5')
    await wrapper.get('[data-testid=checkout-form]').trigger('submit')
    await flushPromises()
    expect(wrapper.find('[data-testid=payment-progress]').exists()).toBe(true)
    // "Another payment": back to the form; the first stays on A's card.
    await wrapper.get('[data-testid=another-payment]').trigger('click')
    await flushPromises()
    const amount = wrapper.get('[data-testid=amount-input]')
    expect(document.activeElement).toBe(amount.element)
    expect((amount.element as HTMLInputElement).value).toBe('') // a fresh form
    expect(wrapper.find(`[data-testid=in-flight-${A}]`).exists()).toBe(true)
    // Second payment on terminal B.
    await wrapper.get(`[data-testid=terminal-${B}] button`).trigger('click')
    await amount.setValue('3')
    await wrapper.get('[data-testid=checkout-form]').trigger('submit')
    await flushPromises()
    expect(api.started.map((r) => [r.terminalSerial, r.amountMinor])).toEqual([
      [A, '1250'],
      [B, '300'],
    ])
    // B is on screen in full; back to the form again to key the next amount.
    await wrapper.get('[data-testid=another-payment]').trigger('click')
    await flushPromises()
    const input = wrapper.get('[data-testid=amount-input]').element as HTMLInputElement
    input.focus()
    // A's outcome arrives: a toast and the live region, the focus stays in the amount field.
    await api.emit({
      record: record({
        id: 'p1',
        state: 'approved',
        updatedAt: Date.now() + 10,
        result: { finStatus: 'AUTHORISED' },
      }),
    })
    expect(wrapper.get(`[data-testid=announce-${A}]`).text()).toContain(
      `Terminal ${A}: €12.50 approved.`,
    )
    expect(wrapper.get('[data-testid=announce-live]').text()).toBe(
      `Terminal ${A}: €12.50 approved.`,
    )
    expect(wrapper.get('[data-testid=announce-live]').attributes('aria-live')).toBe('polite')
    expect(document.activeElement).toBe(input)
    expect(wrapper.find(`[data-testid=in-flight-${A}]`).exists()).toBe(false)
    expect(wrapper.find(`[data-testid=in-flight-${B}]`).exists()).toBe(true)
    // "Show" puts A's outcome on screen.
    await wrapper.get(`[data-testid=announce-${A}] button`).trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid=announcements]').exists()).toBe(false)
    expect(wrapper.text()).toContain('Approved')
    wrapper.unmount()
  })

  it('an unknown outcome stays on screen: "Another payment" is only offered while it runs', async () => {
    const api = installCheckoutApi()
    const wrapper = await mountApp()
    await wrapper.get('[data-testid=amount-input]').setValue('7')
    await wrapper.get('[data-testid=checkout-form]').trigger('submit')
    await flushPromises()
    await api.emit({ record: record({ id: 'p1', state: 'unknown', updatedAt: Date.now() + 5 }) })
    expect(wrapper.find('[data-testid=another-payment]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=checkout-form]').exists()).toBe(false)
    wrapper.unmount()
  })
})
