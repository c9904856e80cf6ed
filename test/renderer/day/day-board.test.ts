import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import type { DaySettingsView } from '@shared/contract'
import { installCheckoutApi, MERCHANT, mountApp } from '../checkout/support'

afterEach(() => {
  document.body.innerHTML = ''
  localStorage.clear()
})

describe('day close on the board and in Settings', () => {
  it('warns on the terminal board about a batch left open, with a way to the Day tab', async () => {
    installCheckoutApi({
      overrides: {
        getCloseWarnings: async () => ({
          ok: true,
          data: [
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
        getDay: async () => ({ ok: false, error: { code: 'internal', message: 'x' } }),
      },
    })
    const wrapper = await mountApp()
    const warning = wrapper.get('[data-testid=board-close-warnings]')
    expect(warning.text()).toContain(
      'The batch of terminal 0821032398 has not been closed since 2026-07-13.',
    )
    await warning.get('button').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid=day-view]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('sets the cut-off hour and "close daily" for the active merchant', async () => {
    let stored: DaySettingsView = { cutoffHour: 4, closeDailyMerchants: [] }
    const patches: unknown[] = []
    installCheckoutApi({
      overrides: {
        getCloseWarnings: async () => ({ ok: true, data: [] }),
        getDaySettings: async () => ({ ok: true, data: stored }),
        setDaySettings: async (patch) => {
          patches.push(patch)
          stored = {
            cutoffHour: patch.cutoffHour ?? stored.cutoffHour,
            closeDailyMerchants: patch.closeDaily?.enabled
              ? [patch.closeDaily.merchantId]
              : stored.closeDailyMerchants,
          }
          return { ok: true, data: stored }
        },
        listPrinters: async () => ({ ok: true, data: [] }),
      },
    })
    const wrapper = await mountApp()
    window.dispatchEvent(new KeyboardEvent('keydown', { key: '3', altKey: true }))
    await flushPromises()
    const panel = wrapper.get('[data-testid=day-settings]')
    await panel.get('select').setValue('6')
    await panel.get('[data-testid=close-daily]').setValue(true)
    await flushPromises()
    expect(patches).toEqual([
      { cutoffHour: 6 },
      { closeDaily: { merchantId: MERCHANT.id, enabled: true } },
    ])
    expect((panel.get('[data-testid=close-daily]').element as HTMLInputElement).checked).toBe(true)
    wrapper.unmount()
  })
})
