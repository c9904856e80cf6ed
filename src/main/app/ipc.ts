import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { errorShape, eventChannels, type EventName, type PayloadOf } from '@shared/contract'
import { msg } from '@shared/messages'
import type { Route } from '../ipc/dispatcher'
import type { EventSink } from '../ipc/handlers'

const registered = new WeakMap<IpcMain, Set<string>>()

export interface SenderPolicy {
  /** The sender is the webContents of our window (not any other window or webview). */
  isOurWindow(sender: WebContents): boolean
  /** Exact origins (`app://pos-companion`, or the dev server's) the main frame must be at. */
  origins: readonly string[]
}

/**
 * Registers every route on ipcMain. A request is answered only when it comes from the main frame
 * of our window at one of the trusted origins, compared exactly; anything else gets a `forbidden`
 * Result and reaches no handler. Registering one channel twice throws instead of silently
 * replacing the first handler.
 */
export function registerIpc(ipcMain: IpcMain, routes: Route[], policy: SenderPolicy): void {
  const channels = registered.get(ipcMain) ?? new Set<string>()
  registered.set(ipcMain, channels)
  for (const route of routes) {
    if (channels.has(route.channel)) {
      throw new Error(`IPC channel "${route.channel}" is already registered`)
    }
    channels.add(route.channel)
    ipcMain.handle(route.channel, async (event: IpcMainInvokeEvent, payload: unknown) => {
      const frame = event.senderFrame
      const origin = frame ? frameOrigin(frame.url) : undefined
      const trusted =
        !!frame &&
        !frame.parent &&
        policy.isOurWindow(event.sender) &&
        origin !== undefined &&
        policy.origins.includes(origin)
      if (!trusted) return { ok: false, error: errorShape(msg('forbidden')) }
      return route.call(payload, { senderId: String(event.sender.id) })
    })
  }
}

/**
 * `scheme://host[:port]` of a frame URL, or undefined for URLs without a host or with
 * credentials. Computed here because URL.origin is "null" for custom schemes such as app://.
 */
export function frameOrigin(frameUrl: string): string | undefined {
  let url: URL
  try {
    url = new URL(frameUrl)
  } catch {
    return undefined
  }
  if (!url.host || url.username || url.password) return undefined
  return `${url.protocol}//${url.host}`
}

/** An EventSink that sends to the window's webContents while it lives. */
export function webContentsSink(getTarget: () => WebContents | undefined): EventSink {
  return {
    emit<K extends EventName>(name: K, payload: PayloadOf<K>): void {
      const target = getTarget()
      if (target && !target.isDestroyed()) target.send(eventChannels[name], payload)
    },
  }
}
