import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '@shared/contract'
import { RETRY_DELAYS_MS } from '../../../src/main/receipts/collector'
import { COPY_BANNER_TEXT } from '../../../src/main/receipts/print-document'
import { fixture, makeService, PNG_BASE64, receiptHost, record } from './helpers'

let host: Awaited<ReturnType<typeof receiptHost>>
let ctx: Awaited<ReturnType<typeof makeService>>

beforeEach(async () => {
  host = await receiptHost()
  host.routes.set('/receipts/T1/customer.html', { status: 200, body: fixture('customer.html') })
  host.routes.set('/receipts/T1/merchant.html', { status: 200, body: fixture('merchant.html') })
  ctx = await makeService()
})
afterEach(async () => {
  await ctx.cleanup()
  await host.close()
})

const hosted = (id = 'p1') =>
  record(id, {
    customerReceipt: `${host.url}/receipts/T1/customer.html`,
    merchantReceipt: `${host.url}/receipts/T1/merchant.html`,
  })

describe('collecting receipts', () => {
  it('fetches hosted receipts and keeps them under the journal record id', async () => {
    await ctx.service.collect(hosted())
    const view = await ctx.service.getReceipts('p1')
    expect(view.customer).toMatchObject({ status: 'stored', source: 'url', attempts: 1 })
    expect(view.merchant).toMatchObject({ status: 'stored', source: 'url' })
    expect(view.transactionId).toBe('txn-p1')
    const kept = await readFile(join(ctx.dataDir, 'receipts', 'p1', 'customer.html'), 'utf8')
    expect(kept).toBe(fixture('customer.html'))
    expect(view.customer.previewHtml).toContain('** CUSTOMER COPY **')
    expect(view.merchant.previewHtml).toContain('** MERCHANT COPY **')
    expect(ctx.events.at(-1)?.customer.status).toBe('stored')
  })

  it('keeps inline HTML and a base64 signature the same way, without any fetch', async () => {
    await ctx.service.collect(
      record('p2', {
        customerReceipt: fixture('customer.html'),
        merchantReceipt: fixture('merchant.html'),
        signatureUrl: PNG_BASE64,
        verificationMethod: 'SIGNATURE',
      }),
    )
    const view = await ctx.service.getReceipts('p2')
    expect(view.customer).toMatchObject({ status: 'stored', source: 'inline', attempts: 0 })
    expect(view.signature.status).toBe('stored')
    expect(view.merchant.previewHtml).toContain(`data:image/png;base64,${PNG_BASE64}`)
    expect(view.customer.previewHtml).not.toContain('data:image/png')
    expect(host.hits).toEqual([])
  })

  it('fetches a signature URL into a data: image', async () => {
    host.routes.set('/sig.png', {
      status: 200,
      body: Buffer.from(PNG_BASE64, 'base64'),
      type: 'image/png',
    })
    await ctx.service.collect({
      ...hosted(),
      result: { ...hosted().result!, signatureUrl: `${host.url}/sig.png` },
    })
    const sig = await readFile(join(ctx.dataDir, 'receipts', 'p1', 'signature.txt'), 'utf8')
    expect(sig).toBe(`data:image/png;base64,${PNG_BASE64}`)
  })

  it('marks no receipt as none, and ignores a second delivery of the same result', async () => {
    await ctx.service.collect(record('p3', { finStatus: 'UNDEFINED' }))
    await ctx.service.collect(hosted('p3'))
    const view = await ctx.service.getReceipts('p3')
    expect(view.customer.status).toBe('none')
    expect(host.hits).toEqual([])
  })

  it('retries a failed fetch with backoff and stores it once the host answers', async () => {
    host.routes.set('/receipts/T1/customer.html', { status: 503, body: 'busy' })
    await ctx.service.collect(hosted())
    let view = await ctx.service.getReceipts('p1')
    expect(view.customer.status).toBe('failed')
    expect(view.customer.reason).toEqual({ code: 'receipt_server_status', params: { status: 503 } })
    expect(view.customer.nextAttemptAt).toBe(ctx.clock.now() + RETRY_DELAYS_MS[0])
    expect(view.merchant.status).toBe('stored')

    host.routes.set('/receipts/T1/customer.html', { status: 200, body: fixture('customer.html') })
    ctx.clock.fireAll()
    await expect
      .poll(async () => (await ctx.service.getReceipts('p1')).customer.status)
      .toBe('stored')
    view = await ctx.service.getReceipts('p1')
    expect(view.customer.attempts).toBe(2)
    expect(view.customer.reason).toBeUndefined()
  })

  it('stops retrying after the last delay and a person can retry by hand', async () => {
    host.routes.set('/receipts/T1/customer.html', { status: 500, body: 'down' })
    await ctx.service.collect(hosted())
    for (let i = 0; i < RETRY_DELAYS_MS.length; i++) {
      ctx.clock.fireAll()
      await expect
        .poll(async () => (await ctx.service.getReceipts('p1')).customer.attempts)
        .toBe(i + 2)
    }
    const view = await ctx.service.getReceipts('p1')
    expect(view.customer.nextAttemptAt).toBeUndefined()
    expect(ctx.clock.pending.filter((t) => !t.cancelled)).toHaveLength(0)

    host.routes.set('/receipts/T1/customer.html', { status: 200, body: fixture('customer.html') })
    expect((await ctx.service.retry('p1')).customer.status).toBe('stored')
  })

  it('refuses addresses outside the allow-list and receipts over the size limit, without retrying', async () => {
    const big = await makeService({ fetchPolicy: { allowLoopbackHttp: true, maxBytes: 1024 } })
    try {
      host.routes.set('/big.html', { status: 200, body: `<div>${'x'.repeat(4096)}</div>` })
      await big.service.collect(
        record('p4', {
          customerReceipt: 'http://example.com/receipts/x/customer.html',
          merchantReceipt: `${host.url}/big.html`,
        }),
      )
      const view = await big.service.getReceipts('p4')
      expect(view.customer.status).toBe('failed')
      expect(view.customer.reason).toMatchObject({ code: 'receipt_address_not_allowed' })
      expect(view.merchant.reason).toEqual({ code: 'receipt_too_large', params: { kib: 1 } })
      expect(big.clock.pending).toHaveLength(0)
    } finally {
      await big.cleanup()
    }
  })

  it('never lets a failure reach the caller (the payment)', async () => {
    await host.close()
    await expect(ctx.service.collect(hosted())).resolves.toBeUndefined()
    host = await receiptHost()
    expect((await ctx.service.getReceipts('p1')).customer.reason).toEqual({
      code: 'receipt_server_unreachable',
    })
  })
})

