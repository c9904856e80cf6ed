/**
 * Builds `window.api` from the channel tables: one named function per operation and per event,
 * nothing generic. Shared by the preload (over ipcRenderer) and the e2e harness (over Playwright
 * bindings), so the browser tests run against the same bridge the app has.
 *
 * Self-contained on purpose: the e2e harness ships this function's source into the page, so it
 * may use nothing from outside its own body.
 */
export interface BridgeTransport {
  invoke(name: string, channel: string, request: unknown): Promise<unknown>
  /** Subscribes to a channel; listeners get the payload only, never the transport's event. */
  on(channel: string, listener: (payload: unknown) => void): () => void
}

export function buildBridge(
  tables: { ops: Readonly<Record<string, string>>; evs: Readonly<Record<string, string>> },
  transport: BridgeTransport,
): Readonly<Record<string, unknown>> {
  const api: Record<string, unknown> = {}
  for (const [name, channel] of Object.entries(tables.ops)) {
    api[name] = (request?: unknown) => transport.invoke(name, channel, request)
  }
  for (const [name, channel] of Object.entries(tables.evs)) {
    api[name] = (listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') throw new TypeError(`${name} needs a listener function`)
      return transport.on(channel, (payload) => listener(payload))
    }
  }
  return Object.freeze(api)
}
