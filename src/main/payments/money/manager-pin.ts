import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'
import { join } from 'node:path'
import { z } from 'zod'
import type { ManagerPinStatus } from '@shared/contract/money.contract'
import { AppError } from '@shared/contract/result'
import { msg } from '@shared/messages'
import { JsonDocument } from '../../storage/json-document'

/**
 * This checkout's manager PIN: what a refund or reversal above a merchant's ceiling needs. Kept
 * as a scrypt hash with its own random salt in `<dataDir>/manager-pin.json` (owner-only), never
 * the PIN itself; the PIN is never shown, returned or logged. Three wrong PINs lock it for five
 * minutes on the engine's clock. The count is kept in the file, so starting the CLI again (or
 * restarting the app) does not reset it. The PIN is the checkout's, not a merchant's: it never
 * travels in a configuration export.
 */

export const PIN_ATTEMPTS = 3
export const PIN_LOCK_MS = 5 * 60_000
/** ~0.1 s and 32 MiB per check: slow enough against guessing a short PIN from a copied file. */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const
const KEY_BYTES = 32

const base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/)
const fileSchema = z.object({
  version: z.literal(1),
  pin: z
    .object({
      scrypt: z.object({ N: z.literal(SCRYPT.N), r: z.literal(SCRYPT.r), p: z.literal(SCRYPT.p) }),
      salt: base64,
      hash: base64,
      setAt: z.number().int().nonnegative(),
    })
    .optional(),
  wrong: z.number().int().min(0).max(PIN_ATTEMPTS).default(0),
  lockedUntil: z.number().int().nonnegative().optional(),
})
type PinFile = z.infer<typeof fileSchema>

/** The outcome of checking a PIN; only `ok` lets a refund above the ceiling through. */
export type PinCheck =
  | { kind: 'ok' }
  | { kind: 'not-set' }
  | { kind: 'wrong'; attemptsLeft: number }
  | { kind: 'locked'; until: number }

export interface ManagerPinOptions {
  dataDir: string
  /** The engine's clock (the lock counts on it). */
  now: () => number
  /** Told when a damaged file was moved aside (no PIN is set from then on). */
  onDamage?: (movedTo: string) => void
}

function derive(pin: string, salt: Buffer): Promise<Buffer> {
  const options: ScryptOptions = { ...SCRYPT, maxmem: 256 * SCRYPT.N * SCRYPT.r + 1024 * 1024 }
  return new Promise((resolve, reject) =>
    scrypt(pin, salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key))),
  )
}

export class ManagerPin {
  readonly path: string
  /** One check or change at a time, so the wrong-PIN count cannot be raced past. */
  private queue: Promise<unknown> = Promise.resolve()

  private readonly doc: JsonDocument<PinFile>

  constructor(private readonly options: ManagerPinOptions) {
    this.path = join(options.dataDir, 'manager-pin.json')
    this.doc = new JsonDocument<PinFile>({
      path: this.path,
      schema: fileSchema,
      defaults: () => ({ version: 1, wrong: 0 }),
      onDamage: ({ movedTo }) => options.onDamage?.(movedTo),
      now: options.now,
    })
  }

  /** Whether a PIN is set and whether wrong PINs locked it; never the PIN or its hash. */
  status(): Promise<ManagerPinStatus> {
    return this.serial(async () => this.statusOf(await this.load()))
  }

