import { join } from 'node:path'
import type { Notices } from '../notices/notices'
import { JsonDocument } from '../storage/json-document'
import { profileVersions } from './migrations'
import { emptyProfileFile, profileFileSchema, type ProfileFile } from './profile-schema'

/** What loading found. A damaged file was moved aside and told as an app notice. */
export interface LoadedProfiles {
  file: ProfileFile
  /** True when no file existed (first start); false after a damaged file was moved aside. */
  fresh: boolean
  migratedFrom?: number
  /** Where a damaged file was moved. */
  quarantinedTo?: string
}

/** Where merchant profiles live; a port so the service can be tested on any store. */
export interface ProfileStore {
  load(): Promise<LoadedProfiles>
  save(file: ProfileFile): Promise<void>
}

export interface JsonProfileStoreOptions {
  dataDir: string
  notices: Notices
  now?: () => number
  fileName?: string
}

/** `<dataDir>/merchants.json`: a JsonDocument with the v1-v4 migrations. */
export function createJsonProfileStore(options: JsonProfileStoreOptions): ProfileStore {
  const document = new JsonDocument<ProfileFile>({
    path: join(options.dataDir, options.fileName ?? 'merchants.json'),
    schema: profileFileSchema,
    defaults: emptyProfileFile,
    versions: profileVersions,
    ...(options.now ? { now: options.now } : {}),
    onDamage: ({ movedTo, reason }) =>
      options.notices.notify(
        reason === 'newer' ? 'merchants_file_newer' : 'merchants_file_damaged',
        { movedTo },
        'error',
      ),
  })

  return {
    async load() {
      const loaded = await document.read()
      return {
        file: loaded.value,
        fresh: loaded.fresh,
        ...(loaded.migratedFrom !== undefined ? { migratedFrom: loaded.migratedFrom } : {}),
        ...(loaded.damage ? { quarantinedTo: loaded.damage.movedTo } : {}),
      }
    },
    async save(file) {
      await document.write(file)
    },
  }
}
