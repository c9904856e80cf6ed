import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Message, TillLinkPatch, TillLinkView } from '@shared/contract'
import { toMessage } from '../lib/errors'
import { tillClient } from '../api/till-client'

/**
 * Settings > Till link: whether tills may start payments here, on which port, on the LAN or
 * not, and the till tokens. A new token is kept here only until the person has copied it.
 */
export const useTillStore = defineStore('till', () => {
  const link = ref<TillLinkView | null>(null)
  /** What main refused, as a code the screen words with `useCodes`. */
  const error = ref<Message | null>(null)
  const busy = ref(false)
  /** The token just made, shown once; cleared when dismissed. */
  const newToken = ref<{ token: string; name: string } | null>(null)
  let unsubscribe: (() => void) | undefined

  async function run<T>(work: () => Promise<T>): Promise<T | undefined> {
    busy.value = true
    error.value = null
    try {
      return await work()
    } catch (err) {
      error.value = toMessage(err)
      return undefined
    } finally {
      busy.value = false
    }
  }

  async function load(): Promise<void> {
    unsubscribe ??= tillClient.onChanged((view) => (link.value = view))
    const view = await run(() => tillClient.get())
    if (view) link.value = view
  }

  async function update(patch: TillLinkPatch): Promise<void> {
    const view = await run(() => tillClient.set(patch))
    if (view) link.value = view
  }

  async function createToken(name: string, merchantId: string): Promise<boolean> {
    const made = await run(() => tillClient.createToken(name, merchantId))
    if (!made) return false
    link.value = made.link
    newToken.value = { token: made.token, name: name.trim() }
    return true
  }

  async function revokeToken(id: string): Promise<void> {
    const view = await run(() => tillClient.revokeToken(id))
    if (view) link.value = view
  }

  function forgetNewToken(): void {
    newToken.value = null
  }

  function stop(): void {
    unsubscribe?.()
    unsubscribe = undefined
  }

  return {
    link,
    error,
    busy,
    newToken,
    load,
    update,
    createToken,
    revokeToken,
    forgetNewToken,
    stop,
  }
})
