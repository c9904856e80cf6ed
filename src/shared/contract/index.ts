import type { z } from 'zod'
import { appEvents, appOperations } from './app.contract'
import { merchantEvents, merchantOperations } from './merchants.contract'
import { moneyEvents, moneyOperations } from './money.contract'
import { paymentEvents, paymentOperations } from './payments.contract'
import { receiptEvents, receiptOperations } from './receipts.contract'
import { terminalEvents, terminalOperations } from './terminals.contract'
import { tillEvents, tillOperations } from './till.contract'
import { dayEvents, dayOperations } from './day.contract'
import type { EventName, OperationName } from './channels'
import type { EventDef, OperationDef } from './define'
import type { Result } from './result'

export * from './channels'
export * from './result'
export type { AppInfo, AppNotice, NoticeLevel } from './app.contract'
export type { Message, MessageCode, MessageParams } from '../messages'
export * from './payments.contract'
export * from './merchants.contract'
export * from './receipts.contract'
export * from './terminals.contract'
export * from './till.contract'
export * from './money.contract'
export * from './day.contract'

/** Every operation of the contract. Each domain adds its `*.contract.ts` here. */
export const operations = {
  ...appOperations,
  ...paymentOperations,
  ...merchantOperations,
  ...receiptOperations,
  ...terminalOperations,
  ...tillOperations,
  ...moneyOperations,
  ...dayOperations,
} satisfies Record<OperationName, OperationDef<z.ZodType, unknown>>

/** Every event of the contract. */
export const events = {
  ...appEvents,
  ...paymentEvents,
  ...merchantEvents,
  ...receiptEvents,
  ...terminalEvents,
  ...tillEvents,
  ...moneyEvents,
  ...dayEvents,
} satisfies Record<EventName, EventDef<unknown>>

type Ops = typeof operations
type Evs = typeof events

export type RequestOf<K extends OperationName> = z.input<Ops[K]['request']>
export type ParsedRequestOf<K extends OperationName> = z.output<Ops[K]['request']>
export type ResponseOf<K extends OperationName> =
  Ops[K] extends OperationDef<z.ZodType, infer R> ? R : never
export type PayloadOf<K extends EventName> = Evs[K] extends EventDef<infer P> ? P : never

/** The shape of `window.api`: one named function per operation and per event. */
export type BridgeApi = {
  readonly [K in OperationName]: RequestOf<K> extends undefined
    ? () => Promise<Result<ResponseOf<K>>>
    : (request: RequestOf<K>) => Promise<Result<ResponseOf<K>>>
} & {
  readonly [K in EventName]: (listener: (payload: PayloadOf<K>) => void) => () => void
}

// Both directions: a contract entry without a channel, or a channel without a contract entry,
// fails to compile.
type Exact<A, B> = [Exclude<A, B>, Exclude<B, A>] extends [never, never] ? true : false
export const contractMatchesChannels: Exact<keyof Ops, OperationName> &
  Exact<keyof Evs, EventName> = true
