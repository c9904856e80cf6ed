import { AppError } from '@shared/contract/result'
import { buildDayReport } from '../../../src/main/day/report'
import { dayReportJson } from '../../../src/main/day/report-json'
import type { TillDay } from '../../../src/main/till/ports'

/** The day close as the till link's tests need it: an empty day, closes that answer or refuse. */
export class FakeDay implements TillDay {
  readonly closes: { merchantId: string; serial: string }[] = []
  /** The next close is refused with this day-close code. */
  refuseNext?: string

  async report(_merchantId: string, date: string) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) {
      throw new AppError({ code: 'day_invalid_date', params: { value: date } })
    }
    return dayReportJson(
      buildDayReport({
        date,
        window: { from: 0, to: 1 },
        payments: [],
        now: 1,
        defaultCurrency: 'EUR',
      }),
    )
  }

  async closeBatch(merchantId: string, serial: string) {
    const code = this.refuseNext
    this.refuseNext = undefined
    if (code)
      throw new AppError({ code: code as 'batch_close_unresolved', params: { terminal: serial } })
    this.closes.push({ merchantId, serial })
    return {
      id: String(this.closes.length),
      merchantId,
      terminal: serial,
      terminalType: 'PAXA920PRO',
      businessDate: '2026-07-14',
      requestedAt: 1_780_000_000_000,
      state: 'closed',
      answer: { batchNumber: '1', closeBatchGuid: 'g-1', closedAt: '20260714220000000' },
    }
  }
}
