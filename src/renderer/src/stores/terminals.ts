import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { Message } from '@shared/contract'
import { toMessage } from '../lib/errors'
import { useMerchantsStore, type MerchantTerminal } from './merchants'
import { usePaymentsStore } from './payments'

export type TerminalState = 'online' | 'busy' | 'offline' | 'unknown'

/** A terminal on the board: the merchant's terminal, with what this checkout saw of it. */
export interface BoardTerminal extends MerchantTerminal {
  state: TerminalState
  /** A name people gave the terminal, when there is one. */
  label?: string
}

/**
 * The terminal board: the active merchant's terminals as the merchants store lists them,
 * overlaid with what this checkout saw itself (busy while an operation runs, offline after the
 * terminal did not answer, online once it answered a payment) and the merchant's default.
 */
export const useTerminalsStore = defineStore('terminals', () => {
  const merchants = useMerchantsStore()
  const payments = usePaymentsStore()
  /** Serial picked for this session on the board; the saved default otherwise. */
  const selectedSerial = ref<string | null>(null)
  const offlineSeen = ref<Record<string, number>>({})
  const refreshing = ref(false)
  const refreshError = ref<Message | null>(null)

  const board = computed<BoardTerminal[]>(() => {
    const merchant = merchants.activeMerchant
    if (!merchant) return []
    const busy = new Set(payments.active.map((p) => p.record.terminalSerial))
    return merchants.terminals(merchant.id).map((t) => {
      const last = payments.lastByTerminal[t.serialNumber]
      const seenAt = last?.updatedAt
      const offlineAt = offlineSeen.value[t.serialNumber] ?? 0
      const notListening = last?.lastError?.code === 'terminal_not_listening'
      // A terminal that just answered a payment was online then; "last seen" says when.
      const answered = last !== undefined && last.result !== undefined && !notListening
      const state: TerminalState = busy.has(t.serialNumber)
        ? 'busy'
        : offlineAt > (seenAt ?? 0) || notListening
          ? 'offline'
          : answered
            ? 'online'
            : 'unknown'
      const lastSeenAt = Math.max(t.lastSeenAt ?? 0, seenAt ?? 0) || undefined
      return { ...t, state, ...(lastSeenAt ? { lastSeenAt } : {}) }
    })
  })

  /** The terminal a sale goes to when the cashier just presses Enter. */
  const selected = computed<BoardTerminal | undefined>(
    () =>
      board.value.find((t) => t.serialNumber === selectedSerial.value) ??
      board.value.find((t) => t.isDefault) ??
      board.value[0],
  )

  function select(serial: string): void {
    selectedSerial.value = serial
  }

  function markOffline(serial: string): void {
    offlineSeen.value = { ...offlineSeen.value, [serial]: Date.now() }
  }

  async function refresh(): Promise<void> {
    const merchant = merchants.activeMerchant
    if (!merchant || refreshing.value) return
    refreshing.value = true
    refreshError.value = null
    try {
      await merchants.refreshTerminals(merchant.id)
      offlineSeen.value = {}
    } catch (err) {
      refreshError.value = toMessage(err)
    } finally {
      refreshing.value = false
    }
  }

  return { board, selected, selectedSerial, refreshing, refreshError, select, markOffline, refresh }
})
