import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { TillLinkPatch, TillLinkView } from '@shared/contract'
import TillLinkSettings from '@renderer/components/settings/TillLinkSettings.vue'
import { createAppI18n } from './i18n'
import { MERCHANT, installCheckoutApi, mountApp, record } from './checkout/support'

function installTillApi(initial: Partial<TillLinkView> = {}) {
  let view: TillLinkView = {
    enabled: false,
    port: 7480,
    lan: false,
    running: false,
    tokens: [],
    ...initial,
  }
  const calls: {
    set: TillLinkPatch[]
    created: { name: string; merchantId: string }[]
    revoked: string[]
  } = {
    set: [],
    created: [],
    revoked: [],
  }
  installCheckoutApi({
    overrides: {
      onTillLinkChanged: () => () => undefined,
      getTillLink: async () => ({ ok: true, data: view }),
      setTillLink: async (patch: TillLinkPatch) => {
        calls.set.push(patch)
        if (patch.port === 1234) {
          return {
            ok: false,
            error: {
              code: 'till_link_port_in_use',
              message: 'x',
              params: { port: 1234 },
            },
          }
        }
        view = { ...view, ...patch }
        view.running = view.enabled
        view.url = view.running ? `http://127.0.0.1:${view.port}/v1` : undefined
        if (view.lan) view.fingerprint = 'AB:'.repeat(31) + 'CD'
        return { ok: true, data: view }
      },
      createTillToken: async (req: { name: string; merchantId: string }) => {
        calls.created.push(req)
        view = {
          ...view,
          tokens: [
            ...view.tokens,
            {
              id: 't1',
              name: req.name,
              merchantId: req.merchantId,
              merchantName: MERCHANT.name,
              createdAt: 1_700_000_000_000,
            },
          ],
        }
        return { ok: true, data: { token: 'ptl_secret-shown-once', link: view } }
      },
      revokeTillToken: async ({ id }: { id: string }) => {
        calls.revoked.push(id)
        view = { ...view, tokens: view.tokens.filter((t) => t.id !== id) }
        return { ok: true, data: view }
      },
    },
  })
  return calls
}

async function mountSettings(locale = 'en') {
  const wrapper = mount(TillLinkSettings, {
    global: { plugins: [createPinia(), createAppI18n(locale)] },
    attachTo: document.body,
  })
  await flushPromises()
  return wrapper
}

afterEach(() => {
  document.body.innerHTML = ''
  vi.restoreAllMocks()
})

describe('Settings > Till link', () => {
  it('switches the link on and shows where tills reach it', async () => {
    const calls = installTillApi()
    const w = await mountSettings()
    expect(w.get('[data-testid="till-status"]').text()).toMatch(/Switched off/)
    await w.get('[data-testid="till-enabled"]').setValue(true)
    await flushPromises()
    expect(calls.set).toEqual([{ enabled: true }])
    expect(w.get('[data-testid="till-status"]').text()).toBe('Running at http://127.0.0.1:7480/v1')
  })

  it('changes the port, and says so in words when it is taken', async () => {
    const calls = installTillApi({ enabled: true, running: true })
    const w = await mountSettings()
    await w.get('[data-testid="till-port"]').setValue('80')
    expect(w.get<HTMLButtonElement>('[data-testid="till-save-port"]').element.disabled).toBe(true)
    await w.get('[data-testid="till-port"]').setValue('1234')
    await w.get('[data-testid="till-save-port"]').trigger('click')
    await flushPromises()
    expect(calls.set).toEqual([{ port: 1234 }])
    expect(w.get('[data-testid="till-problem"]').text()).toBe(
      'Port 1234 is in use by another program; choose another port.',
    )
  })

  it('shows the certificate fingerprint in LAN mode', async () => {
    installTillApi({ enabled: true, running: true })
    const w = await mountSettings()
    expect(w.find('[data-testid="till-fingerprint"]').exists()).toBe(false)
    await w.get('[data-testid="till-lan"]').setValue(true)
    await flushPromises()
    expect(w.get('[data-testid="till-fingerprint"]').text()).toBe('AB:'.repeat(31) + 'CD')
  })

  it('creates a token for a merchant, shows it once, lists it, and revokes it', async () => {
    const calls = installTillApi()
    const w = await mountSettings()
    await w.get('[data-testid="till-token-name"]').setValue('Front till')
    await w.get('[data-testid="till-create-token"]').trigger('submit')
    await flushPromises()
    expect(calls.created).toEqual([{ name: 'Front till', merchantId: MERCHANT.id }])
    expect(w.get('[data-testid="till-token-value"]').text()).toBe('ptl_secret-shown-once')
    expect(w.get('[data-testid="till-token"]').text()).toMatch(
      /Front till · Demo shop.*Not used yet/s,
    )
    await w.get('[data-testid="till-token-done"]').trigger('click')
    expect(w.text()).not.toContain('ptl_secret-shown-once')
    await w.get('[data-testid="till-token"] .btn').trigger('click')
    expect(calls.revoked).toEqual([])
    await w.get('[data-testid="till-token-revoke"]').trigger('click')
    await flushPromises()
    expect(calls.revoked).toEqual(['t1'])
    expect(w.find('[data-testid="till-token"]').exists()).toBe(false)
  })

  it('speaks German', async () => {
    installTillApi({ enabled: false })
    const w = await mountSettings('de')
    expect(w.text()).toContain('Kassenanbindung')
    expect(w.text()).toContain('Kassen dürfen Zahlungen starten')
  })
})

describe('a payment started by a till on the checkout', () => {
  it('comes up on the checkout marked with the till, and the cashier can cancel it', async () => {
    const fake = installCheckoutApi()
    const w = await mountApp()
    const fromTill = record({
      id: 'till-pay',
      state: 'accepted',
      ...({ origin: { kind: 'till', tillId: 't1', tillName: 'Front till' } } as object),
    })
    await fake.emit({ record: fromTill, cancelAllowed: true })
    expect(w.get('[data-testid="till-origin"]').text()).toBe('From till Front till')
    await w.get('[data-testid="cancel-payment"]').trigger('click')
    await flushPromises()
    expect(fake.cancels).toEqual([{ merchantId: MERCHANT.id, terminalSerial: '0821032398' }])
    w.unmount()
  })
})
