import { z } from 'zod'
import type { Message } from '../messages'
import { event, operation } from './define'

/**
 * The till link over the contract: src/main/till implements these; Settings > Till link uses
 * them. A till token crosses the bridge once, in the answer to `createTillToken`, to be shown
 * once; afterwards main keeps only its hash.
 */

export interface TillTokenView {
  id: string
  name: string
  merchantId: string
  /** Absent when the merchant is gone. */
  merchantName?: string
  createdAt: number
  lastUsedAt?: number
}

export interface TillLinkView {
  enabled: boolean
  port: number
  /** Listening on the LAN (HTTPS only) rather than this computer alone. */
  lan: boolean
  running: boolean
  /** The base URL tills on this computer use, e.g. `http://127.0.0.1:7480/v1`. */
  url?: string
  /** SHA-256 of the LAN certificate, for tills to pin (LAN mode only). */
  fingerprint?: string
  /** Why it is not running although enabled, as a message code. */
  problem?: Message
  tokens: TillTokenView[]
}

export const tillLinkPatch = z.object({
  enabled: z.boolean().optional(),
  port: z.int().min(1024).max(65_535).optional(),
  lan: z.boolean().optional(),
})
export type TillLinkPatch = z.infer<typeof tillLinkPatch>

export const tillOperations = {
  getTillLink: operation<TillLinkView>()(z.undefined()),
  setTillLink: operation<TillLinkView>()(tillLinkPatch),
  createTillToken: operation<{ token: string; link: TillLinkView }>()(
    z.object({ name: z.string().trim().min(1).max(64), merchantId: z.string().min(1).max(128) }),
  ),
  revokeTillToken: operation<TillLinkView>()(z.object({ id: z.string().min(1).max(64) })),
}

export const tillEvents = {
  onTillLinkChanged: event<TillLinkView>(),
}
