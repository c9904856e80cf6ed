import type { SafeStorage } from 'electron'
import type { SecretBox } from '../merchants/secret-box'

type SafeStoragePort = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
>

/**
 * Electron's safeStorage as the merchants' SecretBox. Ciphertext is bound to this OS user (and on
 * macOS to this app's keychain entry); the merchant service stores it in 0600 files. Whether a weak
 * backend (`basic_text`) may be used is the service's decision, made with the user's consent.
 * Call only after `app.whenReady()`: before that Linux reports `unknown` and no encryption.
 */
export function createSafeStorageSecretBox(
  safeStorage: SafeStoragePort,
  platform: NodeJS.Platform = process.platform,
): SecretBox {
  const available = (): boolean => safeStorage.isEncryptionAvailable()
  return {
    isAvailable: available,
    backend() {
      if (platform === 'linux') return safeStorage.getSelectedStorageBackend()
      return platform === 'darwin' ? 'keychain' : platform === 'win32' ? 'dpapi' : 'unknown'
    },
    encrypt(text) {
      // safeStorage would throw its own error; ours says what to do and never echoes the text.
      if (!available()) throw new Error('OS encryption is not available; refusing to store a key.')
      return safeStorage.encryptString(text)
    },
    decrypt(ciphertext) {
      if (!available()) throw new Error('OS encryption is not available; cannot read the key.')
      return safeStorage.decryptString(ciphertext)
    },
  }
}
