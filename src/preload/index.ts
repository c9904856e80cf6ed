import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { eventChannels, operationChannels } from '@shared/contract/channels'
import { buildBridge } from './build-bridge'

// One named function per operation and per event, built from the channel table; there is no
// generic invoke, and listeners never receive the IpcRendererEvent (it exposes `sender`).
const api = buildBridge(
  { ops: operationChannels, evs: eventChannels },
  {
    invoke: (_name, channel, request) => ipcRenderer.invoke(channel, request),
    on(channel, listener) {
      const wrapped = (_event: IpcRendererEvent, payload: unknown): void => listener(payload)
      ipcRenderer.on(channel, wrapped)
      return () => {
        ipcRenderer.removeListener(channel, wrapped)
      }
    },
  },
)

contextBridge.exposeInMainWorld('api', api)
