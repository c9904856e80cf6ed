import { fromEngineError } from './engine-errors'
import { TillError } from './errors'
import { fingerprintOf } from './fingerprint'
import type { RefundInput, StartPaymentInput } from './inputs'
import { refundOf, reversalOf, toEngineOperation } from './operations'
import {
  systemTillClock,
  type TillClock,
  type TillDay,
  type TillDirectory,
  type TillEngine,
  type TillHealth,
  type TillPaymentRecord,
  type TillReceipts,
  type TillStartRequest,
} from './ports'
import { toResource, type PaymentResource } from './resource'
import { TillTerminals, type TerminalResource } from './terminals'
import { TillEvents, ownerView, type StreamListener } from './events'

/** Idempotency keys are the till's own: one key space per till token. */
export const scopeOf = (caller: TillCaller): string => `till:${caller.tillId}`

/** Who is asking: one till token, bound to one merchant. */
export interface TillCaller {
  tillId: string
  tillName: string
  merchantId: string
}

export interface Started {
  resource: PaymentResource
  /** True when the key had been seen: the same payment, nothing new was started. */
  replayed: boolean
}

export interface TillSessionOptions {
  engine: TillEngine
  directory: TillDirectory
  receipts: TillReceipts
  clock?: TillClock
  /** Events kept for `Last-Event-ID` resumes. */
  ringSize?: number
  /** The day close (day report, batch close); absent: those routes answer `unavailable`. */
  day?: TillDay
  /** Terminal care's health (checks, 1001/1002, payments in flight): terminals read as the board
   * shows them. Absent: a terminal's state comes from its newest operation alone. */
  health?: TillHealth
}

export type { StreamListener } from './events'

/**
 * The till session service: what any till front (HTTP today, ZVT later) can do, in till words,
 * over the payment engine. It checks who may do what (a token's merchant and its terminals),
 * hands each request to the engine exactly once per idempotency key, maps engine records to the
 * payment resource and keeps the event stream. It speaks no protocol.
 */
export class TillSession {
  private readonly engine: TillEngine
  private readonly clock: TillClock
  private readonly events: TillEvents
  private readonly terminalStates: TillTerminals
  private readonly unsubscribe: () => void
  private readonly unsubscribeHealth: () => void

  constructor(private readonly options: TillSessionOptions) {
    this.engine = options.engine
    this.clock = options.clock ?? systemTillClock
    this.events = new TillEvents(options.ringSize)
    this.terminalStates = new TillTerminals(this.engine, options.directory, options.health)
    this.unsubscribe = this.engine.subscribe(({ record }) =>
      this.events.publish(
        record,
        toResource(record, { ...ownerView(record), ...this.originalOf(record) }),
        this.terminalStates.of(record),
      ),
    )
    // A check or a refusal can change a terminal without any payment of a till changing.
    this.unsubscribeHealth =
      options.health?.subscribe((merchantId) => void this.healthChanged(merchantId)) ??
      (() => undefined)
  }

  /** Starts an operation on a terminal, once per idempotency key. */
  async start(caller: TillCaller, key: string, input: StartPaymentInput): Promise<Started> {
    const operation = toEngineOperation(input.operation)
    const request: TillStartRequest = {
      merchantId: caller.merchantId,
      terminalSerial: input.terminal,
      operation,
    }
    if (input.amount !== undefined) request.amountMinor = String(input.amount)
    if (input.currency !== undefined) request.currency = input.currency
    if (input.tip) request.tipPercentages = input.tip.percentages
    return this.startOnce(caller, key, request, fingerprintOf('POST /payments', input), input)
  }

  /** A refund linked to one of the merchant's payments, bounded by what is left of it. */
  async refund(caller: TillCaller, id: string, key: string, input: RefundInput): Promise<Started> {
    const original = this.own(caller, id)
    const operation = refundOf(original.operation)
    const transactionId = original.result?.transactionId
    if (!operation || !transactionId || !['approved', 'partial'].includes(original.state)) {
      throw new TillError('cannot_refund', {
        id,
        why: !operation ? 'only a sale can be refunded' : 'it was not approved',
      })
    }
    return this.startOnce(
      caller,
      key,
      this.linked(original, operation, String(input.amount), transactionId),
      fingerprintOf(`POST /payments/${id}/refund`, input),
    )
  }

