import type {
  PaymentReceipts,
  PrinterInfo,
  PrintSettings,
  ReceiptCopy,
  ReceiptPdf,
} from '@shared/contract'
import { bridge, unwrap } from './bridge'

/** The receipts half of the contract, as promises that throw BridgeError on refusal. */
export const receiptsClient = {
  get: (paymentId: string): Promise<PaymentReceipts> => unwrap(bridge().getReceipts({ paymentId })),
  print: (paymentId: string, copy: ReceiptCopy, reprint?: boolean) =>
    unwrap(
      bridge().printReceipt(
        reprint === undefined ? { paymentId, copy } : { paymentId, copy, reprint },
      ),
    ),
  savePdf: (paymentId: string, copy: ReceiptCopy, reprint = false): Promise<ReceiptPdf> =>
    unwrap(bridge().saveReceiptPdf({ paymentId, copy, reprint })),
  printOnTerminal: (paymentId: string, copy: ReceiptCopy) =>
    unwrap(bridge().printReceiptOnTerminal({ paymentId, copy })),
  answerCustomerCopy: (paymentId: string, print: boolean): Promise<PaymentReceipts> =>
    unwrap(bridge().answerCustomerCopy({ paymentId, print })),
  retry: (paymentId: string): Promise<PaymentReceipts> =>
    unwrap(bridge().retryReceiptFetch({ paymentId })),
  listPrinters: (): Promise<PrinterInfo[]> => unwrap(bridge().listPrinters()),
  getSettings: (): Promise<PrintSettings> => unwrap(bridge().getPrintSettings()),
  setSettings: (patch: Partial<PrintSettings>): Promise<PrintSettings> =>
    unwrap(bridge().setPrintSettings(patch)),
  onChanged: (listener: (receipts: PaymentReceipts) => void): (() => void) =>
    bridge().onReceiptsChanged(listener),
}
