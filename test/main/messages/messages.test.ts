import { describe, expect, it } from 'vitest'
import { AppError } from '@shared/contract/result'
import { causeOf, describe as describeMessage, msg, paramsOf } from '@shared/messages'
import type { HandpointErrorKind } from '../../../src/main/handpoint/types'
import { legacyRecordSchema as paymentRecordSchema } from '../../../src/main/payments/store/legacy/legacy-schema'
import { receiptMetaSchema } from '../../../src/main/receipts/store'
import { asHandpointFailure, refusal } from '../../../src/main/payments/operation-input'
import { HandpointError } from '../../../src/main/handpoint/errors'

describe('messages from main', () => {
  it('describe() words a code in English, with its parameters and the cause in words', () => {
    expect(describeMessage('terminal_not_listening', { serial: '0821032398' })).toMatch(
      /^Terminal 0821032398 is not responding\. Nothing was charged/,
    )
    expect(describeMessage('no_clear_answer', { cause: 'timeout' })).toContain(
      '(no answer in time)',
    )
    expect(describeMessage('not_a_code_yet', {})).toBe('not_a_code_yet')
    expect(paramsOf('terminal_not_bound')).toEqual(['serial', 'merchant'])
  })

  it('an AppError carries code, params and describe()’s sentence, and crosses IPC as such', () => {
    const error = new AppError(msg('terminal_in_use', { serial: 'T1' }), { paymentId: 'p1' })
    expect(error.toJSON()).toEqual({
      code: 'terminal_in_use',
      params: { serial: 'T1' },
      message: describeMessage('terminal_in_use', { serial: 'T1' }),
      details: { paymentId: 'p1' },
    })
  })

  it('every failure of the Handpoint client has a cause in words', () => {
    // A Record over the union: a new kind fails to compile here until it is listed.
    const kinds: Record<HandpointErrorKind, true> = {
      'terminal-busy': true,
      'terminal-offline': true,
      'cancel-not-allowed': true,
      'terminal-not-assigned': true,
      'bad-request': true,
      unauthorized: true,
      forbidden: true,
      'not-found': true,
      validation: true,
      'rate-limited': true,
      server: true,
      network: true,
      timeout: true,
      'malformed-response': true,
      'invalid-input': true,
      'batch-number-required': true,
    }
    for (const kind of Object.keys(kinds)) expect(causeOf(kind), kind).not.toBe('unknown')
  })

  it('a refused start names the terminal it refused on', () => {
    const busy = asHandpointFailure(new HandpointError('terminal-offline', 'x'))!
    expect(refusal(busy, 'T9')).toEqual({
      code: 'terminal_not_listening',
      params: { serial: 'T9' },
    })
    const odd = asHandpointFailure(new HandpointError('validation', 'x'))!
    expect(refusal(odd, 'T9')).toEqual({ code: 'request_refused', params: { cause: 'validation' } })
  })
})

describe('files written by older versions still load', () => {
  const base = {
    id: 'p1',
    merchantId: 'm1',
    terminalSerial: 'T1',
    terminalType: 'PAXA920',
    operation: 'sale',
    amountMinor: '1234',
    currency: 'EUR',
    transactionReference: 'r1',
    flow: 'poll',
    createdAt: 1,
    updatedAt: 2,
  }

  it('a journal record with sentences: evidence and errors become legacy notes, the phase goes', () => {
    const record = paymentRecordSchema.parse({
      ...base,
      state: 'unknown',
      phase: 'Outcome not known yet: checking with Handpoint',
      lastError: { code: 'timeout', message: 'Handpoint did not answer in time.' },
      evidence: [
        { at: 1, what: 'Saved; sending to terminal T1.' },
        { at: 2, code: 'evidence_accepted' },
        { at: 3, code: 'retired_code', params: { serial: 'T1' } },
      ],
    })
    expect(record.phase).toBeUndefined()
    expect(record.lastError).toEqual({
      code: 'legacy_note',
      params: { text: 'Handpoint did not answer in time.' },
    })
    expect(record.evidence).toEqual([
      { at: 1, code: 'legacy_note', params: { text: 'Saved; sending to terminal T1.' } },
      { at: 2, code: 'evidence_accepted' },
      { at: 3, code: 'legacy_note', params: { text: 'retired_code' } },
    ])
  })

  it('a journal record written now reads back exactly', () => {
    const now = {
      ...base,
      state: 'failed',
      phase: 'phase_sending',
      lastError: { code: 'not_charged', params: { seconds: 90 } },
      evidence: [{ at: 1, code: 'evidence_saved_sending', params: { serial: 'T1' } }],
    }
    expect(paymentRecordSchema.parse(now)).toEqual(now)
  })

  it('receipt meta with a sentence as the reason and the print error', () => {
    const copy = { status: 'failed', source: 'url', attempts: 1, printedCount: 0 }
    const meta = receiptMetaSchema.parse({
      version: 1,
      paymentId: 'p1',
      merchantId: 'm1',
      terminalSerial: 'T1',
      createdAt: 1,
      customer: { ...copy, reason: 'The receipt server answered 503.' },
      merchant: { ...copy, reason: { code: 'receipt_server_status', params: { status: 503 } } },
      signature: { status: 'none', source: 'none', attempts: 0, printedCount: 0 },
      askCustomerCopy: false,
      autoPrintDone: true,
      lastPrintError: 'The customer receipt did not print.',
    })
    expect(meta.customer.reason).toEqual({
      code: 'legacy_note',
      params: { text: 'The receipt server answered 503.' },
    })
    expect(meta.merchant.reason).toEqual({ code: 'receipt_server_status', params: { status: 503 } })
    expect(meta.lastPrintError).toMatchObject({ code: 'legacy_note' })
  })
})
