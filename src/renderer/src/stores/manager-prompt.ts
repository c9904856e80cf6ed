import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { Message } from '@shared/contract'

/** Refusals a manager's PIN can turn into an approval: the prompt opens (or stays open) for these. */
export const MANAGER_CODES: readonly string[] = [
  'manager_approval_required',
  'ceiling_change_needs_manager',
  'manager_pin_wrong',
  'manager_pin_locked',
]

export const needsManager = (problem: Message | null | undefined): boolean =>
  !!problem && MANAGER_CODES.includes(problem.code)

/**
 * Sends the same request again with the PIN; resolves with what main said if it refused again
 * (null when it went through). The PIN is handed over once and never kept.
 */
export type RetryWithPin = (pin: string) => Promise<Message | null>

/**
 * The one manager PIN prompt of the app: a refund or reversal above the merchant's ceiling (from
 * the checkout or a History follow-up), or a change that lifts a ceiling. Main decides and says
 * why; this only holds what to send again once the manager typed the PIN.
 */
export const useManagerPromptStore = defineStore('managerPrompt', () => {
  const problem = ref<Message | null>(null)
  const busy = ref(false)
  let retry: RetryWithPin | null = null
  const open = computed(() => problem.value !== null)

  /** Opens the prompt for `refusal` (a manager code), or updates it when already open. */
  function ask(refusal: Message, again: RetryWithPin): void {
    problem.value = refusal
    retry = again
  }

  async function approve(pin: string): Promise<void> {
    const again = retry
    if (!again || busy.value) return
    busy.value = true
    try {
      const next = await again(pin)
      if (needsManager(next)) problem.value = next
      else close()
    } finally {
      busy.value = false
    }
  }

  function close(): void {
    problem.value = null
    retry = null
  }

  return { problem, busy, open, ask, approve, cancel: close }
})
