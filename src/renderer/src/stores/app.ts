import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { AppInfo } from '@shared/contract'
import { appClient } from '../api/app-client'

export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null)
  const loadError = ref<string | null>(null)

  async function load(): Promise<void> {
    try {
      info.value = await appClient.getInfo()
      loadError.value = null
    } catch (err) {
      loadError.value = err instanceof Error ? err.message : String(err)
    }
  }

  return { info, loadError, load }
})
