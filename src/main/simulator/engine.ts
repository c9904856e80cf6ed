import type { TransactionResult } from '../handpoint/types'
import { DRAIN } from './battery'
import type { MerchantState, SimContext } from './context'
import { transactionResultId, uuidV1Like } from './ids'
import { afterClose, book } from './ledger'
import { renderReceipt } from './receipts'
import {
  buildResult,
  cancelled,
  decideOutcome,
  failed,
  triggerOf,
  TRIGGER,
  type Outcome,
} from './results'
import type { TxRecord } from './store'
import { FINANCIAL, isMoto, needsCard, planPhases, type SimTerminal } from './terminal'
import type { ValidRequest } from './validation'

/**
 * Runs operations on virtual terminals: phases, cancel window, the 90 s card window, the outcome,
 * and handing the result to polling and callbacks.
 */

/** A card read later than this after the 202 never reaches the gateway (§2.6, §5.3 90 s rule). */
export const CARD_WINDOW_MS = 90_000

/** Abort reason when the terminal loses power (switched off, forced reboot) mid-operation. */
export const POWER_OFF = 'power-off'

/**
 * `<serial>-<epoch ms>`; a frozen test clock (or a stop arriving in the same millisecond) must not
 * make two operations share an id, so the millisecond is nudged forward until it is free.
 */
function uniqueResultId(ctx: SimContext, serial: string, now: number): string {
  let at = now
  while (ctx.store.hasResultId(transactionResultId(serial, at))) at += 1
  return transactionResultId(serial, at)
}

function newRecord(
  ctx: SimContext,
  merchant: MerchantState,
  terminal: SimTerminal,
  request: ValidRequest,
): TxRecord {
  const now = ctx.now()
  const original = request.originalTransactionId
    ? ctx.store.transaction(request.originalTransactionId, merchant.merchantIdAlpha)
    : undefined
  // Linked operations are chained under the original's reference, whatever they send (§2.6).
  const chainReference = original
    ? (original.chainReference ?? request.transactionReference)
    : request.transactionReference
  const record: TxRecord = {
    transactionID: uuidV1Like(now, ctx.rng),
    transactionResultId: request.callbackUrl
      ? undefined
      : uniqueResultId(ctx, terminal.serialNumber, now),
    apiKey: merchant.apiKey,
    merchantIdAlpha: merchant.merchantIdAlpha,
    serialNumber: terminal.serialNumber,
    terminalType: terminal.terminalType,
    request,
    chainReference,
    startedAt: now,
  }
  ctx.store.add(record)
  return record
}

/** Accepts an operation on an idle terminal and runs it in the background. */
export function startOperation(
  ctx: SimContext,
  merchant: MerchantState,
  terminal: SimTerminal,
  request: ValidRequest,
): TxRecord {
  const record = newRecord(ctx, merchant, terminal, request)
  const abort = new AbortController()
  terminal.active = { record, phase: 'starting', cancellable: false, abort }
  void run(ctx, merchant, terminal, record, abort)
  return record
}

/**
 * stopCurrentTransaction: cancels the running operation if it is on a cancellable screen.
 * Returns undefined (-> 1003) otherwise. The stop request itself gets a CANCEL_TRX result.
 */
export function stopCurrent(
  ctx: SimContext,
  merchant: MerchantState,
  terminal: SimTerminal,
  request: ValidRequest,
): TxRecord | undefined {
  const active = terminal.active
  if (!active?.cancellable) return undefined
  active.abort.abort()
  const record = newRecord(ctx, merchant, terminal, request)
  const outcome: Outcome = {
    finStatus: 'PROCESSED',
    issuerResponseCode: '',
    statusMessage: 'Cancel requested',
    errorMessage: '',
  }
  deliver(ctx, terminal, record, finish(ctx, merchant, terminal, record, outcome, false), false)
  return record
}

async function run(
  ctx: SimContext,
  merchant: MerchantState,
  terminal: SimTerminal,
  record: TxRecord,
  abort: AbortController,
): Promise<void> {
  const operation = record.request.operation
  const financial = FINANCIAL.has(operation)
  const phases = planPhases(
    operation,
    terminal.behaviour,
    financial && triggerOf(record) === TRIGGER.timeout,
  )
  const flaky = terminal.behaviour === 'flaky-network'
  let outcome: Outcome | undefined
  let cardRead = false
  let droppedOff = false
  let poweredOff = false
  for (const phase of phases) {
    if (phase.name === 'processing' && cardRead && ctx.now() - record.startedAt >= CARD_WINDOW_MS) {
      outcome = failed('Card input timed out')
      cardRead = false
      break
    }
    if (phase.name === 'processing' && financial) {
      record.atGatewayAt = ctx.now()
      if (ctx.rng.chance(ctx.faults.goOfflineMidTransaction)) {
        droppedOff = true
        terminal.behaviour = 'offline'
      }
    }
    if (terminal.active)
      Object.assign(terminal.active, { phase: phase.name, cancellable: phase.cancellable })
    const customer =
      phase.name === 'waiting-for-card' && ctx.cardTimeSpreadMs > 0
        ? ctx.rng.next() * ctx.cardTimeSpreadMs
        : 0
    const waited = await ctx.scheduler.sleep(
      phase.ms * (flaky ? 0.5 + ctx.rng.next() : 1) + customer,
      abort.signal,
    )
    if (waited === 'closed') return
    if (waited === 'aborted' && abort.signal.reason === POWER_OFF) {
      poweredOff = true
      break
    }
    if (waited === 'aborted') {
      outcome = cancelled()
      break
    }
    if (phase.name === 'waiting-for-card' || phase.name === 'manual-entry') cardRead = true
  }
  if (poweredOff && record.atGatewayAt === undefined) {
    // Nothing reached the gateway, so the terminal has nothing to post, ever: the app finds out
    // from the status host (UNDEFINED, and after 90 s certainly not charged).
    if (terminal.active?.record === record) terminal.active = undefined
    return
  }
  const original = record.request.originalTransactionId
    ? ctx.store.transaction(record.request.originalTransactionId, merchant.merchantIdAlpha)
    : undefined
  outcome ??= decideOutcome(
    record,
    original,
    original ? ctx.store.linkedTo(original.transactionID) : [],
    original !== undefined && afterClose(ctx, merchant, original),
  )
  const result = finish(
    ctx,
    merchant,
    terminal,
    record,
    outcome,
    cardRead || phases.every((p) => p.name === 'processing'),
  )
  if (terminal.active?.record === record) terminal.active = undefined
  // What reached the gateway is posted once the terminal is back (the app's recovery loop).
  if (droppedOff || poweredOff) terminal.held.push({ record, result })
  else deliver(ctx, terminal, record, result, false)
}

