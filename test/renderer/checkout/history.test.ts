import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildQuery, type HistoryFilters } from '@renderer/stores/history'
import type { PaymentSettlement } from '@shared/contract'
import { installCheckoutApi, mountApp, record } from './support'

beforeEach(() => localStorage.clear())
afterEach(() => {
  document.body.innerHTML = ''
})

const filters = (over: Partial<HistoryFilters>): HistoryFilters => ({
  from: '',
  to: '',
  status: '',
  amount: '',
  lastFour: '',
  reference: '',
  terminal: '',
  ...over,
})

describe('history query', () => {
  it('turns what the cashier typed into the contract query', () => {
    const { query, invalid } = buildQuery(
      filters({
        from: '2026-11-01',
        to: '2026-11-02',
        status: 'declined',
        amount: '37.84',
        lastFour: '1456',
        reference: ' table 4 ',
        terminal: '0821032398',
      }),
      'm-demo',
      'EUR',
    )
    expect(invalid).toEqual([])
    expect(query).toEqual({
      limit: 100,
      merchantId: 'm-demo',
      from: new Date('2026-11-01T00:00:00').getTime(),
      to: new Date('2026-11-03T00:00:00').getTime() - 1,
      states: ['declined'],
      amountMinor: '3784',
      lastFour: '1456',
      reference: 'table 4',
      terminalSerial: '0821032398',
    })
  })

  it('searches unknown outcomes together with those being resolved', () => {
    expect(buildQuery(filters({ status: 'unknown' }), 'm', 'EUR').query.states).toEqual([
      'unknown',
      'resolving',
    ])
  })

  it('reports a bad amount or last four instead of sending it', () => {
    const { invalid } = buildQuery(filters({ amount: '1.5', lastFour: '14a' }), 'm', 'JPY')
    expect(invalid).toEqual(['amount', 'lastFour'])
  })
})

const sale = record({
  id: 's1',
  state: 'approved',
  customerReference: 'table 4',
  result: {
    finStatus: 'AUTHORISED',
    transactionId: 'tx-sale',
    totalAmountMinor: '5000',
    currency: 'EUR',
    maskedCardNumber: '************1456',
    cardSchemeName: 'VISA',
    customerReceipt: 'https://receipts.example/r1',
  },
})
const earlierRefund = record({
  id: 'r1',
  operation: 'refund',
  state: 'approved',
  originalTransactionId: 'tx-sale',
  result: { finStatus: 'AUTHORISED', totalAmountMinor: '1500', currency: 'EUR' },
})

/** Main's answer for the sale: partly refunded, 35.00 left, no reversal after a refund. */
const saleSettled: PaymentSettlement = {
  paymentId: 's1',
  as: 'partlyRefunded',
  currency: 'EUR',
  leftMinor: '3500',
  pendingMinor: '0',
  followUps: [
    { operation: 'refund', allowed: true, maxMinor: '3500' },
    { operation: 'saleReversal', allowed: false, reason: { code: 'reversal_after_refund' } },
  ],
}
const untouched = (paymentId: string, leftMinor: string): PaymentSettlement => ({
  paymentId,
  leftMinor,
  pendingMinor: '0',
  followUps: [],
})

