import { readFile } from 'node:fs/promises'
import { afterEach, describe, expect, it } from 'vitest'
import {
  exportConfiguration,
  importConfiguration,
  previewImport,
} from '../../../src/main/merchants/configuration-transfer'
import type { MerchantService } from '../../../src/main/merchants/service'
import { COM, device, fakeCloud, listFiles, openService, removeTempDirs, tempDir } from './support'

afterEach(removeTempDirs)

const KEY_A = 'key-alpha-0000000000000000000A1b2'
const KEY_B = 'key-bravo-0000000000000000000B3c4'
const PASS = 'correct horse battery'
const NOW = new Date('2026-11-24T01:00:00Z')

async function source() {
  const c = fakeCloud({ [COM]: { [KEY_A]: [device('111')], [KEY_B]: [device('222')] } })
  const service = await openService(await tempDir(), { createClient: c.factory })
  const a = await service.addMerchant({
    name: 'Anna',
    environment: 'production',
    currency: 'EUR',
    apiKey: KEY_A,
  })
  await service.updateMerchant(a.id, { limits: { refundCeilingMinor: '5000' } })
  const b = await service.addMerchant({
    name: 'Berg',
    environment: 'production',
    currency: 'CHF',
    apiKey: KEY_B,
  })
  return { service, a, b, factory: c.factory }
}

async function snapshotFiles(service: MerchantService, dataDir: string) {
  const files = await listFiles(dataDir)
  return {
    view: service.snapshot(),
    files: await Promise.all(files.map(async (f) => [f.path, await readFile(f.path, 'utf8')])),
  }
}

describe('export / import of the configuration', () => {
  it('round-trips merchants and keys to another checkout, re-encrypted with its own SecretBox', async () => {
    const { service, a, b, factory } = await source()
    const exported = await exportConfiguration(service, PASS, NOW)
    expect(exported.fileName).toBe('pos-companion-merchants-2026-11-24.json')
    expect(exported.content).not.toContain(KEY_A)
    expect(exported.content).not.toContain('Anna') // profiles are inside the encrypted part too

    const target = await openService(await tempDir(), { createClient: factory })
    expect(await previewImport(target, exported.content, PASS, 'merge')).toEqual({
      mode: 'merge',
      add: ['Anna', 'Berg'],
      replace: ['Demo shop (simulator, no real money)'],
      remove: [],
    })
    await importConfiguration(target, exported.content, PASS, 'merge', NOW.getTime())
    const imported = target.snapshot().merchants
    expect(imported.map((m) => m.name).sort()).toEqual([
      'Anna',
      'Berg',
      'Demo shop (simulator, no real money)',
    ])
    expect(imported.find((m) => m.id === a.id)).toMatchObject({
      keyState: 'ok',
      keyHint: '•••• A1b2',
      limits: { refundCeilingMinor: '5000' },
      terminals: [{ serialNumber: '111' }],
    })
    // The keys work on the new machine: each merchant's client carries its own key.
    const input = {
      operation: 'sale' as const,
      serialNumber: '222',
      terminalType: 'PAXA920',
      amountMinor: '1',
      currency: 'CHF',
    }
    await (await target.clientFor(b.id)).startTransaction(input)
  })

  it('replace mode says what it removes and removes exactly that', async () => {
    const { service } = await source()
    const exported = await exportConfiguration(service, PASS, NOW)
    const c2 = fakeCloud({ [COM]: { 'key-local-00000000000000000': [device('999')] } })
    const local = await openService(await tempDir(), { createClient: c2.factory })
    await local.addMerchant({
      name: 'Local only',
      environment: 'production',
      currency: 'EUR',
      apiKey: 'key-local-00000000000000000',
    })
    const preview = await previewImport(local, exported.content, PASS, 'replace')
    expect(preview.remove).toEqual(['Local only'])
    await importConfiguration(local, exported.content, PASS, 'replace', 1)
    expect(local.snapshot().merchants.map((m) => m.name)).not.toContain('Local only')
    expect(local.snapshot().merchants).toHaveLength(3)
  })

  it.each([
    ['a wrong passphrase', (c: string) => c, 'wrong passphrase!', 'import_wrong_passphrase'],
    [
      'a changed ciphertext byte',
      (c: string) => flipInField(c, 'ciphertext'),
      PASS,
      'import_wrong_passphrase',
    ],
    ['a changed salt', (c: string) => flipInField(c, 'salt'), PASS, 'import_wrong_passphrase'],
    ['a changed tag', (c: string) => flipInField(c, 'tag'), PASS, 'import_wrong_passphrase'],
    [
      'a newer version',
      (c: string) => c.replace('"version": 2', '"version": 3'),
      PASS,
      'import_newer_version',
    ],
    [
      'a broken structure',
      (c: string) => c.slice(0, c.length / 2),
      PASS,
      'import_not_a_configuration',
    ],
    ['another kind of file', () => '{"hello":"world"}', PASS, 'import_not_a_configuration'],
    [
      'absurd scrypt cost',
      (c: string) => c.replace('"N": 32768', '"N": 1073741824'),
      PASS,
      'import_damaged',
    ],
  ])('refuses %s with a clear message and changes nothing', async (_l, mutate, pass, code) => {
    const { service } = await source()
    const exported = await exportConfiguration(service, PASS, NOW)
    const dataDir = await tempDir()
    const target = await openService(dataDir)
    const before = await snapshotFiles(target, dataDir)
    const error = await importConfiguration(
      target,
      mutate(exported.content),
      pass,
      'replace',
      1,
    ).catch((e: unknown) => e)
    expect(error).toMatchObject({ code, message: expect.stringContaining('nothing was imported') })
    expect(await snapshotFiles(target, dataDir)).toEqual(before)
  })

  it('refuses an import with keys when this machine cannot store keys, before changing anything', async () => {
    const { service } = await source()
    const exported = await exportConfiguration(service, PASS, NOW)
    const dataDir = await tempDir()
    const { createTestOnlySecretBox } = await import('../../../src/main/merchants/secret-box')
    const target = await openService(dataDir, {
      box: { ...createTestOnlySecretBox(), isAvailable: () => false },
    })
    const before = await snapshotFiles(target, dataDir)
    await expect(
      importConfiguration(target, exported.content, PASS, 'merge', 1),
    ).rejects.toMatchObject({
      code: 'keychain_unavailable',
    })
    expect(await snapshotFiles(target, dataDir)).toEqual(before)
  })

  it('exports a merchant whose key needs re-entry without a key, and imports it as missing', async () => {
    const dataDir = await tempDir()
    const c = fakeCloud({ [COM]: { [KEY_A]: [device('111')] } })
    const first = await openService(dataDir, { createClient: c.factory })
    await first.addMerchant({
      name: 'Anna',
      environment: 'production',
      currency: 'EUR',
      apiKey: KEY_A,
    })
    const second = await openService(dataDir, { createClient: c.factory })
    const exported = await exportConfiguration(second, PASS, NOW)
    expect(exported.withoutKey).toEqual(['Anna'])
    const target = await openService(await tempDir())
    await importConfiguration(target, exported.content, PASS, 'merge', 1)
    expect(target.snapshot().merchants.find((m) => m.name === 'Anna')!.keyState).toBe('missing')
  })
})

