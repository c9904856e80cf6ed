import type {
  HandpointClient,
  PollOutcome,
  TransactionInput,
  TransactionResult,
} from '../../../src/main/handpoint/types'

/** A scripted Handpoint: the test decides every answer; every call is recorded. */
export class FakeHandpoint implements HandpointClient {
  posts: TransactionInput[] = []
  polls = 0
  statusCalls = 0
  postAnswer: () => Promise<{ transactionResultId?: string; statusMessage: string }> =
    async () => ({
      transactionResultId: 'T1-1',
      statusMessage: 'Operation Accepted',
    })
  cancelAnswer: () => Promise<{ statusMessage: string }> = async () => ({ statusMessage: 'ok' })
  poll: () => PollOutcome = () => ({ kind: 'in-progress' })
  status: () => TransactionResult = () => ({ finStatus: 'UNDEFINED' })

  async listDevices() {
    return [{ serialNumber: 'T1', terminalType: 'PAXA920' }]
  }
  async startTransaction(input: TransactionInput) {
    if (input.operation === 'stopCurrentTransaction') return this.cancelAnswer()
    this.posts.push(input)
    return this.postAnswer()
  }
  async getTransactionResult(): Promise<PollOutcome> {
    this.polls += 1
    return this.poll()
  }
  async getStatusByReference(): Promise<TransactionResult> {
    this.statusCalls += 1
    return this.status()
  }
  async getStatusChain(): Promise<TransactionResult[]> {
    return []
  }
  async adjustTip(): Promise<void> {}
}
