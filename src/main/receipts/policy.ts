import type { PrintSettings } from '@shared/contract'

/** What the checkout does with each copy once an operation has its receipts. */
export interface PrintDecision {
  customer: 'print' | 'ask' | 'skip'
  merchant: 'print' | 'skip'
  /** Why nothing prints, for the log and tests. */
  reason?: 'not-a-sale-outcome' | 'declined' | 'unknown-outcome'
}

export interface OutcomeFacts {
  /** Handpoint finStatus of the final result. */
  finStatus: string
  /** Handpoint verificationMethod (SIGNATURE, PIN_SIGNATURE, PIN, ...). */
  verificationMethod?: string
  /** The result carried a signature (URL or image). */
  hasSignature: boolean
  hasCustomerReceipt: boolean
  hasMerchantReceipt: boolean
}

/** The copy rules: a merchant's own, or the checkout's print settings as the fallback. */
export type CopyRules = Pick<PrintSettings, 'customerCopy' | 'merchantCopy'>

/**
 * The settings the policy decides with for one operation: the checkout's printing settings with
 * the copy rules of the operation's merchant when it has its own. Whether declined operations
 * print stays the checkout's choice.
 */
export function rulesFor(settings: PrintSettings, merchant: CopyRules | undefined): PrintSettings {
  return merchant
    ? { ...settings, customerCopy: merchant.customerCopy, merchantCopy: merchant.merchantCopy }
    : settings
}

/** Money moved (or was held/returned): receipts are owed to the cardholder. */
const APPROVED = new Set(['AUTHORISED', 'PARTIAL_APPROVAL', 'CAPTURED', 'REFUNDED'])
/** The operation ended without moving money; receipts print only if the checkout wants them. */
const NOT_APPROVED = new Set(['DECLINED', 'FAILED', 'CANCELLED'])

/**
 * Decides, from the settings (see `rulesFor`) and the outcome, which copies print by themselves.
 * Pure: the receipts service calls it once per operation when the receipts are stored.
 * An unknown outcome (UNDEFINED) never prints: a receipt must not suggest a result we do not know.
 */
export function decidePrinting(settings: PrintSettings, facts: OutcomeFacts): PrintDecision {
  const none = (reason: PrintDecision['reason']): PrintDecision => ({
    customer: 'skip',
    merchant: 'skip',
    reason,
  })
  const status = facts.finStatus.toUpperCase()
  if (status === 'UNDEFINED' || status === 'IN_PROGRESS') return none('unknown-outcome')
  if (NOT_APPROVED.has(status)) {
    if (!settings.printDeclined) return none('declined')
  } else if (!APPROVED.has(status)) {
    return none('not-a-sale-outcome') // PROCESSED (printReceipt, tokenise) and anything new
  }

  const signed =
    facts.hasSignature || /SIGNATURE/.test((facts.verificationMethod ?? '').toUpperCase())
  const customer: PrintDecision['customer'] = !facts.hasCustomerReceipt
    ? 'skip'
    : settings.customerCopy === 'always'
      ? 'print'
      : settings.customerCopy === 'ask'
        ? 'ask'
        : 'skip'
  const merchantWanted =
    settings.merchantCopy === 'always' || (settings.merchantCopy === 'on-signature' && signed)
  return { customer, merchant: facts.hasMerchantReceipt && merchantWanted ? 'print' : 'skip' }
}
