import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import type {
  Message,
  PaymentRecord,
  PaymentStatusEvent,
  StartPaymentRequest,
} from '@shared/contract'
import { FINAL_STATES } from '@shared/contract/payments.values'
import { toMessage } from '../lib/errors'
import { paymentsClient } from '../api/payments-client'
import { needsManager, useManagerPromptStore } from './manager-prompt'
import { outcomeOf, type OutcomeKind } from '../lib/outcome'

export interface TrackedPayment extends PaymentStatusEvent {
  /** Local time the last event arrived, so the elapsed clock can keep ticking between events. */
  receivedAt: number
}

const isFinal = (r: PaymentRecord): boolean => FINAL_STATES.includes(r.state)

/** The outcome of a payment that is not on screen, announced without taking the focus. */
export interface Announcement {
  paymentId: string
  kind: Exclude<OutcomeKind, 'running'>
  record: PaymentRecord
}

/** What main said (a code); the screen words it with `useCodes`. */
const asError = toMessage

/**
 * Every operation this checkout is watching, fed by `onPaymentStatus` events. The "current" one is
 * what the checkout screen shows; it stays on screen until the cashier moves on, and an unknown
 * outcome cannot be dismissed until it is resolved.
 */
export const usePaymentsStore = defineStore('payments', () => {
  const byId = ref<Record<string, TrackedPayment>>({})
  const currentId = ref<string | null>(null)
  const starting = ref(false)
  const startError = ref<Message | null>(null)
  /** What main answered to the last cancel (sent, too late, ...). */
  const actionMessage = ref<Message | null>(null)
  const actionError = ref<Message | null>(null)
  /** A payment that collects what a partial approval left due -> that partial payment's id. */
  const restOf = ref<Record<string, string>>({})
  const managerPrompt = useManagerPromptStore()
  /** Outcomes of payments in flight that were not the one on screen, newest last. */
  const announcements = ref<Announcement[]>([])
  /** What main answered to a cancel asked from a payment's card on the board. */
  const cardReplies = ref<Record<string, Message>>({})
  let unsubscribe: (() => void) | null = null

  const current = computed(() => (currentId.value ? byId.value[currentId.value] : undefined))
  const active = computed(() => Object.values(byId.value).filter((p) => !isFinal(p.record)))

  /** Applies an event once and in order: final money states never regress on a stale reply. */
  function apply(event: PaymentStatusEvent): void {
    const prev = byId.value[event.record.id]
    if (prev) {
      if (isFinal(prev.record) && !isFinal(event.record)) return
      if (prev.record.updatedAt > event.record.updatedAt) return
    }
    byId.value = { ...byId.value, [event.record.id]: { ...event, receivedAt: Date.now() } }
    const kind = outcomeOf(event.record)
    if (prev && outcomeOf(prev.record) === 'running' && kind !== 'running') {
      if (event.record.id !== currentId.value) {
        const others = announcements.value.filter((a) => a.paymentId !== event.record.id)
        announcements.value = [
          ...others,
          { paymentId: event.record.id, kind, record: event.record },
        ]
      }
    }
    // A till started it through the till link: it shows here like any other, unless the
    // cashier is in the middle of another operation.
    const fromTill = (event.record as { origin?: { kind?: string } }).origin?.kind === 'till'
    if (
      !prev &&
      fromTill &&
      !isFinal(event.record) &&
      (!current.value || isFinal(current.value.record))
    ) {
      currentId.value = event.record.id
    }
  }

  /**
   * A record main answered with (start, or opened from history). Main's status events carry what
   * the engine allows (cancel, slow); they may arrive before this answer does, so the answer never
   * replaces what an event already said about the same or a later moment. Only a payment no event
   * has spoken of yet is taken from the record, with cancel off until main says otherwise.
   */
  function track(record: PaymentRecord): void {
    const known = byId.value[record.id]
    if (known && known.record.updatedAt >= record.updatedAt) return
    apply({
      record,
      elapsedMs: known?.elapsedMs ?? 0,
      cancelAllowed: known?.cancelAllowed ?? false,
      slow: known?.slow ?? false,
    })
  }

  /** Subscribes to status events and picks up operations still running (e.g. after a restart). */
  async function init(): Promise<void> {
    try {
      unsubscribe ??= paymentsClient.onStatus(apply)
      const running = await paymentsClient.listActive()
      running.forEach(apply)
      const latest = [...running].sort((a, b) => b.record.createdAt - a.record.createdAt)[0]
      if (latest && !currentId.value) currentId.value = latest.record.id
    } catch (err) {
      actionError.value = asError(err)
    }
  }

  function stop(): void {
    unsubscribe?.()
    unsubscribe = null
  }

  /**
   * Starts an operation. `collecting` names the partly approved payment whose rest this one
   * collects, so the outcome can say what was paid in total.
   */
  async function start(
    request: StartPaymentRequest,
    collecting?: string,
  ): Promise<PaymentRecord | null> {
    if (starting.value) return null
    starting.value = true
    startError.value = null
    actionMessage.value = null
    actionError.value = null
    try {
      const record = await paymentsClient.start(request)
      track(record)
      if (collecting) restOf.value = { ...restOf.value, [record.id]: collecting }
      currentId.value = record.id
      return record
    } catch (err) {
      const problem = asError(err)
      startError.value = problem
      // Above the merchant's ceiling: nothing was sent; it goes again with the manager PIN.
      if (needsManager(problem)) {
        const { managerPin: _pin, ...asked } = request
        managerPrompt.ask(problem, async (pin) =>
          (await start({ ...asked, managerPin: pin }, collecting)) ? null : startError.value,
        )
      }
      return null
    } finally {
      starting.value = false
    }
  }

  async function cancel(): Promise<void> {
    const p = current.value
    if (!p) return
    actionError.value = null
    try {
      const { requested: _requested, ...told } = await paymentsClient.cancel(
        p.record.merchantId,
        p.record.terminalSerial,
      )
      actionMessage.value = told
    } catch (err) {
      actionError.value = asError(err)
    }
  }

  /** Asks the engine to find out what happened to an unknown outcome ("check again"). */
  async function resolve(): Promise<void> {
    const p = current.value
    if (!p) return
    actionError.value = null
    try {
      const record = await paymentsClient.resolve(p.record.id)
      apply({ ...p, record })
    } catch (err) {
      actionError.value = asError(err)
    }
  }

  /** Shows a known record (e.g. opened from history) as the current one. */
  function show(record: PaymentRecord): void {
    track(record)
    currentId.value = record.id
  }

  // A payment put on screen (started here, opened, focused) is no longer announced.
  watch(currentId, (id) => {
    if (id && announcements.value.some((a) => a.paymentId === id)) dismissAnnouncement(id)
  })

  /** Puts a payment on screen (from its card on the board or its announcement). */
  function focus(id: string): void {
    if (!byId.value[id]) return
    currentId.value = id
    announcements.value = announcements.value.filter((a) => a.paymentId !== id)
    actionMessage.value = null
    actionError.value = null
  }

  /**
   * Back to the form while the current payment keeps running: it stays on the board as a card,
   * so a payment on another terminal can start. Refused for an unknown outcome (it stays on
   * screen until resolved) and for a finished one (`dismiss` is for that).
   */
  function park(): boolean {
    const p = current.value
    if (!p || outcomeOf(p.record) !== 'running') return false
    currentId.value = null
    actionMessage.value = null
    startError.value = null
    return true
  }

  /** Cancel asked from a payment's card on the board (not necessarily the one on screen). */
  async function cancelById(id: string): Promise<void> {
    const p = byId.value[id]
    if (!p) return
    try {
      const { requested: _requested, ...told } = await paymentsClient.cancel(
        p.record.merchantId,
        p.record.terminalSerial,
      )
      cardReplies.value = { ...cardReplies.value, [id]: told }
    } catch (err) {
      cardReplies.value = { ...cardReplies.value, [id]: asError(err) }
    }
  }

  function dismissAnnouncement(id: string): void {
    announcements.value = announcements.value.filter((a) => a.paymentId !== id)
  }

  /** Back to an empty checkout. Refused while the current operation is running or unknown. */
  function dismiss(): boolean {
    const p = current.value
    if (p && !isFinal(p.record)) return false
    currentId.value = null
    actionMessage.value = null
    actionError.value = null
    startError.value = null
    return true
  }

  /** The earlier parts of a split payment, first first (empty when it is not a rest). */
  function partsOf(id: string): PaymentRecord[] {
    const parts: PaymentRecord[] = []
    const seen = new Set([id])
    for (let at = restOf.value[id]; at && !seen.has(at); at = restOf.value[at]) {
      seen.add(at)
      const part = byId.value[at]?.record
      if (part) parts.unshift(part)
    }
    return parts
  }

  return {
    byId,
    currentId,
    current,
    active,
    starting,
    startError,
    actionMessage,
    actionError,
    restOf,
    partsOf,
    announcements,
    cardReplies,
    apply,
    focus,
    park,
    cancelById,
    dismissAnnouncement,
    init,
    stop,
    start,
    cancel,
    resolve,
    show,
    dismiss,
  }
})
