import { describe, expect, it } from 'vitest'
import { parseBatchDetail } from '../../../src/main/handpoint/batch-results'
import { errorFromResponse } from '../../../src/main/handpoint/error-body'
import { parseAccepted, parseTransactionResult } from '../../../src/main/handpoint/results'

const PAN = '4111111111111111'
const SPACED = '5555 5555 5555 4444'

describe('card numbers in what Handpoint sends are masked where the client parses it', () => {
  it('in statusMessage, errorMessage and device status texts of a result', () => {
    const result = parseTransactionResult({
      finStatus: 'DECLINED',
      statusMessage: `Card ${PAN} declined`,
      errorMessage: `PAN ${SPACED} not allowed`,
      deviceStatus: { statusMessage: `Reading ${PAN}`, serialNumber: '4111111111111111' },
    })
    expect(result.statusMessage).toBe('Card ************1111 declined')
    expect(result.errorMessage).toBe('PAN **** **** **** 4444 not allowed')
    expect(result.deviceStatus).toEqual({
      statusMessage: 'Reading ************1111',
      serialNumber: '4111111111111111', // an id, kept as sent
    })
    expect(JSON.stringify({ ...result, deviceStatus: {} })).not.toMatch(
      /4111111111111111|5555 5555 5555/,
    )
  })

  it('in free-text fields of a batch detail line, leaving ids as sent', () => {
    const detail = parseBatchDetail(
      {
        batchNumber: '7',
        details: [
          {
            transactionType: 'SALE',
            amount: '1.00',
            responseText: `Card ${PAN} ok`,
            transactionID: '0821032398-1776238711000-0001',
          },
        ],
      },
      'EUR',
    )
    expect(detail.lines[0]!.extra).toMatchObject({
      responseText: 'Card ************1111 ok',
      transactionID: '0821032398-1776238711000-0001',
    })
  })

  it('in the statusMessage of an accepted request', () => {
    expect(parseAccepted({ statusMessage: `Accepted for ${PAN}` }, false).statusMessage).toBe(
      'Accepted for ************1111',
    )
  })

  it('in the text of an error body, which becomes a sentence people read and evidence', () => {
    const error = errorFromResponse({
      status: 400,
      body: JSON.stringify({ error: { statusCode: 400, message: `Card ${PAN} is blocked` } }),
      mayHaveReachedTerminal: false,
      now: () => 0,
    })
    expect(error.message).toContain('Card ************1111 is blocked')
    const validation = errorFromResponse({
      status: 422,
      body: JSON.stringify({
        error: { statusCode: 422, details: [{ path: '/pan', message: `bad ${SPACED}` }] },
      }),
      mayHaveReachedTerminal: false,
      now: () => 0,
    })
    expect(validation.message).not.toContain('5555 5555 5555')
    expect(JSON.stringify(validation)).not.toContain('5555 5555 5555')
  })
})
