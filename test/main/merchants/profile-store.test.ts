import { copyFile, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createJsonProfileStore } from '../../../src/main/merchants/profile-store'
import { NoticeBoard } from '../../../src/main/notices/notices'
import { FIXTURES, removeTempDirs, tempDir } from './support'

const NOW = 1_770_000_000_000
const STAMP = '2026-02-02T02-40-00-000Z'

async function storeWith(fixture: string) {
  const dataDir = await tempDir()
  await copyFile(join(FIXTURES, fixture), join(dataDir, 'merchants.json'))
  const notices = new NoticeBoard({ now: () => NOW })
  return { dataDir, notices, store: createJsonProfileStore({ dataDir, notices, now: () => NOW }) }
}

const plainStore = (dataDir: string) =>
  createJsonProfileStore({ dataDir, notices: new NoticeBoard() })

afterEach(removeTempDirs)

describe('merchant profile file: versions and migrations', () => {
  it('upgrades a v1 file: environments, terminals, fetch time, key state and key file', async () => {
    const { store, dataDir } = await storeWith('profiles-v1.json')
    const loaded = await store.load()
    expect(loaded.migratedFrom).toBe(1)
    const [salon, bench] = loaded.file.merchants
    expect(salon).toMatchObject({
      id: 'm-salon',
      environment: 'production',
      terminals: [
        { serialNumber: '0821032398', terminalType: 'PAXA920' },
        { serialNumber: '1850025030', terminalType: 'PAXA920PRO' },
      ],
      terminalsFetchedAt: Date.parse('2025-03-01T09:30:00.000Z'),
      defaultTerminalSerial: '0821032398',
      resultFlow: { mode: 'poll' },
      keyState: 'ok',
      keyFile: 'm-salon.key',
      demo: false,
    })
    expect(bench).toMatchObject({ environment: 'development', keyState: 'missing', terminals: [] })
    expect(bench).not.toHaveProperty('keyFile')
    // v1 had no copy rules: the merchants follow the checkout's.
    expect(salon).not.toHaveProperty('receipts')
    // An existing configuration does not get a demo merchant added by the upgrade.
    expect(loaded.file.settings.demoSeeded).toBe(true)
    // The upgraded file is written back, and the original kept for a downgrade.
    const written = JSON.parse(await readFile(join(dataDir, 'merchants.json'), 'utf8'))
    expect(written.schemaVersion).toBe(4)
    expect(await readFile(join(dataDir, 'merchants.json.v1.bak'), 'utf8')).toBe(
      await readFile(join(FIXTURES, 'profiles-v1.json'), 'utf8'),
    )
  })

  it('upgrades a v2 file: custom address, callback flow, settings and key state kept', async () => {
    const { store } = await storeWith('profiles-v2.json')
    const loaded = await store.load()
    expect(loaded.migratedFrom).toBe(2)
    expect(loaded.file.settings.insecureStorageAccepted).toBe(true)
    expect(loaded.file.merchants[0]).toMatchObject({
      environment: 'custom',
      customUrls: {
        apiBaseUrl: 'https://relay.example.com/handpoint',
        statusBaseUrl: 'https://relay.example.com/handpoint',
      },
      resultFlow: { mode: 'callback', callbackPort: 8443 },
      receipts: { customerCopy: 'always', merchantCopy: 'never' },
      keyState: 'needs-reentry',
      keyFile: 'm-clinic.key',
      createdAt: 1735600000000,
      updatedAt: NOW,
    })
    expect(loaded.file.merchants[1]).toMatchObject({ id: 'm-kiosk', keyState: 'ok', limits: {} })
  })

  it('upgrades a v3 file: printer and paper leave the merchant, changed copy rules stay', async () => {
    const { store, dataDir } = await storeWith('profiles-v3-printing.json')
    const loaded = await store.load()
    expect(loaded.migratedFrom).toBe(3)
    const [bar, deli] = loaded.file.merchants
    // Rules changed on the merchant card are kept (they now decide what prints for the bar)...
    expect(bar!.receipts).toEqual({ customerCopy: 'never', merchantCopy: 'always' })
    expect(bar).toMatchObject({ keyFile: 'm-bar.key', keyHint: '1a2b', updatedAt: 1760000000000 })
    // ...untouched v3 defaults are not: the deli keeps following the checkout, as it did.
    expect(deli).not.toHaveProperty('receipts')
    expect(deli).toMatchObject({
      resultFlow: { mode: 'callback', callbackHost: '192.168.1.20', callbackPort: 8443 },
      limits: { refundCeilingMinor: '10000' },
    })
    expect(loaded.file.settings.activeMerchantId).toBe('m-bar')
    const written = await readFile(join(dataDir, 'merchants.json'), 'utf8')
    expect(JSON.parse(written).schemaVersion).toBe(4)
    expect(written).not.toMatch(/printerName|paperWidthMm|EPSON/)
    expect(await readdir(dataDir)).toEqual(['merchants.json', 'merchants.json.v3.bak'])
  })

  it('upgrades the v3 file of an earlier release (defaults, 58 mm paper) to follow the checkout', async () => {
    const { store } = await storeWith('profiles-v3.json')
    const loaded = await store.load()
    expect(loaded.migratedFrom).toBe(3)
    expect(loaded.file.merchants[0]).not.toHaveProperty('receipts')
    expect(loaded.file.merchants[0]).toMatchObject({ limits: { refundCeilingMinor: '50000' } })
  })

  it('reads the current version as is, with no backup written', async () => {
    const { store, dataDir } = await storeWith('profiles-v4.json')
    const loaded = await store.load()
    expect(loaded.migratedFrom).toBeUndefined()
    expect(loaded.file.merchants[0]).toMatchObject({
      receipts: { customerCopy: 'always', merchantCopy: 'never' },
      limits: { refundCeilingMinor: '50000' },
    })
    expect(loaded.file.merchants[1]).not.toHaveProperty('receipts')
    expect(await readdir(dataDir)).toEqual(['merchants.json'])
  })

  it('starts empty and fresh when there is no file', async () => {
    const dataDir = await tempDir()
    const loaded = await plainStore(dataDir).load()
    expect(loaded).toMatchObject({ fresh: true, file: { merchants: [] } })
  })
})

