import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import type {
  Message,
  TerminalCommandEntry,
  TerminalCommandRequest,
  TerminalDetail,
} from '@shared/contract'
import { toMessage } from '../lib/errors'
import { terminalsClient } from '../api/terminals-client'
import { useTerminalsStore } from './terminals'

/**
 * One terminal's detail panel: its health, its day in words and its commands. The panel follows
 * the board: when the terminal's health changes, the detail is read again.
 */
export const useTerminalDetailStore = defineStore('terminal-detail', () => {
  const terminals = useTerminalsStore()
  const open = ref<{ merchantId: string; serialNumber: string } | null>(null)
  const detail = ref<TerminalDetail | null>(null)
  const error = ref<Message | null>(null)
  const checking = ref(false)
  const sending = ref(false)
  /** The answer to the last command sent from this panel. */
  const lastCommand = ref<TerminalCommandEntry | null>(null)

  async function reload(): Promise<void> {
    const which = open.value
    if (!which) return
    try {
      const read = await terminalsClient.detail(which.merchantId, which.serialNumber)
      if (open.value?.serialNumber === which.serialNumber) detail.value = read
    } catch (err) {
      error.value = toMessage(err)
    }
  }

  async function show(merchantId: string, serialNumber: string): Promise<void> {
    open.value = { merchantId, serialNumber }
    detail.value = null
    error.value = null
    lastCommand.value = null
    await reload()
  }

  function close(): void {
    open.value = null
    detail.value = null
    lastCommand.value = null
  }

  /** "Check": a ping now; the board and this panel show what came back. */
  async function check(): Promise<void> {
    const which = open.value
    if (!which || checking.value) return
    checking.value = true
    error.value = null
    try {
      await terminalsClient.check(which.merchantId, which.serialNumber)
      await reload()
    } catch (err) {
      error.value = toMessage(err)
    } finally {
      checking.value = false
    }
  }

  async function send(command: TerminalCommandRequest): Promise<TerminalCommandEntry | null> {
    const which = open.value
    if (!which || sending.value) return null
    sending.value = true
    error.value = null
    try {
      const entry = await terminalsClient.send(which.merchantId, which.serialNumber, command)
      lastCommand.value = entry
      await reload()
      return entry
    } catch (err) {
      error.value = toMessage(err)
      return null
    } finally {
      sending.value = false
    }
  }

  // Any change on the board (a check, a result, a refusal) may add a line to the day.
  watch(
    () => (open.value ? terminals.health[open.value.merchantId]?.[open.value.serialNumber] : null),
    (now, before) => {
      if (now && before && now !== before) void reload()
    },
  )

  return { open, detail, error, checking, sending, lastCommand, show, close, check, send, reload }
})
