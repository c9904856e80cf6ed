import { defineStore } from 'pinia'
import { reactive, ref } from 'vue'
import type { HistoryQuery, Message, PaymentRecord } from '@shared/contract'
import { toMessage } from '../lib/errors'
import { paymentsClient } from '../api/payments-client'
import { isIsoDate } from '../lib/dates'
import { majorToMinor } from '../lib/money'
import type { Settlement } from '../lib/settlement'
import { moneyClient } from '../api/money-client'

export interface HistoryFilters {
  /** yyyy-mm-dd from the date fields (local calendar day); other text is what was typed. */
  from: string
  to: string
  status: string
  /** Major units as typed. */
  amount: string
  lastFour: string
  reference: string
  terminal: string
}

const emptyFilters = (): HistoryFilters => ({
  from: '',
  to: '',
  status: '',
  amount: '',
  lastFour: '',
  reference: '',
  terminal: '',
})

const dayStart = (d: string): number | undefined => {
  const t = new Date(`${d}T00:00:00`).getTime()
  return Number.isNaN(t) ? undefined : t
}

/** Builds the contract query from what the cashier typed; invalid fields are reported, not sent. */
export function buildQuery(
  f: HistoryFilters,
  merchantId: string | undefined,
  currency: string,
): { query: HistoryQuery; invalid: (keyof HistoryFilters)[] } {
  const invalid: (keyof HistoryFilters)[] = []
  const query: HistoryQuery = { limit: 100 }
  if (merchantId) query.merchantId = merchantId
  if (f.from) {
    const start = isIsoDate(f.from) ? dayStart(f.from) : undefined
    if (start === undefined) invalid.push('from')
    else query.from = start
  }
  if (f.to) {
    const end = isIsoDate(f.to) ? dayStart(f.to) : undefined
    if (end === undefined) invalid.push('to')
    else query.to = end + 24 * 3600 * 1000 - 1
  }
  if (f.status) query.states = f.status === 'unknown' ? ['unknown', 'resolving'] : [f.status]
  if (f.amount.trim()) {
    const minor = majorToMinor(f.amount, currency)
    if (minor === undefined) invalid.push('amount')
    else query.amountMinor = minor
  }
  if (f.lastFour.trim()) {
    if (/^\d{4}$/.test(f.lastFour.trim())) query.lastFour = f.lastFour.trim()
    else invalid.push('lastFour')
  }
  if (f.reference.trim()) query.reference = f.reference.trim()
  if (f.terminal.trim()) query.terminalSerial = f.terminal.trim()
  return { query, invalid }
}

export const useHistoryStore = defineStore('history', () => {
  const filters = reactive<HistoryFilters>(emptyFilters())
  const items = ref<PaymentRecord[]>([])
  const total = ref(0)
  const loading = ref(false)
  const error = ref<Message | null>(null)
  const invalid = ref<(keyof HistoryFilters)[]>([])
  const selectedId = ref<string | null>(null)

  async function search(merchantId: string | undefined, currency: string): Promise<void> {
    const built = buildQuery(filters, merchantId, currency)
    invalid.value = built.invalid
    if (built.invalid.length) return
    loading.value = true
    error.value = null
    try {
      const page = await paymentsClient.searchHistory(built.query)
      await readSettlements(page.items.map((r) => r.id))
      items.value = page.items
      total.value = page.total
      if (selectedId.value && !page.items.some((r) => r.id === selectedId.value)) {
        selectedId.value = null
      }
    } catch (err) {
      error.value = toMessage(err)
    } finally {
      loading.value = false
    }
  }

  function clear(): void {
    Object.assign(filters, emptyFilters())
    invalid.value = []
  }

  /**
   * What main's money rules say about the payments listed (what is left, what may follow),
   * read with every search and again for the one opened, so a refund a minute ago counts.
   */
  const settlements = ref<Record<string, Settlement>>({})

  async function readSettlements(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return
    const answers = await moneyClient.settlements([...ids])
    const next = { ...settlements.value }
    for (const id of ids) delete next[id]
    for (const answer of answers) next[answer.paymentId] = answer
    settlements.value = next
  }

  /** What is left of an original to refund or capture, read fresh from main. */
  async function remainingOf(original: PaymentRecord): Promise<string | undefined> {
    await readSettlements([original.id])
    return settlements.value[original.id]?.leftMinor
  }

  return {
    filters,
    items,
    total,
    loading,
    error,
    invalid,
    selectedId,
    settlements,
    search,
    clear,
    remainingOf,
  }
})
