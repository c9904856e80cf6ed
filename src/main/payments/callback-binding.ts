import os from 'node:os'
import type { CallbackAddress } from '@shared/contract/merchants.contract'
import { msg, type Message } from '@shared/messages'

/**
 * Where the callback listener may listen: only on an address of this computer (its network
 * interfaces and loopback) that a person chose in the app on this checkout. A configuration
 * made elsewhere and imported arrives with its callback address unconfirmed, so a file cannot
 * open a port on this computer's network (let alone on every address, `0.0.0.0`) by itself.
 */

/** The loopback addresses, always present, first. */
const LOOPBACK: readonly CallbackAddress[] = [
  { address: '127.0.0.1', family: 'IPv4', interfaceName: 'loopback', internal: true },
  { address: '::1', family: 'IPv6', interfaceName: 'loopback', internal: true },
]

/** A host as typed or stored, compared as an address: brackets and case do not matter. */
export const normalHost = (host: string): string =>
  host
    .trim()
    .replace(/^\[(.*)\]$/, '$1')
    .toLowerCase()

/**
 * This computer's addresses a terminal could call: loopback, then every interface's address.
 * IPv6 link-local addresses (fe80::/10) are left out: they need an interface scope no
 * terminal's callback URL can carry. Nothing here means "every address" (0.0.0.0 or ::).
 */
export function localAddresses(
  interfaces: ReturnType<typeof os.networkInterfaces> = os.networkInterfaces(),
): CallbackAddress[] {
  const found: CallbackAddress[] = [...LOOPBACK]
  for (const [interfaceName, entries] of Object.entries(interfaces)) {
    for (const entry of entries ?? []) {
      const address = normalHost(entry.address)
      if (entry.family !== 'IPv4' && entry.family !== 'IPv6') continue
      if (entry.family === 'IPv6' && /^fe[89ab]/.test(address)) continue
      if (address === '0.0.0.0' || address === '::') continue
      if (found.some((a) => a.address === address)) continue
      found.push({ address, family: entry.family, interfaceName, internal: entry.internal })
    }
  }
  return found
}

/** Whether `host` is one of `addresses` (exactly; a name or a wildcard never is). */
export function isLocalAddress(host: string, addresses: readonly CallbackAddress[]): boolean {
  const wanted = normalHost(host)
  return addresses.some((a) => a.address === wanted)
}

/** The callback settings of a merchant as the binding rule reads them. */
export interface CallbackSettings {
  merchantId: string
  merchantName: string
  resultFlow: {
    mode: 'poll' | 'callback'
    callbackHost?: string
    callbackPort?: number
    callbackHostConfirmed?: boolean
  }
}

export type CallbackBinding =
  | { kind: 'none' }
  | { kind: 'listen'; merchantId: string; host: string; port: number }
  | { kind: 'refused'; merchantId: string; why: Message }

/**
 * Where this checkout's one callback listener listens, from the first merchant set to the
 * callback flow: its chosen address when a person confirmed it here and it is still an address
 * of this computer; loopback (127.0.0.1) when it names none. Otherwise the listener stays off,
 * with the reason in words, and callback payments are refused until a person confirms an
 * address in Settings.
 */
export function callbackBindingOf(
  merchants: readonly CallbackSettings[],
  addresses: readonly CallbackAddress[],
): CallbackBinding {
  const chosen = merchants.find((m) => m.resultFlow.mode === 'callback')
  if (!chosen) return { kind: 'none' }
  const { callbackHost, callbackPort, callbackHostConfirmed } = chosen.resultFlow
  const merchantId = chosen.merchantId
  const port = callbackPort ?? 0
  if (callbackHost === undefined) return { kind: 'listen', merchantId, host: '127.0.0.1', port }
  const host = normalHost(callbackHost)
  if (!callbackHostConfirmed) {
    return {
      kind: 'refused',
      merchantId,
      why: msg('callback_host_unconfirmed', { host, merchant: chosen.merchantName }),
    }
  }
  if (!isLocalAddress(host, addresses)) {
    return { kind: 'refused', merchantId, why: msg('callback_host_not_on_this_pc', { host }) }
  }
  return { kind: 'listen', merchantId, host, port }
}
