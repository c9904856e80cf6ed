import type {
  BatchCloseRecord,
  CloseWarningView,
  DayTerminal,
  DayView,
  TerminalVerdict,
} from '@shared/contract/day.contract'
import { closeBatch, resolveClose, type CloseDeps } from './batch-close'
import {
  addDays,
  businessDayOf,
  dayWindow,
  isBusinessDate,
  systemZone,
  type LocalZone,
} from './business-day'
import { closeWarnings } from './close-warnings'
import { dayError } from './day-error'
import type { BatchGateway, DayJournal, DaySettings, ResolvePending, TerminalRef } from './ports'
import type { DayPayment } from './records'
import { reconcileDay } from './reconcile'
import { buildDayReport, type DayReport } from './report'
import type { ZReport } from './z-report'
import type { ZReportFiles } from './z-report-files'

/**
 * The day close for the app, the CLI and the till link: a business day's report straight from the
 * journal (no network), its reconciliation with Handpoint, batch closes, board warnings, and the
 * Z report kept per day. Printing and exporting the Z report are in z-report-output.ts.
 */
export interface DayServiceDeps {
  journal: DayJournal
  /** The merchant's batch gateway, or undefined when its key cannot be used now. */
  gatewayFor(merchantId: string): Promise<BatchGateway | undefined>
  /** The merchant's listed terminals (a "VT" type is the MOTO virtual terminal). */
  terminalsOf(merchantId: string): Promise<TerminalRef[]>
  merchantName(merchantId: string): string | undefined
  defaultCurrency(merchantId: string): Promise<string>
  resolvePending?: ResolvePending
  settings: DaySettings
  files: ZReportFiles
  now(): number
  zone?: LocalZone
  /** Told when a close or reconciliation changed a day. */
  onChange?(merchantId: string, date: string): void
}

/** How far back the board looks for payments not closed yet. */
const WARNING_LOOKBACK_DAYS = 7

export class DayService {
  private readonly zone: LocalZone
  private readonly verdicts = new Map<string, { at: number; verdicts: TerminalVerdict[] }>()
  private readonly inFlight = new Set<string>()

  constructor(private readonly deps: DayServiceDeps) {
    this.zone = deps.zone ?? systemZone
  }

  /** Today's business day. */
  today(): string {
    return businessDayOf(this.deps.now(), this.zone, this.deps.settings.cutoffHour())
  }

  /** The business day that contains `instant`. */
  businessDayOf(instant: number): string {
    return businessDayOf(instant, this.zone, this.deps.settings.cutoffHour())
  }

  /** The day report from the journal alone. */
  async report(merchantId: string, date: string): Promise<DayReport> {
    this.requireMerchant(merchantId)
    const window = this.windowOf(date)
    const payments = this.deps.journal.paymentsBetween({ merchantId, ...window })
    return buildDayReport({
      date,
      window,
      payments,
      linked: this.deps.journal.linkedTo(merchantId, payments),
      now: this.deps.now(),
      defaultCurrency: await this.deps.defaultCurrency(merchantId),
    })
  }

  /** What the Day tab shows: the report, the last verdicts, the closes and the warnings. */
  async view(merchantId: string, date = this.today()): Promise<DayView> {
    const report = await this.report(merchantId, date)
    const window = { from: report.from, to: report.to }
    const closes = this.deps.journal.batchCloses({ merchantId, ...window })
    // Read once: the terminals and the warnings both look at the last week.
    const recent = this.recentPayments(merchantId)
    const known =
      this.verdicts.get(key(merchantId, date)) ?? (await this.keptVerdicts(merchantId, date))
    return {
      merchantId,
      date,
      today: this.today(),
      cutoffHour: this.deps.settings.cutoffHour(),
      closesDaily: this.deps.settings.closesDaily(merchantId),
      report,
      verdicts: known?.verdicts ?? [],
      reconciledAt: known?.at,
      closes,
      terminals: await this.terminals(merchantId, report, recent),
      warnings: this.warnings(merchantId, recent),
    }
  }

  /** Checks the day with Handpoint (never sending a payment again) and keeps the verdicts. */
  async reconcile(merchantId: string, date: string): Promise<DayView> {
    this.requireMerchant(merchantId)
    const outcome = await reconcileDay(
      {
        journal: this.deps.journal,
        gateway: await this.deps.gatewayFor(merchantId),
        resolvePending: this.deps.resolvePending,
        now: this.deps.now,
      },
      {
        merchantId,
        date,
        window: this.windowOf(date),
        defaultCurrency: await this.deps.defaultCurrency(merchantId),
      },
    )
    this.verdicts.set(key(merchantId, date), { at: outcome.at, verdicts: outcome.verdicts })
    await this.keep(merchantId, date)
    this.deps.onChange?.(merchantId, date)
    return this.view(merchantId, date)
  }

  /** Closes one terminal's batch, then reconciles today so its verdict shows the closed batch. */
  async closeBatch(merchantId: string, terminalSerial: string): Promise<BatchCloseRecord> {
    this.requireMerchant(merchantId)
    const terminal = (await this.closableTerminals(merchantId)).find(
      (t) => t.serial === terminalSerial,
    )
    if (!terminal) throw dayError('day_terminal_unknown', { terminal: terminalSerial })
    const record = await closeBatch(await this.closeDeps(merchantId), {
      merchantId,
      terminal,
      currency: await this.currencyOf(merchantId, terminalSerial),
    })
    await this.afterClose(merchantId, record)
    return record
  }

