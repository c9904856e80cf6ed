import type { PaymentSettlement } from '@shared/contract/money.contract'
import type { PaymentRecord, StartPaymentRequest } from '@shared/contract/payments.contract'
import { AppError } from '@shared/contract/result'
import { msg, type Message } from '@shared/messages'
import { minorFromDecimal } from '@shared/money'
import { OPERATIONS } from '@shared/operations'
import type { PinCheck } from './manager-pin'
import { decimalOf, followUpAnswers, refusalOf } from './rules'
import { settle, totalOf, type OriginalFacts } from './settlement'

/**
 * The money rules as the payment engine applies them to every start, whichever front asked (the
 * window over IPC, the CLI, the till link): a follow-up is judged against what is left of its
 * original, and a refund or reversal above the merchant's ceiling needs the manager PIN. The
 * engine calls `approve` before it takes the terminal (the PIN check is slow) and `check` after,
 * with no await between `check` and saving the payment: two follow-ups of one original cannot
 * both pass on the same "what is left". See docs/payment-safety.md, "Money rules".
 */

/** What the rules read about payments (the payment store, through ./facts.ts). */
export interface MoneyFacts {
  /** The payment this checkout took for `merchantId` whose Handpoint transaction id is `transactionId`. */
  originalOf(merchantId: string, transactionId: string): PaymentRecord | undefined
  /** The operations linked to `original` and the day closes of its merchant and terminal. */
  factsOf(original: PaymentRecord): OriginalFacts
  /** A payment by our id. */
  get(id: string): PaymentRecord | undefined
}

/** The merchant's ceiling: above it a refund or a reversal needs the manager. */
export interface Ceiling {
  minor: string
  currency: string
}

export interface ManagerApproval {
  /** The merchant's ceiling, or undefined when it has none. */
  ceilingOf(merchantId: string): Promise<Ceiling | undefined>
  /** Checks the manager PIN (counts wrong ones, may be locked). */
  checkPin(pin: string): Promise<PinCheck>
}

export interface MoneyGuardOptions {
  facts: MoneyFacts
  /** Absent: no ceiling anywhere (tests of other rules); the app and the CLI always pass one. */
  approval?: ManagerApproval
  now: () => number
}

/** What is left, in minor units, beside a refusal that says it (the till link answers with it). */
function leftOf(
  refusal: Message,
  currency: string | undefined,
): { remainingMinor: string } | undefined {
  if (refusal.code === 'nothing_left') return { remainingMinor: '0' }
  const remaining = refusal.params?.['remaining']
  if (refusal.code !== 'amount_exceeds_remaining' || typeof remaining !== 'string' || !currency)
    return undefined
  return { remainingMinor: String(minorFromDecimal(remaining, currency)) }
}

export class MoneyGuard {
  constructor(private readonly options: MoneyGuardOptions) {}

  /**
   * Everything that can be refused before the terminal is taken: the follow-up's rules (so a
   * refund of more than is left is refused before anyone is asked for a PIN) and, for money
   * going back above the merchant's ceiling, the manager PIN. Throws AppError with a code.
   */
  async approve(request: StartPaymentRequest): Promise<void> {
    const original = this.check(request)
    const approval = this.options.approval
    if (OPERATIONS[request.operation].money !== 'out' || !approval) return
    const ceiling = await approval.ceilingOf(request.merchantId)
    if (!ceiling) return
    const amount = request.amountMinor ?? (original ? totalOf(original).toString() : undefined)
    const sameCurrency = (request.currency ?? ceiling.currency) === ceiling.currency
    // A ceiling in one currency says nothing about another: the manager decides then.
    if (amount !== undefined && sameCurrency && BigInt(amount) <= BigInt(ceiling.minor)) return
    const words = {
      ceiling: decimalOf(BigInt(ceiling.minor), ceiling.currency),
      currency: ceiling.currency,
    }
    if (request.managerPin === undefined)
      throw new AppError(msg('manager_approval_required', words))
    const checked = await approval.checkPin(request.managerPin)
    switch (checked.kind) {
      case 'ok':
        return
      case 'not-set':
        throw new AppError(msg('manager_pin_not_set', words))
      case 'wrong':
        throw new AppError(msg('manager_pin_wrong', { attemptsLeft: checked.attemptsLeft }))
      case 'locked': {
        const minutes = Math.max(1, Math.ceil((checked.until - this.options.now()) / 60_000))
        throw new AppError(msg('manager_pin_locked', { minutes }))
      }
    }
  }

  /**
   * The follow-up's rules on what the store holds right now; synchronous, so the engine saves
   * the payment before anything else can change what is left. Returns the original (undefined
   * for an operation that follows nothing). Throws AppError with a code.
   */
  check(request: StartPaymentRequest): PaymentRecord | undefined {
    const transactionId = request.originalTransactionId
    if (transactionId === undefined || !OPERATIONS[request.operation].followUp) return undefined
    const { facts } = this.options
    const original = facts.originalOf(request.merchantId, transactionId)
    if (!original) throw new AppError(msg('original_not_found'))
    const ask = {
      operation: request.operation,
      ...(request.amountMinor !== undefined ? { amountMinor: request.amountMinor } : {}),
      ...(request.currency !== undefined ? { currency: request.currency } : {}),
    }
    const refusal = refusalOf(original, settle(facts.factsOf(original)), ask)
    if (refusal) throw new AppError(refusal, leftOf(refusal, original.currency))
    return original
  }

  /** What is left of each payment and which follow-ups main would accept (unknown ids left out). */
  async settlements(ids: readonly string[]): Promise<PaymentSettlement[]> {
    const { facts, approval } = this.options
    const ceilings = new Map<string, Promise<Ceiling | undefined>>()
    const out: PaymentSettlement[] = []
    for (const id of ids) {
      const original = facts.get(id)
      if (!original) continue
      const settlement = settle(facts.factsOf(original))
      const answer: PaymentSettlement = {
        paymentId: id,
        leftMinor: settlement.left.toString(),
        pendingMinor: settlement.pending.toString(),
        followUps: followUpAnswers(original, settlement),
      }
      if (settlement.as) answer.as = settlement.as
      if (settlement.currency) answer.currency = settlement.currency
      if (approval && !ceilings.has(original.merchantId)) {
        ceilings.set(original.merchantId, approval.ceilingOf(original.merchantId))
      }
      const ceiling = await ceilings.get(original.merchantId)
      if (ceiling) answer.managerAboveMinor = ceiling.minor
      out.push(answer)
    }
    return out
  }
}
