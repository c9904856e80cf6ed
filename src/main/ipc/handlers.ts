import type {
  EventName,
  OperationName,
  ParsedRequestOf,
  PayloadOf,
  ResponseOf,
} from '@shared/contract'

/** What the transport knows about who is calling. */
export interface CallContext {
  /** Identifies the window/page that sent the request (webContents id or harness page id). */
  senderId: string
}

/** The handler table: exactly one function per contract operation, 3-10 lines each. */
export type HandlerTable = {
  [K in OperationName]: (
    request: ParsedRequestOf<K>,
    ctx: CallContext,
  ) => Promise<ResponseOf<K>> | ResponseOf<K>
}

/** Main -> renderer events; the transport (ipc or e2e harness) subscribes with `listen`. */
export interface EventSink {
  emit<K extends EventName>(name: K, payload: PayloadOf<K>): void
}
