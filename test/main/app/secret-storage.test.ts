import { describe, expect, it } from 'vitest'
import { createSafeStorageSecretBox } from '../../../src/main/app/secret-storage'

/** A stand-in for Electron's safeStorage with switchable availability and backend. */
function fakeSafeStorage(available: boolean, backend = 'gnome_libsecret') {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend as 'gnome_libsecret',
    encryptString: (text: string) => Buffer.from(`enc:${text}`),
    decryptString: (buf: Buffer) => {
      const text = buf.toString()
      if (!text.startsWith('enc:'))
        throw new Error('Error while decrypting the ciphertext provided')
      return text.slice(4)
    },
  }
}

describe('safeStorage SecretBox adapter', () => {
  it('reports the Linux backend, and the OS store elsewhere', () => {
    expect(createSafeStorageSecretBox(fakeSafeStorage(true, 'basic_text'), 'linux').backend()).toBe(
      'basic_text',
    )
    expect(createSafeStorageSecretBox(fakeSafeStorage(true), 'darwin').backend()).toBe('keychain')
    expect(createSafeStorageSecretBox(fakeSafeStorage(true), 'win32').backend()).toBe('dpapi')
  })

  it('encrypts and decrypts through safeStorage when available', () => {
    const box = createSafeStorageSecretBox(fakeSafeStorage(true), 'linux')
    expect(box.isAvailable()).toBe(true)
    expect(box.decrypt(box.encrypt('k-1234'))).toBe('k-1234')
    expect(() => box.decrypt(Buffer.from('other user'))).toThrow()
  })

  it('refuses to encrypt when encryption is unavailable, without echoing the text', () => {
    const box = createSafeStorageSecretBox(fakeSafeStorage(false), 'linux')
    expect(box.isAvailable()).toBe(false)
    expect(() => box.encrypt('secret-key-text')).toThrow(/refusing to store a key/)
    try {
      box.encrypt('secret-key-text')
    } catch (err) {
      expect(String(err)).not.toContain('secret-key-text')
    }
  })
})
