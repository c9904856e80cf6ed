import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { PaymentReceipts, PrintSettings } from '@shared/contract'
import PrinterSettings from '@renderer/components/receipts/PrinterSettings.vue'
import ReceiptPanel from '@renderer/components/receipts/ReceiptPanel.vue'
import ReceiptPreview from '@renderer/components/receipts/ReceiptPreview.vue'
import { createAppI18n } from '../i18n'
import { installFakeApi } from '../fake-api'

const settings: PrintSettings = {
  printerName: '',
  paperWidthMm: 58,
  copies: 1,
  customerCopy: 'ask',
  merchantCopy: 'on-signature',
  printDeclined: false,
}

const receipts = (patch: Partial<PaymentReceipts> = {}): PaymentReceipts => ({
  paymentId: 'p1',
  transactionId: 't1',
  finStatus: 'AUTHORISED',
  customer: {
    copy: 'customer',
    status: 'stored',
    source: 'url',
    attempts: 1,
    printedCount: 0,
    previewHtml: '<html><body>CUSTOMER COPY</body></html>',
  },
  merchant: {
    copy: 'merchant',
    status: 'failed',
    source: 'url',
    attempts: 1,
    printedCount: 0,
    reason: { code: 'receipt_server_status', params: { status: 503 } },
  },
  signature: { status: 'none' },
  askCustomerCopy: false,
  ...patch,
})

const ok = <T>(data: T) => Promise.resolve({ ok: true as const, data })

beforeEach(() => setActivePinia(createPinia()))

describe('ReceiptPreview', () => {
  it('renders untrusted HTML only in a frame with an empty sandbox, at the roll width', () => {
    const global = { plugins: [createAppI18n()] }
    const wrapper = mount(ReceiptPreview, {
      props: { html: '<p>x</p><script>alert(1)</script>', paperWidthMm: 80, label: 'Customer' },
      global,
    })
    const frame = wrapper.get('iframe')
    expect(frame.attributes('sandbox')).toBe('')
    expect(frame.attributes('srcdoc')).toContain('<p>x</p>')
    expect(frame.attributes('width')).toBe('302')
    // Never parsed into the app's own DOM.
    expect(wrapper.element.querySelector('script')).toBeNull()
    expect(wrapper.findAll('p')).toHaveLength(0)
    expect(
      mount(ReceiptPreview, {
        props: { html: undefined, paperWidthMm: 58, label: 'M' },
        global,
      }).text(),
    ).toContain('No receipt to show.')
  })
})

