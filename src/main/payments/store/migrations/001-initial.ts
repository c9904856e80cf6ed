import type { Migration } from './index'

/**
 * The first schema. Sizes matter (a shop keeps years of payments): merchants and terminals are
 * numbered once in small tables, states are small integers (see ../codec.ts), UUIDs are stored
 * as 16 bytes, and a change is numbered payment number x 65,536 + its sequence number, so one
 * payment's history is one range of rowids, written in order (which keeps pages full), and a
 * change stores its time as milliseconds after the payment was created (two or three bytes).
 *
 * Every row carries `checksum`: a CRC-32 over its canonical content (../codec.ts), checked on
 * every read, because SQLite's own checks do not look inside values.
 */
export const initial: Migration = {
  version: 1,
  name: 'payments, their changes, references, idempotency keys, receipts status, batch closes',
  up(db) {
    db.exec(`
      CREATE TABLE merchants (
        no INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        checksum INTEGER NOT NULL
      );
      CREATE TABLE terminals (
        no INTEGER PRIMARY KEY,
        merchant_no INTEGER NOT NULL REFERENCES merchants(no),
        serial TEXT NOT NULL,
        checksum INTEGER NOT NULL,
        UNIQUE (merchant_no, serial)
      );
      CREATE INDEX terminals_by_serial ON terminals(serial);

      -- One row per payment: what searches filter on, kept in step with its newest change.
      CREATE TABLE payments (
        no INTEGER PRIMARY KEY,
        id BLOB NOT NULL,
        created_at INTEGER NOT NULL,
        merchant_no INTEGER NOT NULL REFERENCES merchants(no),
        terminal_no INTEGER NOT NULL REFERENCES terminals(no),
        state INTEGER NOT NULL,
        amount INTEGER,
        total INTEGER,
        last_four TEXT,
        original_ref INTEGER,
        callback_token BLOB,
        changes INTEGER NOT NULL,
        checksum INTEGER NOT NULL
      );
      CREATE INDEX payments_by_time ON payments(created_at);
      CREATE INDEX payments_by_merchant ON payments(merchant_no, created_at);
      CREATE INDEX payments_by_terminal ON payments(terminal_no, created_at);
      CREATE INDEX payments_by_state ON payments(state, created_at);
      CREATE INDEX payments_by_amount ON payments(amount);
      CREATE INDEX payments_by_total ON payments(total) WHERE total IS NOT NULL;
      CREATE INDEX payments_by_four ON payments(last_four, created_at) WHERE last_four IS NOT NULL;
      CREATE INDEX payments_by_original ON payments(original_ref) WHERE original_ref IS NOT NULL;

      -- The append-only history: never updated, never deleted.
      CREATE TABLE payment_changes (
        no INTEGER PRIMARY KEY,
        after INTEGER NOT NULL,
        state INTEGER NOT NULL,
        body BLOB NOT NULL,
        checksum INTEGER NOT NULL
      );

      -- Hashed references (32 bits) of every payment: id, transaction reference, Handpoint
      -- transaction id, customer reference, result id, till reference. A hit is checked against
      -- the record, so a hash collision costs a read, never a wrong answer.
      CREATE TABLE payment_refs (
        ref INTEGER NOT NULL,
        payment_no INTEGER NOT NULL,
        PRIMARY KEY (ref, payment_no)
      ) WITHOUT ROWID;

      CREATE TABLE idempotency_keys (
        scope TEXT NOT NULL,
        key TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        payment_no INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        checksum INTEGER NOT NULL,
        PRIMARY KEY (scope, key)
      ) WITHOUT ROWID;
      CREATE INDEX idempotency_by_key ON idempotency_keys(key);
      CREATE INDEX idempotency_by_payment ON idempotency_keys(payment_no);

      CREATE TABLE receipt_status (
        payment_no INTEGER NOT NULL,
        kind TEXT NOT NULL,
        state TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        code TEXT,
        checksum INTEGER NOT NULL,
        PRIMARY KEY (payment_no, kind)
      ) WITHOUT ROWID;

      CREATE TABLE batch_closes (
        no INTEGER PRIMARY KEY,
        merchant_no INTEGER NOT NULL REFERENCES merchants(no),
        terminal_no INTEGER NOT NULL REFERENCES terminals(no),
        requested_at INTEGER NOT NULL,
        answered_at INTEGER,
        state TEXT NOT NULL,
        batch_number TEXT,
        close_batch_guid TEXT,
        answer_json TEXT,
        checksum INTEGER NOT NULL
      );
      CREATE INDEX batch_closes_by_time ON batch_closes(requested_at);

      -- Small facts about the store itself (legacy import done, ...).
      CREATE TABLE store_facts (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        checksum INTEGER NOT NULL
      ) WITHOUT ROWID;
    `)
  },
}
