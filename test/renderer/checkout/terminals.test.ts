import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { health, installCheckoutApi, mountApp, record } from './support'

beforeEach(() => localStorage.clear())
afterEach(() => {
  document.body.innerHTML = ''
})

type Wrapper = Awaited<ReturnType<typeof mountApp>>
const card = (w: Wrapper, serial: string) => w.get(`[data-testid=terminal-${serial}]`)
const stateOf = (w: Wrapper, serial: string) =>
  card(w, serial).get('[data-testid=terminal-state]').text()
const A = '0821032398'
const B = '1850025030'

describe('terminal board: what main knows of each terminal', () => {
  it('lists the merchant’s terminals, default marked, "not checked yet" until main reports', async () => {
    installCheckoutApi()
    const wrapper = await mountApp()
    expect(card(wrapper, A).text()).toContain('Default')
    expect(stateOf(wrapper, A)).toBe('Not checked yet')
    expect(card(wrapper, B).text()).not.toContain('Default')
    expect(card(wrapper, B).text()).toContain('Not heard from yet')
    wrapper.unmount()
  })

  it('shows each state, last seen, battery, power and app version as main reports them', async () => {
    const seen = Date.UTC(2026, 10, 30, 9, 15, 0)
    const api = installCheckoutApi({
      board: [
        health(A, {
          state: 'online',
          lastSeenAt: seen,
          device: {
            batteryPercent: 78,
            charging: true,
            externalPower: 'USB',
            onExternalPower: true,
            appVersion: '20.4.12.1',
            reportedAt: seen,
            source: 'result',
          },
        }),
        health(B, { state: 'busy-elsewhere', lastSeenAt: seen }),
      ],
    })
    const wrapper = await mountApp()
    expect(stateOf(wrapper, A)).toBe('Online')
    expect(card(wrapper, A).get('[data-testid=terminal-battery]').text()).toBe(
      'Battery 78% · charging · on USB',
    )
    expect(card(wrapper, A).text()).toContain('App 20.4.12.1')
    expect(card(wrapper, A).get('[data-testid=terminal-seen]').text()).toContain('Last seen')
    expect(stateOf(wrapper, B)).toBe('Busy elsewhere')
    await api.emitBoard([
      health(A, {
        state: 'offline',
        lastSeenAt: seen,
        checkProblem: { code: 'health_check_failed', params: { cause: 'network' }, at: seen },
      }),
      health(B, { state: 'online', lastSeenAt: seen }),
    ])
    expect(stateOf(wrapper, A)).toBe('Offline')
    expect(card(wrapper, A).get('[data-testid=terminal-problem]').text()).toContain('no connection')
    expect(stateOf(wrapper, B)).toBe('Online')
    wrapper.unmount()
  })

  it('never shows a terminal that is not the merchant’s, nor another merchant’s report', async () => {
    const api = installCheckoutApi({
      board: [health(A, { state: 'online' }), health('7777777777', { state: 'online' })],
    })
    const wrapper = await mountApp()
    expect(wrapper.find('[data-testid=terminal-7777777777]').exists()).toBe(false)
    await api.emitBoard([health(A, { merchantId: 'other', state: 'offline' })], 'other')
    expect(stateOf(wrapper, A)).toBe('Online')
    wrapper.unmount()
  })

  it('lists the virtual terminal for phone and mail orders, without checks', async () => {
    installCheckoutApi({
      terminals: [
        { serialNumber: A, terminalType: 'PAXA920PRO' },
        { serialNumber: 'VT0001', terminalType: 'VT' },
      ],
    })
    const wrapper = await mountApp()
    const vt = card(wrapper, 'VT0001')
    expect(vt.get('[data-testid=terminal-state]').text()).toBe('MOTO')
    expect(vt.text()).toContain('phone and mail orders')
    expect(vt.find('[data-testid=terminal-seen]').exists()).toBe(false)
    wrapper.unmount()
  })
})

describe('terminal board: payments in flight', () => {
  it('shows our payment on its terminal’s card with amount, phase, elapsed and Cancel', async () => {
    const api = installCheckoutApi({ board: [health(A, { state: 'online' })] })
    const wrapper = await mountApp()
    await api.emit({
      record: record({ id: 'p1', state: 'in-progress', phase: 'phase_waiting_for_card' }),
      cancelAllowed: true,
      elapsedMs: 65_000,
    })
    expect(stateOf(wrapper, A)).toBe('Busy here')
    const flight = card(wrapper, A).get(`[data-testid=in-flight-${A}]`)
    expect(flight.text()).toContain('€12.50')
    expect(flight.text()).toContain('Waiting for the card')
    expect(flight.get('[data-testid=in-flight-elapsed]').text()).toMatch(/^1:0\d$/)
    await flight.get('[data-testid=in-flight-cancel]').trigger('click')
    expect(api.cancels).toEqual([{ merchantId: 'm-demo', terminalSerial: A }])
    wrapper.unmount()
  })
})