describe('ReceiptPanel', () => {
  it('shows status per copy, the failure reason, and fetches again on request', async () => {
    const retry = vi.fn(() =>
      ok(receipts({ merchant: { ...receipts().customer, copy: 'merchant' } })),
    )
    installFakeApi({
      getReceipts: () => ok(receipts()),
      getPrintSettings: () => ok(settings),
      listPrinters: () => ok([]),
      onReceiptsChanged: () => () => undefined,
      retryReceiptFetch: retry,
    })
    const wrapper = mount(ReceiptPanel, {
      props: { paymentId: 'p1' },
      global: { plugins: [createAppI18n()] },
    })
    await flushPromises()
    expect(wrapper.get('[data-testid=receipt-status-customer]').text()).toContain('Kept')
    expect(wrapper.get('[data-testid=receipt-status-merchant]').text()).toContain('answered 503')
    expect(wrapper.get('iframe').attributes('width')).toBe('219') // 58 mm
    await wrapper.get('[data-testid=receipt-retry]').trigger('click')
    await flushPromises()
    expect(retry).toHaveBeenCalledWith({ paymentId: 'p1' })
    expect(wrapper.get('[data-testid=receipt-status-merchant]').text()).toContain('Kept')
  })

  it('says why a payment the status service settled has no receipt, in the cashier’s language', async () => {
    const none = { status: 'none' as const, source: 'none' as const, attempts: 0, printedCount: 0 }
    const why = { code: 'receipt_none_by_status' as const }
    installFakeApi({
      getReceipts: () =>
        ok(
          receipts({
            customer: { ...none, copy: 'customer', reason: why },
            merchant: { ...none, copy: 'merchant' },
          }),
        ),
      getPrintSettings: () => ok(settings),
      listPrinters: () => ok([]),
      onReceiptsChanged: () => () => undefined,
    })
    const wrapper = mount(ReceiptPanel, {
      props: { paymentId: 'p1' },
      global: { plugins: [createAppI18n('de')] },
    })
    await flushPromises()
    expect(wrapper.get('[data-testid=receipt-status-customer]').text()).toContain(
      'Statusdienst von Handpoint',
    )
  })

  it('prints, then offers a reprint marked COPY, and shows a print error in words', async () => {
    let current = receipts()
    const print = vi.fn(async () => {
      current = receipts({ customer: { ...current.customer, printedCount: 1 } })
      return { ok: true as const, data: { printed: true as const, markedAsCopy: false } }
    })
    installFakeApi({
      getReceipts: () => ok(current),
      getPrintSettings: () => ok(settings),
      listPrinters: () => ok([]),
      onReceiptsChanged: () => () => undefined,
      printReceipt: print,
    })
    const wrapper = mount(ReceiptPanel, {
      props: { paymentId: 'p1' },
      global: { plugins: [createAppI18n()] },
    })
    await flushPromises()
    expect(wrapper.get('[data-testid=receipt-print]').text()).toBe('Print')
    await wrapper.get('[data-testid=receipt-print]').trigger('click')
    await flushPromises()
    expect(print).toHaveBeenCalledWith({ paymentId: 'p1', copy: 'customer' })
    expect(wrapper.get('[data-testid=receipt-notice]').text()).toContain('sent to the printer')
    expect(wrapper.get('[data-testid=receipt-print]').text()).toBe('Reprint (marked COPY)')

    installFakeApi({
      getReceipts: () => ok(current),
      printReceipt: () =>
        Promise.resolve({
          ok: false as const,
          error: {
            code: 'printer_missing',
            params: { printer: 'TM' },
            message: 'main’s English, never shown',
          },
        }),
    })
    await wrapper.get('[data-testid=receipt-print]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid=receipt-error]').text()).toBe(
      'The printer "TM" is not available on this computer. Check that it is switched on and connected, or choose another printer in the printing settings.',
    )
  })

  it('asks about the customer copy when the policy says ask', async () => {
    const answer = vi.fn(() => ok(receipts()))
    installFakeApi({
      getReceipts: () => ok(receipts({ askCustomerCopy: true })),
      getPrintSettings: () => ok(settings),
      listPrinters: () => ok([]),
      onReceiptsChanged: () => () => undefined,
      answerCustomerCopy: answer,
    })
    const wrapper = mount(ReceiptPanel, {
      props: { paymentId: 'p1' },
      global: { plugins: [createAppI18n()] },
    })
    await flushPromises()
    await wrapper.get('[data-testid=ask-no]').trigger('click')
    await flushPromises()
    expect(answer).toHaveBeenCalledWith({ paymentId: 'p1', print: false })
    expect(wrapper.find('[data-testid=ask-no]').exists()).toBe(false)
  })

  it('saves a PDF through a download link and prints on the terminal', async () => {
    const created: string[] = []
    URL.createObjectURL = vi.fn(() => 'blob:receipt')
    URL.revokeObjectURL = vi.fn()
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      created.push(this.download)
    })
    installFakeApi({
      getReceipts: () => ok(receipts()),
      getPrintSettings: () => ok(settings),
      listPrinters: () => ok([]),
      onReceiptsChanged: () => () => undefined,
      saveReceiptPdf: () => ok({ fileName: 'receipt-t1-customer.pdf', base64: btoa('%PDF-1.4') }),
      printReceiptOnTerminal: () =>
        ok({
          paymentId: 'op2',
          code: 'receipt_sent_to_terminal',
          params: { copy: 'customer', serial: '123' },
        }),
    })
    const wrapper = mount(ReceiptPanel, {
      props: { paymentId: 'p1' },
      global: { plugins: [createAppI18n()] },
    })
    await flushPromises()
    await wrapper.get('[data-testid=receipt-pdf]').trigger('click')
    await flushPromises()
    expect(created).toEqual(['receipt-t1-customer.pdf'])
    await wrapper.get('[data-testid=receipt-terminal]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid=receipt-notice]').text()).toBe(
      'The customer receipt was sent to terminal 123.',
    )
    click.mockRestore()
  })

  it('follows onReceiptsChanged pushes from main', async () => {
    let push: ((r: PaymentReceipts) => void) | undefined
    installFakeApi({
      getReceipts: () => ok(receipts({ customer: { ...receipts().customer, status: 'pending' } })),
      getPrintSettings: () => ok(settings),
      listPrinters: () => ok([]),
      onReceiptsChanged: (l: (r: PaymentReceipts) => void) => {
        push = l
        return () => undefined
      },
    })
    const wrapper = mount(ReceiptPanel, {
      props: { paymentId: 'p1' },
      global: { plugins: [createAppI18n()] },
    })
    await flushPromises()
    expect(wrapper.get('[data-testid=receipt-status-customer]').text()).toContain('Fetching')
    push!(receipts())
    await flushPromises()
    expect(wrapper.get('[data-testid=receipt-status-customer]').text()).toContain('Kept')
  })
})