describe('printing', () => {
  it('prints the stored copy when the host is gone, also from a fresh service after a restart', async () => {
    await ctx.service.collect(hosted())
    await host.close()
    const restarted = ctx.build()
    await restarted.print('p1', 'customer', false)
    expect(ctx.printer.printed).toHaveLength(1)
    expect(ctx.printer.printed[0]!.html).toContain('** CUSTOMER COPY **')
    expect(ctx.printer.printed[0]!.options).toEqual({ paperWidthMm: 80, copies: 1, silent: true })
    restarted.dispose()
    host = await receiptHost()
  })

  it('marks reprints as a copy, and a second print is a reprint by default', async () => {
    await ctx.service.collect(hosted())
    expect(await ctx.service.print('p1', 'merchant')).toEqual({
      printed: true,
      markedAsCopy: false,
    })
    expect(await ctx.service.print('p1', 'merchant')).toEqual({ printed: true, markedAsCopy: true })
    await ctx.service.print('p1', 'customer', true)
    const [first, second, third] = ctx.printer.printed
    expect(first!.html).not.toContain(COPY_BANNER_TEXT)
    expect(second!.html).toContain(COPY_BANNER_TEXT)
    expect(third!.html).toContain(COPY_BANNER_TEXT)
    expect((await ctx.service.getReceipts('p1')).merchant.printedCount).toBe(2)
  })

  it('uses the chosen printer, paper and copies, and says clearly when the printer is missing', async () => {
    await ctx.service.collect(hosted())
    await ctx.service.setSettings({
      printerName: 'Receipt_Printer_58',
      paperWidthMm: 58,
      copies: 2,
    })
    await ctx.service.print('p1', 'customer')
    expect(ctx.printer.printed[0]!.options).toEqual({
      deviceName: 'Receipt_Printer_58',
      paperWidthMm: 58,
      copies: 2,
      silent: true,
    })
    expect(ctx.printer.printed[0]!.html).toContain('width: 58mm !important')

    await ctx.service.setSettings({ printerName: 'Gone' })
    const error = await ctx.service.print('p1', 'customer').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({ code: 'printer_missing', params: { printer: 'Gone' } })
    expect((error as Error).message).toMatch(/"Gone" is not available.*choose another printer/)
    expect((await ctx.service.getReceipts('p1')).lastPrintError).toBeUndefined()
  })

  it('turns a refused job into a code kept on the receipts, the printer words in details', async () => {
    const { PrintError } = await import('../../../src/main/receipts/ports')
    await ctx.service.collect(hosted())
    ctx.printer.failNext(
      new PrintError('print-failed', 'The system refused the print job (failed).'),
    )
    await expect(ctx.service.print('p1', 'customer')).rejects.toMatchObject({
      code: 'print_failed',
      params: { copy: 'customer' },
      message: expect.stringMatching(/did not print.*print again/),
      details: { detail: 'The system refused the print job (failed).' },
    })
    expect((await ctx.service.getReceipts('p1')).lastPrintError).toEqual({
      code: 'print_failed',
      params: { copy: 'customer' },
    })
  })

  it('explains why a receipt that is not stored cannot print', async () => {
    host.routes.delete('/receipts/T1/customer.html')
    await ctx.service.collect(hosted())
    await expect(ctx.service.print('p1', 'customer')).rejects.toMatchObject({
      code: 'receipt_not_stored',
    })
    await expect(ctx.service.getReceipts('nope')).rejects.toMatchObject({
      code: 'receipts_not_found',
    })
  })

  it('prints by itself what the policy says once the receipts are home', async () => {
    await ctx.service.setSettings({ customerCopy: 'always', merchantCopy: 'on-signature' })
    await ctx.service.collect({
      ...hosted(),
      result: { ...hosted().result!, verificationMethod: 'SIGNATURE' },
    })
    expect(ctx.printer.printed.map((p) => p.html.includes('MERCHANT COPY'))).toEqual([true, false])

    await ctx.service.setSettings({ customerCopy: 'ask' })
    await ctx.service.collect(hosted('p5'))
    expect(ctx.printer.printed).toHaveLength(2)
    expect((await ctx.service.getReceipts('p5')).askCustomerCopy).toBe(true)
    const answered = await ctx.service.answerCustomerCopy('p5', true)
    expect(answered.askCustomerCopy).toBe(false)
    expect(ctx.printer.printed).toHaveLength(3)
  })

  it('prints a wanted copy that arrives late by itself, but not after the window', async () => {
    await ctx.service.setSettings({ customerCopy: 'always', merchantCopy: 'never' })
    host.routes.set('/receipts/T1/customer.html', { status: 404, body: 'not yet' })
    await ctx.service.collect(hosted())
    expect(ctx.printer.printed).toHaveLength(0)
    host.routes.set('/receipts/T1/customer.html', { status: 200, body: fixture('customer.html') })
    ctx.clock.fireAll()
    await expect.poll(() => ctx.printer.printed.length).toBe(1)
    expect(ctx.printer.printed[0]!.html).toContain('** CUSTOMER COPY **')
    expect(ctx.printer.printed[0]!.html).not.toContain(COPY_BANNER_TEXT)

    host.routes.set('/receipts/T1/customer.html', { status: 503, body: 'busy' })
    await ctx.service.collect(hosted('late'))
    for (let i = 0; i < 4; i++) {
      ctx.clock.fireAll() // 2 s, 10 s, 30 s, 2 min: past the window
      await expect
        .poll(async () => (await ctx.service.getReceipts('late')).customer.attempts)
        .toBe(i + 2)
    }
    host.routes.set('/receipts/T1/customer.html', { status: 200, body: fixture('customer.html') })
    await ctx.service.retry('late')
    await expect
      .poll(async () => (await ctx.service.getReceipts('late')).customer.status)
      .toBe('stored')
    expect(ctx.printer.printed).toHaveLength(1)
  })

  it('does not print declined receipts unless the checkout wants them', async () => {
    await ctx.service.setSettings({ customerCopy: 'always', merchantCopy: 'always' })
    await ctx.service.collect({
      ...hosted('d1'),
      result: { ...hosted('d1').result!, finStatus: 'DECLINED' },
    })
    expect(ctx.printer.printed).toHaveLength(0)
    await ctx.service.setSettings({ printDeclined: true })
    await ctx.service.collect({
      ...hosted('d2'),
      result: { ...hosted('d2').result!, finStatus: 'DECLINED' },
    })
    expect(ctx.printer.printed).toHaveLength(2)
  })

  it('saves a PDF named after the transaction', async () => {
    await ctx.service.collect(hosted())
    const pdf = await ctx.service.savePdf('p1', 'merchant')
    expect(pdf.fileName).toBe('receipt-txn-p1-merchant.pdf')
    expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-')
    expect(ctx.printer.pdfs[0]!.html).toContain('** MERCHANT COPY **')
  })

  it('sends the stored receipt to the terminal with the record merchant and terminal', async () => {
    const calls: unknown[] = []
    const withTerminal = ctx.build({
      terminalPrint: async (input) => {
        calls.push(input)
        return { id: 'print-op-1' }
      },
    })
    await withTerminal.collect(hosted())
    const out = await withTerminal.printOnTerminal('p1', 'customer')
    expect(out).toEqual({
      paymentId: 'print-op-1',
      code: 'receipt_sent_to_terminal',
      params: { copy: 'customer', serial: '0821032398' },
    })
    expect(calls).toEqual([
      { merchantId: 'm-1', terminalSerial: '0821032398', receipt: fixture('customer.html') },
    ])
    withTerminal.dispose()
    await expect(ctx.service.printOnTerminal('p1', 'customer')).rejects.toMatchObject({
      code: 'terminal_print_unavailable',
    })
  })

  it('keeps settings across restarts and falls back to defaults when the file is damaged', async () => {
    await ctx.service.setSettings({ paperWidthMm: 58, customerCopy: 'never' })
    expect(await ctx.build().getSettings()).toMatchObject({
      paperWidthMm: 58,
      customerCopy: 'never',
    })
    const { writeFile } = await import('node:fs/promises')
    await writeFile(join(ctx.dataDir, 'receipts', 'settings.json'), '{not json')
    expect(await ctx.build().getSettings()).toMatchObject({ paperWidthMm: 80, customerCopy: 'ask' })
  })
})

