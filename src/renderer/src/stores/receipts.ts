import { defineStore } from 'pinia'
import { ref } from 'vue'
import type {
  Message,
  PaymentReceipts,
  PrinterInfo,
  PrintSettings,
  ReceiptCopy,
} from '@shared/contract'
import { toMessage } from '../lib/errors'
import { receiptsClient } from '../api/receipts-client'

/** Turns base64 PDF bytes into a file the browser (or Electron) saves. */
export function downloadPdf(fileName: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/**
 * What the panel tells the cashier after an action: a code from main (worded through `useCodes`)
 * or one of the panel's own messages (`receipts.notice.<key>`), worded in the app's language.
 */
export type ReceiptNotice =
  | Message
  | {
      key: 'printed' | 'printedCopy' | 'saved' | 'settingsSaved'
      copy?: ReceiptCopy
      file?: string
    }

/**
 * Receipts the checkout is showing, kept fresh by `onReceiptsChanged`, plus this checkout's
 * printing settings and printers. Errors and main's notices are codes, worded by the panel.
 */
export const useReceiptsStore = defineStore('receipts', () => {
  const byPayment = ref<Record<string, PaymentReceipts>>({})
  const settings = ref<PrintSettings | null>(null)
  const printers = ref<PrinterInfo[]>([])
  const busy = ref(false)
  const error = ref<Message | null>(null)
  const notice = ref<ReceiptNotice | null>(null)
  let unsubscribe: (() => void) | null = null

  function listen(): void {
    try {
      unsubscribe ??= receiptsClient.onChanged((r) => {
        byPayment.value = { ...byPayment.value, [r.paymentId]: r }
      })
    } catch {
      // Without live updates the panel still works from explicit loads; nothing to tell the user.
    }
  }

  async function run<T>(
    work: () => Promise<T>,
    done?: (value: T) => ReceiptNotice | void,
  ): Promise<T | undefined> {
    busy.value = true
    error.value = null
    notice.value = null
    try {
      const value = await work()
      const text = done?.(value)
      if (text) notice.value = text
      return value
    } catch (err) {
      error.value = toMessage(err)
      return undefined
    } finally {
      busy.value = false
    }
  }

  const keep = (r: PaymentReceipts): void => {
    byPayment.value = { ...byPayment.value, [r.paymentId]: r }
  }

  async function load(paymentId: string): Promise<void> {
    listen()
    await run(() => receiptsClient.get(paymentId), keep)
  }

  async function print(paymentId: string, copy: ReceiptCopy, reprint?: boolean): Promise<void> {
    await run(
      () => receiptsClient.print(paymentId, copy, reprint),
      (r) => ({ key: r.markedAsCopy ? 'printedCopy' : 'printed', copy }),
    )
    await refresh(paymentId)
  }

  async function savePdf(paymentId: string, copy: ReceiptCopy, reprint = false): Promise<void> {
    await run(
      () => receiptsClient.savePdf(paymentId, copy, reprint),
      (pdf) => {
        downloadPdf(pdf.fileName, pdf.base64)
        return { key: 'saved', file: pdf.fileName }
      },
    )
  }

  async function printOnTerminal(paymentId: string, copy: ReceiptCopy): Promise<void> {
    await run(
      () => receiptsClient.printOnTerminal(paymentId, copy),
      ({ code, params }) => (params ? { code, params } : { code }),
    )
  }

  async function answerCustomerCopy(paymentId: string, printIt: boolean): Promise<void> {
    await run(() => receiptsClient.answerCustomerCopy(paymentId, printIt), keep)
  }

  async function retry(paymentId: string): Promise<void> {
    await run(() => receiptsClient.retry(paymentId), keep)
  }

  async function refresh(paymentId: string): Promise<void> {
    try {
      keep(await receiptsClient.get(paymentId))
    } catch {
      // The action's own result is already shown; a failed refresh changes nothing.
    }
  }

  async function loadSettings(): Promise<void> {
    await run(async () => {
      const [s, p] = await Promise.all([
        receiptsClient.getSettings(),
        receiptsClient.listPrinters(),
      ])
      settings.value = s
      printers.value = p
    })
  }

  async function saveSettings(patch: Partial<PrintSettings>): Promise<void> {
    await run(
      () => receiptsClient.setSettings(patch),
      (s) => {
        settings.value = s
        return { key: 'settingsSaved' }
      },
    )
  }

  function stop(): void {
    unsubscribe?.()
    unsubscribe = null
  }

  return {
    byPayment,
    settings,
    printers,
    busy,
    error,
    notice,
    load,
    print,
    savePdf,
    printOnTerminal,
    answerCustomerCopy,
    retry,
    loadSettings,
    saveSettings,
    stop,
  }
})
