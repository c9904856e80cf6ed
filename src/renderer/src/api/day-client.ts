import type { CloseWarningView, DayFile, DaySettingsView, DayView } from '@shared/contract'
import { bridge, unwrap } from './bridge'

export type ZLanguage = 'en' | 'de'

/** The day close half of the contract, as promises that throw BridgeError on refusal. */
export const dayClient = {
  get: (merchantId: string, date?: string): Promise<DayView> =>
    unwrap(bridge().getDay(date ? { merchantId, date } : { merchantId })),
  reconcile: (merchantId: string, date: string): Promise<DayView> =>
    unwrap(bridge().reconcileDay({ merchantId, date })),
  closeBatch: (merchantId: string, terminalSerial: string): Promise<DayView> =>
    unwrap(bridge().closeBatch({ merchantId, terminalSerial })),
  checkClose: (merchantId: string, closeId: string): Promise<DayView> =>
    unwrap(bridge().checkBatchClose({ merchantId, closeId })),
  print: (merchantId: string, date: string, language: ZLanguage, reprint = false) =>
    unwrap(bridge().printZReport({ merchantId, date, language, reprint })),
  savePdf: (
    merchantId: string,
    date: string,
    language: ZLanguage,
    layout: 'roll' | 'a4',
  ): Promise<DayFile & { base64: string }> =>
    unwrap(bridge().saveZReportPdf({ merchantId, date, language, layout })),
  exportCsv: (merchantId: string, date: string): Promise<DayFile & { text: string }> =>
    unwrap(bridge().exportZReportCsv({ merchantId, date })),
  warnings: (merchantId: string): Promise<CloseWarningView[]> =>
    unwrap(bridge().getCloseWarnings({ merchantId })),
  settings: (): Promise<DaySettingsView> => unwrap(bridge().getDaySettings()),
  setSettings: (patch: {
    cutoffHour?: number
    closeDaily?: { merchantId: string; enabled: boolean }
  }): Promise<DaySettingsView> => unwrap(bridge().setDaySettings(patch)),
  onChanged: (listener: (day: { merchantId: string; date: string }) => void): (() => void) =>
    bridge().onDayChanged(listener),
}
