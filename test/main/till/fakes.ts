import { randomUUID } from 'node:crypto'
import { AppError } from '@shared/contract/result'
import { msg, type Message } from '@shared/messages'
import type { PaymentResultView, PaymentState } from '@shared/contract/payments.contract'
import type {
  OnceOptions,
  StoredReceipt,
  TillDirectory,
  TillEngine,
  TillEngineEvent,
  TillPaymentRecord,
  TillReceipts,
  TillStartRequest,
} from '../../../src/main/till/ports'

/**
 * A refusal the engine may give in codes no message table has yet (the money rules'), shaped as
 * the engine's errors are: a code, parameters, details.
 */
export function refusal(
  code: string,
  params: Record<string, string | number> = {},
  details: Record<string, unknown> = {},
): Error {
  return Object.assign(new Error(code), { code, params, details })
}

const FINAL: PaymentState[] = [
  'approved',
  'partial',
  'declined',
  'cancelled',
  'failed',
  'processed',
]

/**
 * The engine port in memory, with the semantics the real engine promises: one operation per
 * (scope, key), replays, reused-key refusal, one operation per terminal. Tests drive outcomes
 * with `finish` and inject refusals with `refuse`.
 */
export class FakeEngine implements TillEngine {
  readonly records = new Map<string, TillPaymentRecord>()
  private readonly keys = new Map<string, { id: string; fingerprint: string }>()
  private readonly listeners = new Set<(e: TillEngineEvent) => void>()
  /** Operations actually started (what would have been POSTed to Handpoint). */
  started = 0
  cancels: string[] = []
  cancelAnswer = true
  /** Throw this from startOnce (after the key check) when it returns something. */
  refuse: (request: TillStartRequest) => unknown = () => undefined
  /** Record the payment as failed, then throw like the engine does when Handpoint refused it. */
  refuseAfterRecord: Message | undefined
  private clock = 1_800_000_000_000

  async startOnce(
    request: TillStartRequest,
    once: OnceOptions,
  ): Promise<{ record: TillPaymentRecord; replayed: boolean }> {
    const slot = `${once.scope}\u0000${once.key}`
    const seen = this.keys.get(slot)
    if (seen) {
      if (seen.fingerprint !== once.fingerprint) {
        throw refusal('idempotency_key_reused')
      }
      return { record: this.records.get(seen.id)!, replayed: true }
    }
    const refused = this.refuse(request)
    if (refused) throw refused
    const busy = [...this.records.values()].find(
      (r) =>
        r.merchantId === request.merchantId &&
        r.terminalSerial === request.terminalSerial &&
        !FINAL.includes(r.state),
    )
    if (busy) {
      throw new AppError(msg('terminal_in_use', { serial: request.terminalSerial }), {
        paymentId: busy.id,
      })
    }
    const now = this.tick()
    const record: TillPaymentRecord = {
      id: randomUUID(),
      merchantId: request.merchantId,
      terminalSerial: request.terminalSerial,
      terminalType: 'PAXA920PRO',
      operation: request.operation,
      transactionReference: randomUUID(),
      flow: 'poll',
      state: 'accepted',
      createdAt: now,
      updatedAt: now,
      evidence: [],
      origin: once.origin,
      idempotencyKey: once.key,
      ...(request.amountMinor ? { amountMinor: request.amountMinor } : {}),
      ...(request.currency ? { currency: request.currency } : {}),
      ...(request.originalTransactionId
        ? { originalTransactionId: request.originalTransactionId }
        : {}),
      ...(once.tillReference ? { tillReference: once.tillReference } : {}),
    }
    this.keys.set(slot, { id: record.id, fingerprint: once.fingerprint })
    this.started += 1
    this.records.set(record.id, record)
    this.emit(record)
    const after = this.refuseAfterRecord
    if (after) {
      this.finish(record.id, 'failed', {}, { lastError: after, result: undefined })
      throw new AppError(after, { paymentId: record.id })
    }
    return { record, replayed: false }
  }

