import { z } from 'zod'
import type { Message } from '../messages'
import { operation } from './define'
import type { OperationKind } from './payments.values'

/**
 * Money rules over the contract: what is left of a payment and which follow-ups main would
 * accept (History mirrors this, main enforces it for every front), and the manager PIN that
 * refunds and reversals above a merchant's ceiling need. Amounts are integer minor units in a
 * digit string with their ISO 4217 currency.
 */

/** What became of a payment that went through. */
export type SettledAs = 'refunded' | 'partlyRefunded' | 'reversed' | 'captured' | 'released'

/** One follow-up of a payment as main would judge it now. */
export interface FollowUpAnswer {
  operation: OperationKind
  /** Main would accept it now (a refund or reversal above the ceiling still needs a manager). */
  allowed: boolean
  /** Why not, as main would refuse it. */
  reason?: Message
  /** The most it may ask for (refunds, captures, decreases). */
  maxMinor?: string
  /** The amount it must send (reversals return the whole payment). */
  fixedMinor?: string
}

/** What is left of one payment, from main's money rules. */
export interface PaymentSettlement {
  paymentId: string
  /** Absent while nothing followed that changed it. */
  as?: SettledAs
  currency?: string
  /** Minor units still open to a refund (sales) or a capture (pre-authorisations). */
  leftMinor: string
  /** Minor units of follow-ups still under way (already taken off `leftMinor`). */
  pendingMinor: string
  /** Each follow-up the catalogue offers for this payment, allowed or not. */
  followUps: FollowUpAnswer[]
  /** Refunds and reversals above this need the manager PIN (the merchant's ceiling). */
  managerAboveMinor?: string
}

/** Whether a manager PIN is set on this checkout; never the PIN or its hash. */
export interface ManagerPinStatus {
  set: boolean
  /** While wrong PINs have locked it: until when (ms since the epoch, the engine's clock). */
  lockedUntil?: number
  attemptsLeft: number
}

/** A manager PIN: 4 to 8 digits, typed on the checkout's keyboard. */
export const managerPin = z.string().regex(/^\d{4,8}$/, 'Use 4 to 8 digits')

export const moneyOperations = {
  getSettlements: operation<PaymentSettlement[]>()(
    z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(200) }),
  ),
  getManagerPin: operation<ManagerPinStatus>()(z.undefined()),
  /** Sets the PIN; changing one that is set needs the current PIN. */
  setManagerPin: operation<ManagerPinStatus>()(
    z.object({ currentPin: managerPin.optional(), newPin: managerPin }),
  ),
  removeManagerPin: operation<ManagerPinStatus>()(z.object({ currentPin: managerPin })),
}

export const moneyEvents = {}
