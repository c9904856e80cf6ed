import { writeFileSync } from 'node:fs'
import type { PaymentRecord } from '../../../../src/shared/contract/payments.contract'
import { approvedResult, uuid } from './fixtures'

/** A record as the old journal wrote it: sentences where the app now writes codes. */
export type OldRecord = Omit<PaymentRecord, 'evidence' | 'phase' | 'lastError'> & {
  evidence: { at: number; what: string }[]
  phase?: string
  lastError?: { code: string; message: string }
}

/** One line of the old journal: the whole record after a change, with its revision. */
export interface OldLine {
  rev: number
  record: OldRecord
  meta: { referenceSent: boolean; sentAt?: number; postEndedAt?: number; duplicates?: number }
}

const T = 1_790_000_000_000

/** A payment as the old journal last wrote it. */
export function oldLine(i: number, state: PaymentRecord['state'] = 'approved', rev = 4): OldLine {
  const at = T + i * 60_000
  const txId = uuid()
  const record: OldRecord = {
    id: uuid(),
    merchantId: 'old-merchant',
    terminalSerial: '0821032398',
    terminalType: 'PAXA920PRO',
    operation: 'sale',
    amountMinor: String(100 + i),
    currency: 'EUR',
    transactionReference: uuid(),
    flow: 'poll',
    state,
    phase: state === 'approved' ? undefined : 'Waiting for the card',
    createdAt: at,
    updatedAt: at + 5000,
    evidence: [
      { at, what: 'Saved; sending to terminal 0821032398.' },
      { at: at + 200, what: 'The terminal accepted the request.' },
    ],
  }
  if (state === 'approved') {
    record.finalAt = at + 5000
    record.result = approvedResult(txId)
    record.transactionResultId = `r-${i}`
  }
  if (record.phase === undefined) delete record.phase
  return {
    rev,
    record,
    meta: { referenceSent: true, sentAt: at, postEndedAt: at + 200, duplicates: 2 },
  }
}

export const lineBytes = (line: OldLine): Buffer => Buffer.from(`${JSON.stringify(line)}\n`, 'utf8')

/** A journal.jsonl of these lines (`parts` may hold raw bytes where a test damages the file). */
export function writeJournal(file: string, parts: (OldLine | Buffer)[]): void {
  writeFileSync(file, Buffer.concat(parts.map((p) => (Buffer.isBuffer(p) ? p : lineBytes(p)))))
}

/** A snapshot.jsonl in the old layout: header, records, columnar index, references, footer. */
export function writeSnapshot(file: string, lines: OldLine[]): void {
  const header = { snapshot: 2, count: lines.length, at: T }
  const index = {
    id: lines.map((l) => l.record.id),
    rev: lines.map((l) => l.rev),
    offset: [],
    length: [],
    crc: [],
  }
  const refs = lines.map((l) => l.record.transactionReference)
  const footer = {
    footer: 2,
    count: lines.length,
    indexAt: 0,
    indexBytes: 2,
    sha256: '0'.repeat(64),
  }
  writeFileSync(
    file,
    [
      JSON.stringify(header),
      ...lines.map((l) => JSON.stringify(l)),
      JSON.stringify(index),
      JSON.stringify(refs),
      JSON.stringify(footer).padEnd(319),
    ]
      .map((l) => `${l}\n`)
      .join(''),
  )
}
