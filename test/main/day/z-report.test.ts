import { describe, expect, it } from 'vitest'
import { buildDayReport } from '../../../src/main/day/report'
import { dayReportJson } from '../../../src/main/day/report-json'
import { dayReportJsonSchema } from '../../../src/shared/contract/day.contract'
import type { ZReport } from '../../../src/main/day/z-report'
import { csvCell, zReportCsv } from '../../../src/main/day/z-report-csv'
import { zReportHtml } from '../../../src/main/day/z-report-html'
import { NOW, pay, WINDOW } from './day-fixtures'

function sample(): ZReport {
  const sale = pay({ amountMinor: 1000, totalMinor: 1200, tipMinor: 200, rrn: 'R1' })
  const report = buildDayReport({
    date: '2026-07-14',
    window: WINDOW,
    now: NOW,
    defaultCurrency: 'EUR',
    payments: [
      sale,
      pay({ operation: 'refund', amountMinor: 300, rrn: 'R2' }),
      pay({ state: 'declined' }),
      pay({ terminalSerial: 'VT1', operation: 'moToSale', amountMinor: 5000, rrn: 'R3' }),
      pay({ state: 'unknown', amountMinor: 700 }),
    ],
  })
  return {
    merchantId: 'm1',
    merchantName: 'Café <Blau> & Co',
    cutoffHour: 4,
    report,
    virtualTerminals: ['VT1'],
    verdicts: [
      { terminal: 'T1', verdict: 'confirmed', batchNumber: '7' },
      {
        terminal: 'VT1',
        verdict: 'do_not_agree',
        batchNumber: '3',
        differences: [{ kind: 'in_batch_not_here', type: 'SALE', amount: 990, rrn: 'X9' }],
      },
    ],
    closes: [
      {
        id: 'c1',
        merchantId: 'm1',
        terminal: 'T1',
        terminalType: 'PAXA920',
        businessDate: '2026-07-14',
        requestedAt: NOW,
        state: 'closed',
        answer: {
          batchNumber: '7',
          closeBatchGuid: 'g-1',
          closedAt: '20260714220000123',
          issuerResponseText: '<img src=x onerror=alert(1)>ACCEPTED',
        },
      },
    ],
  }
}

describe('Z report', () => {
  it('prints totals, verdict badges and the close at roll width, escaping outside text', () => {
    const html = zReportHtml(sample(), {
      language: 'en',
      layout: 'roll80',
      timeZone: 'Europe/Berlin',
    })
    expect(html).toContain('width: 80mm')
    expect(html).toContain('Content-Security-Policy')
    expect(html).toContain('data-verdict="confirmed"')
    expect(html).toContain('TOTALS CONFIRMED · Batch 7')
    expect(html).toContain('TOTALS DO NOT AGREE')
    expect(html).toContain('In the batch, not here: SALE €9.90 RRN X9')
    expect(html).toContain('Virtual terminal (MOTO) VT1')
    expect(html).toContain('Café &lt;Blau&gt; &amp; Co')
    expect(html).not.toContain('<img')
    expect(html).toContain('Closed 2026-07-14 22:00:00')
    expect(html).toContain('€12.00') // the sale with its tip
    expect(html).toContain('Outcome unknown')
    expect(html).toContain('Tuesday, July 14, 2026')
  })

  it('speaks German and fits 58 mm and A4', () => {
    const de = zReportHtml(sample(), {
      language: 'de',
      layout: 'roll58',
      timeZone: 'Europe/Berlin',
    })
    expect(de).toContain('width: 58mm')
    expect(de).toContain('SUMMEN BESTÄTIGT')
    expect(de).toContain('12,00\u00a0€')
    expect(de).toContain('Dienstag, 14. Juli 2026')
    const a4 = zReportHtml(sample(), { language: 'en', layout: 'a4' })
    expect(a4).toContain('size: A4')
    expect(a4).toContain('<table class="wide">')
  })

  it('exports CSV with stable codes and decimal amounts', () => {
    const lines = zReportCsv(sample()).split('\r\n')
    expect(lines[0]).toBe('section,terminal,currency,item,count,amount,detail')
    expect(lines).toContain('totals,T1,EUR,sales,1,12.00,')
    expect(lines).toContain('totals,T1,EUR,net,,9.00,')
    expect(lines).toContain('totals,T1,EUR,declined,1,,')
    expect(lines).toContain('verdict,T1,,confirmed,,,batch 7')
    expect(lines).toContain('difference,VT1,EUR,in_batch_not_here,,9.90,SALE; RRN X9')
    expect(lines).toContain('report,,,merchant,,,Café <Blau> & Co')
    expect(lines.some((l) => l.startsWith('exception,T1,EUR,outcome_unknown,,7.00,'))).toBe(true)
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
    expect(csvCell('-12.50')).toBe('-12.50')
    expect(csvCell('a,b')).toBe('"a,b"')
  })

  it('gives the JSON object of the issue, amounts in minor units', () => {
    const z = sample()
    const json = dayReportJson(z.report, z.verdicts)
    expect(Object.keys(json)).toEqual(['date', 'terminals', 'brands', 'exceptions'])
    expect(json.terminals[0]).toEqual({
      terminal: 'T1',
      currency: 'EUR',
      sales: { count: 1, amount: 1200 },
      refunds: { count: 1, amount: 300 },
      reversals: { count: 0, amount: 0 },
      captures: { count: 0, amount: 0 },
      tips: { count: 1, amount: 200 },
      net: 900,
      declined: 1,
      failed: 0,
      cancelled: 0,
      verdict: 'confirmed',
    })
    expect(json.terminals[1]).toMatchObject({ terminal: 'VT1', verdict: 'do_not_agree' })
    expect(json.exceptions).toEqual([
      expect.objectContaining({
        kind: 'outcome_unknown',
        amount: 700,
        at: expect.stringMatching(/Z$/),
      }),
      {
        terminal: 'VT1',
        batchNumber: '3',
        currency: 'EUR',
        kind: 'in_batch_not_here',
        type: 'SALE',
        amount: 990,
        rrn: 'X9',
      },
    ])
    expect(dayReportJson(z.report).terminals.every((t) => t.verdict === 'unconfirmed')).toBe(true)
  })

  it('is exactly what the shared schema (the till link documents it) describes, in its order', () => {
    const z = sample()
    const json = dayReportJson(z.report, z.verdicts)
    expect(dayReportJsonSchema.parse(json)).toEqual(json)
    const terminal = dayReportJsonSchema.shape.terminals.element
    expect(Object.keys(json.terminals[0]!)).toEqual(Object.keys(terminal.shape))
  })
})