describe('merchant profile file: broken files are moved aside and reported', () => {
  it.each([
    ['profiles-truncated.json', 'merchants_file_damaged', 'corrupt'],
    ['profiles-hand-edited.json', 'merchants_file_damaged', 'corrupt'],
    ['profiles-newer.json', 'merchants_file_newer', 'newer'],
  ])('%s', async (fixture, code, kind) => {
    const { store, dataDir, notices } = await storeWith(fixture)
    const original = await readFile(join(FIXTURES, fixture), 'utf8')
    const loaded = await store.load()
    // Not a first start: no demo merchant is added to what was a real configuration.
    expect(loaded.fresh).toBe(false)
    expect(loaded.file.merchants).toEqual([])
    const movedTo = join(dataDir, `merchants.json.${kind}-${STAMP}`)
    expect(loaded.quarantinedTo).toBe(movedTo)
    // Never silently reset: the original bytes are kept next to where they were.
    expect(await readFile(movedTo, 'utf8')).toBe(original)
    expect(await readdir(dataDir)).toEqual([`merchants.json.${kind}-${STAMP}`])
    expect(notices.list()).toEqual([
      { id: expect.any(String), code, params: { movedTo }, level: 'error', at: NOW },
    ])
  })
})

describe('merchant profile file: writing', () => {
  it('writes owner-only, leaves no temporary file, and refuses an invalid file', async () => {
    const dataDir = await tempDir()
    const store = plainStore(dataDir)
    const { file } = await store.load()
    await store.save(file)
    expect((await stat(join(dataDir, 'merchants.json'))).mode & 0o777).toBe(0o600)
    expect(await readdir(dataDir)).toEqual(['merchants.json'])
    const bad = { ...file, merchants: [{ id: '' }] } as unknown as typeof file
    await expect(store.save(bad)).rejects.toThrow()
    expect((await store.load()).file).toEqual(file)
  })

  it('a file replaced while running is read again on the next load', async () => {
    const dataDir = await tempDir()
    const store = plainStore(dataDir)
    await writeFile(
      join(dataDir, 'merchants.json'),
      await readFile(join(FIXTURES, 'profiles-v3.json')),
    )
    expect((await store.load()).file.merchants.map((m) => m.id)).toEqual(['m-shop'])
  })
})
