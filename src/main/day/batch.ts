export type { BatchCloseAnswer, BatchSummary } from '@shared/contract/day.values'

/**
 * Handpoint's batch answers as the day domain uses them: amounts already in minor units (the
 * gateway adapter converts the wire's major-unit strings with the currency's exponent), the two
 * shapes of `customFields.entry` already flattened. See gateway-port.ts for where they come from.
 */

export interface BatchLine {
  /** As Handpoint names it: SALE, REFUND, ... */
  type: string
  amountMinor: number
  rrn?: string
  guid?: string
}

export interface BatchDetail {
  batchNumber: string
  batchStatus?: string
  closedAt?: string
  lines: BatchLine[]
}

/** The kind of money movement a batch line type stands for. */
export type BatchKind = 'sale' | 'refund' | 'capture' | 'reversal' | 'other'

export function batchKindOf(type: string): BatchKind {
  const t = type.toUpperCase()
  if (t.includes('REFUND')) return 'refund'
  if (/REVERSAL|VOID|CANCEL/.test(t)) return 'reversal'
  if (/CAPTURE|COMPLETION/.test(t)) return 'capture'
  if (/SALE|PURCHASE/.test(t)) return 'sale'
  return 'other'
}

/** `closedAt` (yyyyMMddHHmmssSSS) as an ISO-like text for people; undefined when malformed. */
export function closedAtText(closedAt: string | undefined): string | undefined {
  const m = closedAt ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{3})?$/.exec(closedAt) : null
  return m ? `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}` : undefined
}