/** Changes one base64 character inside a JSON field of the export file. */
function flipInField(content: string, field: string): string {
  const file = JSON.parse(content)
  const holder = field === 'salt' ? file.kdf : field === 'tag' ? file.cipher : file
  const value: string = holder[field]
  const i = Math.floor(value.length / 3)
  holder[field] = value.slice(0, i) + (value[i] === 'A' ? 'B' : 'A') + value.slice(i + 1)
  return JSON.stringify(file)
}

describe('a crafted configuration (right passphrase, wrong content)', () => {
  const base = {
    name: 'X',
    demo: false,
    environment: 'production' as const,
    currency: 'EUR',
    terminals: [],
    resultFlow: { mode: 'poll' as const },
    receipts: {
      customerCopy: 'ask' as const,
      merchantCopy: 'never' as const,
      paperWidthMm: 80 as const,
    },
    limits: {},
  }

  it('the same re-sealing with valid content is accepted (so the refusals below are about content)', async () => {
    const { sealConfiguration, openConfiguration } =
      await import('../../../src/main/merchants/transfer')
    const crafted = await reseal(await sealConfiguration([], PASS, NOW), [{ ...base, id: 'a' }])
    expect((await openConfiguration(crafted, PASS)).map((m) => m.id)).toEqual(['a'])
  })

  it('reads a file exported before v4 like the upgrade: printer fields gone, untouched rules dropped', async () => {
    const { sealConfiguration, openConfiguration } =
      await import('../../../src/main/merchants/transfer')
    const legacy = { customerCopy: 'ask', merchantCopy: 'on-signature', paperWidthMm: 58 }
    const crafted = await reseal(await sealConfiguration([], PASS, NOW), [
      { ...base, id: 'changed', receipts: { ...base.receipts, printerName: 'EPSON' } },
      { ...base, id: 'untouched', receipts: legacy },
      { ...base, id: 'current', receipts: { customerCopy: 'ask', merchantCopy: 'on-signature' } },
      { ...base, id: 'none', receipts: undefined },
    ])
    const opened = await openConfiguration(crafted, PASS)
    expect(opened.map((m) => [m.id, m.receipts])).toEqual([
      ['changed', { customerCopy: 'ask', merchantCopy: 'never' }],
      ['untouched', undefined],
      ['current', { customerCopy: 'ask', merchantCopy: 'on-signature' }],
      ['none', undefined],
    ])
  })

  it.each([
    [
      'two merchants with one id',
      [
        { ...base, id: 'a' },
        { ...base, id: 'a' },
      ],
    ],
    ['a "demo" merchant pointed at production', [{ ...base, id: 'd', demo: true }]],
  ])('is refused: %s', async (_label, merchants) => {
    const { sealConfiguration, openConfiguration } =
      await import('../../../src/main/merchants/transfer')
    // sealConfiguration validates too, so build the file by bypassing its schema check.
    const content = await sealConfiguration([], PASS, NOW)
    const crafted = await reseal(content, merchants)
    await expect(openConfiguration(crafted, PASS)).rejects.toMatchObject({
      code: 'import_damaged',
    })
  })
})

/** Re-encrypts a valid file's header with another payload, the way an attacker with the passphrase could. */
async function reseal(content: string, merchants: unknown[]): Promise<string> {
  const { createCipheriv, randomBytes, scryptSync } = await import('node:crypto')
  const file = JSON.parse(content)
  const { N, r, p, salt } = file.kdf
  const key = scryptSync(PASS, Buffer.from(salt, 'base64'), 32, {
    N,
    r,
    p,
    maxmem: 256 * N * r * p,
  })
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  // Format 2 authenticates every header field, in this order.
  const header = [file.format, file.version, file.exportedAt, 'scrypt', N, r, p, salt]
  cipher.setAAD(Buffer.from(JSON.stringify([...header, 'aes-256-gcm', iv.toString('base64')])))
  const body = Buffer.concat([cipher.update(JSON.stringify({ merchants })), cipher.final()])
  file.cipher = {
    name: 'aes-256-gcm',
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  }
  file.ciphertext = body.toString('base64')
  return JSON.stringify(file)
}