describe('a payment settled by the status service', () => {
  const byStatus = (id: string, result: Parameters<typeof record>[1]) => ({
    ...record(id, result),
    transactionResultId: 'r-1',
    evidence: [
      { at: 1, code: 'evidence_result_by_status' as const, params: { finStatus: 'AUTHORISED' } },
    ],
  })

  it('says why it has no receipt, and takes them when they are read later', async () => {
    await ctx.service.collect(byStatus('p9', {}))
    const none = await ctx.service.getReceipts('p9')
    expect(none.customer).toMatchObject({
      status: 'none',
      reason: { code: 'receipt_none_by_status' },
    })
    expect(none.merchant).toMatchObject({
      status: 'none',
      reason: { code: 'receipt_none_by_status' },
    })
    // The terminal's own result, read afterwards, carries them: fetched as a normal result's.
    await ctx.service.collect(
      byStatus('p9', {
        customerReceipt: `${host.url}/receipts/T1/customer.html`,
        merchantReceipt: `${host.url}/receipts/T1/merchant.html`,
      }),
    )
    const kept = await ctx.service.getReceipts('p9')
    expect(kept.customer.status).toBe('stored')
    expect(kept.merchant.status).toBe('stored')
    expect(kept.customer.reason).toBeUndefined()
  })
})
