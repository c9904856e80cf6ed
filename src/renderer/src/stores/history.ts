import { defineStore } from 'pinia'
import { computed, reactive, ref } from 'vue'
import type { HistoryQuery, Message, PaymentRecord } from '@shared/contract'
import { toMessage } from '../lib/errors'
import { paymentsClient } from '../api/payments-client'
import { isIsoDate } from '../lib/dates'
import { majorToMinor } from '../lib/money'
import { paidMinorOf } from '../lib/outcome'
import { settlementOf, type Settlement } from '../lib/settlement'

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
      const [page] = await Promise.all([
        paymentsClient.searchHistory(built.query),
        readJournal(merchantId),
      ])
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
   * The merchant's recent payments, read fresh with every search: the follow-ups (refunds,
   * reversals, captures) that say what became of the payments listed, also those the filters
   * leave out. Main's own "what is left" answer replaces this read once main offers one.
   */
  const journal = ref<PaymentRecord[]>([])
  const settlements = computed<Record<string, Settlement>>(() => {
    const out: Record<string, Settlement> = {}
    for (const r of items.value) {
      const settled = settlementOf(r, journal.value)
      if (settled) out[r.id] = settled
    }
    return out
  })

  async function readJournal(merchantId: string | undefined): Promise<void> {
    const page = await paymentsClient.searchHistory({
      ...(merchantId ? { merchantId } : {}),
      limit: 500,
    })
    journal.value = page.items
  }

  /** What is left of an original to refund or capture, read fresh (a refund a minute ago counts). */
  async function remainingOf(original: PaymentRecord): Promise<string | undefined> {
    await readJournal(original.merchantId)
    return settlementOf(original, journal.value)?.leftMinor ?? paidMinorOf(original)
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
