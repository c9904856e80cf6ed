import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { importConfiguration } from '../../../src/main/merchants/configuration-transfer'
import {
  openConfiguration,
  sealConfiguration,
  TRANSFER_VERSION,
  type ExportedMerchant,
} from '../../../src/main/merchants/transfer'
import { FIXTURES, openService, removeTempDirs, tempDir } from './support'

afterEach(removeTempDirs)

const PASS = 'correct horse battery'
const MERCHANT: ExportedMerchant = {
  id: 'm-1',
  name: 'Anna',
  demo: false,
  environment: 'production',
  currency: 'EUR',
  terminals: [],
  resultFlow: { mode: 'poll' },
  limits: {},
  apiKey: 'key-alpha-0000000000000000000A1b2',
}

type FileJson = Record<string, unknown> & {
  exportedAt: string
  kdf: Record<string, unknown>
  cipher: Record<string, unknown>
}

async function exported(): Promise<FileJson> {
  return JSON.parse(await sealConfiguration([MERCHANT], PASS, new Date('2026-11-24T01:00:00Z')))
}

const open = (file: unknown) => openConfiguration(JSON.stringify(file), PASS)

describe('the scrypt settings in a configuration file', () => {
  it.each([
    ['N = 2^20 (the probe used r = 16: 4.7 s and 2 GiB)', { N: 2 ** 20, r: 1 }],
    ['N = 2^16', { N: 2 ** 16 }],
    ['r = 16', { N: 2 ** 14, r: 16 }],
    ['p = 2', { p: 2 }],
    ['a non-power-of-two N', { N: 2 ** 15 + 1 }],
    ['N as a string', { N: '32768' }],
  ])(
    'other than what the app writes (%s) are refused before any key is derived',
    async (_, kdf) => {
      const file = await exported()
      file.kdf = { ...file.kdf, ...kdf }
      await expect(open(file)).rejects.toMatchObject({
        code: 'import_damaged',
        message: expect.stringMatching(
          /^This configuration file is damaged\..*nothing was imported\.$/,
        ),
      })
    },
  )
})

describe('the header of a configuration file', () => {
  it(`is written as format version ${TRANSFER_VERSION} and read back`, async () => {
    const file = await exported()
    expect(file.version).toBe(2)
    await expect(open(file)).resolves.toEqual([MERCHANT])
  })

  it('is authenticated whole: a flipped bit of exportedAt is refused, eight times out of eight', async () => {
    const file = await exported()
    const stamp = file.exportedAt
    const digits = [...stamp].flatMap((c, i) => (/\d/.test(c) ? [i] : [])).slice(0, 8)
    expect(digits).toHaveLength(8)
    for (const i of digits) {
      const flipped =
        stamp.slice(0, i) + String.fromCharCode(stamp.charCodeAt(i) ^ 1) + stamp.slice(i + 1)
      await expect(open({ ...file, exportedAt: flipped })).rejects.toMatchObject({
        code: 'import_wrong_passphrase',
      })
    }
  })

  it.each([
    ['an extra top-level field', (f: FileJson) => ({ ...f, note: 'hello' })],
    ['an extra kdf field', (f: FileJson) => ({ ...f, kdf: { ...f.kdf, extra: 1 } })],
    ['an extra cipher field', (f: FileJson) => ({ ...f, cipher: { ...f.cipher, aad: 'x' } })],
  ])('with %s is refused as not an unchanged export', async (_, change) => {
    await expect(open(change(await exported()))).rejects.toMatchObject({
      code: 'import_fields_added',
    })
  })

  it('fails authentication when the salt, the iv or the version is changed', async () => {
    const file = await exported()
    const salt = Buffer.from(String(file.kdf['salt']), 'base64')
    salt[0]! ^= 1
    await expect(
      open({ ...file, kdf: { ...file.kdf, salt: salt.toString('base64') } }),
    ).rejects.toMatchObject({ code: 'import_wrong_passphrase' })
    const iv = Buffer.from(String(file.cipher['iv']), 'base64')
    iv[0]! ^= 1
    await expect(
      open({ ...file, cipher: { ...file.cipher, iv: iv.toString('base64') } }),
    ).rejects.toMatchObject({ code: 'import_wrong_passphrase' })
    await expect(open({ ...file, version: 1 })).rejects.toMatchObject({
      code: expect.stringMatching(/^import_(wrong_passphrase|damaged)$/),
    })
  })
})

describe('an export of format version 1 (made before the whole header was authenticated)', () => {
  const v1 = readFileSync(join(FIXTURES, 'configuration-v1.json'), 'utf8')

  it('still imports when its header is exactly what version 1 wrote', async () => {
    const target = await openService(await tempDir())
    await importConfiguration(target, v1, PASS, 'merge', 1)
    expect(target.snapshot().merchants.map((m) => m.name)).toContain('Anna (v1 export)')
  })

  it('is refused, saying why, when it carries fields version 1 never wrote', async () => {
    const file = { ...JSON.parse(v1), note: 'added later' }
    await expect(openConfiguration(JSON.stringify(file), PASS)).rejects.toMatchObject({
      code: 'import_fields_added',
      message: expect.stringMatching(/fields an export never has/),
    })
  })
})
