import { AppError } from '@shared/contract'
import { msg } from '@shared/messages'
import type { MerchantProfile, ProfileFile } from './profile-schema'
import type { ProfileStore } from './profile-store'

/**
 * The merchant profiles as this process holds them: read by everyone at any time, changed one
 * change at a time, each saved atomically before the next starts. A change that throws or cannot
 * be saved leaves the profiles as they were.
 */
export class ProfileBook {
  private queue: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly store: ProfileStore,
    private current: ProfileFile,
    /** Called after every saved change (drop cached clients, tell subscribers). */
    private readonly saved: () => void,
  ) {}

  get file(): ProfileFile {
    return this.current
  }

  profiles(): readonly MerchantProfile[] {
    return this.current.merchants
  }

  find(id: string): MerchantProfile | undefined {
    return this.current.merchants.find((m) => m.id === id)
  }

  /** The merchant, or AppError `merchant_not_found`. */
  get(id: string): MerchantProfile {
    const m = this.find(id)
    if (!m) throw new AppError(msg('merchant_not_found'))
    return m
  }

  /** Runs one change at a time against the file, saves it atomically and tells subscribers. */
  mutate<T>(change: (file: ProfileFile) => T): Promise<T> {
    const run = this.queue.then(async () => {
      const draft = structuredClone(this.current)
      const previous = this.current
      this.current = draft
      try {
        const result = change(draft)
        await this.store.save(draft)
        this.saved()
        return result
      } catch (err) {
        this.current = previous
        throw err
      }
    })
    this.queue = run.catch(() => undefined)
    return run
  }
}
