import { readdir, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { KeyVault } from '../../../src/main/merchants/key-vault'
import { createTestOnlySecretBox, type SecretBox } from '../../../src/main/merchants/secret-box'
import { removeTempDirs, tempDir } from './support'

afterEach(removeTempDirs)

const KEY = 'canary-key-0123456789abcdef'

function box(overrides: Partial<SecretBox> = {}): SecretBox {
  return { ...createTestOnlySecretBox(), ...overrides }
}

describe('KeyVault', () => {
  it('round-trips a key through an owner-only file in an owner-only folder, never in clear', async () => {
    const dataDir = await tempDir()
    const vault = new KeyVault(dataDir, box(), () => false)
    const file = await vault.write('m-1', vault.seal(KEY))
    expect(await vault.read(file)).toEqual({ state: 'ok', apiKey: KEY })
    const secrets = join(dataDir, 'secrets')
    expect((await stat(join(secrets, file))).mode & 0o777).toBe(0o600)
    expect((await stat(secrets)).mode & 0o777).toBe(0o700)
    expect(await readdir(secrets)).toEqual([file])
    const { readFile } = await import('node:fs/promises')
    expect((await readFile(join(secrets, file))).includes(KEY)).toBe(false)
  })

  it('a key written by another process (new OS user, keyring reset) reads as needs-reentry', async () => {
    const dataDir = await tempDir()
    const before = new KeyVault(dataDir, box(), () => false)
    const file = await before.write('m-1', before.seal(KEY))
    const after = new KeyVault(dataDir, box(), () => false)
    expect(await after.read(file)).toEqual({ state: 'needs-reentry' })
    await writeFile(join(dataDir, 'secrets', file), 'garbage')
    expect(await before.read(file)).toEqual({ state: 'needs-reentry' })
  })

  it('a missing file or no file name reads as missing', async () => {
    const vault = new KeyVault(await tempDir(), box(), () => false)
    expect(await vault.read(undefined)).toEqual({ state: 'missing' })
    expect(await vault.read('gone.key')).toEqual({ state: 'missing' })
  })

  it('refuses to store when the OS offers no encryption', async () => {
    const vault = new KeyVault(await tempDir(), box({ isAvailable: () => false }), () => true)
    expect(vault.status()).toMatchObject({ canStore: false, weak: false })
    expect(() => vault.seal(KEY)).toThrow(expect.objectContaining({ code: 'keychain_unavailable' }))
  })

  it('refuses the basic_text backend until the user accepts the risk, then stores', async () => {
    let accepted = false
    const vault = new KeyVault(
      await tempDir(),
      box({ backend: () => 'basic_text' }),
      () => accepted,
    )
    expect(vault.status()).toEqual({
      backend: 'basic_text',
      weak: true,
      insecureAccepted: false,
      canStore: false,
    })
    expect(() => vault.seal(KEY)).toThrow(
      expect.objectContaining({ code: 'insecure_storage_not_accepted' }),
    )
    accepted = true
    expect(vault.status().canStore).toBe(true)
    const file = await vault.write('m-1', vault.seal(KEY))
    expect(await vault.read(file)).toEqual({ state: 'ok', apiKey: KEY })
  })

  it('does not blame the key when the keychain is locked: reading throws a retryable error', async () => {
    const dataDir = await tempDir()
    let available = true
    const vault = new KeyVault(dataDir, box({ isAvailable: () => available }), () => false)
    const file = await vault.write('m-1', vault.seal(KEY))
    available = false
    await expect(vault.read(file)).rejects.toMatchObject({ code: 'keychain_locked' })
  })
})