describe('history screen', () => {
  async function openHistory(
    history = [sale, earlierRefund],
    settlements: Record<string, PaymentSettlement> = { s1: saleSettled },
  ) {
    const api = installCheckoutApi({ history, settlements })
    const wrapper = await mountApp()
    await wrapper.findAll('nav button')[1]!.trigger('click')
    await flushPromises()
    return { api, wrapper }
  }

  it('searches with the filters and lists the results with masked cards', async () => {
    const { api, wrapper } = await openHistory()
    await wrapper.get('#f-last4').setValue('1456')
    await wrapper.get('#f-status').setValue('approved')
    await wrapper.get('[data-testid=history-filters]').trigger('submit')
    await flushPromises()
    expect(api.queries).toContainEqual(
      expect.objectContaining({ merchantId: 'm-demo', lastFour: '1456', states: ['approved'] }),
    )
    const rows = wrapper.findAll('[data-testid=history-row]')
    expect(rows).toHaveLength(2)
    expect(wrapper.get('[data-testid=history-count]').text()).toBe('2 payments')
    expect(rows[0]!.text()).toContain('•••• 1456')
    expect(rows[0]!.text()).toContain('€50.00')
    wrapper.unmount()
  })

  it('says what became of a sale: partly refunded with what is left, reversed, refunded', async () => {
    const reversedSale = record({
      id: 's2',
      state: 'approved',
      result: { finStatus: 'AUTHORISED', transactionId: 'tx-2', totalAmountMinor: '1100' },
    })
    const reversal = record({
      id: 'v2',
      operation: 'saleReversal',
      state: 'approved',
      originalTransactionId: 'tx-2',
      result: { finStatus: 'AUTHORISED', transactionId: 'tx-v2', totalAmountMinor: '1100' },
    })
    const fullyRefunded = record({
      id: 's3',
      state: 'approved',
      result: { finStatus: 'AUTHORISED', transactionId: 'tx-3', totalAmountMinor: '800' },
    })
    const refund = record({
      id: 'r3',
      operation: 'refund',
      state: 'approved',
      originalTransactionId: 'tx-3',
      result: { finStatus: 'AUTHORISED', transactionId: 'tx-r3', totalAmountMinor: '800' },
    })
    const reversed: PaymentSettlement = {
      paymentId: 's2',
      as: 'reversed',
      currency: 'EUR',
      leftMinor: '0',
      pendingMinor: '0',
      followUps: [
        { operation: 'refund', allowed: false, reason: { code: 'already_reversed' } },
        { operation: 'saleReversal', allowed: false, reason: { code: 'already_reversed' } },
      ],
    }
    const { wrapper } = await openHistory(
      [sale, earlierRefund, reversedSale, reversal, fullyRefunded, refund],
      {
        s1: saleSettled,
        r1: untouched('r1', '1500'),
        s2: reversed,
        v2: untouched('v2', '1100'),
        s3: { ...untouched('s3', '0'), as: 'refunded' },
        r3: untouched('r3', '800'),
      },
    )
    const status = wrapper.findAll('[data-testid=history-status]').map((cell) =>
      cell
        .findAll('span')
        .map((part) => part.text())
        .join(' '),
    )
    expect(status).toEqual([
      'Partly refunded €35.00 left',
      'Approved',
      'Reversed',
      'Approved',
      'Refunded',
      'Approved',
    ])
    await wrapper.findAll('[data-testid=history-row] button')[2]!.trigger('click')
    await flushPromises()
    const detail = wrapper.get('[data-testid=history-detail]')
    expect(detail.get('[data-testid=detail-state]').text()).toBe('Reversed')
    expect(detail.find('[data-testid=follow-up-refund]').exists()).toBe(false)
    expect(detail.find('[data-testid=follow-up-reverse]').exists()).toBe(false)
    // Main's reason is said, so the cashier knows nothing is left.
    expect(detail.get('[data-testid=follow-ups-refused]').text()).toContain(
      'This payment was already reversed.',
    )
    wrapper.unmount()
  })

  it('does not search while a filter is invalid', async () => {
    const { api, wrapper } = await openHistory()
    const before = api.queries.length
    await wrapper.get('#f-last4').setValue('12')
    await wrapper.get('[data-testid=history-filters]').trigger('submit')
    await flushPromises()
    expect(api.queries).toHaveLength(before)
    expect(wrapper.get('#f-last4').attributes('aria-invalid')).toBe('true')
    wrapper.unmount()
  })

  it('shows the detail and bounds a refund by what is left', async () => {
    const { api, wrapper } = await openHistory()
    await wrapper.findAll('[data-testid=history-row] button')[0]!.trigger('click')
    await flushPromises()
    const detail = wrapper.get('[data-testid=history-detail]')
    expect(detail.get('[data-testid=detail-card]').text()).toBe('VISA •••• 1456')
    expect(detail.get('[data-testid=detail-left]').text()).toBe('Left to refund or capture: €35.00')
    // Main refuses a reversal after a refund: not offered, and said why.
    expect(detail.find('[data-testid=follow-up-reverse]').exists()).toBe(false)
    expect(detail.get('[data-testid=follow-ups-refused]').text()).toContain(
      'already refunded in full or in part',
    )
    await detail.get('[data-testid=follow-up-refund]').trigger('click')
    const amount = wrapper.get('[data-testid=follow-up-amount]')
    expect((amount.element as HTMLInputElement).value).toBe('35.00')
    await amount.setValue('40')
    await wrapper.get('[data-testid=follow-up-form]').trigger('submit')
    expect(wrapper.get('[data-testid=follow-up-problem]').text()).toBe(
      'That is more than is left (€35.00).',
    )
    expect(api.started).toHaveLength(0)
    await amount.setValue('10')
    await wrapper.get('[data-testid=follow-up-form]').trigger('submit')
    await flushPromises()
    expect(api.started).toEqual([
      {
        merchantId: 'm-demo',
        terminalSerial: '0821032398',
        operation: 'refund',
        originalTransactionId: 'tx-sale',
        amountMinor: '1000',
        currency: 'EUR',
      },
    ])
    // The cashier lands on the checkout screen to watch the refund.
    expect(wrapper.find('[data-testid=payment-progress]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('offers no refund or reversal for a payment that did not go through', async () => {
    const declined = record({ id: 'd1', state: 'declined', result: { finStatus: 'DECLINED' } })
    const { wrapper } = await openHistory([declined], { d1: untouched('d1', '0') })
    expect(wrapper.get('[data-testid=history-count]').text()).toBe('1 payment')
    await wrapper.get('[data-testid=history-row] button').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid=follow-up-refund]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=follow-up-reverse]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('sends an unknown outcome back to the checkout screen, where it can be checked again', async () => {
    const unknown = record({
      id: 'u1',
      state: 'unknown',
      evidence: [{ at: 1, code: 'evidence_accepted' }],
    })
    const { api, wrapper } = await openHistory([unknown])
    await wrapper.get('[data-testid=history-row] button').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid=follow-up-refund]').exists()).toBe(false)
    await wrapper.get('[data-testid=follow-on-checkout]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid=outcome-unknown]').exists()).toBe(true)
    await wrapper.get('[data-testid=check-again]').trigger('click')
    await flushPromises()
    expect(api.resolves).toEqual(['u1'])
    wrapper.unmount()
  })
})

