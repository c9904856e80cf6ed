import type { SafeStorage } from 'electron'
import { afterEach, describe, expect, it } from 'vitest'
import { createSafeStorageSecretBox } from '../../../src/main/app/secret-storage'
import { resetElectronMock, safeStorage as mock } from '../../mocks/electron'
import { KeyVault } from '../../../src/main/merchants/key-vault'
import { removeTempDirs, tempDir } from '../merchants/support'

const safeStorage = mock as unknown as SafeStorage

afterEach(async () => {
  resetElectronMock()
  await removeTempDirs()
})

describe('safeStorage SecretBox adapter', () => {
  it('reports the Linux backend, and the OS store elsewhere', () => {
    mock.backend = 'basic_text'
    expect(createSafeStorageSecretBox(safeStorage, 'linux').backend()).toBe('basic_text')
    expect(createSafeStorageSecretBox(safeStorage, 'darwin').backend()).toBe('keychain')
    expect(createSafeStorageSecretBox(safeStorage, 'win32').backend()).toBe('dpapi')
  })

  it('encrypts through safeStorage and fails to decrypt foreign ciphertext', () => {
    const box = createSafeStorageSecretBox(safeStorage, 'linux')
    const sealed = box.encrypt('k-1234')
    expect(sealed.includes('k-1234')).toBe(false)
    expect(box.decrypt(sealed)).toBe('k-1234')
    expect(() => box.decrypt(Buffer.from('written by another OS user'))).toThrow()
  })

  it('refuses to encrypt when encryption is unavailable, without echoing the text', () => {
    mock.available = false
    const box = createSafeStorageSecretBox(safeStorage, 'linux')
    expect(box.isAvailable()).toBe(false)
    let error: unknown
    try {
      box.encrypt('secret-key-text')
    } catch (err) {
      error = err
    }
    expect(String(error)).toMatch(/refusing to store a key/)
    expect(String(error)).not.toContain('secret-key-text')
  })

  it('with the vault: basic_text is refused until accepted, unavailable is refused always', async () => {
    let accepted = false
    mock.backend = 'basic_text'
    const vault = new KeyVault(
      await tempDir(),
      createSafeStorageSecretBox(safeStorage, 'linux'),
      () => accepted,
    )
    expect(() => vault.seal('some-api-key-123')).toThrow(
      expect.objectContaining({ code: 'insecure_storage_not_accepted' }),
    )
    accepted = true
    const file = await vault.write('m', vault.seal('some-api-key-123'))
    expect(await vault.read(file)).toEqual({ state: 'ok', apiKey: 'some-api-key-123' })
    mock.available = false
    expect(() => vault.seal('some-api-key-123')).toThrow(
      expect.objectContaining({ code: 'keychain_unavailable' }),
    )
  })
})
