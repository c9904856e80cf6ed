import type { HandlerTable } from '../ipc/handlers'
import type { ReceiptService } from './service'

type ReceiptHandlers = Pick<
  HandlerTable,
  | 'getReceipts'
  | 'printReceipt'
  | 'saveReceiptPdf'
  | 'printReceiptOnTerminal'
  | 'answerCustomerCopy'
  | 'retryReceiptFetch'
  | 'listPrinters'
  | 'getPrintSettings'
  | 'setPrintSettings'
>

/** The receipts slice of the IPC handler table: each handler only calls the service. */
export function createReceiptHandlers(service: ReceiptService): ReceiptHandlers {
  return {
    getReceipts: ({ paymentId }) => service.getReceipts(paymentId),
    printReceipt: ({ paymentId, copy, reprint }) => service.print(paymentId, copy, reprint),
    saveReceiptPdf: ({ paymentId, copy, reprint }) => service.savePdf(paymentId, copy, reprint),
    printReceiptOnTerminal: ({ paymentId, copy }) => service.printOnTerminal(paymentId, copy),
    answerCustomerCopy: ({ paymentId, print }) => service.answerCustomerCopy(paymentId, print),
    retryReceiptFetch: ({ paymentId }) => service.retry(paymentId),
    listPrinters: () => service.listPrinters(),
    getPrintSettings: () => service.getSettings(),
    setPrintSettings: (patch) => service.setSettings(patch),
  }
}
