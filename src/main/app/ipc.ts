import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { errorShape, eventChannels, type EventName, type PayloadOf } from '@shared/contract'
import { msg } from '@shared/messages'
import type { Route } from '../ipc/dispatcher'
import type { EventSink } from '../ipc/handlers'

const registered = new WeakMap<IpcMain, Set<string>>()

/**
 * Registers every route on ipcMain. A request is answered only when it comes from the main frame of
 * a trusted window (`isTrusted`); anything else gets a `forbidden` Result and reaches no handler.
 * Registering one channel twice throws instead of silently replacing the first handler.
 */
export function registerIpc(
  ipcMain: IpcMain,
  routes: Route[],
  isTrusted: (sender: WebContents, frameUrl: string | undefined) => boolean,
): void {
  const channels = registered.get(ipcMain) ?? new Set<string>()
  registered.set(ipcMain, channels)
  for (const route of routes) {
    if (channels.has(route.channel)) {
      throw new Error(`IPC channel "${route.channel}" is already registered`)
    }
    channels.add(route.channel)
    ipcMain.handle(route.channel, async (event: IpcMainInvokeEvent, payload: unknown) => {
      const frameUrl = event.senderFrame?.url
      if (!isTrusted(event.sender, frameUrl) || event.senderFrame?.parent) {
        return { ok: false, error: errorShape(msg('forbidden')) }
      }
      return route.call(payload, { senderId: String(event.sender.id) })
    })
  }
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
