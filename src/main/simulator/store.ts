import type { TransactionResult } from '../handpoint/types'
import type { ValidRequest } from './validation'

/** Everything the simulated cloud knows about one operation. */
export interface TxRecord {
  transactionID: string
  /** Polling mode only (§2.2). */
  transactionResultId?: string
  apiKey: string
  merchantIdAlpha: string
  serialNumber: string
  terminalType: string
  request: ValidRequest
  /** The reference this operation is chained under: its own, or its original's (§2.6). */
  chainReference?: string
  /** `now()` when the 202 was decided. */
  startedAt: number
  /** `now()` when the card was read and the request reached the gateway. */
  atGatewayAt?: number
  /** The outcome as the gateway knows it (status host). */
  gatewayResult?: TransactionResult
  /** The result the terminal posted (poll 200 / callback body). */
  terminalResult?: TransactionResult
  /** Latest tip adjustment, minor units (§2.5 replaces, never adds). */
  adjustedTipMinor?: number
}

export class TransactionStore {
  private readonly byId = new Map<string, TxRecord>()
  private readonly byResultId = new Map<string, TxRecord>()
  private readonly chains = new Map<string, TxRecord[]>()
  private readonly linked = new Map<string, TxRecord[]>()

  add(record: TxRecord): void {
    this.byId.set(record.transactionID, record)
    if (record.transactionResultId) this.byResultId.set(record.transactionResultId, record)
    const original = record.request.originalTransactionId
    if (original) this.linked.set(original, [...(this.linked.get(original) ?? []), record])
    if (record.chainReference) {
      const chain = this.chains.get(record.chainReference) ?? []
      chain.push(record)
      this.chains.set(record.chainReference, chain)
    }
  }

  /** A transaction of this key's merchant (other merchants' ids are invisible). */
  transaction(id: string, merchantIdAlpha: string): TxRecord | undefined {
    const record = this.byId.get(id)
    return record?.merchantIdAlpha === merchantIdAlpha ? record : undefined
  }

  hasResultId(resultId: string): boolean {
    return this.byResultId.has(resultId)
  }

  polled(resultId: string, apiKey: string): TxRecord | undefined {
    const record = this.byResultId.get(resultId)
    return record?.apiKey === apiKey ? record : undefined
  }

  /** Operations that named `transactionID` as their original, oldest first. */
  linkedTo(transactionID: string): TxRecord[] {
    return this.linked.get(transactionID) ?? []
  }

  /** Chronological operations chained under a reference, any merchant. */
  chain(reference: string): TxRecord[] {
    return this.chains.get(reference) ?? []
  }
}
