import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { installCheckoutApi, mountApp, record } from './support'

beforeEach(() => localStorage.clear())
afterEach(() => {
  document.body.innerHTML = ''
})

const card = (w: Awaited<ReturnType<typeof mountApp>>, serial: string) =>
  w.get(`[data-testid=terminal-${serial}]`)

describe('terminal board', () => {
  it('lists every terminal of the merchant, default marked, state unknown until seen', async () => {
    installCheckoutApi()
    const wrapper = await mountApp()
    expect(card(wrapper, '0821032398').text()).toContain('Default')
    expect(card(wrapper, '0821032398').get('[data-testid=terminal-state]').text()).toBe('Unknown')
    expect(card(wrapper, '1850025030').text()).not.toContain('Default')
    expect(card(wrapper, '1850025030').text()).toContain('Not seen yet')
    wrapper.unmount()
  })

  // Battery and app version are not shown: no payment result carries them (they come with the
  // terminal health checks, not yet built).
  it('shows busy while an operation runs, then online once the terminal answered', async () => {
    const api = installCheckoutApi()
    const wrapper = await mountApp()
    await api.emit({ record: record({ id: 'p1', state: 'in-progress', updatedAt: 1 }) })
    expect(card(wrapper, '0821032398').get('[data-testid=terminal-state]').text()).toBe('Busy')
    const result = { finStatus: 'AUTHORISED' }
    await api.emit({ record: record({ id: 'p1', state: 'approved', updatedAt: 2, result }) })
    const done = card(wrapper, '0821032398')
    expect(done.get('[data-testid=terminal-state]').text()).toBe('Online')
    expect(done.text()).toContain('Last seen')
    wrapper.unmount()
  })
})