  /**
   * Checks a PIN. While locked nothing is compared. A wrong PIN counts; the third locks it for
   * five minutes; a right one clears the count.
   */
  check(pin: string): Promise<PinCheck> {
    return this.serial(async () => {
      const file = await this.load()
      if (!file.pin) return { kind: 'not-set' }
      const now = this.options.now()
      if (file.lockedUntil !== undefined && now < file.lockedUntil) {
        return { kind: 'locked', until: file.lockedUntil }
      }
      if (await this.matches(file, pin)) {
        if (file.wrong > 0 || file.lockedUntil !== undefined) {
          await this.save({ ...file, wrong: 0, lockedUntil: undefined })
        }
        return { kind: 'ok' }
      }
      const wrong = (file.lockedUntil !== undefined ? 0 : file.wrong) + 1
      if (wrong >= PIN_ATTEMPTS) {
        const until = now + PIN_LOCK_MS
        await this.save({ ...file, wrong: 0, lockedUntil: until })
        return { kind: 'locked', until }
      }
      await this.save({ ...file, wrong, lockedUntil: undefined })
      return { kind: 'wrong', attemptsLeft: PIN_ATTEMPTS - wrong }
    })
  }

  /** Sets the PIN. Changing a PIN that is set needs the current one (counted like any check). */
  async set(newPin: string, currentPin?: string): Promise<ManagerPinStatus> {
    await this.requireCurrent(currentPin)
    return this.serial(async () => {
      const salt = randomBytes(16)
      const hash = await derive(newPin, salt)
      const file: PinFile = {
        version: 1,
        pin: {
          scrypt: { ...SCRYPT },
          salt: salt.toString('base64'),
          hash: hash.toString('base64'),
          setAt: this.options.now(),
        },
        wrong: 0,
      }
      await this.save(file)
      return this.statusOf(file)
    })
  }

  /** Removes the PIN (needs it): refunds above a ceiling are then refused until one is set. */
  async remove(currentPin: string): Promise<ManagerPinStatus> {
    await this.requireCurrent(currentPin)
    return this.serial(async () => {
      const file: PinFile = { version: 1, wrong: 0 }
      await this.save(file)
      return this.statusOf(file)
    })
  }

  private async requireCurrent(currentPin: string | undefined): Promise<void> {
    const { set } = await this.status()
    if (!set) return
    const checked = await this.check(currentPin ?? '')
    const refusal = refusalOfCheck(checked, this.options.now())
    if (refusal) throw refusal
  }

  private statusOf(file: PinFile): ManagerPinStatus {
    const locked = file.lockedUntil !== undefined && this.options.now() < file.lockedUntil
    const status: ManagerPinStatus = {
      set: file.pin !== undefined,
      attemptsLeft: locked ? 0 : PIN_ATTEMPTS - (file.lockedUntil !== undefined ? 0 : file.wrong),
    }
    if (locked) status.lockedUntil = file.lockedUntil
    return status
  }

  private async matches(file: PinFile, pin: string): Promise<boolean> {
    if (!file.pin || !/^\d{4,8}$/.test(pin)) return false
    const expected = Buffer.from(file.pin.hash, 'base64')
    const actual = await derive(pin, Buffer.from(file.pin.salt, 'base64'))
    return expected.length === actual.length && timingSafeEqual(expected, actual)
  }

  /**
   * The file, or an empty one when there is none. A file that cannot be read or does not fit is
   * moved aside and reported (JsonDocument): no PIN is set then, so refunds above a ceiling are
   * refused until a manager sets one again (never let through because of damage).
   */
  private async load(): Promise<PinFile> {
    return (await this.doc.read()).value
  }

  private async save(file: PinFile): Promise<void> {
    await this.doc.write(fileSchema.parse(file))
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work)
    this.queue = run.catch(() => undefined)
    return run
  }
}

/** What to tell the person about a PIN that did not let them through (undefined for `ok`). */
export function refusalOfCheck(checked: PinCheck, now: number): AppError | undefined {
  switch (checked.kind) {
    case 'ok':
      return undefined
    case 'not-set':
      return new AppError(msg('manager_pin_wrong', { attemptsLeft: PIN_ATTEMPTS }))
    case 'wrong':
      return new AppError(msg('manager_pin_wrong', { attemptsLeft: checked.attemptsLeft }))
    case 'locked':
      return new AppError(
        msg('manager_pin_locked', {
          minutes: Math.max(1, Math.ceil((checked.until - now) / 60_000)),
        }),
      )
  }
}
