import { AppError } from '@shared/contract/result'
import { MoneyError, toMinorUnits } from '@shared/money'
import type { OperationKind, PaymentRecord } from '@shared/contract/payments.contract'
import { createHandpointClient } from '../main/handpoint'
import type { HandpointCloudClient } from '../main/handpoint/types'
import {
  asHandpointFailure,
  createPaymentEngine,
  createStaticDirectory,
  stateForFinStatus,
  toResultView,
  type CrashPoint,
  type PaymentEngine,
} from '../main/payments'
import { DEMO_API_KEY, startSimulator, type Simulator } from '../main/simulator'
import { writtenNotices } from '../main/notices/notices'
import { ensureDataDir } from '../main/storage/modes'
import { cliApproval } from './money'
import { UsageError, type CliOptions } from './options'
import { describe, exitCodeFor, flatten, historyLine } from './output'
import { COMMANDS } from './registry'
import { terminalHealth } from './terminal-health'

export interface Io {
  out(text: string): void
  err(text: string): void
}

export interface Context {
  client: HandpointCloudClient
  engine: PaymentEngine
  close(): Promise<void>
}

/** Crash tests set POS_CRASH_AT=<point>; the process then kills itself there, like a power cut. */
function crashHook(env: NodeJS.ProcessEnv): ((name: CrashPoint) => void) | undefined {
  const at = env.POS_CRASH_AT
  if (!at) return undefined
  return (name) => {
    if (name === at) process.kill(process.pid, 'SIGKILL')
  }
}

async function open(options: CliOptions, io: Io, env: NodeJS.ProcessEnv): Promise<Context> {
  // Owner-only when the CLI creates it: it holds the payments of this checkout.
  await ensureDataDir(options.dataDir)
  let simulator: Simulator | undefined
  let connection = options.connection
  if (!connection) {
    simulator = await startSimulator({})
    connection = {
      apiBaseUrl: simulator.apiBaseUrl,
      statusBaseUrl: simulator.statusBaseUrl,
      apiKey: DEMO_API_KEY,
    }
  }
  // One attempt per call: every request must pass the engine's per-key budget.
  const client = createHandpointClient({ ...connection, retry: { maxAttempts: 1 } })
  const engine = await createPaymentEngine({
    dataDir: options.dataDir,
    directory: createStaticDirectory([
      { merchantId: options.merchantId, client, defaultCurrency: options.currency ?? 'EUR' },
    ]),
    callback: options.callback,
    notChargedAfterMs: options.notChargedAfterMs,
    crashPoint: crashHook(env),
    // The CLI checks the whole store before it works, so what it reports includes the check;
    // what the check finds is written on stderr.
    // Refunds and reversals above the ceiling need --manager-pin (see ./money.ts).
    approval: cliApproval(options, io.err),
    storeCheck: 'now',
    notices: writtenNotices((line) => io.err(line)),
  })
  return {
    client,
    engine,
    async close() {
      await engine.dispose()
      await simulator?.close()
    },
  }
}

/** Runs one command; resolves with the process exit code. */
export async function run(options: CliOptions, io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  const ctx = await open(options, io, env)
  try {
    switch (options.command) {
      case 'terminals':
        return await terminals(ctx, options, io)
      case 'sale':
      case 'refund':
      case 'reverse':
        return await operation(ctx, options, io)
      case 'cancel':
        return await cancel(ctx, options, io)
      case 'status':
        return await status(ctx, options, io)
      case 'recover':
        return await recover(ctx, options, io)
      case 'history':
        return history(ctx, options, io)
      default:
        if (Object.hasOwn(COMMANDS, options.command)) {
          return await COMMANDS[options.command]!.run(ctx, options, io)
        }
        throw new UsageError(
          `Unknown command "${options.command}". Run with --help to see the commands.`,
        )
    }
  } finally {
    await ctx.close()
  }
}

async function terminals(ctx: Context, options: CliOptions, io: Io): Promise<number> {
  if (options.health) return terminalHealth(ctx, options, io)
  const devices = await ctx.client.listDevices()
  if (options.json) io.out(`${JSON.stringify({ terminals: devices })}\n`)
  else for (const d of devices) io.out(`${d.serialNumber}  ${d.terminalType}\n`)
  return 0
}

