import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createJsonProfileStore } from '../../../src/main/merchants/profile-store'
import { NoticeBoard } from '../../../src/main/notices/notices'
import { createTestOnlySecretBox } from '../../../src/main/merchants/secret-box'
import {
  COM,
  DEMO_KEY,
  IO,
  SIM,
  device,
  fakeCloud,
  openService,
  removeTempDirs,
  tempDir,
} from './support'

afterEach(removeTempDirs)

const KEY_A = 'key-alpha-0000000000000000000A1b2'
const KEY_B = 'key-bravo-0000000000000000000B3c4'
const DEV_KEY = 'key-devel-0000000000000000000D5e6'

function cloud() {
  return fakeCloud({
    [COM]: { [KEY_A]: [device('111'), device('112', 'PAXA920PRO')], [KEY_B]: [device('222')] },
    [IO]: { [DEV_KEY]: [device('333')], 'key-empty-000000000000000': [] },
    [SIM.apiBaseUrl]: { [DEMO_KEY]: [device('0821032398', 'PAXA920PRO')] },
  })
}

const add = (environment: 'production' | 'development', apiKey: string, name = 'Salon') => ({
  name,
  environment,
  currency: 'EUR',
  apiKey,
})

describe('demo merchant', () => {
  it('exists on first start, labelled demo, on the simulator with the public key', async () => {
    const c = cloud()
    const service = await openService(await tempDir(), { createClient: c.factory })
    const { merchants, activeMerchantId } = service.snapshot()
    expect(merchants).toHaveLength(1)
    expect(merchants[0]).toMatchObject({ demo: true, environment: 'simulator', keyState: 'ok' })
    expect(merchants[0]!.name).toMatch(/demo/i)
    expect(activeMerchantId).toBe(merchants[0]!.id)
    const list = await service.listTerminals(merchants[0]!.id, true)
    expect(list.terminals).toEqual([{ serialNumber: '0821032398', terminalType: 'PAXA920PRO' }])
    expect(c.built.at(-1)).toMatchObject({ apiBaseUrl: SIM.apiBaseUrl, apiKey: DEMO_KEY })
  })

  it('can be removed and is not recreated on the next start', async () => {
    const dataDir = await tempDir()
    const first = await openService(dataDir)
    await first.removeMerchant(first.snapshot().merchants[0]!.id)
    expect(first.snapshot().merchants).toEqual([])
    const second = await openService(dataDir)
    expect(second.snapshot().merchants).toEqual([])
  })
})

describe('adding a merchant verifies the key first', () => {
  it('keeps the merchant in use: a new one never starts taking payments on its own', async () => {
    const service = await openService(await tempDir(), { createClient: cloud().factory })
    const demo = service.snapshot().activeMerchantId
    const view = await service.addMerchant(add('production', KEY_A))
    expect(service.snapshot().activeMerchantId).toBe(demo)
    expect(demo).not.toBe(view.id)
    await service.setActiveMerchant(view.id)
    await service.addMerchant(add('production', KEY_B, 'Bar'))
    expect(service.snapshot().activeMerchantId).toBe(view.id)
  })

  it('the first merchant of an empty checkout is the one in use', async () => {
    const service = await openService(await tempDir(), { createClient: cloud().factory })
    await service.removeMerchant(service.snapshot().merchants[0]!.id)
    const view = await service.addMerchant(add('production', KEY_A))
    expect(service.snapshot().activeMerchantId).toBe(view.id)
  })

  it('stores a verified merchant with its terminals; the view holds no key', async () => {
    const c = cloud()
    const service = await openService(await tempDir(), { createClient: c.factory })
    const view = await service.addMerchant(add('production', KEY_A))
    expect(view).toMatchObject({
      keyState: 'ok',
      keyHint: '•••• A1b2',
      terminals: [
        { serialNumber: '111', terminalType: 'PAXA920' },
        { serialNumber: '112', terminalType: 'PAXA920PRO' },
      ],
    })
    expect(JSON.stringify(service.snapshot())).not.toContain(KEY_A)
    expect(c.built[0]).toMatchObject({ apiBaseUrl: COM, apiKey: KEY_A })
  })

  it.each([
    [
      'a wrong key',
      add('production', 'key-wrong-000000000000'),
      { code: 'key_rejected', params: { host: 'cloud.handpoint.com' } },
    ],
    [
      'a .io key on .com',
      add('production', DEV_KEY),
      {
        code: 'key_wrong_environment',
        params: { environment: 'production', suggested: 'development' },
      },
    ],
    [
      'a key with no terminals',
      add('development', 'key-empty-000000000000000'),
      { code: 'key_no_terminals', params: { host: 'cloud.handpoint.io' } },
    ],
  ])('%s gets its own message and nothing is saved', async (_label, request, told) => {
    const service = await openService(await tempDir(), { createClient: cloud().factory })
    await expect(service.addMerchant(request)).rejects.toMatchObject(told)
    expect(service.snapshot().merchants.filter((m) => !m.demo)).toEqual([])
  })

  it('says the network is down, not that the key is wrong, when Handpoint cannot be reached', async () => {
    const c = cloud()
    c.state.offline = true
    const service = await openService(await tempDir(), { createClient: c.factory })
    await expect(service.addMerchant(add('production', KEY_A))).rejects.toMatchObject({
      code: 'key_check_offline',
      params: { host: 'cloud.handpoint.com' },
      message: expect.stringMatching(/Could not reach Handpoint at cloud\.handpoint\.com/),
    })
  })

  it('refuses before calling Handpoint when keys cannot be stored securely', async () => {
    const c = cloud()
    const box = { ...createTestOnlySecretBox(), backend: () => 'basic_text' }
    const service = await openService(await tempDir(), { createClient: c.factory, box })
    await expect(service.addMerchant(add('production', KEY_A))).rejects.toMatchObject({
      code: 'insecure_storage_not_accepted',
    })
    expect(c.built).toEqual([])
    expect((await service.acceptInsecureStorage(true)).canStore).toBe(true)
    await expect(service.addMerchant(add('production', KEY_A))).resolves.toMatchObject({
      keyState: 'ok',
    })
  })
})

