import type { DatabaseSync, StatementSync } from 'node:sqlite'

/**
 * Prepared statements by SQL text, prepared once per open database (preparing costs more than
 * running most of the store's statements). The set of texts is small: searches build theirs
 * from a fixed set of conditions.
 */
export class Statements {
  private readonly cache = new Map<string, StatementSync>()

  constructor(readonly db: DatabaseSync) {}

  sql(text: string): StatementSync {
    let statement = this.cache.get(text)
    if (!statement) {
      statement = this.db.prepare(text)
      if (this.cache.size >= 500) this.cache.clear()
      this.cache.set(text, statement)
    }
    return statement
  }

  /**
   * The next free row number of a table keyed by `no` (plain `max(no)`: SQLite answers it from
   * the end of the table; wrapped in other functions it would scan every row).
   */
  nextNo(table: string): number {
    const row = this.sql(`SELECT max(no) AS last FROM ${table}`).get()
    return Number(row?.last ?? 0) + 1
  }
}
