import type { CallbackAddress, MerchantPatch } from '@shared/contract'
import { AppError } from '@shared/contract'
import { msg } from '@shared/messages'
import { isLocalAddress, normalHost } from '../payments/callback-binding'
import type { MerchantProfile } from './profile-schema'

/**
 * Who confirmed a merchant's callback address. Only a person in Settings on this checkout can:
 * the listener listens only on an address so confirmed (src/main/payments/callback-binding.ts).
 */

type ResultFlow = MerchantProfile['resultFlow']

const sameAddress = (a: ResultFlow | undefined, b: ResultFlow): boolean =>
  a?.callbackHostConfirmed === true &&
  a.callbackHost === b.callbackHost &&
  a.callbackPort === b.callbackPort

/**
 * The result flow a person set in Settings. An address they choose or confirm now
 * (`confirmHost`) must be one of this computer's; otherwise it stays confirmed only while it is
 * the address and port confirmed before.
 */
export function flowFromSettings(
  patch: NonNullable<MerchantPatch['resultFlow']>,
  before: ResultFlow,
  addresses: readonly CallbackAddress[],
): ResultFlow {
  const { confirmHost, ...flow } = patch
  if (flow.callbackHost === undefined) return flow
  const next = { ...flow, callbackHost: normalHost(flow.callbackHost) }
  if (confirmHost) {
    if (!isLocalAddress(next.callbackHost, addresses)) {
      throw new AppError(msg('callback_host_not_on_this_pc', { host: next.callbackHost }))
    }
    return { ...next, callbackHostConfirmed: true }
  }
  return { ...next, callbackHostConfirmed: sameAddress(before, next) }
}

/**
 * An imported callback address is not confirmed on this checkout, whatever the file says: the
 * listener does not listen there until a person confirms it in Settings. Only an address and
 * port this checkout had already confirmed for the same merchant stay confirmed.
 */
export function importedFlow(flow: ResultFlow, here: MerchantProfile | undefined): ResultFlow {
  const { callbackHostConfirmed: _claimed, ...rest } = flow
  if (rest.callbackHost === undefined) return rest
  return { ...rest, callbackHostConfirmed: sameAddress(here?.resultFlow, rest) }
}

/** What an export carries: the address, never this checkout's confirmation of it. */
export function exportedFlow(flow: ResultFlow): ResultFlow {
  const { callbackHostConfirmed: _confirmed, ...rest } = flow
  return rest
}