async function operation(ctx: Context, options: CliOptions, io: Io): Promise<number> {
  const terminalSerial = need(options.terminal, '--terminal SERIAL')
  let kind: OperationKind =
    options.command === 'reverse' ? 'saleReversal' : (options.command as OperationKind)
  const typed = options.positionals[0]
  let currency = options.currency ?? 'EUR'
  let amountMinor: string | undefined
  if (kind === 'saleReversal') {
    const original = need(options.original, '--original TRANSACTION_ID')
    const known = ctx.engine.search({ reference: original, limit: 1 }).items[0]
    if (known?.operation === 'refund') kind = 'refundReversal'
    if (!typed && known?.amountMinor && known.currency) {
      amountMinor = known.amountMinor
      currency = options.currency ?? known.currency
    }
    if (!typed && !amountMinor)
      throw new UsageError('Give the AMOUNT to reverse: the original is not in this payment store.')
  } else if (!typed) {
    throw new UsageError(`Give the AMOUNT, for example: ${options.command} 12.34 --terminal SERIAL`)
  }
  // The one conversion from what people type (major units) to what travels (minor units).
  if (typed) amountMinor = typedAmount(typed, currency)
  let record: PaymentRecord
  try {
    record = await ctx.engine.start({
      merchantId: options.merchantId,
      terminalSerial,
      operation: kind,
      amountMinor,
      currency,
      originalTransactionId: options.original,
      flow: options.flow,
      ...(options.managerPin !== undefined ? { managerPin: options.managerPin } : {}),
    })
  } catch (err) {
    const id = err instanceof AppError ? err.details?.paymentId : undefined
    if (typeof id !== 'string') throw err
    record = ctx.engine.get(id)
  }
  const final = await withTimeout(ctx.engine.waitForFinal(record.id), options.timeoutMs, () =>
    ctx.engine.get(record.id),
  )
  return report(final, options, io)
}

function report(record: PaymentRecord, options: CliOptions, io: Io): number {
  if (options.json) io.out(`${JSON.stringify(flatten(record))}\n`)
  else io.out(describe(record))
  return exitCodeFor(record.state)
}

async function cancel(ctx: Context, options: CliOptions, io: Io): Promise<number> {
  const serial = need(options.terminal, '--terminal SERIAL')
  const device = (await ctx.client.listDevices()).find((d) => d.serialNumber === serial)
  if (!device) throw new UsageError(`Terminal ${serial} is not listed for this API key.`)
  let requested = true
  let message = 'Cancel sent. The terminal reports the cancelled payment as its result.'
  try {
    await ctx.client.startTransaction({
      operation: 'stopCurrentTransaction',
      serialNumber: serial,
      terminalType: device.terminalType,
    })
  } catch (err) {
    const failure = asHandpointFailure(err)
    if (!failure) throw err
    requested = false
    message =
      failure.kind === 'cancel-not-allowed'
        ? 'The terminal refused to cancel (error 1003): nothing can be stopped now; either the card is already being processed (wait for the result) or nothing is running.'
        : failure.message
  }
  if (options.json) io.out(`${JSON.stringify({ requested, message })}\n`)
  else io.out(`${message}\n`)
  return requested ? 0 : 2
}

async function status(ctx: Context, options: CliOptions, io: Io): Promise<number> {
  const reference = need(options.positionals[0], 'the TRANSACTION_REFERENCE')
  const result = toResultView(await ctx.client.getStatusByReference(reference))
  const journal = ctx.engine.search({ reference, limit: 5 }).items
  const state = stateForFinStatus(result.finStatus)
  if (options.json) {
    io.out(
      `${JSON.stringify({ ...result, transactionReference: reference, state: state ?? 'unknown', journal: journal.map(flatten) })}\n`,
    )
  } else {
    io.out(
      `${reference}: ${result.finStatus}${result.transactionId ? `  transaction ${result.transactionId}` : ''}\n`,
    )
    for (const r of journal) io.out(`  journal: ${describe(r)}`)
  }
  return state ? exitCodeFor(state) : 3
}

async function recover(ctx: Context, options: CliOptions, io: Io): Promise<number> {
  const ids = ctx.engine.recovered
  const records = await withTimeout(
    Promise.all(ids.map((id) => ctx.engine.waitForFinal(id))),
    options.timeoutMs,
    () => ids.map((id) => ctx.engine.get(id)),
  )
  const unresolved = records.filter((r) => exitCodeFor(r.state) === 3).length
  if (options.json) {
    io.out(
      `${JSON.stringify({ recovered: records.map(flatten), unresolved, problems: ctx.engine.problems })}\n`,
    )
  } else {
    io.out(`${records.length} unfinished operation(s) found, ${unresolved} still unresolved.\n`)
    for (const r of records) io.out(describe(r))
  }
  return unresolved > 0 ? 3 : 0
}

function history(ctx: Context, options: CliOptions, io: Io): number {
  const page = ctx.engine.search({ limit: Math.max(1, Math.min(500, options.limit)) })
  if (options.json)
    io.out(`${JSON.stringify({ items: page.items.map(flatten), total: page.total })}\n`)
  else for (const r of page.items) io.out(`${historyLine(r)}\n`)
  return 0
}

function typedAmount(typed: string, currency: string): string {
  try {
    return toMinorUnits(typed, currency)
  } catch (err) {
    if (err instanceof MoneyError) throw new UsageError(err.message)
    throw err
  }
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined || value === '') throw new UsageError(`This command needs ${what}.`)
  return value
}

async function withTimeout<T>(promise: Promise<T>, ms: number, fallback: () => T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback()), ms)
  })
  try {
    return await Promise.race([promise, late])
  } finally {
    clearTimeout(timer)
  }
}
