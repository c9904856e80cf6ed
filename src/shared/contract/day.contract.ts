import { z } from 'zod'
import type { Message } from '../messages'
import { event, operation } from './define'
import {
  VERDICTS,
  type BatchCloseRecord,
  type DayException,
  type EntryMethod,
  type TerminalVerdict,
} from './day.values'

export * from './day.values'

/**
 * The day report's totals, written once: the Day tab's report (over IPC), `cli day-report --json`
 * and the till link's GET /v1/days/{date}/report (whose OpenAPI document is generated from these
 * very schemas, descriptions included) all take their shape from here.
 */

export const moneyLineSchema = z.object({
  count: z.int(),
  amount: z.int().meta({ description: 'Minor units.' }),
})
export type MoneyLine = z.infer<typeof moneyLineSchema>

/** One terminal's totals in one currency for a business day. */
export const terminalTotalsSchema = z.object({
  terminal: z.string(),
  currency: z.string(),
  sales: moneyLineSchema,
  refunds: moneyLineSchema,
  reversals: moneyLineSchema,
  captures: moneyLineSchema,
  tips: moneyLineSchema,
  net: z.int().meta({ description: 'sales + captures − refunds, reversed ones taken out.' }),
  declined: z.int(),
  failed: z.int(),
  cancelled: z.int(),
})
export type TerminalTotals = z.infer<typeof terminalTotalsSchema>

export const brandTotalsSchema = z.object({
  brand: z.string(),
  // The till link documents a plain string (more entry methods may come); the app knows the list.
  entry: z.string() as unknown as z.ZodType<EntryMethod, EntryMethod>,
  currency: z.string(),
  /** Approved money movements of this brand and entry method. */
  count: z.int(),
  /** Their signed sum (refunds and reversals subtract). */
  amount: z.int(),
})
export type BrandTotals = z.infer<typeof brandTotalsSchema>

export interface DayReport {
  date: string
  from: number
  to: number
  generatedAt: number
  terminals: TerminalTotals[]
  brands: BrandTotals[]
  exceptions: DayException[]
}

/**
 * The day report as one JSON object (the CLI's `--json`, the till link): each terminal's totals
 * with the batch's verdict, and the exceptions flattened with the lines a batch disagreed on.
 */
export const dayReportJsonSchema = z.object({
  date: z.string().meta({ description: 'The business day, YYYY-MM-DD.' }),
  terminals: z.array(terminalTotalsSchema.extend({ verdict: z.enum(VERDICTS) })),
  brands: z.array(brandTotalsSchema),
  exceptions: z.array(z.record(z.string(), z.union([z.string(), z.number()]))).meta({
    description:
      'Outcomes still unknown, open pre-authorisations, missing receipts, and the lines a batch disagreed on; each has a `kind`.',
  }),
})
export type DayReportJson = z.infer<typeof dayReportJsonSchema>

/**
 * The day close over the contract: the Day tab asks main for a business day's report (no network),
 * reconciles it with Handpoint, closes batches and prints, saves or exports the Z report.
 */

/** One terminal as the Day tab lists it. */
export interface DayTerminal {
  serial: string
  type: string
  /** The MOTO virtual terminal. */
  virtual: boolean
  /** The newest batch close of this terminal, if any. */
  lastClose?: BatchCloseRecord
}

/** A terminal whose batch is overdue for a merchant set to close daily. */
export interface CloseWarningView {
  terminal: string
  since: string
  message: Message
}

export interface DayView {
  merchantId: string
  date: string
  /** Today's business day (the tab opens on it). */
  today: string
  cutoffHour: number
  closesDaily: boolean
  report: DayReport
  /** The last reconciliation's verdicts for this day; empty before one ran. */
  verdicts: TerminalVerdict[]
  reconciledAt?: number
  /** Batch closes made on this business day, newest first. */
  closes: BatchCloseRecord[]
  terminals: DayTerminal[]
  warnings: CloseWarningView[]
}

export interface DaySettingsView {
  cutoffHour: number
  /** Merchants whose acquirer needs a batch close every day. */
  closeDailyMerchants: string[]
}

export interface DayFile {
  fileName: string
  /** Where the copy kept in the data folder is. */
  keptAt: string
}

const merchantId = z.string().min(1).max(100)
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A business day is YYYY-MM-DD')
const language = z.enum(['en', 'de'])

export const dayOperations = {
  getDay: operation<DayView>()(z.object({ merchantId, date: date.optional() })),
  reconcileDay: operation<DayView>()(z.object({ merchantId, date })),
  closeBatch: operation<DayView>()(
    z.object({ merchantId, terminalSerial: z.string().min(1).max(64) }),
  ),
  checkBatchClose: operation<DayView>()(z.object({ merchantId, closeId: z.string().min(1) })),
  printZReport: operation<{ printed: true }>()(
    z.object({ merchantId, date, language, reprint: z.boolean().optional() }),
  ),
  saveZReportPdf: operation<DayFile & { base64: string }>()(
    z.object({ merchantId, date, language, layout: z.enum(['roll', 'a4']) }),
  ),
  exportZReportCsv: operation<DayFile & { text: string }>()(z.object({ merchantId, date })),
  getCloseWarnings: operation<CloseWarningView[]>()(z.object({ merchantId })),
  getDaySettings: operation<DaySettingsView>()(z.undefined()),
  setDaySettings: operation<DaySettingsView>()(
    z.object({
      cutoffHour: z.number().int().min(0).max(23).optional(),
      closeDaily: z.object({ merchantId, enabled: z.boolean() }).optional(),
    }),
  ),
}

export const dayEvents = {
  /** A batch close or reconciliation changed what a day shows. */
  onDayChanged: event<{ merchantId: string; date: string }>(),
}
