import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { AppInfo, Message } from '@shared/contract'
import { appClient } from '../api/app-client'
import { toMessage } from '../lib/errors'

export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null)
  const loadError = ref<Message | null>(null)

  async function load(): Promise<void> {
    try {
      info.value = await appClient.getInfo()
      loadError.value = null
    } catch (err) {
      loadError.value = toMessage(err)
    }
  }

  return { info, loadError, load }
})
