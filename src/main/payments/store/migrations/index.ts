import type { DatabaseSync } from 'node:sqlite'
import { initial } from './001-initial'

/**
 * One schema change. `up` runs inside the transaction that also sets `PRAGMA user_version` to
 * `version`, so a migration is applied completely or not at all.
 */
export interface Migration {
  version: number
  name: string
  up(db: DatabaseSync): void
}

/**
 * Every migration, in order: the schema version of a store is the number applied. To change the
 * schema, add a file `NNN-what.ts` exporting a Migration with the next version and append it
 * here. Never edit a migration that has shipped: stores out there already ran it.
 */
export const MIGRATIONS: readonly Migration[] = [initial]
