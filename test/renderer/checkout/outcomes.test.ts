import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PaymentRecord } from '@shared/contract'
import { installCheckoutApi, mountApp, record } from './support'

beforeEach(() => localStorage.clear())
afterEach(() => {
  document.body.innerHTML = ''
})

async function showOutcome(final: Partial<PaymentRecord>) {
  const api = installCheckoutApi()
  const wrapper = await mountApp()
  await api.emit({ record: record({ id: 'p1', updatedAt: 5, ...final }) })
  const { usePaymentsStore } = await import('@renderer/stores/payments')
  usePaymentsStore().currentId = 'p1'
  await flushPromises()
  return { api, wrapper }
}

/** The outcome's own actions (the receipts panel below has its own buttons). */
const buttons = (w: Awaited<ReturnType<typeof mountApp>>) =>
  w.findAll('.outcome > .actions button').map((b) => b.text().replace(/\s*Enter$/, ''))

describe('outcome screens', () => {
  it('approved: says what was paid, shows the card by last four only, Enter means new sale', async () => {
    const { wrapper } = await showOutcome({
      state: 'approved',
      result: {
        finStatus: 'AUTHORISED',
        totalAmountMinor: '1250',
        currency: 'EUR',
        maskedCardNumber: '************1456',
        cardSchemeName: 'VISA',
        authorisationCode: 'A1B2C3',
        transactionId: 'tx-1',
      },
    })
    const panel = wrapper.get('[data-testid=outcome-approved]')
    expect(panel.get('[data-testid=outcome-title]').text()).toBe('Approved')
    expect(panel.get('[data-testid=outcome-body]').text()).toBe('€12.50 was paid.')
    expect(panel.text()).toContain('VISA ending 1456')
    expect(panel.text()).not.toContain('************')
    expect(document.activeElement?.getAttribute('data-testid')).toBe('new-sale')
    await wrapper.get('[data-testid=new-sale]').trigger('click')
    expect(wrapper.find('[data-testid=checkout-form]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('approved refund says the money went back to the card, not that it was paid', async () => {
    const { wrapper } = await showOutcome({
      operation: 'refund',
      state: 'approved',
      result: { finStatus: 'AUTHORISED', totalAmountMinor: '500', currency: 'EUR' },
    })
    expect(wrapper.get('[data-testid=outcome-body]').text()).toBe('€5.00 was refunded to the card.')
    wrapper.unmount()
  })

  it('declined: gives the reason in words and offers to try again', async () => {
    const { wrapper } = await showOutcome({
      state: 'declined',
      result: { finStatus: 'DECLINED', issuerResponseCode: '05', statusMessage: 'Declined' },
    })
    expect(wrapper.get('[data-testid=outcome-reason]').text()).toBe(
      'Reason: Not authorised by the card issuer.',
    )
    expect(wrapper.get('[data-testid=outcome-body]').text()).toContain('No money was taken')
    expect(buttons(wrapper)).toEqual(['Try again', 'New sale'])
    wrapper.unmount()
  })

  it("declined with an unmapped code falls back to the gateway's words", async () => {
    const { wrapper } = await showOutcome({
      state: 'declined',
      result: {
        finStatus: 'DECLINED',
        issuerResponseCode: '99',
        statusMessage: 'Card blocked by bank',
      },
    })
    expect(wrapper.get('[data-testid=outcome-reason]').text()).toBe('Reason: Card blocked by bank')
    wrapper.unmount()
  })

  it('cancelled and failed say that no money was taken', async () => {
    const cancelled = await showOutcome({ state: 'cancelled', result: { finStatus: 'CANCELLED' } })
    expect(cancelled.wrapper.get('[data-testid=outcome-title]').text()).toBe('Cancelled')
    expect(cancelled.wrapper.get('[data-testid=outcome-body]').text()).toContain(
      'No money was taken',
    )
    cancelled.wrapper.unmount()
    document.body.innerHTML = ''
    const failed = await showOutcome({
      state: 'failed',
      lastError: { code: 'terminal_busy', params: { serial: '0821032398' } },
    })
    expect(failed.wrapper.get('[data-testid=outcome-title]').text()).toBe('Failed')
    expect(failed.wrapper.get('[data-testid=outcome-failure]').text()).toBe(
      'Terminal 0821032398 is busy with another operation. Nothing was charged; wait until it is free and try again.',
    )
    failed.wrapper.unmount()
  })

  it('partial: shows the amount still due and collects the rest in one click', async () => {
    const { api, wrapper } = await showOutcome({
      state: 'partial',
      customerReference: 'table 4',
      result: {
        finStatus: 'PARTIAL_APPROVAL',
        totalAmountMinor: '2000',
        requestedAmountMinor: '3757',
        dueAmountMinor: '1757',
        currency: 'EUR',
      },
    })
    expect(wrapper.get('[data-testid=outcome-body]').text()).toBe(
      '€20.00 was paid. €17.57 is still due.',
    )
    const collect = wrapper.get('[data-testid=collect-rest]')
    expect(collect.text()).toBe('Collect the remaining €17.57 Enter')
    expect(wrapper.get('[data-testid=new-sale]').text()).toBe('Rest paid another way')
    expect(document.activeElement).toBe(collect.element)
    await collect.trigger('click')
    await flushPromises()
    expect(api.started).toEqual([
      {
        merchantId: 'm-demo',
        terminalSerial: '0821032398',
        operation: 'sale',
        amountMinor: '1757',
        currency: 'EUR',
        customerReference: 'table 4',
      },
    ])
    wrapper.unmount()
  })
})

describe('outcome unknown', () => {
  const unknown = (): Partial<PaymentRecord> => ({
    state: 'unknown',
    lastError: { code: 'no_clear_answer', params: { cause: 'timeout' } },
    evidence: [
      { at: 1_700_000_000_000, code: 'evidence_saved_sending', params: { serial: '0821032398' } },
      { at: 1_700_000_015_000, code: 'evidence_no_clear_answer', params: { cause: 'timeout' } },
    ],
  })

  it('shows the evidence: what we sent, when, and what the API last said', async () => {
    const { wrapper } = await showOutcome(unknown())
    const screen = wrapper.get('[data-testid=outcome-unknown]')
    expect(screen.get('[data-testid=unknown-sent]').text()).toBe(
      'Sale of €12.50 to terminal 0821032398',
    )
    expect(screen.get('[data-testid=unknown-last-error]').text()).toBe(
      'No clear answer from Handpoint (no answer in time). The payment is not sent again; the app is finding out what happened.',
    )
    expect(screen.get('[data-testid=unknown-evidence]').text()).toContain(
      'Saved; sending to terminal 0821032398.',
    )
    expect(screen.text()).toContain('6c1d1c7e-2f0a-4a57-9f5e-0a3f1f1b2c3d')
    wrapper.unmount()
  })

  it('offers only safe steps: never a new sale, try again or charge', async () => {
    const { wrapper } = await showOutcome(unknown())
    expect(buttons(wrapper)).toEqual(['Check again', 'Keep waiting', 'Stop on terminal'])
    const everything = wrapper.findAll('main button').map((b) => b.text())
    expect(everything.filter((text) => /charge|new sale|try again|collect/i.test(text))).toEqual([])
    expect(wrapper.find('[data-testid=new-sale]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=try-again]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=checkout-form]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('cannot be dismissed while unknown', async () => {
    const { wrapper } = await showOutcome(unknown())
    const { usePaymentsStore } = await import('@renderer/stores/payments')
    expect(usePaymentsStore().dismiss()).toBe(false)
    wrapper.unmount()
  })

  it('check again asks the engine to resolve; stop asks the terminal to stop', async () => {
    const { api, wrapper } = await showOutcome(unknown())
    await wrapper.get('[data-testid=check-again]').trigger('click')
    await flushPromises()
    expect(api.resolves).toEqual(['p1'])
    expect(wrapper.get('[data-testid=unknown-status]').text()).toBe('Checking with Handpoint…')
    await wrapper.get('[data-testid=stop-on-terminal]').trigger('click')
    await flushPromises()
    expect(api.cancels).toEqual([{ merchantId: 'm-demo', terminalSerial: '0821032398' }])
    wrapper.unmount()
  })

  it('moves to the proven outcome once resolved, and only then offers to try again', async () => {
    const { api, wrapper } = await showOutcome(unknown())
    await api.emit({
      record: record({
        id: 'p1',
        state: 'declined',
        updatedAt: 50,
        result: { finStatus: 'DECLINED' },
      }),
    })
    expect(wrapper.find('[data-testid=outcome-unknown]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=try-again]').exists()).toBe(true)
    wrapper.unmount()
  })
})
