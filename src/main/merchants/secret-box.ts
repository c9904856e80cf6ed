import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

/**
 * Encrypts API keys at rest. In the desktop app this is Electron's safeStorage (OS keychain,
 * DPAPI, libsecret/kwallet), adapted in src/main/app/secret-storage.ts; tests and the e2e
 * harness, which run the merchants service in plain Node, use the test-only box below.
 */
export interface SecretBox {
  /** Encryption can be done right now. */
  isAvailable(): boolean
  /** Backend name: `keychain`, `dpapi`, `gnome_libsecret`, `kwallet5`, `basic_text`, ... */
  backend(): string
  encrypt(text: string): Buffer
  /** Throws when the ciphertext cannot be decrypted (other OS user, keyring changed, damaged). */
  decrypt(ciphertext: Buffer): string
}

/** Linux's `basic_text` backend encrypts with a hard-coded password: obfuscation, not protection. */
export const WEAK_BACKENDS: ReadonlySet<string> = new Set(['basic_text'])

export const TEST_BACKEND = 'test-only-ephemeral'

/**
 * TEST ONLY: AES-256-GCM with a random key that lives in this process's memory, so ciphertext is
 * unreadable by any later process (a restart behaves like a new OS user: keys need re-entry).
 * Never used by the Electron app (it passes safeStorage); exists so tests and the e2e harness can
 * run the merchants service without Electron. The CLI keeps no keys and does not use it.
 */
export function createTestOnlySecretBox(options: { backend?: string } = {}): SecretBox {
  const key = randomBytes(32)
  const backend = options.backend ?? TEST_BACKEND
  return {
    isAvailable: () => true,
    backend: () => backend,
    encrypt(text) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()])
      return Buffer.concat([iv, cipher.getAuthTag(), body])
    },
    decrypt(ciphertext) {
      const decipher = createDecipheriv('aes-256-gcm', key, ciphertext.subarray(0, 12))
      decipher.setAuthTag(ciphertext.subarray(12, 28))
      return Buffer.concat([decipher.update(ciphertext.subarray(28)), decipher.final()]).toString(
        'utf8',
      )
    },
  }
}
