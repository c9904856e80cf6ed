import type { ServerResponse } from 'node:http'
import type { TransactionResult } from '../handpoint/types'
import type { MerchantState, SimContext } from './context'
import { sendError, sendJson } from './http-util'
import type { TxRecord } from './store'

/**
 * The status host (§2.6): what the GATEWAY knows about a reference. Not-yet-at-gateway is
 * UNDEFINED (the gateway cannot tell it from an unknown reference), at-gateway without an
 * outcome is IN_PROGRESS; the first element of a chain shows its current state.
 */
export function routeStatus(
  ctx: SimContext,
  res: ServerResponse,
  merchant: MerchantState,
  method: string,
  path: string,
): boolean {
  const match = /^\/transactions\/([^/]+)\/status(?:\/([^/]+))?$/.exec(path)
  if (method !== 'GET' || !match) return false
  const reference = decodeURIComponent(match[1] ?? '')
  const selector = match[2] === undefined ? undefined : decodeURIComponent(match[2])
  const chain = ctx.store.chain(reference)
  if (chain.length > 0 && chain.every((r) => r.merchantIdAlpha !== merchant.merchantIdAlpha)) {
    sendError(res, 401, 'UnauthorizedError', 'The API key does not own this transaction reference')
    return true
  }
  const mine = chain.filter((r) => r.merchantIdAlpha === merchant.merchantIdAlpha)
  const views = mine.map((record, index) => statusView(record, index === 0 ? mine : undefined))
  if (selector === undefined) {
    sendJson(res, 200, views[0] ?? notFound(reference))
    return true
  }
  const picked = selector === 'all' ? views : pick(views, selector)
  if (picked === undefined || views.length === 0)
    sendError(
      res,
      404,
      'NotFoundError',
      `Transaction not found for reference ${reference} and selector ${selector}`,
    )
  else sendJson(res, 200, picked)
  return true
}

function pick(views: TransactionResult[], selector: string): TransactionResult | undefined {
  if (selector === 'first') return views[0]
  if (selector === 'last') return views[views.length - 1]
  if (/^[1-9]\d*$/.test(selector)) return views[Number(selector) - 1]
  return undefined
}

const notFound = (reference: string): TransactionResult => ({
  finStatus: 'UNDEFINED',
  transactionReference: reference,
  statusMessage: 'NOT FOUND',
})

/** yyyyMMddHHmmssSSS, the 2.14-2.20 example's string efttimestamp. */
const gatewayTimestamp = (ms: number): string =>
  new Date(ms).toISOString().replace(/\D/g, '').slice(0, 17)

/** Later operations that change what the original now is (§2.6 "first element reflects"). */
const CURRENT_STATE: Record<string, string> = {
  saleReversal: 'CANCELLED',
  moToReversal: 'CANCELLED',
  preAuthorizationReversal: 'CANCELLED',
  refund: 'REFUNDED',
  moToRefund: 'REFUNDED',
  preAuthorizationCapture: 'CAPTURED',
}

function statusView(record: TxRecord, chainIfFirst: TxRecord[] | undefined): TransactionResult {
  const reference = record.chainReference ?? ''
  if (record.atGatewayAt === undefined) return notFound(reference)
  const common = {
    transactionID: record.transactionID,
    efttransactionID: record.transactionID,
    transactionReference: reference,
    currency: record.request.currency ?? '',
    requestedAmount: Number(record.request.amount ?? 0),
  }
  if (!record.gatewayResult) {
    return {
      ...common,
      finStatus: 'IN_PROGRESS',
      statusMessage: '',
      efttimestamp: gatewayTimestamp(record.atGatewayAt),
    }
  }
  const { deviceStatus: _device, ...rest } = record.gatewayResult
  let finStatus = rest.finStatus
  for (const later of chainIfFirst?.slice(1) ?? []) {
    const approved = ['AUTHORISED', 'CAPTURED'].includes(later.gatewayResult?.finStatus ?? '')
    // A reversal after the close went through as a refund (ledger.ts): the sale is REFUNDED.
    const state =
      later.gatewayResult?.type === 'REFUND' ? 'REFUNDED' : CURRENT_STATE[later.request.operation]
    if (approved && state) finStatus = state
  }
  const tip = record.adjustedTipMinor ?? 0
  return {
    ...rest,
    ...common,
    finStatus,
    customerReceipt: '',
    merchantReceipt: '',
    statusMessage: '',
    tid: '',
    tipAmount: tip,
    totalAmount: (rest.totalAmount ?? 0) + tip,
    cardTypeId: rest.maskedCardNumber ?? '',
    transactionOrigin: 'CLOUD',
    efttimestamp: gatewayTimestamp(
      typeof rest.efttimestamp === 'number' ? rest.efttimestamp : record.atGatewayAt,
    ),
  }
}
