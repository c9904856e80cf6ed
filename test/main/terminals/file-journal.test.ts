import { appendFileSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { TerminalCommandEntry } from '../../../src/shared/contract/terminals.contract'
import { createServices } from '../../../src/main/services'
import { openFileCommandJournal } from '../../../src/main/terminals/file-journal'
import { testFakes } from '../../support/test-fakes'
import { tempDataDir } from '../payments/support'

const entry = (n: number, serial = 'T1'): TerminalCommandEntry => ({
  id: `c${n}`,
  merchantId: 'm1',
  serialNumber: serial,
  command: 'set-reboot-time',
  body: { hour: n },
  by: 'checkout',
  at: 1_800_000_000_000 + n,
  outcome: 'sent',
  answer: { code: 'command_sent', params: { serial } },
})

describe('terminal commands journal file', () => {
  it('keeps every command across a restart, newest first per terminal, owner-only', () => {
    const dir = tempDataDir('journal-')
    const first = openFileCommandJournal(dir)
    first.append(entry(1))
    first.append(entry(2, 'T2'))
    first.append(entry(3))
    const again = openFileCommandJournal(dir)
    expect(again.list('m1', 'T1', 10).map((e) => e.id)).toEqual(['c3', 'c1'])
    expect(again.list('m1', 'T2', 10)).toEqual([entry(2, 'T2')])
    expect(again.list('m1', 'T1', 1).map((e) => e.id)).toEqual(['c3'])
    const file = path.join(dir, 'terminals', 'commands.jsonl')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700)
  })

  it('skips a torn last line and lines that do not read, and goes on writing after them', () => {
    const dir = tempDataDir('journal-')
    openFileCommandJournal(dir).append(entry(1))
    const file = path.join(dir, 'terminals', 'commands.jsonl')
    appendFileSync(file, '{"id":"c2","merchantId":"m1","serial') // a power cut mid-write
    const reopened = openFileCommandJournal(dir)
    expect(reopened.skipped).toBe(1)
    reopened.append(entry(3))
    const lines = readFileSync(file, 'utf8').trim().split('\n')
    expect(lines).toHaveLength(3)
    const last = openFileCommandJournal(dir)
    expect(last.skipped).toBe(1)
    expect(last.list('m1', 'T1', 10).map((e) => e.id)).toEqual(['c3', 'c1'])
  })
})

describe('terminal commands journal in the services', () => {
  it('unreadable lines found at start are a notice for the cashier, and the app starts', async () => {
    const dir = tempDataDir('journal-services-')
    const first = openFileCommandJournal(dir)
    first.append(entry(1))
    appendFileSync(path.join(dir, 'terminals', 'commands.jsonl'), 'not json\n')
    const services = await createServices({
      dataDir: dir,
      appName: 'POS Companion',
      appVersion: '0.0.0',
      shell: 'browser',
      ...testFakes(),
    })
    try {
      const listed = await services.handlers.listNotices(undefined, { senderId: 'test' })
      expect(listed).toMatchObject([{ code: 'terminal_journal_damaged', params: { count: 1 } }])
    } finally {
      await services.dispose()
    }
  })
})
