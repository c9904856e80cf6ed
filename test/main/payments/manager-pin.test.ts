import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { StartPaymentRequest } from '@shared/contract/payments.contract'
import { AppError } from '@shared/contract/result'
import { MoneyGuard, type MoneyFacts } from '../../../src/main/payments/money/guard'
import { ManagerPin, PIN_LOCK_MS } from '../../../src/main/payments/money/manager-pin'
import { tempDataDir } from './support'

/**
 * The manager PIN: kept as a salted scrypt hash (never the PIN), three wrong ones lock it for
 * five minutes on the engine's clock, and the lock survives a new process. Then the ceiling: a
 * refund or reversal above it needs the PIN, in the merchant's currency.
 */

function pinAt(dataDir = tempDataDir('pin-')) {
  const clock = { t: 1_800_000_000_000 }
  const damaged: string[] = []
  const pin = new ManagerPin({
    dataDir,
    now: () => clock.t,
    onDamage: (movedTo) => damaged.push(movedTo),
  })
  return { pin, clock, dataDir, damaged }
}

async function refusalOf(promise: Promise<unknown>) {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(AppError)
  const { code, params } = (err as AppError).toJSON()
  return { code, params }
}

describe('the manager PIN', () => {
  it('is stored as a salted scrypt hash in an owner-only file, never the PIN', async () => {
    const { pin } = pinAt()
    expect(await pin.status()).toEqual({ set: false, attemptsLeft: 3 })
    expect(await pin.set('482913')).toEqual({ set: true, attemptsLeft: 3 })
    const text = readFileSync(pin.path, 'utf8')
    expect(text).not.toContain('482913')
    const stored = JSON.parse(text) as { pin: { salt: string; hash: string } }
    expect(Buffer.from(stored.pin.salt, 'base64')).toHaveLength(16)
    expect(Buffer.from(stored.pin.hash, 'base64')).toHaveLength(32)
    if (process.platform !== 'win32') expect(statSync(pin.path).mode & 0o777).toBe(0o600)
    // The same PIN set again gets a new salt, so two checkouts' files never match.
    await pin.set('482913', '482913')
    expect(JSON.parse(readFileSync(pin.path, 'utf8')).pin.salt).not.toBe(stored.pin.salt)
    expect(await pin.check('482913')).toEqual({ kind: 'ok' })
  })

  it('locks for five minutes after three wrong PINs, on the engine clock, across processes', async () => {
    const { pin, clock, dataDir } = pinAt()
    await pin.set('1234')
    expect(await pin.check('0000')).toEqual({ kind: 'wrong', attemptsLeft: 2 })
    expect(await pin.check('1111')).toEqual({ kind: 'wrong', attemptsLeft: 1 })
    expect(await pin.check('2222')).toEqual({ kind: 'locked', until: clock.t + PIN_LOCK_MS })
    // Locked: even the right PIN is not compared, also by a new process (the CLI).
    const again = new ManagerPin({ dataDir, now: () => clock.t })
    expect((await again.check('1234')).kind).toBe('locked')
    expect(await pin.status()).toMatchObject({ set: true, attemptsLeft: 0 })
    clock.t += PIN_LOCK_MS - 1
    expect((await pin.check('1234')).kind).toBe('locked')
    clock.t += 1
    expect(await pin.check('1234')).toEqual({ kind: 'ok' })
    // A right PIN clears the count.
    await pin.check('9999')
    await pin.check('1234')
    expect(await pin.check('9999')).toEqual({ kind: 'wrong', attemptsLeft: 2 })
  })

  it('is changed or removed only with the current PIN', async () => {
    const { pin } = pinAt()
    await pin.set('1234')
    expect(await refusalOf(pin.set('5678'))).toEqual({
      code: 'manager_pin_wrong',
      params: { attemptsLeft: 2 },
    })
    expect(await refusalOf(pin.remove('4321'))).toMatchObject({ code: 'manager_pin_wrong' })
    await pin.set('5678', '1234')
    expect(await pin.check('5678')).toEqual({ kind: 'ok' })
    expect(await pin.remove('5678')).toEqual({ set: false, attemptsLeft: 3 })
    expect(await pin.check('5678')).toEqual({ kind: 'not-set' })
  })

  it('moves a damaged file aside and says so: then no PIN is set (refunds above stay refused)', async () => {
    const { pin, damaged } = pinAt()
    writeFileSync(pin.path, '{"version":1,"pin":{"hash":', { mode: 0o600 })
    expect(await pin.check('1234')).toEqual({ kind: 'not-set' })
    expect(damaged).toHaveLength(1)
    expect(damaged[0]).toMatch(/manager-pin\.json\.corrupt-/)
  })
})

describe('refunds and reversals above the ceiling', () => {
  const facts: MoneyFacts = {
    originalOf: () => undefined,
    factsOf: (original) => ({ original, linked: [], closes: [] }),
    get: () => undefined,
  }
  const request = (amountMinor: string, extra: Partial<StartPaymentRequest> = {}) =>
    ({
      merchantId: 'm1',
      terminalSerial: 'T1',
      operation: 'refund',
      amountMinor,
      currency: 'EUR',
      ...extra,
    }) as StartPaymentRequest

  async function guard(withPin = true) {
    const { pin, clock } = pinAt()
    if (withPin) await pin.set('2468')
    const money = new MoneyGuard({
      facts,
      now: () => clock.t,
      approval: {
        ceilingOf: async (id) => (id === 'm1' ? { minor: '5000', currency: 'EUR' } : undefined),
        checkPin: (p) => pin.check(p),
      },
    })
    return { money, pin }
  }

  it('asks for the manager above the ceiling, in money, and lets the right PIN through', async () => {
    const { money } = await guard()
    await money.approve(request('5000'))
    expect(await refusalOf(money.approve(request('5001')))).toEqual({
      code: 'manager_approval_required',
      params: { ceiling: '50.00', currency: 'EUR' },
    })
    await money.approve(request('5001', { managerPin: '2468' }))
    expect(await refusalOf(money.approve(request('5001', { managerPin: '1111' })))).toEqual({
      code: 'manager_pin_wrong',
      params: { attemptsLeft: 2 },
    })
    // Sales are not refunds; another merchant has no ceiling.
    await money.approve(request('900000', { operation: 'sale' }))
    await money.approve(request('900000', { merchantId: 'm2' }))
  })

  it('counts reversals too, and refuses when no PIN is set on this checkout', async () => {
    const { money } = await guard(false)
    expect(await refusalOf(money.approve(request('5001', { managerPin: '2468' })))).toEqual({
      code: 'manager_pin_not_set',
      params: { ceiling: '50.00', currency: 'EUR' },
    })
    const { money: withPin } = await guard()
    expect(
      (
        await refusalOf(
          withPin.approve(
            request('9000', { operation: 'moToRefund', originalTransactionId: undefined }),
          ),
        )
      ).code,
    ).toBe('manager_approval_required')
  })

  it('locks after three wrong PINs and says for how long', async () => {
    const { money } = await guard()
    for (const wrong of ['1', '2']) {
      await refusalOf(money.approve(request('6000', { managerPin: `000${wrong}` })))
    }
    expect(await refusalOf(money.approve(request('6000', { managerPin: '0003' })))).toEqual({
      code: 'manager_pin_locked',
      params: { minutes: 5 },
    })
    expect((await refusalOf(money.approve(request('6000', { managerPin: '2468' })))).code).toBe(
      'manager_pin_locked',
    )
  })
})