  /** Reverses one of the merchant's payments where the engine still allows it. */
  async reverse(caller: TillCaller, id: string, key: string): Promise<Started> {
    const original = this.own(caller, id)
    const operation = reversalOf(original.operation)
    const transactionId = original.result?.transactionId
    if (!operation || !transactionId || !['approved', 'partial'].includes(original.state)) {
      throw new TillError('cannot_reverse', {
        id,
        why: !operation ? 'this operation has no reversal' : 'it was not approved',
      })
    }
    const amount = original.result?.totalAmountMinor ?? original.amountMinor
    return this.startOnce(
      caller,
      key,
      this.linked(original, operation, amount, transactionId),
      fingerprintOf(`POST /payments/${id}/reverse`, {}),
    )
  }

  /** One payment of the caller's merchant. */
  get(caller: TillCaller, id: string): PaymentResource {
    return this.resource(caller, this.own(caller, id))
  }

  /**
   * The payment once it is final, or as it is after `ms` (never longer). `outcome_unknown` is
   * not final: the wait goes on while the engine resolves it.
   */
  async wait(
    caller: TillCaller,
    id: string,
    ms: number,
    signal?: AbortSignal,
  ): Promise<PaymentResource> {
    const now = this.get(caller, id)
    if (now.final || ms <= 0 || signal?.aborted) return now
    const final = await this.events.wait(id, ms, this.clock, signal)
    return final ? this.viewFor(caller, final) : this.get(caller, id)
  }

  /** The caller's merchant's payments, newest first. */
  list(
    caller: TillCaller,
    query: { idempotencyKey?: string; tillReference?: string; terminal?: string; limit: number },
  ): PaymentResource[] {
    let records: TillPaymentRecord[]
    if (query.idempotencyKey !== undefined) {
      const found = this.engine.findByIdempotencyKey(scopeOf(caller), query.idempotencyKey)
      records = found ? [found] : []
      if (query.terminal) records = records.filter((r) => r.terminalSerial === query.terminal)
      if (query.tillReference)
        records = records.filter((r) => r.tillReference === query.tillReference)
    } else {
      records = this.engine.list({
        merchantId: caller.merchantId,
        ...(query.tillReference !== undefined ? { tillReference: query.tillReference } : {}),
        ...(query.terminal !== undefined ? { terminalSerial: query.terminal } : {}),
        limit: query.limit,
      })
    }
    return records
      .filter((r) => r.merchantId === caller.merchantId)
      .slice(0, query.limit)
      .map((r) => this.resource(caller, r))
  }

  /** Asks the terminal to stop the payment; the final state comes later and may be approved. */
  async cancel(caller: TillCaller, id: string): Promise<PaymentResource> {
    const record = this.own(caller, id)
    const running = this.engine.active().find((e) => e.record.id === id)
    if (!running?.cancelAllowed) throw new TillError('cannot_cancel', { id })
    let answer: { requested: boolean }
    try {
      answer = await this.engine.cancel(record.merchantId, record.terminalSerial)
    } catch (err) {
      throw fromEngineError(err, { id, serial: record.terminalSerial })
    }
    if (!answer.requested) throw new TillError('cannot_cancel', { id })
    return this.get(caller, id)
  }

  /** The merchant's terminals with what this checkout knows of them. */
  terminals(caller: TillCaller): Promise<TerminalResource[]> {
    return this.terminalStates.list(caller.merchantId)
  }

  /** The stored receipt HTML of one copy, or the reason there is none (yet). */
  async receipt(caller: TillCaller, id: string, copy: 'customer' | 'merchant'): Promise<string> {
    const record = this.own(caller, id)
    const resource = this.resource(caller, record)
    if (!resource.final) throw new TillError('receipt_not_ready', { id, copy })
    const stored = await this.options.receipts.copy(id, copy)
    const expected = Boolean(
      record.result?.[copy === 'customer' ? 'customerReceipt' : 'merchantReceipt'],
    )
    switch (stored?.status) {
      case 'stored':
        return stored.html
      case 'pending':
        throw new TillError('receipt_not_ready', { id, copy })
      case 'failed':
        if (stored.retrying) throw new TillError('receipt_not_ready', { id, copy })
        throw new TillError('no_receipt', { id, copy })
      case undefined:
        // Receipts are collected just after the final state; until then only the result knows.
        if (expected) throw new TillError('receipt_not_ready', { id, copy })
        throw new TillError('no_receipt', { id, copy })
      default:
        throw new TillError('no_receipt', { id, copy })
    }
  }

  /**
   * Subscribes to the caller's merchant's events. With `lastEventId`, first what was missed
   * (or, when that id is too old, the current state of every running payment and terminal).
   */
  openStream(
    caller: TillCaller,
    lastEventId: string | undefined,
    listener: StreamListener,
  ): Promise<() => void> {
    return this.events.open(caller, lastEventId, listener, async () => ({
      payments: this.engine
        .active()
        .filter((e) => e.record.merchantId === caller.merchantId)
        .map((e) => this.resource(caller, e.record)),
      terminals: await this.terminals(caller),
    }))
  }

