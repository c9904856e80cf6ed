import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { PaymentReceipts, PaymentRecord } from '@shared/contract'
import { installCheckoutApi, mountApp, record } from './support'

/**
 * What Enter does on an outcome (the focused default), and what the outcome shows of a split
 * payment and of the card. Enter on a focused button is its click; `pressEnter` clicks whatever
 * has the focus, as the browser would.
 */
beforeEach(() => localStorage.clear())
afterEach(() => {
  document.body.innerHTML = ''
})

type Wrapper = Awaited<ReturnType<typeof mountApp>>
const focused = () => document.activeElement?.getAttribute('data-testid')
async function pressEnter(): Promise<void> {
  ;(document.activeElement as HTMLElement).click()
  await flushPromises()
}
async function charge(wrapper: Wrapper, amount: string): Promise<void> {
  await wrapper.get('[data-testid=amount-input]').setValue(amount)
  await wrapper.get('[data-testid=checkout-form]').trigger('submit')
  await flushPromises()
}
const final = (id: string, over: Partial<PaymentRecord>) =>
  record({ id, updatedAt: Date.now() + 100, ...over })

describe('Enter on an outcome', () => {
  it('after a decline tries again with the same amount instead of clearing it', async () => {
    const api = installCheckoutApi()
    const wrapper = await mountApp()
    await charge(wrapper, '37.84')
    await api.emit({
      record: final('p1', {
        state: 'declined',
        result: { finStatus: 'DECLINED', issuerResponseCode: '05' },
      }),
    })
    expect(focused()).toBe('try-again')
    expect(wrapper.get('[data-testid=try-again]').text()).toBe('Try again Enter')
    await pressEnter()
    const input = wrapper.get('[data-testid=amount-input]')
    expect((input.element as HTMLInputElement).value).toBe('37.84')
    expect(focused()).toBe('amount-input')
    await wrapper.get('[data-testid=checkout-form]').trigger('submit')
    await flushPromises()
    expect(api.started.map((r) => r.amountMinor)).toEqual(['3784', '3784'])
    wrapper.unmount()
  })

  it('answers the receipt question first (print, its default), then starts the next sale', async () => {
    let ask = true
    const answers: boolean[] = []
    const receipts = (paymentId: string): PaymentReceipts => ({
      paymentId,
      customer: { copy: 'customer', status: 'stored', source: 'url', attempts: 1, printedCount: 0 },
      merchant: { copy: 'merchant', status: 'none', source: 'none', attempts: 0, printedCount: 0 },
      signature: { status: 'none' },
      askCustomerCopy: ask,
    })
    const api = installCheckoutApi({
      overrides: {
        getReceipts: async ({ paymentId }) => ({ ok: true, data: receipts(paymentId) }),
        answerCustomerCopy: async ({ paymentId, print }) => {
          answers.push(print)
          ask = false
          return { ok: true, data: receipts(paymentId) }
        },
      },
    })
    const wrapper = await mountApp()
    await charge(wrapper, '12.50')
    await api.emit({ record: final('p1', { state: 'approved' }) })
    await flushPromises()
    expect(focused()).toBe('ask-yes')
    expect(wrapper.get('[data-testid=new-sale]').text()).toBe('New sale')
    await pressEnter()
    expect(answers).toEqual([true])
    expect(wrapper.find('[data-testid=receipt-ask]').exists()).toBe(false)
    expect(focused()).toBe('new-sale')
    await pressEnter()
    expect(wrapper.find('[data-testid=checkout-form]').exists()).toBe(true)
    wrapper.unmount()
  })
})

describe('a partial approval and its rest', () => {
  const partial = () =>
    final('p1', {
      state: 'partial',
      amountMinor: '3757',
      result: {
        finStatus: 'PARTIAL_APPROVAL',
        totalAmountMinor: '2000',
        requestedAmountMinor: '3757',
        dueAmountMinor: '1757',
        currency: 'EUR',
      },
    })

  it('shows the combined total once the rest is collected', async () => {
    const api = installCheckoutApi()
    const wrapper = await mountApp()
    await charge(wrapper, '37.57')
    await api.emit({ record: partial() })
    await pressEnter() // collect the rest
    expect(api.started.at(-1)?.amountMinor).toBe('1757')
    await api.emit({
      record: final('p2', {
        state: 'approved',
        amountMinor: '1757',
        updatedAt: Date.now() + 200,
        result: { finStatus: 'AUTHORISED', totalAmountMinor: '1757', currency: 'EUR' },
      }),
    })
    expect(wrapper.get('[data-testid=outcome-body]').text()).toBe('€17.57 was paid.')
    expect(wrapper.get('[data-testid=outcome-total]').text()).toBe(
      'Paid in total: €37.57 (€20.00 + €17.57).',
    )
    wrapper.unmount()
  })

  it('a declined rest is tried again for the rest, never for the first amount', async () => {
    const api = installCheckoutApi()
    const wrapper = await mountApp()
    await charge(wrapper, '37.57')
    await api.emit({ record: partial() })
    await pressEnter()
    await api.emit({
      record: final('p2', { state: 'declined', amountMinor: '1757', updatedAt: Date.now() + 200 }),
    })
    expect(focused()).toBe('try-again')
    await pressEnter()
    expect(api.started.map((r) => r.amountMinor)).toEqual(['3757', '1757', '1757'])
    wrapper.unmount()
  })
})

describe('card data', () => {
  it('a cancelled sale shows no card when none was read, though the result names one', async () => {
    const api = installCheckoutApi()
    const wrapper = await mountApp()
    const { usePaymentsStore } = await import('@renderer/stores/payments')
    const result = {
      finStatus: 'CANCELLED',
      maskedCardNumber: '************7812',
      cardSchemeName: 'Maestro',
    }
    await api.emit({
      record: record({
        state: 'cancelled',
        updatedAt: 5,
        result: { ...result, cardEntryType: 'UNDEFINED' },
      }),
    })
    usePaymentsStore().currentId = 'p1'
    await flushPromises()
    expect(wrapper.get('[data-testid=outcome-cancelled]').text()).not.toContain('7812')
    expect(wrapper.find('[data-testid=outcome-card]').exists()).toBe(false)

    await api.emit({
      record: record({
        state: 'cancelled',
        updatedAt: 6,
        result: { ...result, cardEntryType: 'ICC' },
      }),
    })
    expect(wrapper.get('[data-testid=outcome-card]').text()).toContain('Maestro ending 7812')
    wrapper.unmount()
  })

  it('without an entry type only an issuer decision proves there was a card', async () => {
    const { cardOf } = await import('@renderer/lib/outcome')
    const result = { finStatus: 'X', maskedCardNumber: '************7812', cardSchemeName: 'VISA' }
    expect(cardOf(record({ state: 'approved', result }))).toEqual({ scheme: 'VISA', last4: '7812' })
    expect(cardOf(record({ state: 'declined', result }))).toBeDefined()
    expect(cardOf(record({ state: 'cancelled', result }))).toBeUndefined()
    expect(cardOf(record({ state: 'failed', result }))).toBeUndefined()
    vi.restoreAllMocks()
  })
})
