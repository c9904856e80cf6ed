/**
 * Example bodies of the batch endpoints, the status chain and the device commands, as
 * Handpoint's documentation shows them (REST 2.20-2.30); ellipses filled with plausible values.
 */

export const CLOSE_2_30 = {
  batchNumber: '1',
  closeBatchGuid: '14431ad0-d0b6-11f0-9f3b-2f1c5c3e6a11',
  closedAt: '20251204064010281',
  customerReference: {},
  httpStatus: '200',
  issuerResponseCode: '00',
  issuerResponseText: 'ACCEPTED',
}

/** The newer close example: `customFields.entry` is ONE object here. */
export const CLOSE_NEWER = {
  ...CLOSE_2_30,
  batchStatus: 'CLOSED',
  customFields: { entry: { key: 'issuerBatchCloseLocalTimestamp', value: '2026-05-07T10:02:12' } },
}

/** The summary example: `customFields.entry` is a LIST here; `netAmount` in major units. */
export const SUMMARY = {
  batchNumber: '1',
  batchStatus: 'CLOSED',
  batchSummaryGuid: '5b1e5a40-d0b6-11f0-8a61-43c1d3f0a2b7',
  customFields: {
    entry: [
      { key: 'salesCount', value: '155' },
      { key: 'refundsCount', value: '3' },
      { key: 'issuerBatchCloseLocalTimestamp', value: '2025-12-05T11:00:00' },
    ],
  },
  httpStatus: '200',
  issuerResponseCode: '00',
  issuerResponseText: 'DATA RETRIEVED',
  netAmount: '245.00',
  transactionCount: '158',
}

export const DETAIL = {
  httpStatus: '200',
  batchNumber: '1',
  closedAt: '20260213135114884',
  issuerResponseCode: '00',
  issuerResponseText: 'Batch detail retrieved',
  details: [
    {
      transactionType: 'SALE',
      amount: '100.00',
      batchDetailElementGuid: '7d1c0a10-08f0-11f1-b3c2-55a1f7d2c001',
    },
    {
      transactionType: 'SALE',
      retrievalReferenceNumber: 'RRN08236',
      amount: '50.00',
      batchDetailElementGuid: '7d1c0a10-08f0-11f1-b3c2-55a1f7d2c002',
    },
    {
      transactionType: 'REFUND',
      retrievalReferenceNumber: 'RRN08237',
      amount: '25.00',
      batchDetailElementGuid: '7d1c0a10-08f0-11f1-b3c2-55a1f7d2c003',
    },
  ],
  batchDetailGuid: '7d1c0a10-08f0-11f1-b3c2-55a1f7d2c000',
  batchStatus: 'CLOSED',
}

/** The "Missing batchNumber" example of /batch/close. */
export const MISSING_BATCH_NUMBER = {
  error: {
    statusCode: 422,
    name: 'UnprocessableEntityError',
    message: 'The request body is invalid. See error object `details` property for more info.',
    code: 'VALIDATION_FAILED',
    details: [
      {
        path: '',
        code: 'required',
        message: "must have required property 'batchNumber'",
        info: { missingProperty: 'batchNumber' },
      },
    ],
  },
}

/** A gateway business error of a no-terminal endpoint. */
export const GATEWAY_400 = {
  error: {
    statusCode: 400,
    name: 'BadRequestError',
    message: 'Unable to find message to reverse',
    code: '3153',
    details: {
      errorCode: '3153',
      errorGuid: '0b4f4f7e-3b55-4d2e-9a55-3c2d6f1e2b10',
      description: 'Unable to find message to reverse',
      httpStatus: '400',
    },
  },
}

/** 2.26+: a device command to a terminal that is not listening. */
export const NOT_LISTENING = {
  error: {
    statusCode: 400,
    name: 'BadRequestError',
    message: {
      error: 1002,
      message: 'No device listening at the other end of the secure channel',
    },
  },
}

export const BUSY = {
  error: {
    statusCode: 400,
    name: 'BadRequestError',
    message: { error: 1001, message: 'The device is busy' },
  },
}

/** /status/all of a reversed sale (2.30 fields; the first element shows the current state). */
export const STATUS_ALL_REVERSED = [
  {
    type: 'SALE',
    finStatus: 'CANCELLED',
    totalAmount: 1000,
    tipAmount: 0,
    currency: 'EUR',
    cardSchemeName: 'VISA',
    efttimestamp: 1776238711000,
    transactionID: '01236fc0-8192-11eb-9aca-ad4b0e95f241',
    originalEFTTransactionID: '',
    rrn: '0000415558180',
    batchNumber: '',
    holdAmount: '',
    increaseAmount: null,
    capturedAmount: 0,
    customerReceipt: '',
    merchantReceipt: '',
    tid: '',
  },
  {
    type: 'VOID_SALE',
    finStatus: 'AUTHORISED',
    totalAmount: 1000,
    currency: 'EUR',
    efttimestamp: 1776238799000,
    transactionID: '02236fc0-8192-11eb-9aca-ad4b0e95f241',
    originalEFTTransactionID: '01236fc0-8192-11eb-9aca-ad4b0e95f241',
    rrn: 41555,
    batchNumber: 7,
  },
]