  /** The day close, when this checkout offers it to tills. */
  get day(): TillDay | undefined {
    return this.options.day
  }

  /** Long-polls waiting right now (diagnostics and tests). */
  get waiting(): number {
    return this.events.waiting
  }

  dispose(): void {
    this.unsubscribe()
    this.unsubscribeHealth()
    this.events.dispose()
  }

  // --- internals ---

  private async healthChanged(merchantId: string): Promise<void> {
    try {
      const terminals = await this.terminalStates.list(merchantId)
      for (const t of terminals) this.events.publishTerminal(merchantId, t)
    } catch {
      // The list could not be read now: the next change or a GET /v1/terminals tells.
    }
  }

  private async startOnce(
    caller: TillCaller,
    key: string,
    request: TillStartRequest,
    fingerprint: string,
    input?: StartPaymentInput,
  ): Promise<Started> {
    const once = {
      scope: scopeOf(caller),
      key,
      fingerprint,
      origin: { kind: 'till' as const, tillId: caller.tillId, tillName: caller.tillName },
      ...(input?.tillReference !== undefined ? { tillReference: input.tillReference } : {}),
    }
    // A key seen before is the engine's to replay (or refuse), whatever became of the terminal.
    if (!this.engine.findByIdempotencyKey(scopeOf(caller), key))
      await this.checkTerminal(caller, request)
    try {
      const { record, replayed } = await this.engine.startOnce(request, once)
      return { resource: this.resource(caller, record), replayed }
    } catch (err) {
      const refusal = fromEngineError(err, {
        serial: request.terminalSerial,
        operation: request.operation,
        ...(request.currency ? { currency: request.currency } : {}),
      })
      // Refused after it was recorded (Handpoint said no, nothing charged): the till gets the
      // failed payment, the same one its key finds again. Busy stays a 409 so tills wait.
      const recorded = refusal.extra.paymentId
        ? this.engine.find(refusal.extra.paymentId)
        : undefined
      if (recorded && refusal.code === 'unavailable') {
        return { resource: this.resource(caller, recorded), replayed: false }
      }
      throw refusal
    }
  }

  private linked(
    original: TillPaymentRecord,
    operation: TillStartRequest['operation'],
    amountMinor: string | undefined,
    transactionId: string,
  ): TillStartRequest {
    const request: TillStartRequest = {
      merchantId: original.merchantId,
      terminalSerial: original.terminalSerial,
      operation,
      originalTransactionId: transactionId,
      originalPaymentId: original.id,
    }
    if (amountMinor !== undefined) request.amountMinor = amountMinor
    const currency = original.currency ?? original.result?.currency
    if (currency) request.currency = currency
    return request
  }

  private async checkTerminal(caller: TillCaller, request: TillStartRequest): Promise<void> {
    const serial = request.terminalSerial
    const own = await this.options.directory.terminalsOf(caller.merchantId)
    if (own.some((t) => t.serial === serial)) return
    const owner = await this.options.directory.merchantOfTerminal(serial)
    if (owner !== undefined && owner !== caller.merchantId) {
      const merchant =
        this.options.directory.merchants().find((m) => m.id === caller.merchantId)?.name ??
        caller.merchantId
      throw new TillError('forbidden_terminal', { serial, merchant })
    }
    throw new TillError('unknown_terminal', { serial })
  }

  /** A payment of the caller's merchant; another merchant's is as unknown as a missing one. */
  private own(caller: TillCaller, id: string): TillPaymentRecord {
    const record = this.engine.find(id)
    if (!record || record.merchantId !== caller.merchantId) {
      throw new TillError('unknown_payment', { id })
    }
    return record
  }

  private resource(caller: TillCaller, record: TillPaymentRecord): PaymentResource {
    return toResource(record, {
      viewerTillId: caller.tillId,
      ...this.originalOf(record),
    })
  }

  private originalOf(record: TillPaymentRecord): { originalPaymentId?: string } {
    if (record.originalPaymentId || !record.originalTransactionId) return {}
    const original = this.engine.findByTransactionId(
      record.merchantId,
      record.originalTransactionId,
    )
    return original ? { originalPaymentId: original.id } : {}
  }

  /** The resource as the caller may see it (another till's key stays hidden). */
  private viewFor(caller: TillCaller, resource: PaymentResource): PaymentResource {
    const record = this.engine.find(resource.id)
    return record ? this.resource(caller, record) : resource
  }
}