  /** Moves a payment on; a final state with a result like Handpoint's. */
  finish(
    id: string,
    state: PaymentState,
    result: Partial<PaymentResultView> = {},
    extra: Partial<TillPaymentRecord> = {},
  ): TillPaymentRecord {
    const current = this.records.get(id)!
    const view: PaymentResultView | undefined = FINAL.includes(state)
      ? {
          finStatus: state === 'approved' ? 'AUTHORISED' : state.toUpperCase(),
          transactionId: `tx-${id.slice(0, 8)}`,
          totalAmountMinor: current.amountMinor,
          currency: current.currency,
          maskedCardNumber: '************0936',
          cardSchemeName: 'Visa',
          cardEntryType: 'ICC',
          authorisationCode: '123456',
          customerReceipt: 'https://receipts.example/customer.html',
          merchantReceipt: 'https://receipts.example/merchant.html',
          ...result,
        }
      : undefined
    const record: TillPaymentRecord = {
      ...current,
      state,
      updatedAt: this.tick(),
      ...(view ? { result: view } : {}),
      ...extra,
    }
    this.records.set(id, record)
    this.emit(record)
    return record
  }

  /** A payment the cashier started on the checkout (no key, no till). */
  cashierSale(merchantId: string, terminalSerial: string): TillPaymentRecord {
    const now = this.tick()
    const record: TillPaymentRecord = {
      id: randomUUID(),
      merchantId,
      terminalSerial,
      terminalType: 'PAXA920PRO',
      operation: 'sale',
      amountMinor: '500',
      currency: 'EUR',
      transactionReference: randomUUID(),
      flow: 'poll',
      state: 'accepted',
      createdAt: now,
      updatedAt: now,
      evidence: [],
    }
    this.records.set(record.id, record)
    this.emit(record)
    return record
  }

  findByIdempotencyKey(scope: string, key: string): TillPaymentRecord | undefined {
    const seen = this.keys.get(`${scope}\u0000${key}`)
    return seen ? this.records.get(seen.id) : undefined
  }

  list(query: {
    merchantId?: string
    tillReference?: string
    terminalSerial?: string
    limit: number
  }): TillPaymentRecord[] {
    return [...this.records.values()]
      .filter(
        (r) =>
          (query.merchantId === undefined || r.merchantId === query.merchantId) &&
          (query.tillReference === undefined || r.tillReference === query.tillReference) &&
          (query.terminalSerial === undefined || r.terminalSerial === query.terminalSerial),
      )
      .sort((a, b) => b.createdAt - a.createdAt)
      .slice(0, query.limit)
  }

  find(id: string): TillPaymentRecord | undefined {
    return this.records.get(id)
  }

  findByTransactionId(merchantId: string, transactionId: string): TillPaymentRecord | undefined {
    return [...this.records.values()].find(
      (r) => r.merchantId === merchantId && r.result?.transactionId === transactionId,
    )
  }

  async cancel(merchantId: string, terminalSerial: string): Promise<{ requested: boolean }> {
    this.cancels.push(`${merchantId}/${terminalSerial}`)
    return { requested: this.cancelAnswer }
  }

  active(): TillEngineEvent[] {
    return [...this.records.values()]
      .filter((r) => !FINAL.includes(r.state))
      .map((record) => ({
        record,
        cancelAllowed: record.state === 'accepted' || record.state === 'in-progress',
      }))
  }

  subscribe(listener: (e: TillEngineEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private emit(record: TillPaymentRecord): void {
    const event = {
      record,
      cancelAllowed: record.state === 'accepted' || record.state === 'in-progress',
    }
    for (const l of this.listeners) l(event)
  }

  private tick(): number {
    this.clock += 1000
    return this.clock
  }
}

export const MERCHANTS = [
  { id: 'm-cafe', name: 'Demo Cafe', terminals: ['0821032398', '1850025030', '1547854757'] },
  { id: 'm-shop', name: 'Other Shop', terminals: ['9000000001'] },
]

export class FakeDirectory implements TillDirectory {
  merchants(): { id: string; name: string }[] {
    return MERCHANTS.map(({ id, name }) => ({ id, name }))
  }
  async terminalsOf(merchantId: string) {
    return (MERCHANTS.find((m) => m.id === merchantId)?.terminals ?? []).map((serial) => ({
      serial,
      type: 'PAXA920PRO',
    }))
  }
  async merchantOfTerminal(serial: string): Promise<string | undefined> {
    return MERCHANTS.find((m) => m.terminals.includes(serial))?.id
  }
}

export class FakeReceipts implements TillReceipts {
  readonly stored = new Map<string, StoredReceipt>()
  async copy(paymentId: string, copy: 'customer' | 'merchant'): Promise<StoredReceipt | undefined> {
    return this.stored.get(`${paymentId}/${copy}`)
  }
}
