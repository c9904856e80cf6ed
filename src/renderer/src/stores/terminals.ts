import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as z from 'zod/mini'
import { useMerchantSource } from '../composables/merchant-source'
import type { CheckoutTerminal, TerminalState } from '../lib/merchant-view'
import { usePaymentsStore } from './payments'

/** deviceStatus may ride along on a result (docs/handpoint-api.md §4.5); all strings when present. */
const deviceStatus = z.object({
  batteryStatus: z.optional(z.string()),
  applicationVersion: z.optional(z.string()),
})

/**
 * The terminal board: the merchant's terminals as the merchants store lists them, overlaid with
 * what this checkout saw itself (busy while an operation runs, offline after a 1002, battery and
 * app version from the last result) and with the merchant's default terminal.
 */
export const useTerminalsStore = defineStore('terminals', () => {
  const source = useMerchantSource()
  const payments = usePaymentsStore()
  /** Serial picked for this session on the board; the saved default otherwise. */
  const selectedSerial = ref<string | null>(null)
  const offlineSeen = ref<Record<string, number>>({})
  const refreshing = ref(false)
  const refreshError = ref<string | null>(null)

  const board = computed<CheckoutTerminal[]>(() => {
    const merchant = source.active.value
    if (!merchant) return []
    const savedDefault = merchant.defaultTerminalSerial
    const busy = new Set(payments.active.map((p) => p.record.terminalSerial))
    return source.terminalsOf(merchant.id).map((t) => {
      const last = payments.lastByTerminal[t.serialNumber]
      const status = deviceStatus.safeParse(
        (last?.result as Record<string, unknown> | undefined)?.['deviceStatus'] ?? {},
      )
      const seenAt = last?.updatedAt
      const offlineAt = offlineSeen.value[t.serialNumber] ?? 0
      // A terminal that just answered a payment was online then; "last seen" says when.
      const answered =
        last && last.result !== undefined && last.lastError?.code !== 'terminal-offline'
      const state: TerminalState = busy.has(t.serialNumber)
        ? 'busy'
        : offlineAt > (seenAt ?? 0) || last?.lastError?.code === 'terminal-offline'
          ? 'offline'
          : answered
            ? 'online'
            : t.state
      return {
        ...t,
        state,
        isDefault: savedDefault ? savedDefault === t.serialNumber : t.isDefault,
        lastSeenAt: Math.max(t.lastSeenAt ?? 0, seenAt ?? 0) || undefined,
        battery: (status.success ? status.data.batteryStatus : undefined) ?? t.battery,
        appVersion: (status.success ? status.data.applicationVersion : undefined) ?? t.appVersion,
      }
    })
  })

  /** The terminal a sale goes to when the cashier just presses Enter. */
  const selected = computed<CheckoutTerminal | undefined>(
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
    const merchant = source.active.value
    if (!merchant || refreshing.value) return
    refreshing.value = true
    refreshError.value = null
    try {
      await source.refreshTerminals(merchant.id)
      offlineSeen.value = {}
    } catch (err) {
      refreshError.value = err instanceof Error ? err.message : String(err)
    } finally {
      refreshing.value = false
    }
  }

  return { board, selected, selectedSerial, refreshing, refreshError, select, markOffline, refresh }
})