describe('what History offers follows main', () => {
  it('offers a reversal main accepts with the amount main says, and nothing without an answer', async () => {
    const untouchedSale = record({
      id: 's9',
      state: 'approved',
      result: { finStatus: 'AUTHORISED', transactionId: 'tx-9', totalAmountMinor: '1100' },
    })
    const api = installCheckoutApi({
      history: [untouchedSale],
      settlements: {
        s9: {
          paymentId: 's9',
          currency: 'EUR',
          leftMinor: '1100',
          pendingMinor: '0',
          followUps: [
            { operation: 'refund', allowed: true, maxMinor: '1100' },
            { operation: 'saleReversal', allowed: true, fixedMinor: '1100' },
          ],
        },
      },
    })
    const wrapper = await mountApp()
    await wrapper.findAll('nav button')[1]!.trigger('click')
    await flushPromises()
    await wrapper.get('[data-testid=history-row] button').trigger('click')
    await flushPromises()
    await wrapper.get('[data-testid=follow-up-reverse]').trigger('click')
    await wrapper.get('[data-testid=follow-up-form]').trigger('submit')
    await flushPromises()
    expect(api.started[0]).toMatchObject({ operation: 'saleReversal', amountMinor: '1100' })
    wrapper.unmount()
  })

  it('offers nothing when main has not answered for a payment', async () => {
    installCheckoutApi({ history: [sale], settlements: {} })
    const wrapper = await mountApp()
    await wrapper.findAll('nav button')[1]!.trigger('click')
    await flushPromises()
    await wrapper.get('[data-testid=history-row] button').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid=follow-up-refund]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=follow-up-reverse]').exists()).toBe(false)
    wrapper.unmount()
  })
})
