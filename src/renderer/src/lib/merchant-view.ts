/**
 * What the checkout needs to know about a merchant and its terminals, read tolerantly from the
 * merchants store's objects (whose exact field names belong to the merchants work). Anything
 * missing degrades to "unknown" rather than breaking the till.
 */

export interface CheckoutMerchant {
  id: string
  name: string
  environment: string
  currency: string
  /** Simulator / demo: no real money moves. */
  demo: boolean
  /** The default terminal saved on the merchant's profile, if any. */
  defaultTerminalSerial?: string
}

export type TerminalState = 'online' | 'busy' | 'offline' | 'unknown'

export interface CheckoutTerminal {
  serialNumber: string
  terminalType: string
  state: TerminalState
  lastSeenAt?: number
  isDefault: boolean
  battery?: string
  appVersion?: string
  label?: string
}

type Bag = Record<string, unknown>
const bag = (v: unknown): Bag => (v && typeof v === 'object' ? (v as Bag) : {})
const str = (...vs: unknown[]): string | undefined => {
  for (const v of vs) if (typeof v === 'string' && v !== '') return v
  return undefined
}
const num = (...vs: unknown[]): number | undefined => {
  for (const v of vs) {
    if (typeof v === 'number' && Number.isFinite(v)) return v
    if (typeof v === 'string' && v !== '' && !Number.isNaN(Date.parse(v))) return Date.parse(v)
  }
  return undefined
}

export function toCheckoutMerchant(raw: unknown): CheckoutMerchant | null {
  const m = bag(raw)
  const id = str(m['id'], m['merchantId'])
  if (!id) return null
  const environment = str(m['environment'], m['env']) ?? 'unknown'
  return {
    id,
    name: str(m['name'], m['displayName'], m['label']) ?? id,
    environment,
    currency: str(m['currency'], m['defaultCurrency']) ?? 'EUR',
    demo: m['demo'] === true || m['isDemo'] === true || environment === 'simulator',
    defaultTerminalSerial: str(m['defaultTerminalSerial'], m['defaultTerminal']),
  }
}

const STATES: readonly TerminalState[] = ['online', 'busy', 'offline', 'unknown']

export function toCheckoutTerminal(raw: unknown): CheckoutTerminal | null {
  const t = bag(raw)
  const serialNumber = str(t['serialNumber'], t['serial'])
  if (!serialNumber) return null
  const device = bag(t['deviceStatus'])
  const state = str(t['state'], t['status'], t['connection']) as TerminalState | undefined
  return {
    serialNumber,
    terminalType: str(t['terminalType'], t['type']) ?? '',
    state: state && STATES.includes(state) ? state : 'unknown',
    lastSeenAt: num(t['lastSeenAt'], t['lastSeen']),
    isDefault: t['isDefault'] === true || t['default'] === true,
    battery: str(t['battery'], t['batteryStatus'], device['batteryStatus']),
    appVersion: str(t['appVersion'], t['applicationVersion'], device['applicationVersion']),
    label: str(t['label'], t['name']),
  }
}
