import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MemoryDayJournal } from '../../../src/main/day/memory-journal'
import { BatchGatewayError } from '../../../src/main/day/ports'
import { DayService } from '../../../src/main/day/service'
import { ZReportFiles } from '../../../src/main/day/z-report-files'
import { FakeGateway } from './fake-gateway'
import { pay } from './day-fixtures'
import { berlin } from './zones'

const T = (iso: string): number => Date.parse(iso)

describe('DayService', () => {
  let dir: string
  let journal: MemoryDayJournal
  let gateway: FakeGateway
  let now: number
  let closesDaily: boolean
  let gatewayAvailable: boolean
  let resolved: string[]
  let service: DayService

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pos-day-'))
    journal = new MemoryDayJournal()
    gateway = new FakeGateway()
    now = T('2026-07-14T18:00:00Z')
    closesDaily = false
    gatewayAvailable = true
    resolved = []
    service = new DayService({
      journal,
      gatewayFor: async () => (gatewayAvailable ? gateway : undefined),
      terminalsOf: async () => [{ serial: 'T1', type: 'PAXA920' }],
      merchantName: (id) => (id === 'm1' ? 'Café Blau' : undefined),
      defaultCurrency: async () => 'EUR',
      resolvePending: async (id) => {
        resolved.push(id)
        journal.update(id, { state: 'declined' })
      },
      settings: { cutoffHour: () => 4, closesDaily: () => closesDaily },
      files: ZReportFiles.inDataDir(dir),
      now: () => now,
      zone: berlin,
    })
  })
  afterEach(() => rm(dir, { recursive: true, force: true }))

  const sale = (fields = {}) =>
    pay({
      terminalType: 'PAXA920',
      batchNumber: '7',
      createdAt: T('2026-07-14T09:00:00Z'),
      ...fields,
    })

  it('shows the day from the journal alone, without asking Handpoint', async () => {
    journal.add('m1', sale({ amountMinor: 1200 }), sale({ state: 'declined' }))
    const view = await service.view('m1')
    expect(view.date).toBe('2026-07-14')
    expect(view.report.terminals[0]).toMatchObject({ terminal: 'T1', net: 1200, declined: 1 })
    expect(view.verdicts).toEqual([])
    expect(gateway.calls).toEqual([])
    await expect(service.view('m1', '2026-13-01')).rejects.toMatchObject({
      code: 'day_invalid_date',
    })
    await expect(service.view('nobody')).rejects.toMatchObject({ code: 'day_merchant_unknown' })
  })

  it('resolves outcomes still unknown by reference before matching, and confirms a matching batch', async () => {
    const a = sale({ amountMinor: 1000, rrn: 'R1' })
    const unknown = sale({ state: 'unknown', rrn: undefined })
    journal.add('m1', a, unknown)
    gateway.open('T1', '7', [{ type: 'SALE', amountMinor: 1000, rrn: 'R1' }])
    const view = await service.reconcile('m1', '2026-07-14')
    expect(resolved).toEqual([unknown.id])
    expect(view.verdicts).toEqual([{ terminal: 'T1', verdict: 'confirmed', batchNumber: '7' }])
    expect(gateway.calls.some((c) => c.startsWith('close'))).toBe(false)
    // Kept: a fresh service (restart) still shows the verdict.
    expect((await service.view('m1', '2026-07-14')).verdicts[0]?.verdict).toBe('confirmed')
  })

  it('says the totals do not agree when a payment is missing from the batch, and when it was taken on the terminal alone', async () => {
    const a = sale({ amountMinor: 1000, rrn: 'R1' })
    journal.add('m1', a)
    gateway.open('T1', '7', [{ type: 'SALE', amountMinor: 2500, rrn: 'TERMINAL-ONLY' }])
    gateway.chains.set(a.transactionReference, [
      { finStatus: 'CANCELLED', transactionId: a.transactionId },
    ])
    const view = await service.reconcile('m1', '2026-07-14')
    expect(view.verdicts[0]).toMatchObject({
      verdict: 'do_not_agree',
      differences: [
        { kind: 'in_batch_not_here', amount: 2500, rrn: 'TERMINAL-ONLY' },
        { kind: 'here_not_in_batch', paymentId: a.id, handpointStatus: 'CANCELLED' },
      ],
    })
  })

  it('is unconfirmed when the acquirer has no batches or Handpoint cannot be reached', async () => {
    journal.add('m1', sale({ rrn: 'R1' }))
    gateway.readsFail = new BatchGatewayError('unsupported', '400')
    expect((await service.reconcile('m1', '2026-07-14')).verdicts[0]).toMatchObject({
      verdict: 'unconfirmed',
      reason: 'batch_not_supported',
    })
    gatewayAvailable = false
    expect((await service.reconcile('m1', '2026-07-14')).verdicts[0]).toMatchObject({
      verdict: 'unconfirmed',
      reason: 'handpoint_unreachable',
    })
  })

  it('journals a close before sending it, keeps the answer, fetches summary and detail at once', async () => {
    journal.add('m1', sale({ amountMinor: 1000, rrn: 'R1' }))
    gateway.open('T1', '7', [{ type: 'SALE', amountMinor: 1000, rrn: 'R1' }])
    gateway.journal = journal
    const close = await service.closeBatch('m1', 'T1')
    expect(gateway.journalStateAtClose).toBe('requested')
    expect(close).toMatchObject({
      state: 'closed',
      requestedBatchNumber: '7',
      businessDate: '2026-07-14',
      answer: { batchNumber: '7', closeBatchGuid: 'guid-7', issuerResponseText: 'ACCEPTED' },
      summary: { batchStatus: 'CLOSED', transactionCount: 1 },
      detailLines: 1,
    })
    const view = await service.view('m1', '2026-07-14')
    expect(view.verdicts[0]).toMatchObject({ verdict: 'confirmed' })
    expect(view.terminals[0]?.lastClose?.state).toBe('closed')
    const kept = await stat(join(dir, 'z-reports', 'm1', '2026-07-14.json'))
    expect(kept.mode & 0o777).toBe(0o600)
  })

  it('resolves a close whose answer was lost with the summary, never closing twice', async () => {
    journal.add('m1', sale({ rrn: 'R1' }))
    gateway.open('T1', '7', [{ type: 'SALE', amountMinor: 1000, rrn: 'R1' }])
    gateway.nextClose = 'lost-after'
    const close = await service.closeBatch('m1', 'T1')
    expect(close.state).toBe('closed')
    expect(close.answer?.batchNumber).toBe('7')
    expect(gateway.calls.filter((c) => c.startsWith('close'))).toHaveLength(1)
  })

  it('says a lost close did not happen when the batch is still open, and allows closing again', async () => {
    journal.add('m1', sale({ rrn: 'R1' }))
    gateway.open('T1', '7', [])
    gateway.nextClose = 'lost-before'
    expect(await service.closeBatch('m1', 'T1')).toMatchObject({
      state: 'failed',
      error: { code: 'batch_close_not_done' },
    })
    expect((await service.closeBatch('m1', 'T1')).state).toBe('closed')
  })

  it('keeps an unresolved close unknown and refuses to close again until it is checked', async () => {
    journal.add('m1', sale({ rrn: 'R1' }))
    gateway.open('T1', '7', [])
    gateway.nextClose = 'lost-after'
    gateway.readsFail = new BatchGatewayError('unreachable', 'timeout')
    const lost = await service.closeBatch('m1', 'T1')
    expect(lost).toMatchObject({ state: 'unknown', error: { code: 'batch_close_answer_lost' } })
    await expect(service.closeBatch('m1', 'T1')).rejects.toMatchObject({
      code: 'batch_close_unresolved',
    })
    expect(gateway.calls.filter((c) => c.startsWith('close'))).toHaveLength(1)
    gateway.readsFail = undefined
    expect((await service.checkClose('m1', lost.id)).state).toBe('closed')
    expect(gateway.calls.filter((c) => c.startsWith('close'))).toHaveLength(1)
  })

  it('records refusals as failed closes with their reason', async () => {
    journal.add('m1', sale({ rrn: 'R1', batchNumber: undefined }))
    gateway.open('T1', '7', [])
    gateway.nextClose = new BatchGatewayError('batch_number_required', '422')
    expect(await service.closeBatch('m1', 'T1')).toMatchObject({
      state: 'failed',
      requestedBatchNumber: undefined,
      error: { code: 'batch_number_required' },
    })
    await expect(service.closeBatch('m1', 'NOPE')).rejects.toMatchObject({
      code: 'day_terminal_unknown',
    })
  })

  it('warns on the board when a close-daily terminal was not closed since the previous business day', async () => {
    journal.add('m1', sale({ createdAt: T('2026-07-13T10:00:00Z') }))
    expect(service.warnings('m1')).toEqual([]) // merchant not set to close daily
    closesDaily = true
    expect(service.warnings('m1')).toEqual([
      {
        terminal: 'T1',
        since: '2026-07-13',
        message: { code: 'batch_close_overdue', params: { terminal: 'T1', date: '2026-07-13' } },
      },
    ])
    gateway.open('T1', '7', [])
    await service.closeBatch('m1', 'T1')
    expect(service.warnings('m1')).toEqual([])
    // A payment of today alone is not overdue yet.
    journal.add('m1', sale({ createdAt: now - 1000 }))
    expect(service.warnings('m1')).toEqual([])
  })
})
