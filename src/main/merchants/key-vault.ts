import { randomBytes } from 'node:crypto'
import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { AppError, type SecretStorageStatus } from '@shared/contract'
import { msg } from '@shared/messages'
import { ensurePrivateDir, writeFileAtomic } from '../storage/atomic-write'
import { WEAK_BACKENDS, type SecretBox } from './secret-box'

/** Outcome of reading a stored key: never throws for a key that simply no longer decrypts. */
export type ReadKeyResult =
  { state: 'ok'; apiKey: string } | { state: 'missing' } | { state: 'needs-reentry' }

/**
 * Keeps each merchant's API key as SecretBox ciphertext in its own owner-only (0600) file under
 * dataDir/secrets (folder 0700). Refuses to store when the box cannot encrypt, or when the backend
 * is obfuscation only (Linux `basic_text`) and the user has not accepted that risk.
 */
export class KeyVault {
  private readonly dir: string

  constructor(
    dataDir: string,
    private readonly box: SecretBox,
    private readonly insecureAccepted: () => boolean,
  ) {
    this.dir = join(dataDir, 'secrets')
  }

  status(): SecretStorageStatus {
    const backend = this.box.backend()
    const available = this.box.isAvailable()
    const weak = WEAK_BACKENDS.has(backend)
    const insecureAccepted = this.insecureAccepted()
    return { backend, weak, insecureAccepted, canStore: available && (!weak || insecureAccepted) }
  }

  /** Encrypts without writing, so several keys can be prepared before anything changes. */
  seal(apiKey: string): Buffer {
    this.assertCanStore()
    return this.box.encrypt(apiKey)
  }

  /** Writes sealed ciphertext to a fresh file; returns its name for the profile. */
  async write(merchantId: string, sealed: Buffer): Promise<string> {
    const fileName = `${merchantId.replace(/[^A-Za-z0-9_-]/g, '_')}-${randomBytes(4).toString('hex')}.key`
    await ensurePrivateDir(this.dir)
    await writeFileAtomic(join(this.dir, fileName), sealed)
    return fileName
  }

  async read(fileName: string | undefined): Promise<ReadKeyResult> {
    if (!fileName) return { state: 'missing' }
    let data: Buffer
    try {
      data = await readFile(join(this.dir, fileName))
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' }
      throw err
    }
    if (!this.box.isAvailable()) {
      // Not the key's fault (keychain locked, session not ready): do not mark it for re-entry.
      throw new AppError(msg('keychain_locked'))
    }
    try {
      return { state: 'ok', apiKey: this.box.decrypt(data) }
    } catch {
      // Other OS user, keyring reset, re-signed app, damaged file: ask for the key again.
      return { state: 'needs-reentry' }
    }
  }

  async remove(fileName: string | undefined): Promise<void> {
    if (fileName) await rm(join(this.dir, fileName), { force: true })
  }

  /** Throws the AppError the user sees when keys cannot be stored right now. */
  assertCanStore(): void {
    const status = this.status()
    if (status.canStore) return
    if (!this.box.isAvailable()) {
      throw new AppError(msg('keychain_unavailable'))
    }
    throw new AppError(msg('insecure_storage_not_accepted'), { backend: status.backend })
  }
}
