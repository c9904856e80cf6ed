/// <reference types="vite/client" />
import type { BridgeApi } from '@shared/contract'

declare global {
  interface Window {
    readonly api: BridgeApi
  }
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}