/** Builds the result, hosts its receipts and records what the gateway learnt. */
function finish(
  ctx: SimContext,
  merchant: MerchantState,
  terminal: SimTerminal,
  record: TxRecord,
  outcome: Outcome,
  cardRead: boolean,
): TransactionResult {
  const original = record.request.originalTransactionId
    ? ctx.store.transaction(record.request.originalTransactionId, merchant.merchantIdAlpha)
    : undefined
  const base = `${ctx.urls.receipts}/receipts/${record.transactionID}`
  const now = ctx.now()
  const operation = record.request.operation
  const drain =
    operation === 'pingDevice'
      ? DRAIN.ping
      : needsCard(operation) || isMoto(operation)
        ? DRAIN.card
        : DRAIN.other
  if (!terminal.virtual) terminal.battery.drain(drain, now)
  const deviceStatus = terminal.deviceStatus(now)
  const result = buildResult({
    record,
    original,
    outcome,
    cardRead,
    behaviour: terminal.behaviour,
    merchantName: merchant.name,
    now,
    rng: ctx.rng,
    deviceStatus,
    ...(operation === 'pingDevice' && record.request.returnDeviceInfo === true
      ? { deviceInfo: deviceInfoOf(terminal, deviceStatus) }
      : {}),
    receiptUrl: (kind) => (kind === 'signature' ? `${base}/signature.svg` : `${base}/${kind}.html`),
  })
  if (result.customerReceipt) {
    const hosted = {
      customer: renderReceipt(result, 'customer'),
      merchant: renderReceipt(result, 'merchant'),
    }
    ctx.receipts.set(record.transactionID, hosted)
    // Handpoint falls back to inline HTML when the terminal could not upload (§4.7).
    if (ctx.rng.chance(ctx.inlineReceiptShare)) {
      result.customerReceipt = hosted.customer
      result.merchantReceipt = hosted.merchant
    }
  }
  result.batchNumber =
    record.atGatewayAt !== undefined
      ? book(ctx, merchant, terminal, record, result)
      : String(terminal.book.open.number)
  if (record.atGatewayAt !== undefined) record.gatewayResult = result
  return result
}

/** What `returnDeviceInfo` adds to a ping result. Handpoint does not document the shape; this
 * is the simulator's: app, SDK and firmware versions and the battery, all strings. */
function deviceInfoOf(
  terminal: SimTerminal,
  deviceStatus: Record<string, string>,
): Record<string, string> {
  return {
    appVersion: terminal.app.applicationVersion,
    sdkVersion: terminal.app.sdkVersion,
    firmwareVersion: terminal.app.firmwareVersion,
    batteryLevel: deviceStatus.batteryStatus ?? '',
    batteryCharging: deviceStatus.batteryCharging ?? '',
    externalPower: deviceStatus.externalPower ?? '',
  }
}

/** The terminal posts its result: to Handpoint (polling) and/or to the integrator's callbackUrl. */
function deliver(
  ctx: SimContext,
  terminal: SimTerminal,
  record: TxRecord,
  result: TransactionResult,
  recovered: boolean,
): void {
  const final = { ...result, recoveredTransaction: recovered }
  record.terminalResult = final
  const finished = {
    apiKey: record.apiKey,
    serialNumber: record.serialNumber,
    transactionReference: record.chainReference,
    transactionID: record.transactionID,
    finStatus: final.finStatus,
    at: ctx.now(),
  }
  for (const listener of ctx.listeners) listener(finished)
  const { callbackUrl, token } = record.request
  if (callbackUrl && token) {
    const dropFirst =
      terminal.behaviour === 'flaky-network' || ctx.rng.chance(ctx.faults.callbackDropRate)
    ctx.callbacks.deliver({ url: callbackUrl, token, result: final, recovered, dropFirst })
  }
}

/** A terminal that comes back online posts what it held, like the app's recovery loop (§2.4). */
export function releaseHeld(ctx: SimContext, terminal: SimTerminal): void {
  const held = terminal.held.splice(0)
  for (const { record, result } of held) deliver(ctx, terminal, record, result, true)
}
