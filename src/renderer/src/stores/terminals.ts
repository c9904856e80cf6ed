import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import type { Message, TerminalBoardEvent, TerminalHealthView } from '@shared/contract'
import { isVirtualTerminal } from '@shared/contract/terminals.values'
import { toMessage } from '../lib/errors'
import { terminalsClient } from '../api/terminals-client'
import { useMerchantsStore, type MerchantTerminal } from './merchants'
import { usePaymentsStore, type TrackedPayment } from './payments'

/** A terminal on the board: the merchant's terminal and what main knows of its health. */
export interface BoardTerminal extends MerchantTerminal {
  health: TerminalHealthView
  /** The operation this checkout runs on it, if any. */
  payment?: TrackedPayment
  virtual: boolean
  /** A name people gave the terminal, when there is one. */
  label?: string
}

/**
 * The terminal board: the active merchant's terminals (only those its key listed), each with its
 * health as main reports it (checks, results, refusals) and the payment this checkout runs on
 * it. Nothing here guesses: a terminal nobody heard from reads "not checked yet".
 */
export const useTerminalsStore = defineStore('terminals', () => {
  const merchants = useMerchantsStore()
  const payments = usePaymentsStore()
  /** Serial picked for this session on the board; the saved default otherwise. */
  const selectedSerial = ref<string | null>(null)
  const health = ref<Record<string, Record<string, TerminalHealthView>>>({})
  const refreshing = ref(false)
  const refreshError = ref<Message | null>(null)
  let unsubscribe: (() => void) | null = null

  function take(event: TerminalBoardEvent): void {
    const bySerial: Record<string, TerminalHealthView> = {}
    for (const view of event.terminals) bySerial[view.serialNumber] = view
    health.value = { ...health.value, [event.merchantId]: bySerial }
  }

  const board = computed<BoardTerminal[]>(() => {
    const merchant = merchants.activeMerchant
    if (!merchant) return []
    const known = health.value[merchant.id] ?? {}
    const running = new Map(
      payments.active
        .filter((p) => p.record.merchantId === merchant.id)
        .map((p) => [p.record.terminalSerial, p]),
    )
    return merchants.terminals(merchant.id).map((t) => {
      const virtual = isVirtualTerminal(t.terminalType)
      const view: TerminalHealthView = known[t.serialNumber] ?? {
        merchantId: merchant.id,
        serialNumber: t.serialNumber,
        terminalType: t.terminalType,
        state: virtual ? 'virtual' : 'unchecked',
        checking: false,
      }
      const payment = running.get(t.serialNumber)
      // The payments store hears of our own operation first; the board says so at once.
      const shown: TerminalHealthView = payment ? { ...view, state: 'busy-here' } : view
      return { ...t, health: shown, virtual, ...(payment ? { payment } : {}) }
    })
  })

  /** Payments in flight on terminals this board does not show (another merchant's). */
  const elsewhere = computed(() => {
    const shown = new Set(board.value.map((t) => t.serialNumber))
    const merchant = merchants.activeMerchant?.id
    return payments.active.filter(
      (p) => p.record.merchantId !== merchant || !shown.has(p.record.terminalSerial),
    )
  })

  /** The terminal a sale goes to when the cashier just presses Enter. */
  const selected = computed<BoardTerminal | undefined>(
    () =>
      board.value.find((t) => t.serialNumber === selectedSerial.value) ??
      board.value.find((t) => t.isDefault) ??
      board.value.find((t) => !t.virtual) ??
      board.value[0],
  )

  function select(serial: string): void {
    selectedSerial.value = serial
  }

  async function load(merchantId: string): Promise<void> {
    try {
      take({ merchantId, terminals: await terminalsClient.board(merchantId) })
    } catch (err) {
      // The board then reads "not checked yet" until main's next report: true, if less helpful.
      console.error('Terminal health could not be read', toMessage(err))
    }
  }

  /** Subscribes to health changes and follows the active merchant. */
  function init(): void {
    unsubscribe ??= terminalsClient.onBoard(take)
    watch(
      () => merchants.activeMerchant?.id,
      (id) => {
        if (id) void load(id)
      },
      { immediate: true },
    )
  }

  function stop(): void {
    unsubscribe?.()
    unsubscribe = null
  }

  /** Refresh: the merchant's terminal list from Handpoint, then a check of every terminal. */
  async function refresh(): Promise<void> {
    const merchant = merchants.activeMerchant
    if (!merchant || refreshing.value) return
    refreshing.value = true
    refreshError.value = null
    try {
      await merchants.refreshTerminals(merchant.id)
    } catch (err) {
      refreshError.value = toMessage(err) // the list as last known is still checked
    }
    try {
      take({ merchantId: merchant.id, terminals: await terminalsClient.refresh(merchant.id) })
    } catch (err) {
      refreshError.value ??= toMessage(err)
    } finally {
      refreshing.value = false
    }
  }

  return {
    health,
    board,
    elsewhere,
    selected,
    selectedSerial,
    refreshing,
    refreshError,
    select,
    init,
    stop,
    load,
    take,
    refresh,
  }
})
