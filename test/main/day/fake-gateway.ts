import type {
  BatchCloseAnswer,
  BatchDetail,
  BatchLine,
  BatchSummary,
} from '../../../src/main/day/batch'
import { BatchGatewayError, type BatchGateway, type StatusFacts } from '../../../src/main/day/ports'
import type { DayJournal } from '../../../src/main/day/ports'

/**
 * A scripted Handpoint for the day close's unit tests: one batch per terminal and number,
 * closes that can answer, refuse, or lose their answer before or after closing.
 */
export class FakeGateway implements BatchGateway {
  readonly batches = new Map<
    string,
    { number: string; status: 'OPEN' | 'CLOSED'; lines: BatchLine[] }
  >()
  readonly calls: string[] = []
  /** What the next close does. */
  nextClose: 'ok' | 'lost-after' | 'lost-before' | BatchGatewayError = 'ok'
  /** Reads fail with this while set. */
  readsFail?: BatchGatewayError
  chains = new Map<string, StatusFacts[]>()
  /** Set by tests that check the close was journalled before it left. */
  journal?: DayJournal
  journalStateAtClose?: string

  open(terminal: string, number: string, lines: BatchLine[]): void {
    this.batches.set(terminal, { number, status: 'OPEN', lines })
  }

  async closeBatch({
    terminal,
    batchNumber,
  }: {
    terminal: { serial: string }
    batchNumber?: string
  }): Promise<BatchCloseAnswer> {
    this.calls.push(`close ${terminal.serial} ${batchNumber ?? '-'}`)
    if (this.journal) {
      this.journalStateAtClose = this.journal.batchCloses({
        merchantId: 'm1',
        terminalSerial: terminal.serial,
      })[0]?.state
    }
    const what = this.nextClose
    this.nextClose = 'ok'
    if (what instanceof BatchGatewayError) throw what
    const batch = this.batches.get(terminal.serial)
    if (!batch) throw new BatchGatewayError('refused', 'no batch')
    if (what === 'lost-before') throw new BatchGatewayError('ambiguous', 'connection reset')
    batch.status = 'CLOSED'
    if (what === 'lost-after') throw new BatchGatewayError('ambiguous', '502')
    return {
      batchNumber: batch.number,
      closeBatchGuid: `guid-${batch.number}`,
      closedAt: '20260714220000000',
      issuerResponseCode: '00',
      issuerResponseText: 'ACCEPTED',
      batchStatus: 'CLOSED',
    }
  }

  async batchSummary({
    terminal,
    batchNumber,
  }: {
    terminal: { serial: string }
    batchNumber: string
  }): Promise<BatchSummary> {
    this.calls.push(`summary ${terminal.serial} ${batchNumber}`)
    const batch = this.read(terminal.serial, batchNumber)
    return {
      batchNumber,
      batchStatus: batch.status,
      transactionCount: batch.lines.length,
      netMinor: batch.lines.reduce(
        (s, l) => s + (l.type === 'REFUND' ? -l.amountMinor : l.amountMinor),
        0,
      ),
    }
  }

  async batchDetail({
    terminal,
    batchNumber,
  }: {
    terminal: { serial: string }
    batchNumber: string
  }): Promise<BatchDetail> {
    this.calls.push(`detail ${terminal.serial} ${batchNumber}`)
    const batch = this.read(terminal.serial, batchNumber)
    return { batchNumber, batchStatus: batch.status, lines: batch.lines.map((l) => ({ ...l })) }
  }

  async statusChain(reference: string): Promise<StatusFacts[]> {
    this.calls.push(`status ${reference}`)
    return this.chains.get(reference) ?? [{ finStatus: 'UNDEFINED' }]
  }

  private read(serial: string, number: string) {
    if (this.readsFail) throw this.readsFail
    const batch = this.batches.get(serial)
    if (!batch || batch.number !== number) throw new BatchGatewayError('refused', 'unknown batch')
    return batch
  }
}
