import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { AppNotice } from '@shared/contract'
import { appClient } from '../api/app-client'

/**
 * What main told the whole app (a damaged file moved aside, ...), as codes the banner words.
 * Main keeps notices raised before the window existed; `init` lists them and listens for more.
 */
export const useNoticesStore = defineStore('notices', () => {
  const notices = ref<AppNotice[]>([])
  let unsubscribe: (() => void) | undefined

  function add(notice: AppNotice): void {
    if (!notices.value.some((n) => n.id === notice.id)) notices.value = [...notices.value, notice]
  }

  async function init(): Promise<void> {
    // Listen first, then list: a notice raised in between is in one or the other (ids dedupe).
    unsubscribe ??= appClient.onNotice(add)
    try {
      for (const notice of await appClient.listNotices()) add(notice)
    } catch {
      // Only the earlier notices are missed; new ones still arrive. Nothing to show about it.
    }
    notices.value = [...notices.value].sort((a, b) => a.at - b.at)
  }

  /** Closes a notice here and tells main, so it is not listed again after a reload. */
  async function dismiss(id: string): Promise<void> {
    notices.value = notices.value.filter((n) => n.id !== id)
    await appClient.dismissNotice(id).catch(() => undefined)
  }

  function stop(): void {
    unsubscribe?.()
    unsubscribe = undefined
  }

  return { notices, init, dismiss, stop }
})
