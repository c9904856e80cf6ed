import { join } from 'node:path'
import { z } from 'zod'
import { MoneyError, fromMinorUnits, toMinorUnits } from '@shared/money'
import { requireManager, liftsCeiling, type ManagerCheck } from '../main/merchants/ceiling-guard'
import { ManagerPin, type Ceiling, type ManagerApproval } from '../main/payments'
import { JsonDocument } from '../main/storage/json-document'
import type { CliCommand } from './command'
import { UsageError, type CliOptions } from './options'

/**
 * The CLI's money settings, in its data folder: the manager PIN (the same file and rules as the
 * app's, so pointing the CLI at the app's folder shares it) and a ceiling per merchant key (the
 * highest refund or reversal without a manager). Commands:
 *
 *   manager-pin set --new-manager-pin PIN [--manager-pin CURRENT]
 *   manager-pin remove --manager-pin CURRENT
 *   ceiling [AMOUNT|none] [--currency EUR] [--manager-pin PIN]
 *
 * Once a PIN is set, raising or removing the ceiling needs it, as in the app; refunds and
 * reversals above the ceiling need `--manager-pin` (or POS_MANAGER_PIN).
 */
export const managerPinCommand: CliCommand = {
  usage: 'manager-pin set|remove [--new-manager-pin PIN]',
  summary: 'Set, change or remove the manager PIN (changing needs --manager-pin).',
  run: (_ctx, options, io) => runMoney(options, io),
}

export const ceilingCommand: CliCommand = {
  usage: 'ceiling [AMOUNT|none] [--currency EUR]',
  summary: 'Show or set the highest refund without a manager (lifting it needs the PIN).',
  run: (_ctx, options, io) => runMoney(options, io),
}

const ceilingSchema = z.object({
  minor: z.string().regex(/^\d{1,12}$/),
  currency: z.string().regex(/^[A-Z]{3}$/),
})
const fileSchema = z.object({
  version: z.literal(1),
  ceilings: z.record(z.string().max(64), ceilingSchema),
})
type CeilingsFile = z.infer<typeof fileSchema>

function ceilingsDoc(dataDir: string, warn: (text: string) => void) {
  return new JsonDocument<CeilingsFile>({
    path: join(dataDir, 'refund-ceilings.json'),
    schema: fileSchema,
    defaults: () => ({ version: 1, ceilings: {} }),
    onDamage: ({ movedTo }) =>
      warn(`Warning: the ceilings file could not be read and was moved aside (${movedTo}).\n`),
  })
}

const pinOf = (options: CliOptions) => new ManagerPin({ dataDir: options.dataDir, now: Date.now })

const checkOf = (pin: ManagerPin): ManagerCheck => ({
  isSet: async () => (await pin.status()).set,
  check: (p) => pin.check(p),
  now: Date.now,
})

/** The engine's manager approval for the CLI's merchant: its ceiling and the PIN. */
export function cliApproval(options: CliOptions, warn: (text: string) => void): ManagerApproval {
  const pin = pinOf(options)
  const doc = ceilingsDoc(options.dataDir, warn)
  return {
    ceilingOf: async (merchantId): Promise<Ceiling | undefined> =>
      (await doc.read()).value.ceilings[merchantId],
    checkPin: (p) => pin.check(p),
  }
}

/** Runs `manager-pin` or `ceiling`; resolves with the exit code. */
export async function runMoney(
  options: CliOptions,
  io: { out(text: string): void; err(text: string): void },
): Promise<number> {
  const pin = pinOf(options)
  if (options.command === 'manager-pin') {
    const [action] = options.positionals
    if (action === 'set') {
      const next = options.newManagerPin
      if (!next) throw new UsageError('Give the new PIN with --new-manager-pin (4 to 8 digits).')
      await pin.set(checkedPin(next), options.managerPin)
      io.out('The manager PIN is saved.\n')
      return 0
    }
    if (action === 'remove') {
      if (!options.managerPin) throw new UsageError('Give the current PIN with --manager-pin.')
      await pin.remove(options.managerPin)
      io.out('The manager PIN is removed. Refunds above the ceiling are refused.\n')
      return 0
    }
    throw new UsageError('Use "manager-pin set" or "manager-pin remove".')
  }
  const doc = ceilingsDoc(options.dataDir, io.err)
  const file = (await doc.read()).value
  const before = file.ceilings[options.merchantId]
  const [typed] = options.positionals
  if (typed === undefined) {
    io.out(
      before
        ? `${fromMinorUnits(before.minor, before.currency)} ${before.currency}\n`
        : 'No ceiling: refunds and reversals of any amount need no manager.\n',
    )
    return 0
  }
  const after = typed === 'none' ? undefined : ceilingFrom(typed, options.currency ?? 'EUR')
  if (liftsCeiling(before, after)) await requireManager(checkOf(pin), options.managerPin)
  const ceilings = { ...file.ceilings }
  if (after) ceilings[options.merchantId] = after
  else delete ceilings[options.merchantId]
  await doc.write({ version: 1, ceilings })
  io.out(after ? `Ceiling set: ${typed} ${after.currency}.\n` : 'Ceiling removed.\n')
  return 0
}

function checkedPin(pin: string): string {
  if (!/^\d{4,8}$/.test(pin)) throw new UsageError('A manager PIN is 4 to 8 digits.')
  return pin
}

function ceilingFrom(typed: string, currency: string): Ceiling {
  try {
    return { minor: toMinorUnits(typed, currency), currency }
  } catch (err) {
    if (err instanceof MoneyError)
      throw new UsageError(`"${typed}" is not an amount in ${currency}.`)
    throw err
  }
}