describe('keys that no longer decrypt', () => {
  it('put only that merchant into needs-reentry on the next start, and a new key fixes it', async () => {
    const dataDir = await tempDir()
    const c = cloud()
    const before = await openService(dataDir, { createClient: c.factory })
    const { id } = await before.addMerchant(add('production', KEY_A))
    // A new SecretBox = another OS user / a reset keyring: the old ciphertext cannot be read.
    const after = await openService(dataDir, { createClient: c.factory })
    const merchant = after.snapshot().merchants.find((m) => m.id === id)!
    expect(merchant.keyState).toBe('needs-reentry')
    expect(after.snapshot().merchants.find((m) => m.demo)!.keyState).toBe('ok')
    await expect(after.clientFor(id)).rejects.toMatchObject({
      code: 'key_needs_reentry',
      params: { merchant: 'Salon' },
    })
    // Last known terminals are still there for the cashier to see.
    expect((await after.listTerminals(id, false)).terminals).toHaveLength(2)
    const fixed = await after.replaceApiKey(id, KEY_A)
    expect(fixed.keyState).toBe('ok')
    await expect(after.clientFor(id)).resolves.toBeDefined()
  })
})

describe('a key marked for re-entry', () => {
  it('is ok again when the original keychain comes back (e.g. the right OS user logs in)', async () => {
    const dataDir = await tempDir()
    const original = createTestOnlySecretBox()
    const c = cloud()
    const first = await openService(dataDir, { createClient: c.factory, box: original })
    const { id } = await first.addMerchant(add('production', KEY_A))
    const other = await openService(dataDir, { createClient: c.factory })
    expect(other.snapshot().merchants.find((m) => m.id === id)!.keyState).toBe('needs-reentry')
    const back = await openService(dataDir, { createClient: c.factory, box: original })
    expect(back.snapshot().merchants.find((m) => m.id === id)!.keyState).toBe('ok')
  })
})

describe('terminals stay bound to the merchant whose key listed them', () => {
  async function twoMerchants() {
    const c = cloud()
    const service = await openService(await tempDir(), { createClient: c.factory })
    const a = await service.addMerchant(add('production', KEY_A, 'Anna'))
    const b = await service.addMerchant(add('production', KEY_B, 'Berg'))
    return { c, service, a, b }
  }

  it('terminalOf answers only for the owning merchant', async () => {
    const { service, a, b } = await twoMerchants()
    expect(await service.terminalOf(a.id, '111')).toEqual({
      serialNumber: '111',
      terminalType: 'PAXA920',
    })
    expect(await service.terminalOf(b.id, '111')).toBeUndefined()
    expect(await service.terminalOf('nobody', '111')).toBeUndefined()
    expect(await service.defaultCurrency(b.id)).toBe('EUR')
  })

  it("each merchant's client uses its own key and refuses another merchant's terminal", async () => {
    const { c, service, a, b } = await twoMerchants()
    const clientB = await service.clientFor(b.id)
    const input = {
      operation: 'sale' as const,
      serialNumber: '111',
      terminalType: 'PAXA920',
      amountMinor: '100',
      currency: 'EUR',
    }
    await expect(clientB.startTransaction(input)).rejects.toMatchObject({
      code: 'terminal_not_bound',
    })
    await (await service.clientFor(a.id)).startTransaction(input)
    expect(c.started).toEqual([{ apiKey: KEY_A, serial: '111' }])
  })

  it('a default terminal must be one of the merchant’s own', async () => {
    const { service, a, b } = await twoMerchants()
    await expect(service.setDefaultTerminal(b.id, '111')).rejects.toMatchObject({
      code: 'terminal_not_bound',
    })
    expect((await service.setDefaultTerminal(a.id, '112')).defaultTerminalSerial).toBe('112')
    expect((await service.setDefaultTerminal(a.id, null)).defaultTerminalSerial).toBeUndefined()
  })
})