describe('terminal detail: the day in words, check and commands', () => {
  async function openDetail(api = installCheckoutApi({ board: [health(A, { state: 'online' })] })) {
    const wrapper = await mountApp()
    await wrapper.get(`[data-testid=terminal-details-${A}]`).trigger('click')
    await new Promise((r) => setTimeout(r, 0))
    return { api, wrapper }
  }

  it('reads the day in words, repeats folded', async () => {
    const at = Date.UTC(2026, 10, 30, 9, 0, 0)
    const api = installCheckoutApi({
      board: [health(A, { state: 'online' })],
      detail: {
        history: [
          { code: 'health_check_online', at, lastAt: at + 180_000, count: 4 },
          { code: 'health_result', params: { operation: 'sale' }, at, lastAt: at, count: 1 },
          { code: 'health_refused_not_listening', at, lastAt: at, count: 1 },
        ],
        commands: [],
      },
    })
    const { wrapper } = await openDetail(api)
    const day = wrapper.get('[data-testid=terminal-history]').text()
    expect(day).toContain('Answered a check: ready for payments.')
    expect(day).toContain('4 times, last at')
    expect(day).toContain('Result received: Sale.')
    expect(day).toContain('Refused an operation of this checkout: not listening.')
    wrapper.unmount()
  })

  it('"Check now" asks main for a ping', async () => {
    const { api, wrapper } = await openDetail()
    await wrapper.get('[data-testid=terminal-check]').trigger('click')
    expect(api.checks).toEqual([A])
    wrapper.unmount()
  })

  it('sends a command and says "sent to the terminal", never "applied"', async () => {
    const { api, wrapper } = await openDetail()
    await wrapper.get('[data-testid=command-hour]').setValue('4')
    await wrapper.get('[data-testid=command-form]').trigger('submit')
    await new Promise((r) => setTimeout(r, 0))
    expect(api.commands).toEqual([
      { serialNumber: A, command: { command: 'set-reboot-time', hour: 4 } },
    ])
    const answer = wrapper.get('[data-testid=command-answer]').text()
    expect(answer).toContain(`Sent to terminal ${A}`)
    expect(answer).not.toMatch(/applied\b(?! it)/)
    wrapper.unmount()
  })

  it('refuses an hour out of range before anything is sent', async () => {
    const { api, wrapper } = await openDetail()
    await wrapper.get('[data-testid=command-hour]').setValue('24')
    await wrapper.get('[data-testid=command-form]').trigger('submit')
    expect(api.commands).toEqual([])
    expect(wrapper.text()).toContain('Enter whole numbers in the ranges shown')
    wrapper.unmount()
  })

  it('brightness: a minimum above the maximum is refused, a valid pair is sent', async () => {
    const { api, wrapper } = await openDetail()
    await wrapper.get('[data-testid=command-name]').setValue('set-screen-brightness')
    await wrapper.get('#command-min').setValue('60')
    await wrapper.get('#command-max').setValue('40')
    await wrapper.get('[data-testid=command-form]').trigger('submit')
    expect(api.commands).toEqual([])
    expect(wrapper.text()).toContain('Enter whole numbers in the ranges shown')
    expect(wrapper.get('#command-max').attributes('max')).toBe('100')
    await wrapper.get('#command-max').setValue('80')
    await wrapper.get('[data-testid=command-form]').trigger('submit')
    await new Promise((r) => setTimeout(r, 0))
    expect(api.commands).toEqual([
      { serialNumber: A, command: { command: 'set-screen-brightness', minimum: 60, maximum: 80 } },
    ])
    wrapper.unmount()
  })

  it('a forced reboot goes out only after the warning is confirmed', async () => {
    const { api, wrapper } = await openDetail()
    await wrapper.get('[data-testid=command-name]').setValue('reboot')
    await wrapper.get('[data-testid=command-force]').setValue(true)
    await wrapper.get('[data-testid=command-form]').trigger('submit')
    expect(api.commands).toEqual([])
    expect(wrapper.get('[data-testid=force-confirm]').text()).toContain(
      'interrupts any payment in progress',
    )
    await wrapper.get('[data-testid=command-form]').trigger('submit')
    await new Promise((r) => setTimeout(r, 0))
    expect(api.commands).toEqual([
      { serialNumber: A, command: { command: 'reboot', force: true, confirmed: true } },
    ])
    wrapper.unmount()
  })
})
