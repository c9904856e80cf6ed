import type { OperationKind, PaymentState } from '../contract/payments.values'

/**
 * What each operation needs and allows, written once. The checkout's choices (renderer), the
 * engine's input checks (main/payments) and the Handpoint client's wire rules derive from this
 * table; only the simulator keeps its own checks, because it plays Handpoint's side and must be
 * able to disagree with us. Zod-free, so the renderer imports it as it is.
 *
 * Sources: Handpoint's REST API, operation-specific rules and the TransactionRequest fields.
 */

/** Whether a field must, may or must not be sent. */
export type Need = 'required' | 'optional' | 'none'

/** Which way money goes when the operation succeeds. `hold` reserves or releases, moves nothing. */
export type MoneyDirection = 'in' | 'out' | 'hold' | 'none'

/** How a cashier reaches an operation from a payment in the history. */
export type FollowUpKind = 'refund' | 'reverse' | 'capture' | 'increase' | 'release'

export interface FollowUpRule {
  kind: FollowUpKind
  /** Originals this operation can follow. */
  originals: readonly OperationKind[]
  /** States the original must be in. */
  states: readonly PaymentState[]
  /**
   * The amount the follow-up sends: `bounded` asks for one up to what is left, `full` sends the
   * original's amount, `free` asks for any amount, `none` sends none.
   */
  amount: 'bounded' | 'full' | 'free' | 'none'
}

export interface OperationSpec {
  kind: OperationKind
  /** `amount` and `currency` travel together. */
  amount: Need
  /** A negative amount is allowed and means a decrease (only preAuthorizationIncrease). */
  signedAmount: boolean
  /** `originalTransactionId`: the Handpoint transaction id of the payment it refers to. */
  original: Need
  /** `receipt`: the HTML or URL the terminal prints (printReceipt only). */
  receipt: Need
  /** The terminal may offer tips (`tipConfiguration`). */
  tips: boolean
  /** `returned`: a successful result carries a card token. No operation of ours takes one. */
  cardToken: 'none' | 'returned'
  money: MoneyDirection
  /** Absent: not offered from the history. */
  followUp?: FollowUpRule
}

const WENT_THROUGH: readonly PaymentState[] = ['approved', 'partial']
const SALES: readonly OperationKind[] = ['sale', 'saleAndTokenizeCard']
const PRE_AUTHS: readonly OperationKind[] = ['preAuthorization', 'moToPreAuthorization']

type Spec = Omit<OperationSpec, 'kind'>
const plain: Spec = {
  amount: 'none',
  signedAmount: false,
  original: 'none',
  receipt: 'none',
  tips: false,
  cardToken: 'none',
  money: 'none',
}
const charge: Spec = { ...plain, amount: 'required', money: 'in' }

const SPECS: Record<OperationKind, Spec> = {
  sale: { ...charge, tips: true },
  saleAndTokenizeCard: { ...charge, tips: true, cardToken: 'returned' },
  // Without an original a refund is standalone (unlinked); with one, linked to that payment.
  refund: {
    ...charge,
    original: 'optional',
    money: 'out',
    followUp: { kind: 'refund', originals: SALES, states: WENT_THROUGH, amount: 'bounded' },
  },
  // Acquirers without partial reversal reverse the full original amount whatever is sent.
  saleReversal: {
    ...charge,
    original: 'required',
    money: 'out',
    followUp: { kind: 'reverse', originals: SALES, states: WENT_THROUGH, amount: 'full' },
  },
  refundReversal: {
    ...charge,
    original: 'required',
    money: 'in',
    followUp: {
      kind: 'reverse',
      originals: ['refund', 'moToRefund'],
      states: WENT_THROUGH,
      amount: 'full',
    },
  },
  tokenizeCard: { ...plain, cardToken: 'returned' },
  printReceipt: { ...plain, receipt: 'required' },
  cardPan: plain,
  pingDevice: plain,
  moToSale: charge,
  moToRefund: {
    ...charge,
    original: 'optional',
    money: 'out',
    followUp: { kind: 'refund', originals: ['moToSale'], states: WENT_THROUGH, amount: 'bounded' },
  },
  // Handpoint does not say whether a MOTO reversal takes an amount: it may carry one, and the
  // history sends the original's amount, as for a sale reversal.
  moToReversal: {
    ...charge,
    amount: 'optional',
    original: 'required',
    money: 'out',
    followUp: { kind: 'reverse', originals: ['moToSale'], states: WENT_THROUGH, amount: 'full' },
  },
  moToPreAuthorization: { ...charge, money: 'hold' },
  preAuthorization: { ...charge, tips: true, money: 'hold' },
  // A negative amount is a decrease of the hold.
  preAuthorizationIncrease: {
    ...charge,
    signedAmount: true,
    original: 'required',
    money: 'hold',
    followUp: { kind: 'increase', originals: PRE_AUTHS, states: WENT_THROUGH, amount: 'free' },
  },
  // One capture per pre-authorisation.
  preAuthorizationCapture: {
    ...charge,
    original: 'required',
    money: 'in',
    followUp: { kind: 'capture', originals: PRE_AUTHS, states: WENT_THROUGH, amount: 'bounded' },
  },
  // Releases the whole hold, so it takes no amount.
  preAuthorizationReversal: {
    ...plain,
    original: 'required',
    money: 'hold',
    followUp: { kind: 'release', originals: PRE_AUTHS, states: WENT_THROUGH, amount: 'none' },
  },
}

/** Every operation's rules, keyed by kind. */
export const OPERATIONS: Readonly<Record<OperationKind, OperationSpec>> = Object.freeze(
  Object.fromEntries(
    Object.entries(SPECS).map(([kind, spec]) => [kind, Object.freeze({ kind, ...spec })]),
  ) as Record<OperationKind, OperationSpec>,
)

export const specOf = (kind: OperationKind): OperationSpec => OPERATIONS[kind]

/** Linked operations refer to an original and are chained under its reference. */
export const isLinked = (kind: OperationKind, originalTransactionId?: string): boolean =>
  OPERATIONS[kind].original === 'required' || originalTransactionId !== undefined

/** The operations a cashier can pick on the checkout, in the chooser's order (sale first). */
export const CHECKOUT_CHOICES: readonly OperationKind[] = [
  'sale',
  'refund',
  'saleReversal',
  'preAuthorization',
  'preAuthorizationIncrease',
  'preAuthorizationCapture',
  'preAuthorizationReversal',
  'moToSale',
  'moToRefund',
  'tokenizeCard',
  'printReceipt',
]

/** The order follow-ups are offered in. */
export const FOLLOW_UP_ORDER: readonly FollowUpKind[] = [
  'refund',
  'reverse',
  'capture',
  'increase',
  'release',
]

/** Operations that may follow an original of this kind in this state, in FOLLOW_UP_ORDER. */
export function followUpsOf(original: OperationKind, state: PaymentState): OperationSpec[] {
  return Object.values(OPERATIONS)
    .filter((s) => s.followUp?.originals.includes(original) && s.followUp.states.includes(state))
    .sort(
      (a, b) =>
        FOLLOW_UP_ORDER.indexOf(a.followUp!.kind) - FOLLOW_UP_ORDER.indexOf(b.followUp!.kind),
    )
}
