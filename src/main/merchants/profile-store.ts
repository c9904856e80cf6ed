import { readFile, rename } from 'node:fs/promises'
import { join } from 'node:path'
import { msg, type Message } from '@shared/messages'
import { writeFileAtomic } from './atomic-file'
import { migrateProfileFile, UnreadableProfileError } from './migrations'
import { emptyProfileFile, profileFileSchema, type ProfileFile } from './profile-schema'

/** What loading found: the file, and what to tell people when a broken file was moved aside. */
export interface LoadedProfiles {
  file: ProfileFile
  /** True when no file existed (first start). */
  fresh: boolean
  /** Set when the file was unreadable; it now lives at `quarantinedTo`. */
  problem?: { what: Message; quarantinedTo: string }
  migratedFrom?: number
}

/**
 * Where merchant profiles live. The JSON-file store below is used everywhere (Electron, CLI,
 * tests, e2e); the port exists so an electron-store adapter can replace it without touching the
 * service.
 */
export interface ProfileStore {
  load(): Promise<LoadedProfiles>
  save(file: ProfileFile): Promise<void>
}

export interface JsonProfileStoreOptions {
  dataDir: string
  now?: () => number
  fileName?: string
}

/** A schema-checked, migrated JSON file written atomically with mode 0600. */
export function createJsonProfileStore(options: JsonProfileStoreOptions): ProfileStore {
  const path = join(options.dataDir, options.fileName ?? 'merchants.json')
  const now = options.now ?? Date.now

  return {
    async load() {
      let text: string
      try {
        text = await readFile(path, 'utf8')
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
          return { file: emptyProfileFile(), fresh: true }
        }
        throw err
      }
      try {
        const { file, from } = migrateProfileFile(parseJson(text), now())
        if (from !== file.schemaVersion) {
          // Keep the original next to the upgraded file so a downgrade can still read it.
          await writeFileAtomic(`${path}.v${from}.bak`, text)
          await writeFileAtomic(path, JSON.stringify(file, null, 2))
          return { file, fresh: false, migratedFrom: from }
        }
        return { file, fresh: false }
      } catch (err) {
        if (!(err instanceof UnreadableProfileError)) throw err
        const quarantinedTo = `${path}.broken-${now()}`
        await rename(path, quarantinedTo)
        return {
          file: emptyProfileFile(),
          fresh: false,
          problem: { what: problemOf(err, quarantinedTo), quarantinedTo },
        }
      }
    },
    async save(file) {
      await writeFileAtomic(path, JSON.stringify(profileFileSchema.parse(file), null, 2))
    },
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw new UnreadableProfileError('corrupt', 'not valid JSON')
  }
}

function problemOf(err: UnreadableProfileError, movedTo: string): Message {
  return err.reason === 'newer'
    ? msg('merchants_file_newer', { movedTo })
    : msg('merchants_file_damaged', { movedTo })
}
