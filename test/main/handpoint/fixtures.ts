/** Example bodies from the reference (§2.1, §2.6, §4.2), as Handpoint's documentation shows them. */

export const DEVICES_2_17 = [
  {
    merchant_id_alpha: 'merchantID',
    serial_number: '082104578',
    customerReference: 'op15248',
    terminal_type: 'PAXA920',
  },
]
export const DEVICES_2_28 = [
  {
    merchant_id_alpha: 'merchantID',
    serial_number: '1850025030',
    ssk: 'A1B2C3D4E5F6789',
    terminal_type: 'PAXA920PRO',
  },
  { merchant_id_alpha: 'merchantID', serial_number: '0000000001', ssk: '', terminal_type: 'VT' },
]

/** §4.2 "minimal realistic approved sale", values filled in. */
export const APPROVED_SALE = {
  aid: 'A0000000031010',
  arc: '0000',
  authorisationCode: '123456',
  balance: null,
  batchNumber: '123',
  budgetNumber: '',
  cardEntryType: 'ICC',
  cardHolderName: '',
  cardLanguagePreference: '',
  cardSchemeName: 'Visa',
  cardToken: '',
  cardTypeId: '************0936',
  chipTransactionReport: '',
  currency: 'EUR',
  customData: '',
  customerReceipt:
    'https://receipts.handpoint.com/receipts/01236fc0-8192-11eb-9aca-ad4b0e95f241/customer.html',
  customerReference: '',
  deviceStatus: {
    applicationName: 'Payments',
    applicationVersion: '20.4.12.1',
    batteryCharging: 'Not Charging',
    batteryStatus: '80',
    batterymV: '3922',
    bluetoothName: 'PAXA920PRO',
    externalPower: 'USB',
    serialNumber: '1850025030',
    statusMessage: '',
  },
  dueAmount: 0,
  errorMessage: '',
  expiryDateMMYY: '1027',
  finStatus: 'AUTHORISED',
  iad: '06011203A00000',
  issuerResponseCode: '00',
  maskedCardNumber: '************0936',
  merchantAddress: 'Main St 1',
  merchantName: 'Cafe',
  merchantReceipt:
    'https://receipts.handpoint.com/receipts/01236fc0-8192-11eb-9aca-ad4b0e95f241/merchant.html',
  metadata: null,
  mid: '12345678',
  moneyRemittanceOptions: null,
  multiLanguageErrorMessages: {},
  multiLanguageStatusMessages: {},
  originalEFTTransactionID: '',
  paymentScenario: 'CHIPCONTACTLESS',
  requestedAmount: 300,
  rrn: '0000415558180',
  signatureUrl: '',
  statusMessage: 'Approved or completed successfully',
  tenderType: 'CREDIT',
  tid: '50025030',
  tipAmount: 0,
  totalAmount: 300,
  transactionID: '01236fc0-8192-11eb-9aca-ad4b0e95f241',
  transactionOrigin: 'CLOUD',
  transactionReference: '2bfde1fc-23b1-4c67-93d9-1d4a557f4d4f',
  tsi: '',
  tvr: '0000000000',
  type: 'SALE',
  unMaskedPan: '4111111111110936',
  verificationMethod: 'NOT_REQUIRED',
  efttimestamp: 1776238711000,
  efttransactionID: '01236fc0-8192-11eb-9aca-ad4b0e95f241',
  tipPercentage: 0,
  recoveredTransaction: false,
}

/** Status endpoint, 2.14-2.20 style: efttimestamp as a yyyyMMddHHmmssSSS string. */
export const STATUS_2_20 = {
  aid: '',
  arc: '',
  authorisationCode: '012345',
  cardEntryType: 'ICC',
  cardSchemeName: 'VISA',
  cardTypeId: 'V',
  currency: 'EUR',
  customerReceipt: '',
  efttimestamp: '20230511110113006',
  efttransactionID: '01236fc0-8192-11eb-9aca-ad4b0e95f241',
  finStatus: 'AUTHORISED',
  maskedCardNumber: '************1456',
  merchantReceipt: '',
  requestedAmount: 1000,
  statusMessage: '',
  tid: '',
  totalAmount: 1000,
  transactionID: '01236fc0-8192-11eb-9aca-ad4b0e95f241',
  transactionOrigin: 'CLOUD',
  transactionReference: '2bfde1fc-23b1-4c67-93d9-1d4a557f4d4f',
  type: 'SALE',
}

/** Status endpoint, 2.28 style: efttimestamp in epoch ms, pre-auth amounts. */
export const STATUS_2_28 = {
  ...STATUS_2_20,
  efttimestamp: 1683802873006,
  batchNumber: '12',
  holdAmount: 1000,
  increaseAmount: 0,
  capturedAmount: 0,
  finStatus: 'CANCELLED',
}

export const UNDEFINED_STATUS = { finStatus: 'UNDEFINED', statusMessage: 'NOT FOUND' }
