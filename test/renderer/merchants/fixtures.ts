import type { MerchantView, MerchantsSnapshot } from '@shared/contract'

export function merchant(overrides: Partial<MerchantView> = {}): MerchantView {
  return {
    id: 'm-1',
    name: 'Salon Anna',
    demo: false,
    environment: 'production',
    currency: 'EUR',
    keyState: 'ok',
    keyHint: '•••• A1b2',
    terminals: [{ serialNumber: '111', terminalType: 'PAXA920' }],
    terminalsFetchedAt: 1_760_000_000_000,
    resultFlow: { mode: 'poll' },
    receipts: { customerCopy: 'ask', merchantCopy: 'on-signature' },
    limits: {},
    ...overrides,
  }
}

export const demo = merchant({
  id: 'demo',
  name: 'Demo shop (simulator, no real money)',
  demo: true,
  environment: 'simulator',
  keyHint: undefined,
  terminals: [],
  terminalsFetchedAt: undefined,
})

export function snapshot(overrides: Partial<MerchantsSnapshot> = {}): MerchantsSnapshot {
  return {
    merchants: [demo, merchant()],
    activeMerchantId: 'demo',
    storage: { backend: 'gnome_libsecret', canStore: true, weak: false, insecureAccepted: false },
    ...overrides,
  }
}

export const ok = <T>(data: T) => Promise.resolve({ ok: true as const, data })
/** A refusal as main sends it; `message` is main's English, which the screen must never show. */
export const fail = (code: string, params?: Record<string, string | number>) =>
  Promise.resolve({
    ok: false as const,
    error: { code, ...(params ? { params } : {}), message: 'main’s English, never shown' },
  })
