import type { DayFile, PaperWidthMm } from '@shared/contract'
import { dayError } from './day-error'
import type { DayService } from './service'
import type { ZReport } from './z-report'
import { zReportCsv } from './z-report-csv'
import type { ZReportFiles } from './z-report-files'
import { zReportHtml } from './z-report-html'
import type { ZReportLanguage } from './z-report-labels'

/**
 * The Z report on paper and in files: printed on the checkout printer like a receipt (its roll
 * width), saved as PDF at that width or on A4, exported as CSV. Each output is also kept in the
 * data folder beside the day's model. A reprint prints the report exactly as it was kept.
 */
export interface DayPrinting {
  /** The checkout printer's roll width (the receipts settings). */
  rollWidthMm(): Promise<PaperWidthMm>
  /** Prints on the checkout printer (its device and copies as the receipts settings say). */
  printRoll(html: string, paperWidthMm: PaperWidthMm): Promise<void>
  pdf(html: string, page: { paperWidthMm: PaperWidthMm } | { pageSize: 'A4' }): Promise<Uint8Array>
}

export class ZReportOutput {
  constructor(
    private readonly day: DayService,
    private readonly printing: DayPrinting,
    private readonly files: ZReportFiles,
  ) {}

  async print(
    merchantId: string,
    date: string,
    language: ZReportLanguage,
    reprint = false,
  ): Promise<{ printed: true }> {
    const z = await this.report(merchantId, date, reprint)
    const width = await this.printing.rollWidthMm()
    await this.printing.printRoll(
      zReportHtml(z, { language, layout: width === 58 ? 'roll58' : 'roll80', reprint }),
      width,
    )
    return { printed: true }
  }

  async pdf(
    merchantId: string,
    date: string,
    language: ZReportLanguage,
    layout: 'roll' | 'a4',
  ): Promise<DayFile & { base64: string }> {
    const z = await this.report(merchantId, date, false)
    let bytes: Uint8Array
    let name: string
    if (layout === 'a4') {
      bytes = await this.printing.pdf(zReportHtml(z, { language, layout: 'a4' }), {
        pageSize: 'A4',
      })
      name = 'z-report-a4.pdf'
    } else {
      const width = await this.printing.rollWidthMm()
      const html = zReportHtml(z, { language, layout: width === 58 ? 'roll58' : 'roll80' })
      bytes = await this.printing.pdf(html, { paperWidthMm: width })
      name = `z-report-${width}mm.pdf`
    }
    const keptAt = await this.files.saveExport(merchantId, date, name, bytes)
    return { fileName: `${date}-${name}`, keptAt, base64: Buffer.from(bytes).toString('base64') }
  }

  async csv(merchantId: string, date: string): Promise<DayFile & { text: string }> {
    const text = zReportCsv(await this.report(merchantId, date, false))
    const keptAt = await this.files.saveExport(merchantId, date, 'z-report.csv', text)
    return { fileName: `${date}-z-report.csv`, keptAt, text }
  }

  private async report(merchantId: string, date: string, reprint: boolean): Promise<ZReport> {
    if (!reprint) return this.day.zReport(merchantId, date)
    const kept = await this.day.keptZReport(merchantId, date)
    if (!kept) throw dayError('z_report_missing', { date })
    return kept
  }
}