describe('offline', () => {
  it('lists merchants and last known terminals, and a refresh says it is showing old data', async () => {
    const dataDir = await tempDir()
    let now = 1_760_000_000_000
    const c = cloud()
    const service = await openService(dataDir, { createClient: c.factory, now: () => now })
    const { id } = await service.addMerchant(add('production', KEY_A))
    c.state.offline = true
    now += 3_600_000
    const built = c.built.length
    expect(service.snapshot().merchants.map((m) => m.name)).toContain('Salon')
    expect((await service.listTerminals(id, false)).terminals).toHaveLength(2)
    expect(c.built.length).toBe(built) // listing without refresh makes no request
    const refreshed = await service.listTerminals(id, true)
    expect(refreshed).toMatchObject({ offline: true, fetchedAt: 1_760_000_000_000 })
    expect(refreshed.terminals).toHaveLength(2)
    expect(refreshed.notice).toEqual({ code: 'terminals_offline' })
  })

  it('a successful refresh replaces the list and drops a default that is gone', async () => {
    const accounts = { [COM]: { [KEY_A]: [device('111'), device('112')] } }
    const c = fakeCloud(accounts)
    const service = await openService(await tempDir(), { createClient: c.factory })
    const { id } = await service.addMerchant(add('production', KEY_A))
    await service.setDefaultTerminal(id, '112')
    accounts[COM][KEY_A] = [device('111')]
    const list = await service.listTerminals(id, true)
    expect(list).toMatchObject({ offline: false, terminals: [{ serialNumber: '111' }] })
    expect(
      service.snapshot().merchants.find((m) => m.id === id)!.defaultTerminalSerial,
    ).toBeUndefined()
  })
})

describe('changes', () => {
  it('updates preferences, persists them, and tells subscribers', async () => {
    const dataDir = await tempDir()
    const seen: number[] = []
    const service = await openService(dataDir, { onChange: (s) => seen.push(s.merchants.length) })
    const demo = service.snapshot().merchants[0]!
    await service.updateMerchant(demo.id, {
      name: 'Till 2 demo',
      receipts: { customerCopy: 'never', merchantCopy: 'always' },
      limits: { refundCeilingMinor: '20000' },
      resultFlow: { mode: 'callback', callbackHost: '192.168.1.20', callbackPort: 8443 },
    })
    expect(seen).toEqual([1])
    const reopened = await openService(dataDir)
    expect(reopened.snapshot().merchants[0]).toMatchObject({
      name: 'Till 2 demo',
      receipts: { customerCopy: 'never', merchantCopy: 'always' },
      limits: { refundCeilingMinor: '20000' },
      resultFlow: { mode: 'callback', callbackPort: 8443 },
    })
    await expect(service.updateMerchant('nope', { name: 'x' })).rejects.toMatchObject({
      code: 'merchant_not_found',
    })
  })

  it("gives the receipts service a merchant's own copy rules, and none once they are cleared", async () => {
    const service = await openService(await tempDir())
    const demo = service.snapshot().merchants[0]!
    // A new merchant has no rules of its own: it follows the checkout's print settings.
    expect(demo.receipts).toBeUndefined()
    expect(service.copyPolicy(demo.id)).toBeUndefined()
    await service.updateMerchant(demo.id, {
      receipts: { customerCopy: 'always', merchantCopy: 'never' },
    })
    expect(service.copyPolicy(demo.id)).toEqual({ customerCopy: 'always', merchantCopy: 'never' })
    // A patch without receipts leaves them alone; null clears them.
    await service.updateMerchant(demo.id, { name: 'Demo' })
    expect(service.copyPolicy(demo.id)).toEqual({ customerCopy: 'always', merchantCopy: 'never' })
    const cleared = await service.updateMerchant(demo.id, { receipts: null })
    expect(cleared.receipts).toBeUndefined()
    expect(service.copyPolicy(demo.id)).toBeUndefined()
    expect(service.copyPolicy('unknown')).toBeUndefined()
  })
})

describe('a failed save', () => {
  it('leaves the previous state and no orphan key file behind', async () => {
    const dataDir = await tempDir()
    const store = createJsonProfileStore({ dataDir, notices: new NoticeBoard() })
    let failSaves = false
    const flaky = {
      load: () => store.load(),
      save: (file: Parameters<typeof store.save>[0]) =>
        failSaves ? Promise.reject(new Error('ENOSPC: no space left on device')) : store.save(file),
    }
    const service = await openService(dataDir, { createClient: cloud().factory, store: flaky })
    const { id } = await service.addMerchant(add('production', KEY_A))
    const keysBefore = await readdir(join(dataDir, 'secrets'))
    failSaves = true
    await expect(service.addMerchant(add('production', KEY_B, 'Berg'))).rejects.toThrow('ENOSPC')
    await expect(service.replaceApiKey(id, KEY_A)).rejects.toThrow('ENOSPC')
    expect(await readdir(join(dataDir, 'secrets'))).toEqual(keysBefore)
    expect(service.snapshot().merchants.map((m) => m.name)).toEqual([
      'Demo shop (simulator, no real money)',
      'Salon',
    ])
    await expect(service.clientFor(id)).resolves.toBeDefined()
  })
})
