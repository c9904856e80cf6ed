import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openPaymentStore } from '../../../../src/main/payments/store/open-store'
import type { SqlitePaymentStore } from '../../../../src/main/payments/store/sqlite-store'
import { tempDataDir } from '../support'
import { lineBytes, oldLine, writeJournal, writeSnapshot } from './legacy-files'

const ROOT = path.resolve(__dirname, '../../../..')
const open: SqlitePaymentStore[] = []
afterEach(() => {
  for (const store of open.splice(0)) store.close()
})

function openStore(dir: string): SqlitePaymentStore {
  const { store } = openPaymentStore({ dir, check: 'now', now: () => Date.UTC(2026, 10, 30, 12) })
  open.push(store)
  return store
}

const files = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.includes('.jsonl'))
    .sort()

describe('moving the old journal into the store', () => {
  it('imports the latest revision of every payment of snapshot and journal once, and keeps the old files', () => {
    const dir = tempDataDir('legacy-')
    const snapshot = [oldLine(1), oldLine(2, 'accepted', 2), oldLine(3)]
    const newer = {
      ...snapshot[1]!,
      rev: 3,
      record: { ...snapshot[1]!.record, state: 'in-progress' as const },
    }
    const unsent = oldLine(4, 'created', 1)
    writeSnapshot(path.join(dir, 'snapshot.jsonl'), snapshot)
    writeJournal(path.join(dir, 'journal.jsonl'), [newer, unsent])
    const store = openStore(dir)
    expect(store.problems).toEqual([
      {
        code: 'payments_legacy_imported',
        params: {
          count: 4,
          files:
            'snapshot.jsonl.migrated-2026-11-30T12-00-00-000Z, journal.jsonl.migrated-2026-11-30T12-00-00-000Z',
        },
      },
    ])
    expect(files(dir)).toEqual([
      'journal.jsonl.migrated-2026-11-30T12-00-00-000Z',
      'snapshot.jsonl.migrated-2026-11-30T12-00-00-000Z',
    ])
    const { phase: _phase, ...old } = snapshot[0]!.record
    const approved = {
      ...old,
      // Sentences of older versions are kept as notes, word for word.
      evidence: old.evidence.map(({ at, what }) => ({
        at,
        code: 'legacy_note',
        params: { text: what },
      })),
    }
    expect(store.get(approved.id)).toEqual({
      record: approved,
      meta: {
        referenceSent: true,
        sentAt: approved.createdAt,
        postEndedAt: approved.createdAt + 200,
      },
      version: 1,
    })
    expect(store.get(newer.record.id)?.record.state).toBe('in-progress')
    expect(store.unfinished().map((s) => [s.record.id, s.record.state])).toEqual([
      [newer.record.id, 'in-progress'],
      [unsent.record.id, 'created'],
    ])
    store.close()
    // Nothing to import the next time, and nothing said again.
    expect(openStore(dir).problems).toEqual([])
  })

  it('cuts lines on bytes: an invalid byte spoils its own line only, and the sale after it is imported', () => {
    const dir = tempDataDir('legacy-')
    const damaged = lineBytes(oldLine(1))
    const at = damaged.indexOf(Buffer.from('Saved; sending'))
    const spoiled = Buffer.concat([
      damaged.subarray(0, at),
      Buffer.from([0xff, 0xfe]),
      damaged.subarray(at),
    ])
    const sale = oldLine(2)
    const torn = lineBytes(oldLine(3)).subarray(0, 80)
    writeJournal(path.join(dir, 'journal.jsonl'), [spoiled, sale, torn])
    const store = openStore(dir)
    expect(store.get(sale.record.id)?.record).toMatchObject({
      state: 'approved',
      result: { transactionId: sale.record.result!.transactionId },
    })
    expect(store.search({}).total).toBe(1)
    expect(store.problems).toEqual([
      {
        code: 'payments_legacy_imported',
        params: { count: 1, files: 'journal.jsonl.migrated-2026-11-30T12-00-00-000Z' },
      },
      {
        code: 'payments_legacy_damaged',
        params: {
          file: 'journal.jsonl',
          count: 1,
          copy: 'journal.jsonl.migrated-2026-11-30T12-00-00-000Z',
        },
      },
    ])
  })

  it('takes a last line that lost only its newline, since it was written whole', () => {
    const dir = tempDataDir('legacy-')
    const last = oldLine(7)
    writeJournal(path.join(dir, 'journal.jsonl'), [oldLine(6), lineBytes(last).subarray(0, -1)])
    const store = openStore(dir)
    expect(store.get(last.record.id)?.record.state).toBe('approved')
    expect(store.problems.map((p) => p.code)).toEqual(['payments_legacy_imported'])
  })

  it('finishes an import cut short by SIGKILL at the next start: nothing lost, nothing doubled', () => {
    const dir = tempDataDir('legacy-')
    const lines = Array.from({ length: 20 }, (_, i) => oldLine(i))
    writeJournal(path.join(dir, 'journal.jsonl'), lines)
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'test/main/payments/store/import-child.ts', dir],
      {
        cwd: ROOT,
        env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.node.json' },
        encoding: 'utf8',
      },
    )
    expect(child.signal, child.stderr + child.stdout).toBe('SIGKILL')
    expect(files(dir)).toEqual(['journal.jsonl'])
    const store = openStore(dir)
    expect(store.problems).toMatchObject([
      { code: 'payments_legacy_imported', params: { count: 20 } },
    ])
    expect(
      store
        .search({ limit: 100 })
        .items.map((r) => r.id)
        .sort(),
    ).toEqual(lines.map((l) => l.record.id).sort())
  })

  it('renames the old files at the next start when the app stopped after the import but before the rename', () => {
    const dir = tempDataDir('legacy-')
    const lines = [oldLine(1), oldLine(2)]
    writeJournal(path.join(dir, 'journal.jsonl'), lines)
    openStore(dir).close()
    // As if the rename never happened: the imported file is back in place.
    const [moved] = files(dir)
    copyFileSync(path.join(dir, moved!), path.join(dir, 'journal.jsonl'))
    const store = openStore(dir)
    expect(store.search({}).total).toBe(2)
    expect(store.problems).toMatchObject([
      { code: 'payments_legacy_imported', params: { count: 2 } },
    ])
    expect(existsSync(path.join(dir, 'journal.jsonl'))).toBe(false)
  })
})

describe('an empty old journal', () => {
  it('is moved aside without telling anyone about zero payments', () => {
    const dir = tempDataDir('legacy-')
    writeJournal(path.join(dir, 'journal.jsonl'), [])
    const store = openStore(dir)
    expect(store.problems).toEqual([])
    expect(files(dir)).toEqual(['journal.jsonl.migrated-2026-11-30T12-00-00-000Z'])
  })
})