describe('PrinterSettings', () => {
  it('lists printers and saves each change', async () => {
    const set = vi.fn((patch: Partial<PrintSettings>) => ok({ ...settings, ...patch }))
    installFakeApi({
      getPrintSettings: () => ok(settings),
      listPrinters: () => ok([{ name: 'TM_T20', displayName: 'Epson TM-T20', isDefault: true }]),
      setPrintSettings: set,
    })
    const wrapper = mount(PrinterSettings, { global: { plugins: [createAppI18n()] } })
    await flushPromises()
    const options = wrapper.findAll('[data-testid=printer-select] option').map((o) => o.text())
    expect(options).toEqual(['System default printer', 'Epson TM-T20 (default)'])
    await wrapper.get('[data-testid=printer-select]').setValue('TM_T20')
    await wrapper.get('[data-testid=paper-80]').setValue(true)
    await wrapper.get('[data-testid=merchant-policy]').setValue('always')
    await wrapper.get('[data-testid=print-declined]').setValue(true)
    await flushPromises()
    expect(set.mock.calls.map((c) => c[0])).toEqual([
      { printerName: 'TM_T20' },
      { paperWidthMm: 80 },
      { merchantCopy: 'always' },
      { printDeclined: true },
    ])
  })

  it('says its copy rules are the default for merchants without their own', async () => {
    installFakeApi({ getPrintSettings: () => ok(settings), listPrinters: () => ok([]) })
    const wrapper = mount(PrinterSettings, { global: { plugins: [createAppI18n()] } })
    await flushPromises()
    const rules = wrapper.get('[data-testid=default-copy-rules]')
    expect(rules.get('legend').text()).toBe('Default copy rules')
    expect(rules.text()).toContain('For merchants without their own receipt rules')
    expect(rules.find('[data-testid=customer-policy]').exists()).toBe(true)
    expect(rules.find('[data-testid=merchant-policy]').exists()).toBe(true)
    expect(rules.find('[data-testid=printer-select]').exists()).toBe(false)
  })
})

describe('receipts in German', () => {
  it('words the panel, its notices and the printing settings in the app language', async () => {
    URL.createObjectURL = vi.fn(() => 'blob:receipt')
    URL.revokeObjectURL = vi.fn()
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
    installFakeApi({
      getReceipts: () =>
        ok(
          receipts({
            askCustomerCopy: true,
            merchant: { ...receipts().merchant, nextAttemptAt: Date.UTC(2026, 10, 30, 19, 4, 5) },
          }),
        ),
      getPrintSettings: () => ok(settings),
      listPrinters: () => ok([{ name: 'TM', displayName: 'Epson', isDefault: true }]),
      onReceiptsChanged: () => () => undefined,
      saveReceiptPdf: () => ok({ fileName: 'beleg.pdf', base64: btoa('%PDF-1.4') }),
    })
    const global = { plugins: [createAppI18n('de')] }
    const panel = mount(ReceiptPanel, { props: { paymentId: 'p1' }, global })
    await flushPromises()
    expect(panel.get('[data-testid=receipt-ask]').text()).toContain('Kundenbeleg drucken?')
    expect(panel.get('[data-testid=ask-no]').text()).toBe('Kein Beleg')
    expect(panel.get('[data-testid=receipt-status-customer]').text()).toContain('Gespeichert')
    const merchant = panel.get('[data-testid=receipt-status-merchant]').text()
    expect(merchant).toMatch(
      /^Händlerbeleg: Nicht abgerufen: .+ Neuer Versuch um \d\d:\d\d:\d\d\.$/,
    )
    expect(panel.get('[data-testid=receipt-pdf]').text()).toBe('Als PDF speichern')
    expect(panel.get('[data-testid=receipt-terminal]').text()).toBe('Auf dem Terminal drucken')
    expect(panel.text()).toContain('Kundenbeleg · 58 mm')
    await panel.get('[data-testid=receipt-pdf]').trigger('click')
    await flushPromises()
    expect(panel.get('[data-testid=receipt-notice]').text()).toBe('beleg.pdf gespeichert.')

    const printing = mount(PrinterSettings, { global })
    await flushPromises()
    expect(printing.get('h3').text()).toBe('Belegdruck')
    expect(printing.findAll('[data-testid=printer-select] option').map((o) => o.text())).toEqual([
      'Standarddrucker des Systems',
      'Epson (Standard)',
    ])
    expect(printing.get('[data-testid=default-copy-rules] legend').text()).toBe(
      'Standardregeln für Belege',
    )
    click.mockRestore()
  })
})
