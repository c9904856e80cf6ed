import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import type { DayView, TerminalTotals } from '@shared/contract'
import { installCheckoutApi, MERCHANT, mountApp } from '../checkout/support'

afterEach(() => {
  document.body.innerHTML = ''
  localStorage.clear()
})

const line = (count: number, amount: number) => ({ count, amount })
const totals = (terminal: string, over: Partial<TerminalTotals> = {}): TerminalTotals => ({
  terminal,
  currency: 'EUR',
  sales: line(3, 4500),
  refunds: line(1, 500),
  reversals: line(1, 1000),
  captures: line(0, 0),
  tips: line(1, 200),
  net: 3000,
  declined: 1,
  failed: 0,
  cancelled: 0,
  ...over,
})

function dayView(over: Partial<DayView> = {}): DayView {
  return {
    merchantId: MERCHANT.id,
    date: '2026-07-14',
    today: '2026-07-14',
    cutoffHour: 4,
    closesDaily: false,
    report: {
      date: '2026-07-14',
      from: Date.UTC(2026, 6, 14, 2),
      to: Date.UTC(2026, 6, 15, 2),
      generatedAt: Date.UTC(2026, 6, 14, 18),
      terminals: [totals('0821032398')],
      brands: [{ brand: 'VISA', entry: 'chip', currency: 'EUR', count: 4, amount: 3000 }],
      exceptions: [
        {
          kind: 'outcome_unknown',
          paymentId: 'p-unknown',
          terminal: '0821032398',
          operation: 'sale',
          currency: 'EUR',
          amount: 990,
          at: Date.UTC(2026, 6, 14, 12),
          state: 'unknown',
        },
      ],
    },
    verdicts: [],
    closes: [],
    terminals: [
      { serial: '0821032398', type: 'PAXA920PRO', virtual: false },
      { serial: 'VT01', type: 'VT', virtual: true },
    ],
    warnings: [],
    ...over,
  }
}

async function openDay(overrides: Parameters<typeof installCheckoutApi>[0] = {}) {
  const fake = installCheckoutApi(overrides)
  const wrapper = await mountApp()
  window.dispatchEvent(new KeyboardEvent('keydown', { key: '4', altKey: true }))
  await flushPromises()
  return { fake, wrapper }
}

