import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { eventChannels, operationChannels } from '@shared/contract/channels'

// One named function per operation and per event, built from the channel table; there is no
// generic invoke, and listeners never receive the IpcRendererEvent (it exposes `sender`).
const api: Record<string, unknown> = {}
for (const [name, channel] of Object.entries(operationChannels)) {
  api[name] = (request?: unknown) => ipcRenderer.invoke(channel, request)
}
for (const [name, channel] of Object.entries(eventChannels)) {
  api[name] = (listener: (payload: unknown) => void) => {
    if (typeof listener !== 'function') throw new TypeError(`${name} needs a listener function`)
    const wrapped = (_event: IpcRendererEvent, payload: unknown): void => listener(payload)
    ipcRenderer.on(channel, wrapped)
    return () => {
      ipcRenderer.removeListener(channel, wrapped)
    }
  }
}

contextBridge.exposeInMainWorld('api', Object.freeze(api))
