import type { TillLinkPatch, TillLinkView } from '@shared/contract'
import { bridge, unwrap } from './bridge'

/** The till link half of the contract, as promises that throw BridgeError on refusal. */
export const tillClient = {
  get: (): Promise<TillLinkView> => unwrap(bridge().getTillLink()),
  set: (patch: TillLinkPatch): Promise<TillLinkView> => unwrap(bridge().setTillLink(patch)),
  createToken: (name: string, merchantId: string) =>
    unwrap(bridge().createTillToken({ name, merchantId })),
  revokeToken: (id: string): Promise<TillLinkView> => unwrap(bridge().revokeTillToken({ id })),
  onChanged: (listener: (view: TillLinkView) => void): (() => void) =>
    bridge().onTillLinkChanged(listener),
}
