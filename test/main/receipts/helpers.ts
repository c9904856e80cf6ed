import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PaymentRecord, PaymentResultView, PaymentReceipts } from '@shared/contract'
import { NoticeBoard } from '../../../src/main/notices/notices'
import type { RetryClock } from '../../../src/main/receipts/ports'
import { createRecordingPrinter } from '../../../src/main/receipts/recording-printer'
import { ReceiptService, type ReceiptServiceOptions } from '../../../src/main/receipts/service'

export const fixture = (name: string): string =>
  readFileSync(new URL(`../../fixtures/receipts/${name}`, import.meta.url), 'utf8')

/** A 1x1 PNG. */
export const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='

/** Timers that fire only when the test says so. */
export function fakeClock(start = 1_800_000_000_000): RetryClock & {
  pending: { at: number; fn: () => void; cancelled: boolean }[]
  fireAll(): void
} {
  let now = start
  const pending: { at: number; fn: () => void; cancelled: boolean }[] = []
  return {
    pending,
    now: () => now,
    setTimeout(fn, ms) {
      const timer = { at: now + ms, fn, cancelled: false }
      pending.push(timer)
      return { cancel: () => void (timer.cancelled = true) }
    },
    fireAll() {
      const due = pending.splice(0).filter((t) => !t.cancelled)
      for (const t of due) {
        now = Math.max(now, t.at)
        t.fn()
      }
    },
  }
}

/** A loopback receipt host whose answers the test controls per path. */
export async function receiptHost(): Promise<{
  url: string
  routes: Map<string, { status: number; body: string | Buffer; type?: string }>
  hits: string[]
  close(): Promise<void>
}> {
  const routes = new Map<string, { status: number; body: string | Buffer; type?: string }>()
  const hits: string[] = []
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/'
    hits.push(path)
    const route = routes.get(path)
    if (!route) return void res.writeHead(404).end('not found')
    res.writeHead(route.status, { 'content-type': route.type ?? 'text/html; charset=utf-8' })
    res.end(route.body)
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}`,
    routes,
    hits,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  }
}

export function record(id: string, result: Partial<PaymentResultView>): PaymentRecord {
  return {
    id,
    merchantId: 'm-1',
    terminalSerial: '0821032398',
    terminalType: 'PAXA920',
    operation: 'sale',
    amountMinor: '1234',
    currency: 'EUR',
    transactionReference: '6f1c2b1e-5d0a-4c47-9a57-1b7a1d0b3c11',
    flow: 'poll',
    state: 'approved',
    createdAt: 1,
    updatedAt: 2,
    evidence: [],
    result: {
      finStatus: 'AUTHORISED',
      transactionId: `txn-${id}`,
      verificationMethod: 'PIN',
      customerReceipt: '',
      merchantReceipt: '',
      signatureUrl: '',
      ...result,
    },
  }
}

export async function makeService(options: Partial<ReceiptServiceOptions> = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), 'pos-receipts-'))
  const printer = createRecordingPrinter()
  const clock = fakeClock()
  const events: PaymentReceipts[] = []
  const notices = new NoticeBoard()
  const build = (extra: Partial<ReceiptServiceOptions> = {}) =>
    new ReceiptService({
      dataDir,
      printer,
      notices,
      clock,
      emit: (e) => events.push(e),
      fetchPolicy: { allowLoopbackHttp: true, timeoutMs: 2_000 },
      random: () => 0.5,
      ...options,
      ...extra,
    })
  const service = build()
  return {
    service,
    build,
    dataDir,
    printer,
    clock,
    events,
    notices,
    async cleanup() {
      service.dispose()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}
