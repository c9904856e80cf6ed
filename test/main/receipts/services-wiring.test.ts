import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { PaymentReceipts } from '@shared/contract'
import { createRecordingPrinter } from '../../../src/main/receipts/recording-printer'
import { createServices, type Services } from '../../../src/main/services'
import { testFakes } from '../../support/test-fakes'

let services: Services | undefined
let dataDir: string | undefined
afterEach(async () => {
  await services?.dispose()
  services = undefined
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

const ctx = { senderId: 't' }

describe('receipts in the composed services', () => {
  it('collects the receipts of a demo sale when it becomes final, prints, and sends one to the terminal', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pos-receipts-wiring-'))
    const printer = createRecordingPrinter()
    services = await createServices({
      ...testFakes(),
      dataDir,
      appName: 'a',
      appVersion: '1',
      shell: 'browser',
      printer,
    })
    const pushed: PaymentReceipts[] = []
    services.subscribe({
      emit: (name, payload) => {
        if (name === 'onReceiptsChanged') pushed.push(payload as PaymentReceipts)
      },
    })
    await services.handlers.setPrintSettings({ customerCopy: 'always' }, ctx)
    const sale = await services.handlers.startPayment(
      {
        merchantId: 'demo',
        terminalSerial: '0821032398',
        operation: 'sale',
        amountMinor: '1234',
        currency: 'EUR',
      },
      ctx,
    )
    await expect
      .poll(() => pushed.find((r) => r.paymentId === sale.id && r.customer.status === 'stored'), {
        timeout: 30_000,
        interval: 200,
      })
      .toBeTruthy()
    const receipts = await services.handlers.getReceipts({ paymentId: sale.id }, ctx)
    expect(receipts.finStatus).toBe('AUTHORISED')
    expect(receipts.merchant.status).toBe('stored')
    expect(receipts.customer.previewHtml).toContain('CUSTOMER COPY')
    await expect.poll(() => printer.printed.length).toBe(1) // policy: customer copy always

    const onTerminal = await services.handlers.printReceiptOnTerminal(
      { paymentId: sale.id, copy: 'customer' },
      ctx,
    )
    expect(onTerminal).toMatchObject({
      code: 'receipt_sent_to_terminal',
      params: { copy: 'customer', serial: '0821032398' },
    })
    const op = await services.handlers.getPayment({ id: onTerminal.paymentId }, ctx)
    expect(op.operation).toBe('printReceipt')
  }, 45_000)

  it("uses the payment's merchant's own copy rules over the checkout's, on the checkout's paper", async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pos-receipts-wiring-'))
    const printer = createRecordingPrinter()
    services = await createServices({
      ...testFakes(),
      dataDir,
      appName: 'a',
      appVersion: '1',
      shell: 'browser',
      printer,
    })
    const pushed: PaymentReceipts[] = []
    services.subscribe({
      emit: (name, payload) => {
        if (name === 'onReceiptsChanged') pushed.push(payload as PaymentReceipts)
      },
    })
    await services.handlers.setPrintSettings({ customerCopy: 'always', paperWidthMm: 58 }, ctx)
    await services.handlers.updateMerchant(
      { id: 'demo', patch: { receipts: { customerCopy: 'ask', merchantCopy: 'always' } } },
      ctx,
    )
    const sale = await services.handlers.startPayment(
      {
        merchantId: 'demo',
        terminalSerial: '0821032398',
        operation: 'sale',
        amountMinor: '500',
        currency: 'EUR',
      },
      ctx,
    )
    // The merchant says "ask" for the customer copy (the checkout's "always" is only the default)
    // and "always" for its own copy, which prints on this checkout's 58 mm roll.
    await expect
      .poll(() => pushed.find((r) => r.paymentId === sale.id && r.askCustomerCopy), {
        timeout: 30_000,
        interval: 200,
      })
      .toBeTruthy()
    await expect.poll(() => printer.printed.length).toBe(1)
    expect(printer.printed[0]!.html).toContain('MERCHANT COPY')
    expect(printer.printed[0]!.options.paperWidthMm).toBe(58)
  }, 45_000)
})