describe('Day tab', () => {
  it('opens with Alt+4 on today, with totals per terminal, exceptions and brands', async () => {
    const asked: unknown[] = []
    const { wrapper } = await openDay({
      overrides: {
        getDay: async (req) => {
          asked.push(req)
          return { ok: true, data: dayView() }
        },
      },
    })
    expect(asked).toEqual([{ merchantId: MERCHANT.id }])
    const card = wrapper.get('[data-terminal="0821032398"]')
    expect(card.text()).toContain('Terminal 0821032398')
    expect(card.get('[data-line="sales"]').text()).toContain('€45.00')
    expect(card.get('[data-line="net"]').text()).toContain('€30.00')
    expect(card.get('[data-verdict]').text()).toContain('Not checked')
    expect(wrapper.get('[data-terminal="VT01"]').text()).toContain('Virtual terminal (MOTO) VT01')
    expect(wrapper.get('[data-testid=day-exception]').text()).toContain('Outcome unknown')
    expect(wrapper.text()).toContain('Card brands')
    wrapper.unmount()
  })

  it('checks with Handpoint and shows each verdict with the lines that differ', async () => {
    const { wrapper } = await openDay({
      overrides: {
        getDay: async () => ({ ok: true, data: dayView() }),
        reconcileDay: async () => ({
          ok: true,
          data: dayView({
            reconciledAt: Date.UTC(2026, 6, 14, 19),
            verdicts: [
              {
                terminal: '0821032398',
                verdict: 'do_not_agree',
                batchNumber: '7',
                differences: [{ kind: 'in_batch_not_here', type: 'SALE', amount: 820, rrn: '99' }],
              },
              { terminal: 'VT01', verdict: 'unconfirmed', reason: 'batch_not_supported' },
            ],
          }),
        }),
      },
    })
    await wrapper.get('[data-testid=day-check]').trigger('click')
    await flushPromises()
    const card = wrapper.get('[data-terminal="0821032398"]')
    expect(card.get('[data-verdict]').text()).toContain('Totals do not agree')
    expect(card.get('[data-testid=differences]').text()).toContain(
      'In the batch, not here: SALE €8.20 (RRN 99)',
    )
    expect(wrapper.get('[data-terminal="VT01"] [data-verdict]').text()).toContain(
      'the acquirer does not support batches',
    )
    wrapper.unmount()
  })

  it('asks before closing a batch, says what closing ends, and closes only on confirm', async () => {
    const closes: unknown[] = []
    const { wrapper } = await openDay({
      overrides: {
        getDay: async () => ({ ok: true, data: dayView() }),
        closeBatch: async (req) => {
          closes.push(req)
          return {
            ok: true,
            data: dayView({
              terminals: [
                {
                  serial: '0821032398',
                  type: 'PAXA920PRO',
                  virtual: false,
                  lastClose: {
                    id: '1',
                    merchantId: MERCHANT.id,
                    terminal: '0821032398',
                    terminalType: 'PAXA920PRO',
                    businessDate: '2026-07-14',
                    requestedAt: Date.UTC(2026, 6, 14, 20),
                    state: 'closed',
                    answer: { batchNumber: '7', closeBatchGuid: 'g' },
                  },
                },
              ],
            }),
          }
        },
      },
    })
    const card = wrapper.get('[data-terminal="0821032398"]')
    await card.get('[data-testid=close-batch]').trigger('click')
    const dialog = wrapper.get('[data-testid=close-dialog]')
    expect(dialog.text()).toContain('Its payments can no longer be reversed, only refunded.')
    expect(dialog.text()).toContain('Tips can no longer be adjusted.')
    expect(document.activeElement?.textContent?.trim()).toBe('Keep it open')
    await dialog.get('[data-testid=dialog-cancel]').trigger('click')
    expect(closes).toEqual([])
    await card.get('[data-testid=close-batch]').trigger('click')
    await wrapper.get('[data-testid=dialog-confirm]').trigger('click')
    await flushPromises()
    expect(closes).toEqual([{ merchantId: MERCHANT.id, terminalSerial: '0821032398' }])
    expect(wrapper.get('[data-testid=day-notice]').text()).toBe(
      'Batch 7 of terminal 0821032398 is closed.',
    )
    wrapper.unmount()
  })

  it('words a refusal from main, and offers no close on an earlier day', async () => {
    const { wrapper } = await openDay({
      overrides: {
        getDay: async () => ({ ok: true, data: dayView({ date: '2026-07-13' }) }),
      },
    })
    expect(wrapper.find('[data-testid=close-batch]').exists()).toBe(false)
    wrapper.unmount()
    const second = await openDay({
      overrides: {
        getDay: async () => ({ ok: true, data: dayView() }),
        closeBatch: async () => ({
          ok: false,
          error: {
            code: 'batch_close_unresolved',
            params: { terminal: '0821032398' },
            message: 'x',
          },
        }),
      },
    })
    await second.wrapper.get('[data-testid=close-batch]').trigger('click')
    await second.wrapper.get('[data-testid=dialog-confirm]').trigger('click')
    await flushPromises()
    expect(second.wrapper.get('[data-testid=day-error]').text()).toContain(
      'The last batch close of terminal 0821032398 has no known outcome yet.',
    )
    second.wrapper.unmount()
  })

  it('goes from an exception to the payment in History with one click', async () => {
    const { fake, wrapper } = await openDay({
      overrides: { getDay: async () => ({ ok: true, data: dayView() }) },
    })
    await wrapper.get('[data-testid=day-exception] button').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid=day-view]').exists()).toBe(false)
    expect(fake.queries).toContainEqual(expect.objectContaining({ reference: 'p-unknown' }))
    wrapper.unmount()
  })

  it('speaks German', async () => {
    localStorage.setItem('pos-companion.checkout-settings', JSON.stringify({ locale: 'de' }))
    const { wrapper } = await openDay({
      overrides: {
        getDay: async () => ({
          ok: true,
          data: dayView({
            verdicts: [{ terminal: '0821032398', verdict: 'confirmed', batchNumber: '7' }],
            warnings: [
              {
                terminal: '0821032398',
                since: '2026-07-13',
                message: {
                  code: 'batch_close_overdue',
                  params: { terminal: '0821032398', date: '2026-07-13' },
                },
              },
            ],
          }),
        }),
      },
    })
    expect(wrapper.get('.screen-title').text()).toBe('Tag')
    expect(wrapper.get('[data-verdict]').text()).toContain('Summen bestätigt')
    expect(wrapper.get('[data-testid=close-warning]').text()).toContain(
      'Der Batch von Terminal 0821032398 wurde seit 2026-07-13 nicht abgeschlossen.',
    )
    expect(wrapper.get('[data-line="net"]').text()).toContain('30,00')
    wrapper.unmount()
  })
})