  /** Finds out what happened to a close whose answer was lost (with the summary; never closes). */
  async checkClose(merchantId: string, closeId: string): Promise<BatchCloseRecord> {
    const record = this.deps.journal.batchCloses({ merchantId }).find((c) => c.id === closeId)
    if (!record) throw dayError('day_terminal_unknown', { terminal: closeId })
    if (record.state !== 'unknown' && record.state !== 'requested') return record
    const resolved = await resolveClose(
      await this.closeDeps(merchantId),
      record,
      await this.currencyOf(merchantId, record.terminal),
    )
    await this.afterClose(merchantId, resolved)
    return resolved
  }

  /** Terminals whose batch is overdue, for merchants set to close daily (the board's warning). */
  warnings(merchantId: string, recent?: readonly DayPayment[]): CloseWarningView[] {
    if (!this.deps.settings.closesDaily(merchantId)) return []
    return closeWarnings({
      today: this.today(),
      businessDayOf: (t) => this.businessDayOf(t),
      payments: recent ?? this.recentPayments(merchantId),
      closes: this.deps.journal.batchCloses({ merchantId }),
    })
  }

  /** The Z report of a day as it stands now; kept in the data folder. */
  async zReport(merchantId: string, date: string): Promise<ZReport> {
    const view = await this.view(merchantId, date)
    const z: ZReport = {
      merchantId,
      merchantName: this.deps.merchantName(merchantId) ?? merchantId,
      cutoffHour: view.cutoffHour,
      report: view.report,
      verdicts: view.verdicts,
      closes: view.closes,
      virtualTerminals: view.terminals.filter((t) => t.virtual).map((t) => t.serial),
    }
    await this.deps.files.save(z)
    return z
  }

  /** The Z report exactly as last kept (for a reprint), or undefined. */
  keptZReport(merchantId: string, date: string): Promise<ZReport | undefined> {
    return this.deps.files.load(merchantId, date)
  }

  /** The window of a business day; refuses what is not a date. */
  windowOf(date: string): { from: number; to: number } {
    if (!isBusinessDate(date)) throw dayError('day_invalid_date', { value: date })
    const w = dayWindow(date, this.zone, this.deps.settings.cutoffHour())
    return { from: w.from, to: w.to }
  }

  private async afterClose(merchantId: string, record: BatchCloseRecord): Promise<void> {
    const date = this.businessDayOf(record.requestedAt)
    if (record.state === 'closed') await this.reconcile(merchantId, date)
    else {
      await this.keep(merchantId, date)
      this.deps.onChange?.(merchantId, date)
    }
  }

  private async keep(merchantId: string, date: string): Promise<void> {
    await this.zReport(merchantId, date)
  }

  private async keptVerdicts(
    merchantId: string,
    date: string,
  ): Promise<{ at: number; verdicts: TerminalVerdict[] } | undefined> {
    const kept = await this.deps.files.load(merchantId, date)
    return kept && kept.verdicts.length > 0
      ? { at: kept.report.generatedAt, verdicts: kept.verdicts }
      : undefined
  }

  private async closeDeps(merchantId: string): Promise<CloseDeps> {
    const gateway = await this.deps.gatewayFor(merchantId)
    if (!gateway) throw dayError('batch_unreachable', { terminal: '' })
    return {
      journal: this.deps.journal,
      gateway,
      now: this.deps.now,
      businessDayOf: (t) => this.businessDayOf(t),
      inFlight: this.inFlight,
    }
  }

  /** Listed terminals and any that took payments in the last week (a VT among them). */
  private async closableTerminals(
    merchantId: string,
    recent: readonly DayPayment[] = this.recentPayments(merchantId),
  ): Promise<TerminalRef[]> {
    const found = new Map<string, TerminalRef>()
    for (const t of await this.deps.terminalsOf(merchantId).catch(() => [])) found.set(t.serial, t)
    for (const p of recent) {
      if (!found.has(p.terminalSerial) && p.terminalType) {
        found.set(p.terminalSerial, { serial: p.terminalSerial, type: p.terminalType })
      }
    }
    return [...found.values()].sort((a, b) => (a.serial < b.serial ? -1 : 1))
  }

  private async terminals(
    merchantId: string,
    report: DayReport,
    recent: readonly DayPayment[],
  ): Promise<DayTerminal[]> {
    const refs = await this.closableTerminals(merchantId, recent)
    for (const row of report.terminals) {
      if (!refs.some((r) => r.serial === row.terminal))
        refs.push({ serial: row.terminal, type: '' })
    }
    const closes = this.deps.journal.batchCloses({ merchantId })
    return refs.map((t) => ({
      serial: t.serial,
      type: t.type,
      virtual: t.type.toUpperCase() === 'VT',
      lastClose: closes.find((c) => c.terminal === t.serial),
    }))
  }

  private async currencyOf(merchantId: string, terminal: string): Promise<string> {
    const from = this.deps.now() - WARNING_LOOKBACK_DAYS * 86_400_000
    const recent = this.deps.journal.paymentsBetween({
      merchantId,
      terminalSerial: terminal,
      from,
      to: this.deps.now() + 1,
    })
    return (
      recent.findLast((p) => p.currency)?.currency ?? (await this.deps.defaultCurrency(merchantId))
    )
  }

  /** The merchant's payments since the start of the business day a week ago. */
  private recentPayments(merchantId: string): DayPayment[] {
    const from = this.windowOf(addDays(this.today(), -WARNING_LOOKBACK_DAYS)).from
    return this.deps.journal.paymentsBetween({ merchantId, from, to: this.deps.now() + 1 })
  }

  private requireMerchant(merchantId: string): void {
    if (this.deps.merchantName(merchantId) === undefined) {
      throw dayError('day_merchant_unknown', { merchantId })
    }
  }
}

function key(merchantId: string, date: string): string {
  return `${merchantId}\u0000${date}`
}
